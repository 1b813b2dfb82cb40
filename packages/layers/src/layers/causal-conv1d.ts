import * as tf from '@tensorflow/tfjs';
import {
  type ActivationFn,
  type ActivationName,
  type Constraint,
  type ConstraintIdentifier,
  describeValue,
  expectRank3,
  type Initializer,
  type InitializerIdentifier,
  type LayerArgs,
  type Regularizer,
  type RegularizerIdentifier,
  readInt,
  resolveActivation,
  resolveConstraint,
  resolveInitializer,
  resolveRegularizer,
  type SymbolicShape,
  serializeObject,
  singleTensor,
} from './common';
import { trainingKernelsInstalled } from '../backend/register';

/** Options of {@link CausalConv1D}: Keras `Conv1D`'s, with `padding: 'causal'`. */
export interface CausalConv1DArgs extends LayerArgs {
  /** Number of output channels (integer ≥ 1). Required. */
  filters: number;
  /** Taps per kernel (integer ≥ 1, or Keras's one-element array). Required. */
  kernelSize: number | number[];
  /** Output stride in samples (integer ≥ 1). Default 1. Keras forbids strides > 1 with dilationRate > 1, so do we. */
  strides?: number | number[];
  /** Must be `'causal'` (the default); for `'valid'`/`'same'` use {@link conv1d}. */
  padding?: 'causal';
  /** Spacing between taps in samples (integer ≥ 1). Default 1. */
  dilationRate?: number | number[];
  /** Must be `'channelsLast'` (the default): input `[batch, time, channels]`. */
  dataFormat?: 'channelsLast';
  /** Activation after the convolution and bias. Default `'linear'`. */
  activation?: ActivationName | string;
  /** Whether to add a bias per filter. Default true. */
  useBias?: boolean;
  /** Kernel initializer (shape `[kernelSize, inChannels, filters]`). Default `'glorotUniform'`. */
  kernelInitializer?: InitializerIdentifier;
  /** Bias initializer. Default `'zeros'`. */
  biasInitializer?: InitializerIdentifier;
  /** Kernel regularizer. Default none. */
  kernelRegularizer?: RegularizerIdentifier | null;
  /** Bias regularizer. Default none. */
  biasRegularizer?: RegularizerIdentifier | null;
  /** Kernel constraint. Default none. */
  kernelConstraint?: ConstraintIdentifier | null;
  /** Bias constraint. Default none. */
  biasConstraint?: ConstraintIdentifier | null;
  /** Keras's grouped convolution: only 1 is supported. */
  groups?: number;
  /** Not supported by tfjs layers: must be null or omitted. */
  activityRegularizer?: null;
}

/** The resolved configuration of a {@link CausalConv1D}. */
export interface CausalConv1DConfig {
  readonly filters: number;
  readonly kernelSize: number;
  readonly strides: number;
  readonly dilationRate: number;
  readonly activation: ActivationName;
  readonly useBias: boolean;
}

function checkArgsObject(args: CausalConv1DArgs): CausalConv1DArgs {
  if (args === null || typeof args !== 'object') {
    throw new TypeError(
      `args must be an object with filters and kernelSize, got ${describeValue(args)}`,
    );
  }
  return args;
}

/**
 * Output length of a causal convolution: ⌊(T − 1)/stride⌋ + 1 = ⌈T/stride⌉ for T ≥ 1 input samples.
 */
function causalOutputLength(time: number, strides: number): number {
  return Math.floor((time - 1) / strides) + 1;
}

/** The attributes of the causal layer's `Conv2D` (tfjs's names). */
interface CausalConvAttrs {
  strides: [number, number];
  pad: [[number, number], [number, number], [number, number], [number, number]];
  dataFormat: 'NHWC';
  dilations: [number, number];
}

/**
 * Keras `Conv1D` with `padding: 'causal'`, which tfjs 4.22 refuses (tfjs issue #1040):
 *
 *     y[t, o] = act( b[o] + Σ_{j<k} Σ_i w[j, i, o] · x_p[t·stride + j·d, i] )
 *
 * where x_p is x left-padded with (k − 1)·d zeros, so y[t] depends on x[≤ t·stride] only.
 * Cross-correlation, no kernel flip, kernel shape `[kernelSize, inChannels, filters]`, weights named
 * `kernel` and `bias` as in Keras. Computed as one `conv2d` with an explicit left pad of
 * (k − 1)·d. With dilationRate > 1 and without `registerTrainingKernels()` (tfjs's stock
 * gradient refuses dilations) it is computed on d interleaved phases with an undilated kernel.
 *
 * @example
 * ```ts
 * const conv = new CausalConv1D({ filters: 32, kernelSize: 5, dilationRate: 2, activation: 'relu' });
 * const y = conv.apply(tf.zeros([1, 256, 1])) as tf.Tensor; // [1, 256, 32]
 * ```
 */
