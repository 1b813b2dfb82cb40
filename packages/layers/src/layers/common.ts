import * as tf from '@tensorflow/tfjs';

/** The base-layer options every tfjs layer accepts (`name`, `inputShape`, `trainable`, …). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** A tfjs weight initializer (what `tf.initializers.glorotUniform({})` returns). */
export type Initializer = ReturnType<typeof tf.initializers.ones>;
/** A tfjs weight regularizer (what `tf.regularizers.l2()` returns). */
export type Regularizer = ReturnType<typeof tf.regularizers.l1l2>;
/** A tfjs weight constraint (what `tf.constraints.nonNeg()` returns). */
export type Constraint = ReturnType<typeof tf.constraints.nonNeg>;

/** A serialized Keras/tfjs object: `{ className, config }`. */
export interface SerializedObject {
  className: string;
  config?: Record<string, unknown>;
}

/** How an initializer may be given: a name (`'glorotUniform'`, `'glorot_uniform'`), an instance, or a serialized object. */
export type InitializerIdentifier = string | Initializer | SerializedObject;
/** How a regularizer may be given: `'l1'`, `'l2'`, `'l1l2'` (Keras's 0.01 defaults), an instance, or a serialized object. */
export type RegularizerIdentifier = string | Regularizer | SerializedObject;
/** How a constraint may be given: a name (`'nonNeg'`, `'unitNorm'`, …), an instance, or a serialized object. */
export type ConstraintIdentifier = string | Constraint | SerializedObject;

/** Activation names accepted by the layers of this package (tfjs's own set). */
export const ACTIVATIONS = [
  'elu',
  'hardSigmoid',
  'linear',
  'relu',
  'relu6',
  'selu',
  'sigmoid',
  'softmax',
  'softplus',
  'softsign',
  'tanh',
  'swish',
  'mish',
  'gelu',
  'gelu_new',
] as const;
/** One of {@link ACTIVATIONS}. */
export type ActivationName = (typeof ACTIVATIONS)[number];

/** A resolved activation function (tfjs's activation objects). */
export interface ActivationFn {
  apply(x: tf.Tensor, axis?: number): tf.Tensor;
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/** Formats a received value for an error message (`'text'`, `[1, 2]`, JSON for objects). */
export const describeValue = show;

/** Normalizes a name for lookup: case-insensitive, underscores ignored (`glorot_uniform` ≡ `GlorotUniform`). */
function key(name: string): string {
  return name.replace(/_/g, '').toLowerCase();
}

function classNameMap(): Record<string, [unknown, (cls: unknown, config: unknown) => unknown]> {
  return tf.serialization.SerializationMap.getMap().classNameMap as unknown as Record<
    string,
    [unknown, (cls: unknown, config: unknown) => unknown]
  >;
}

function fromSerialized<T>(param: string, id: SerializedObject): T {
  const entry = classNameMap()[id.className];
  if (!entry) {
    throw new RangeError(
      `${param} must name a registered class, got className ${show(id.className)}`,
    );
  }
  const [cls, fromConfig] = entry;
  return fromConfig(cls, id.config ?? {}) as T;
}

function isSerialized(value: unknown): value is SerializedObject {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { className?: unknown }).className === 'string' &&
    typeof (value as { apply?: unknown }).apply !== 'function'
  );
}

function isInstance(value: unknown): boolean {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as { apply?: unknown }).apply === 'function' &&
    typeof (value as { getClassName?: unknown }).getClassName === 'function'
  );
}

const initializerFactories: Record<string, () => Initializer> = {
  zeros: () => tf.initializers.zeros(),
  ones: () => tf.initializers.ones(),
  glorotuniform: () => tf.initializers.glorotUniform({}),
  glorotnormal: () => tf.initializers.glorotNormal({}),
  heuniform: () => tf.initializers.heUniform({}),
  henormal: () => tf.initializers.heNormal({}),
  lecununiform: () => tf.initializers.leCunUniform({}),
  lecunnormal: () => tf.initializers.leCunNormal({}),
  randomuniform: () => tf.initializers.randomUniform({}),
  randomnormal: () => tf.initializers.randomNormal({}),
  truncatednormal: () => tf.initializers.truncatedNormal({}),
  orthogonal: () => tf.initializers.orthogonal({}),
  identity: () => tf.initializers.identity({}),
  variancescaling: () => tf.initializers.varianceScaling({}),
};

/**
 * Resolves an initializer identifier to a tfjs initializer.
 *
 * @param param - parameter name for error messages.
 * @param id - a name, an instance, a serialized object or `undefined`.
 * @param fallback - name used when `id` is `undefined`.
 * @throws RangeError for an unknown name or class.
 */
export function resolveInitializer(
  param: string,
  id: InitializerIdentifier | undefined | null,
  fallback: string,
): Initializer {
  const value = id ?? fallback;
  if (typeof value === 'string') {
    const factory = initializerFactories[key(value)];
    if (!factory) {
      throw new RangeError(
        `${param} must be one of ${Object.keys(initializerFactories).join(', ')} (case and underscores ignored), an Initializer or { className, config }, got ${show(value)}`,
      );
    }
    return factory();
  }
  if (isInstance(value)) return value as Initializer;
  if (isSerialized(value)) return fromSerialized<Initializer>(param, value);
  throw new TypeError(
    `${param} must be a name, an Initializer or { className, config }, got ${show(value)}`,
  );
}

/**
 * Resolves a regularizer identifier (or `undefined` → none).
 *
 * @throws RangeError for an unknown name or class.
 */