export class CausalConv1D extends tf.layers.Layer {
  /** @inheritDoc */
  static className = 'CausalConv1D';
  /** The resolved configuration. */
  readonly config: CausalConv1DConfig;
  private readonly activationFn: ActivationFn;
  private readonly kernelInitializer: Initializer;
  private readonly biasInitializer: Initializer;
  private readonly kernelRegularizer: Regularizer | undefined;
  private readonly biasRegularizer: Regularizer | undefined;
  private readonly kernelConstraint: Constraint | undefined;
  private readonly biasConstraint: Constraint | undefined;
  private kernel: tf.LayerVariable | null = null;
  private bias: tf.LayerVariable | null = null;

  /**
   * @param args - see {@link CausalConv1DArgs}.
   * @throws RangeError for filters/kernelSize/strides/dilationRate that are not integers ≥ 1,
   *   strides > 1 together with dilationRate > 1, a padding other than `'causal'`, an unknown
   *   activation/initializer/regularizer/constraint, or an unsupported dataFormat/groups.
   */
  constructor(args: CausalConv1DArgs) {
    super(checkArgsObject(args));
    const filters = readInt('filters', args.filters, undefined, 1);
    const kernelSize = readInt('kernelSize', args.kernelSize, undefined, 1);
    const strides = readInt('strides', args.strides, 1, 1);
    const dilationRate = readInt('dilationRate', args.dilationRate, 1, 1);
    if (strides > 1 && dilationRate > 1) {
      throw new RangeError(
        `strides and dilationRate cannot both exceed 1 (as in Keras), got strides ${strides} and dilationRate ${dilationRate}`,
      );
    }
    if (args.padding !== undefined && args.padding !== 'causal') {
      throw new RangeError(
        `padding must be 'causal' for CausalConv1D (use conv1d() for 'valid' or 'same'), got ${describeValue(args.padding)}`,
      );
    }
    if (args.dataFormat !== undefined && args.dataFormat !== 'channelsLast') {
      throw new RangeError(
        `dataFormat must be 'channelsLast', got ${describeValue(args.dataFormat)}`,
      );
    }
    if (args.groups !== undefined && args.groups !== 1) {
      throw new RangeError(
        `groups must be 1 (grouped convolution is not supported), got ${describeValue(args.groups)}`,
      );
    }
    if (args.activityRegularizer !== undefined && args.activityRegularizer !== null) {
      throw new RangeError(
        `activityRegularizer must be null (tfjs layers do not support activity regularizers), got ${describeValue(args.activityRegularizer)}`,
      );
    }
    const activation = resolveActivation('activation', args.activation);
    this.activationFn = activation.fn;
    this.kernelInitializer = resolveInitializer(
      'kernelInitializer',
      args.kernelInitializer,
      'glorotUniform',
    );
    this.biasInitializer = resolveInitializer('biasInitializer', args.biasInitializer, 'zeros');
    this.kernelRegularizer = resolveRegularizer('kernelRegularizer', args.kernelRegularizer);
    this.biasRegularizer = resolveRegularizer('biasRegularizer', args.biasRegularizer);
    this.kernelConstraint = resolveConstraint('kernelConstraint', args.kernelConstraint);
    this.biasConstraint = resolveConstraint('biasConstraint', args.biasConstraint);
    this.config = {
      filters,
      kernelSize,
      strides,
      dilationRate,
      activation: activation.name,
      useBias: args.useBias ?? true,
    };
  }