export function resolveRegularizer(
  param: string,
  id: RegularizerIdentifier | undefined | null,
): Regularizer | undefined {
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'string') {
    switch (key(id)) {
      case 'l1':
        return tf.regularizers.l1({ l1: 0.01 });
      case 'l2':
        return tf.regularizers.l2({ l2: 0.01 });
      case 'l1l2':
        return tf.regularizers.l1l2({ l1: 0.01, l2: 0.01 });
      default:
        throw new RangeError(
          `${param} must be 'l1', 'l2', 'l1l2', a Regularizer or { className, config }, got ${show(id)}`,
        );
    }
  }
  if (isInstance(id)) return id as Regularizer;
  if (isSerialized(id)) {
    const config = id.config ?? {};
    if (id.className === 'L1') return tf.regularizers.l1({ l1: Number(config.l1 ?? 0.01) });
    if (id.className === 'L2') return tf.regularizers.l2({ l2: Number(config.l2 ?? 0.01) });
    return fromSerialized<Regularizer>(param, id);
  }
  throw new TypeError(
    `${param} must be a name, a Regularizer or { className, config }, got ${show(id)}`,
  );
}

const constraintFactories: Record<string, () => Constraint> = {
  maxnorm: () => tf.constraints.maxNorm({ maxValue: 2 }),
  minmaxnorm: () => tf.constraints.minMaxNorm({}),
  nonneg: () => tf.constraints.nonNeg(),
  unitnorm: () => tf.constraints.unitNorm({}),
};

/**
 * Resolves a constraint identifier (or `undefined` → none).
 *
 * @throws RangeError for an unknown name or class.
 */
export function resolveConstraint(
  param: string,
  id: ConstraintIdentifier | undefined | null,
): Constraint | undefined {
  if (id === undefined || id === null) return undefined;
  if (typeof id === 'string') {
    const factory = constraintFactories[key(id)];
    if (!factory) {
      throw new RangeError(
        `${param} must be one of maxNorm, minMaxNorm, nonNeg, unitNorm, a Constraint or { className, config }, got ${show(id)}`,
      );
    }
    return factory();
  }
  if (isInstance(id)) return id as Constraint;
  if (isSerialized(id)) return fromSerialized<Constraint>(param, id);
  throw new TypeError(
    `${param} must be a name, a Constraint or { className, config }, got ${show(id)}`,
  );
}

/**
 * Resolves an activation name to tfjs's activation function.
 *
 * @throws RangeError for a name outside {@link ACTIVATIONS}.
 */
export function resolveActivation(
  param: string,
  name: string | undefined | null,
): {
  name: ActivationName;
  fn: ActivationFn;
} {
  const value = name ?? 'linear';
  const found = ACTIVATIONS.find((a) => a === value || key(a) === key(String(value)));
  if (typeof value !== 'string' || !found) {
    throw new RangeError(`${param} must be one of ${ACTIVATIONS.join(', ')}, got ${show(value)}`);
  }
  return { name: found, fn: fromSerialized<ActivationFn>(param, { className: found }) };
}

/** Serializes a tfjs object the way tfjs-layers does (`{ className, config }`), or `null`. */
export function serializeObject(
  value: { getClassName(): string; getConfig(): object } | undefined,
): SerializedObject | null {
  if (value === undefined) return null;
  return { className: value.getClassName(), config: value.getConfig() as Record<string, unknown> };
}

/**
 * Reads a Keras-style integer-or-singleton-array argument (`kernelSize: 3` or `[3]`).
 *
 * @throws RangeError unless the value is an integer ≥ `min` (or a one-element array of one).
 */
export function readInt(
  param: string,
  value: unknown,
  fallback: number | undefined,
  min: number,
): number {
  const raw = value === undefined || value === null ? fallback : value;
  const scalar = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
  if (typeof scalar !== 'number' || !Number.isInteger(scalar) || scalar < min) {
    throw new RangeError(
      `${param} must be an integer >= ${min} (or a one-element array of one), got ${show(raw)}`,
    );
  }
  return scalar;
}

/**
 * Reads a finite number.
 *
 * @throws RangeError unless `value` is a finite number.
 */
export function readFinite(param: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RangeError(`${param} must be a finite number, got ${show(value)}`);
  }
  return value;
}

/** A shape as tfjs layers see it: `(number | null)[]`. */
export type SymbolicShape = (number | null)[];

/**
 * Checks that a layer input is `[batch, time, channels]` and returns it.
 *
 * @throws RangeError when the input is not rank 3 or several inputs are given.
 */
export function expectRank3(
  layer: string,
  inputShape: SymbolicShape | SymbolicShape[],
): SymbolicShape {
  if (Array.isArray(inputShape[0]) || (inputShape.length > 0 && inputShape[0] === undefined)) {
    throw new RangeError(`${layer}: expects exactly one input, got ${show(inputShape)}`);
  }
  const shape = inputShape as SymbolicShape;
  if (shape.length !== 3) {
    throw new RangeError(
      `${layer}: input must be rank 3 [batch, time, channels], got rank ${shape.length} (shape ${show(shape)})`,
    );
  }
  return shape;
}

/** Returns the single tensor of a layer's `call` inputs. */
export function singleTensor(layer: string, inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  const x = Array.isArray(inputs) ? inputs : [inputs];
  if (x.length !== 1 || !x[0]) {
    throw new RangeError(`${layer}: expects exactly one input tensor, got ${x.length}`);
  }
  if (x[0].rank !== 3) {
    throw new RangeError(
      `${layer}: input must be rank 3 [batch, time, channels], got rank ${x[0].rank} (shape ${show(x[0].shape)})`,
    );
  }
  return x[0];
}