  /**
   * Creates `kernel` `[kernelSize, inChannels, filters]` and, with `useBias`, `bias` `[filters]`.
   *
   * @throws RangeError when the input is not rank 3, its channels are unknown, or it has no samples.
   */
  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = this.checkInputShape(inputShape);
    const channels = shape[2];
    if (channels === null || channels === undefined) {
      throw new RangeError(
        `${this.name}: the channel count must be known, got shape ${describeValue(shape)}`,
      );
    }
    const { kernelSize, filters, useBias } = this.config;
    this.kernel = this.addWeight(
      'kernel',
      [kernelSize, channels, filters],
      'float32',
      this.kernelInitializer,
      this.kernelRegularizer,
      true,
      this.kernelConstraint,
    );
    if (useBias) {
      this.bias = this.addWeight(
        'bias',
        [filters],
        'float32',
        this.biasInitializer,
        this.biasRegularizer,
        true,
        this.biasConstraint,
      );
    }
    this.built = true;
  }

  /** `[batch, ⌈time/strides⌉, filters]`. @throws RangeError when the input is not rank 3 or has no samples. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const shape = this.checkInputShape(inputShape);
    const time = shape[1];
    return [
      shape[0] ?? null,
      time === null || time === undefined ? null : causalOutputLength(time, this.config.strides),
      this.config.filters,
    ];
  }

  /**
   * act(causal convolution + bias). With `activation: 'relu'`, no bias and
   * `registerTrainingKernels()` run, the ReLU is fused into the convolution (one `FusedConv2D`,
   * whose output clamp is the ReLU; on wasm one XNNPACK operator instead of a `Conv2D` and a
   * `Relu` kernel): the same floats, and the same gradient (dy·step(y), then the `Conv2D`
   * gradient, as the unfused tape computes it).
   */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs) as tf.Tensor3D;
      const { activation, useBias } = this.config;
      if (activation === 'relu' && !useBias && trainingKernelsInstalled()) {
        return this.convolve(x, 'relu');
      }
      return this.activationFn.apply(this.preActivation(x));
    });
  }

  /**
   * The convolution plus bias before the activation, for probes.
   *
   * @param x - input `[batch, time, inChannels]` (a concrete tensor).
   * @returns `[batch, ⌈time/strides⌉, filters]`; the caller owns it.
   * @throws Error when the layer is not built yet.
   */
  preActivation(x: tf.Tensor3D): tf.Tensor3D {
    if (!this.kernel) {
      throw new Error(
        `${this.name}: preActivation needs a built layer (apply it to an input first)`,
      );
    }
    const kernel = this.kernel;
    const bias = this.bias;
    return tf.tidy(() => {
      const { kernelSize, dilationRate } = this.config;
      const [batch, time, channels] = x.shape;
      this.checkTime(time);
      const w = kernel.read() as tf.Tensor3D;
      const lead = (kernelSize - 1) * dilationRate;
      let y: tf.Tensor3D;
      if (dilationRate === 1 || trainingKernelsInstalled()) {
        y = this.convolve(x, 'linear');
      } else {
        // Dilated conv as an undilated conv over the d interleaved phases of the padded input.
        const d = dilationRate;
        const padded = lead + time;
        const tail = (d - (padded % d)) % d;
        const phaseLength = (padded + tail) / d;
        const xp = tf.pad(x, [
          [0, 0],
          [lead, tail],
          [0, 0],
        ]);
        const phases = tf
          .transpose(tf.reshape(xp, [batch, phaseLength, d, channels]), [0, 2, 1, 3])
          .reshape([batch * d, phaseLength, channels]) as tf.Tensor3D;
        const conv = tf.conv1d(phases, w, 1, 'valid');
        const outPerPhase = phaseLength - kernelSize + 1;
        const filters = this.config.filters;
        const merged = tf
          .transpose(tf.reshape(conv, [batch, d, outPerPhase, filters]), [0, 2, 1, 3])
          .reshape([batch, outPerPhase * d, filters]) as tf.Tensor3D;
        y = tf.slice(merged, [0, 0, 0], [batch, time, filters]);
      }
      return bias ? tf.add(y, bias.read()) : y;
    });
  }

  private checkTime(time: number): void {
    if (time < 1) {
      throw new RangeError(`${this.name}: input must have at least 1 time step, got ${time}`);
    }
  }

  /**
   * The causal convolution, without bias, followed by `activation` ('linear' or 'relu'), as one
   * conv2d over [batch, 1, time, channels] with an explicit causal left pad: no PadV2 forward
   * and no Slice backward. Dilated, it needs registerTrainingKernels()'s Conv2D gradient
   * (tfjs's stock gradient refuses dilations).
   */
  private convolve(x: tf.Tensor3D, activation: 'linear' | 'relu'): tf.Tensor3D {
    if (!this.kernel) {
      throw new Error(`${this.name}: the layer must be built before it is called`);
    }
    const { kernelSize, strides, dilationRate, filters } = this.config;
    const [batch, time, channels] = x.shape;
    this.checkTime(time);
    const x4 = tf.reshape(x, [batch, 1, time, channels]) as tf.Tensor4D;
    const w4 = tf.reshape(this.kernel.read(), [1, kernelSize, channels, filters]) as tf.Tensor4D;
    const attrs: CausalConvAttrs = {
      strides: [1, strides],
      pad: [
        [0, 0],
        [0, 0],
        [(kernelSize - 1) * dilationRate, 0],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations: [1, dilationRate],
    };
    // Run as a kernel, not through tf.fused.conv2d, whose customGrad would replace the
    // FusedConv2D gradient that registerTrainingKernels() installs (the tape computes only the
    // gradients it needs, e.g. no input gradient for a first layer).
    const y4 =
      activation === 'relu'
        ? (tf.engine().runKernel('FusedConv2D', { x: x4, filter: w4 }, {
            ...attrs,
            activation: 'relu',
          } as unknown as tf.NamedAttrMap) as tf.Tensor4D)
        : tf.conv2d(x4, w4, attrs.strides, attrs.pad, attrs.dataFormat, attrs.dilations);
    return tf.reshape(y4, [batch, y4.shape[2], filters]) as tf.Tensor3D;
  }

  /** The Keras `Conv1D` config with `padding: 'causal'`, plus the base layer's. */
  override getConfig(): tf.serialization.ConfigDict {
    const { filters, kernelSize, strides, dilationRate, activation, useBias } = this.config;
    return {
      filters,
      kernelSize: [kernelSize],
      strides: [strides],
      padding: 'causal',
      dataFormat: 'channelsLast',
      dilationRate: [dilationRate],
      activation,
      useBias,
      kernelInitializer: serializeObject(this.kernelInitializer),
      biasInitializer: serializeObject(this.biasInitializer),
      kernelRegularizer: serializeObject(this.kernelRegularizer),
      biasRegularizer: serializeObject(this.biasRegularizer),
      kernelConstraint: serializeObject(this.kernelConstraint),
      biasConstraint: serializeObject(this.biasConstraint),
      ...super.getConfig(),
    } as tf.serialization.ConfigDict;
  }

  private checkInputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const shape = expectRank3(this.name, inputShape);
    const time = shape[1];
    if (time !== null && time !== undefined && time < 1) {
      const { kernelSize, dilationRate } = this.config;
      const width = (kernelSize - 1) * dilationRate + 1;
      throw new RangeError(
        `${this.name}: the kernel (width (kernelSize − 1)·dilationRate + 1 = ${width}) is wider than the padded input (${time} + ${width - 1} = ${time + width - 1} samples); the input needs at least 1 time step, got ${time}`,
      );
    }
    return shape;
  }
}
tf.serialization.registerClass(CausalConv1D);

/**
 * Creates a {@link CausalConv1D} (Keras `Conv1D` with `padding: 'causal'`).
 *
 * @param args - see {@link CausalConv1DArgs}.
 * @returns the layer.
 * @throws RangeError as {@link CausalConv1D}'s constructor.
 * @example
 * ```ts
 * model.add(causalConv1d({ filters: 32, kernelSize: 3, useBias: false, activation: 'relu', inputShape: [256, 1] }));
 * ```
 */
export function causalConv1d(args: CausalConv1DArgs): CausalConv1D {
  return new CausalConv1D(args);
}

/** Options of {@link conv1d}: tfjs's `tf.layers.conv1d` options, where `padding` may also be `'causal'`. */
export type Conv1DArgs = Parameters<typeof tf.layers.conv1d>[0];

/**
 * Keras-style `Conv1D` factory: `padding: 'causal'` gives a {@link CausalConv1D}, `'valid'` and
 * `'same'` give tfjs's own `tf.layers.conv1d`.
 *
 * @param args - `tf.layers.conv1d` options.
 * @returns the layer.
 * @throws RangeError for dilationRate < 1, or, with `padding: 'valid'` and a known input length
 *   (`inputShape`/`batchInputShape`), when the kernel's width (kernelSize − 1)·dilationRate + 1
 *   exceeds it.
 * @example
 * ```ts
 * const conv = conv1d({ filters: 8, kernelSize: 3, padding: 'causal', dilationRate: 2 });
 * ```
 */
export function conv1d(args: Conv1DArgs): CausalConv1D | tf.layers.Layer {
  if (args.padding === 'causal') return new CausalConv1D(args as CausalConv1DArgs);
  const kernelSize = readInt('kernelSize', args.kernelSize, undefined, 1);
  const dilationRate = readInt('dilationRate', args.dilationRate, 1, 1);
  const time = args.inputShape?.[0] ?? args.batchInputShape?.[1];
  const width = (kernelSize - 1) * dilationRate + 1;
  if ((args.padding ?? 'valid') === 'valid' && typeof time === 'number' && width > time) {
    throw new RangeError(
      `kernel width (kernelSize − 1)·dilationRate + 1 = ${width} must not exceed the input length with padding 'valid', got input length ${time}`,
    );
  }
  return tf.layers.conv1d(args);
}
