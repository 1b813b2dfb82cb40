import * as tf from '@tensorflow/tfjs';
import { conv1d } from '../layers/causal-conv1d';
import { resolveActivation } from '../layers/common';
import { KerasImportError } from './errors';
import { KerasMultiHeadAttention } from './multi-head-attention';

/** A Keras layer entry of a `model_config`, as Keras writes it (snake_case, unvalidated). */
export interface KerasLayerJson {
  /** Keras class, e.g. `'Conv1D'`, `'Functional'`. */
  class_name: string;
  /** The layer's own config (`name`, `filters`, `kernel_size`, …). */
  config: Record<string, unknown>;
  /** The layer name (Functional models). */
  name?: string;
  /** Calls of the layer inside a Functional model. */
  inbound_nodes?: unknown[];
}

/**
 * Makes a tfjs layer for a Keras layer type that {@link loadKerasH5} does not map itself.
 * Weights are assigned afterwards, in the order of the returned layer's `weights`, from the
 * layer's group in the file (matched by name `<layer>/<weight>` first, by order otherwise).
 *
 * @param config - the Keras layer's `config` (snake_case keys, as in the file).
 * @param name - the name the tfjs layer must have (nested layers: `'block1/my_layer'`).
 * @returns a tfjs layer.
 */
export type KerasLayerFactory = (config: Record<string, unknown>, name: string) => tf.layers.Layer;

/** How one Keras layer of the file fared in {@link loadKerasH5}. */
export interface KerasLayerReport {
  /** Qualified name: nested layers as `'block1/conv1d_2'`. */
  name: string;
  /** Keras class name. */
  className: string;
  /** `built`: in the returned model; `skipped`: supported but not needed (after `upTo`);
   * `unsupported`: no tfjs counterpart, and not needed. */
  status: 'built' | 'skipped' | 'unsupported';
}

/** Keras layer classes {@link loadKerasH5} maps to tfjs layers, besides nested models. */
export const SUPPORTED_KERAS_LAYERS = [
  'InputLayer',
  'Conv1D',
  'Dense',
  'Activation',
  'ReLU',
  'AveragePooling1D',
  'MaxPooling1D',
  'GlobalAveragePooling1D',
  'GlobalMaxPooling1D',
  'Dropout',
  'Flatten',
  'LayerNormalization',
  'BatchNormalization',
  'MultiHeadAttention',
] as const;

/** Keras classes that are models and are inlined (flattened) into the built graph. */
const MODEL_CLASSES = new Set(['Functional', 'Model', 'Sequential']);

const ALIASES: Record<string, string> = {
  Convolution1D: 'Conv1D',
  AvgPool1D: 'AveragePooling1D',
  MaxPool1D: 'MaxPooling1D',
  GlobalAvgPool1D: 'GlobalAveragePooling1D',
  GlobalMaxPool1D: 'GlobalMaxPooling1D',
};

interface Blocker {
  name: string;
  className: string;
  after: string[];
  /** Why no importer can map it, when that is known (Python code, a custom object). */
  note: string;
}

const PYTHON_CODE_LAYERS = new Set(['Lambda', 'TFOpLambda', 'SlicingOpLambda']);

/**
 * Names what a layer without a tfjs counterpart is, when the file says: Python code (a Lambda,
 * or a TensorFlow op recorded as a layer) or a custom object (Keras 3 `registered_name`
 * `'package>Class'`, Keras 2 class names outside Keras).
 */
function blockerNote(
  entry: KerasLayerJson & { registered_name?: unknown; module?: unknown },
): string {
  if (PYTHON_CODE_LAYERS.has(entry.class_name)) {
    return ` It holds Python code (${entry.class_name}), which cannot run outside Python.`;
  }
  const registered = entry.registered_name;
  const module = entry.module;
  if (
    (typeof registered === 'string' && registered.includes('>')) ||
    (typeof module === 'string' && !module.startsWith('keras'))
  ) {
    return ` It is a custom object (${String(registered ?? entry.class_name)}${typeof module === 'string' ? ` from ${module}` : ''}), defined in the model author's Python code.`;
  }
  return '';
}

/** One tensor flowing through the graph, with the Keras layer that produced it. */
interface Port {
  producer: string;
  tensor: tf.SymbolicTensor | null;
  blocker: Blocker | null;
}

/** A tfjs layer made for a Keras layer, with the weight group of the file it reads. */
export interface BuiltLayer {
  layer: tf.layers.Layer;
  className: string;
  group: string;
}

type LayerMaker = (c: Record<string, unknown>, name: string, className: string) => tf.layers.Layer;

function fail(name: string, className: string, message: string): never {
  throw new KerasImportError('bad-config', `layer '${name}' (${className}): ${message}`, {
    name,
    className,
  });
}

function single(c: Record<string, unknown>, key: string, name: string, cls: string): number {
  const raw = c[key];
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (
    typeof value !== 'number' ||
    !Number.isInteger(value) ||
    (Array.isArray(raw) && raw.length !== 1)
  ) {
    fail(name, cls, `${key} must be an integer or a one-element list, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function channelsLast(c: Record<string, unknown>, name: string, cls: string): void {
  const format = c.data_format;
  if (format !== undefined && format !== null && format !== 'channels_last') {
    throw new KerasImportError(
      'unsupported-layer',
      `layer '${name}' (${cls}) uses data_format '${String(format)}'; only 'channels_last' is supported`,
      { name, className: cls },
    );
  }
}

function activationOf(c: Record<string, unknown>, name: string, cls: string): string {
  const raw = c.activation ?? 'linear';
  if (typeof raw !== 'string') {
    throw new KerasImportError(
      'unsupported-layer',
      `layer '${name}' (${cls}) uses activation ${JSON.stringify(raw)}; only built-in activations given by name are supported`,
      { name, className: cls },
    );
  }
  try {
    return resolveActivation('activation', raw).name;
  } catch {
    throw new KerasImportError(
      'unsupported-layer',
      `layer '${name}' (${cls}) uses activation '${raw}', which tfjs does not provide`,
      { name, className: cls },
    );
  }
}

function padding(c: Record<string, unknown>, allowed: string[], name: string, cls: string): string {
  const value = c.padding ?? 'valid';
  if (typeof value !== 'string' || !allowed.includes(value)) {
    fail(name, cls, `padding must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return value;
}

function pooling(kind: 'average' | 'max'): LayerMaker {
  return (c, name, cls) => {
    channelsLast(c, name, cls);
    const poolSize = single(c, 'pool_size', name, cls);
    const strides =
      c.strides === null || c.strides === undefined ? poolSize : single(c, 'strides', name, cls);
    const args = {
      poolSize,
      strides,
      padding: padding(c, ['valid', 'same'], name, cls) as 'valid' | 'same',
      name,
    };
    return kind === 'average' ? tf.layers.averagePooling1d(args) : tf.layers.maxPooling1d(args);
  };
}

function multiHeadAttention(c: Record<string, unknown>, name: string, cls: string) {
  const axes = c.attention_axes;
  const overTime =
    axes === null ||
    axes === undefined ||
    (Array.isArray(axes) && axes.length === 1 && (axes[0] === 1 || axes[0] === -2));
  if (!overTime) {
    fail(
      name,
      cls,
      `attention_axes must be [1] (attention over time), got ${JSON.stringify(axes)}`,
    );
  }
  const outputShape = c.output_shape;
  let outputDim: number | undefined;
  if (outputShape !== null && outputShape !== undefined) {
    outputDim = single(c, 'output_shape', name, cls);
  }
  const int = (key: string): number => single(c, key, name, cls);
  return new KerasMultiHeadAttention({
    numHeads: int('num_heads'),
    keyDim: int('key_dim'),
    valueDim: c.value_dim === null || c.value_dim === undefined ? undefined : int('value_dim'),
    useBias: c.use_bias !== false,
    outputDim,
    name,
  });
}

const MAKERS: Record<string, LayerMaker> = {
  MultiHeadAttention: multiHeadAttention,
  BatchNormalization: (c, name, cls) => {
    const axis = Array.isArray(c.axis) && c.axis.length === 1 ? c.axis[0] : (c.axis ?? -1);
    if (axis !== -1 && axis !== 2) {
      fail(name, cls, `axis must be -1 (the channel axis), got ${JSON.stringify(c.axis)}`);
    }
    return tf.layers.batchNormalization({
      axis: -1,
      epsilon: Number(c.epsilon ?? 0.001),
      momentum: Number(c.momentum ?? 0.99),
      center: c.center !== false,
      scale: c.scale !== false,
      name,
    });
  },
  Conv1D: (c, name, cls) => {
    channelsLast(c, name, cls);
    if (c.groups !== undefined && c.groups !== 1) {
      throw new KerasImportError(
        'unsupported-layer',
        `layer '${name}' (${cls}) is a grouped convolution (groups ${String(c.groups)}); only groups 1 is supported`,
        { name, className: cls },
      );
    }
    return conv1d({
      filters: single(c, 'filters', name, cls),
      kernelSize: single(c, 'kernel_size', name, cls),
      strides: c.strides === undefined ? 1 : single(c, 'strides', name, cls),
      dilationRate: c.dilation_rate === undefined ? 1 : single(c, 'dilation_rate', name, cls),
      padding: padding(c, ['valid', 'same', 'causal'], name, cls) as 'valid' | 'same' | 'causal',
      activation: activationOf(c, name, cls) as 'linear',
      useBias: c.use_bias !== false,
      name,
    });
  },
  Dense: (c, name, cls) =>
    tf.layers.dense({
      units: single(c, 'units', name, cls),
      activation: activationOf(c, name, cls) as 'linear',
      useBias: c.use_bias !== false,
      name,
    }),
  Activation: (c, name, cls) =>
    tf.layers.activation({ activation: activationOf(c, name, cls) as 'linear', name }),
  ReLU: (c, name, cls) => {
    const slope = Number(c.negative_slope ?? 0);
    const threshold = Number(c.threshold ?? 0);
    const maxValue = c.max_value;
    if (threshold !== 0)
      fail(name, cls, `threshold must be 0 (tfjs has no thresholded ReLU), got ${threshold}`);
    if (slope !== 0) {
      if (maxValue !== null && maxValue !== undefined) {
        fail(name, cls, 'negative_slope together with max_value is not supported');
      }
      return tf.layers.leakyReLU({ alpha: slope, name });
    }
    if (maxValue === null || maxValue === undefined) return tf.layers.reLU({ name });
    if (typeof maxValue !== 'number')
      fail(name, cls, `max_value must be a number, got ${JSON.stringify(maxValue)}`);
    return tf.layers.reLU({ maxValue, name });
  },
  AveragePooling1D: pooling('average'),
  MaxPooling1D: pooling('max'),
  GlobalAveragePooling1D: (c, name, cls) => {
    channelsLast(c, name, cls);
    if (c.keepdims === true) fail(name, cls, 'keepdims must be false');
    return tf.layers.globalAveragePooling1d({ name });
  },
  GlobalMaxPooling1D: (c, name, cls) => {
    channelsLast(c, name, cls);
    if (c.keepdims === true) fail(name, cls, 'keepdims must be false');
    return tf.layers.globalMaxPooling1d({ name });
  },
  Dropout: (c, name) => tf.layers.dropout({ rate: Number(c.rate ?? 0), name }),
  Flatten: (c, name, cls) => {
    channelsLast(c, name, cls);
    return tf.layers.flatten({ name });
  },
  LayerNormalization: (c, name, cls) => {
    const axis = c.axis ?? -1;
    const valid =
      (typeof axis === 'number' && Number.isInteger(axis)) ||
      (Array.isArray(axis) && axis.length > 0 && axis.every((a) => Number.isInteger(a)));
    if (!valid)
      fail(name, cls, `axis must be an integer or a list of integers, got ${JSON.stringify(axis)}`);
    return tf.layers.layerNormalization({
      axis: axis as number | number[],
      epsilon: Number(c.epsilon ?? 0.001),
      center: c.center !== false,
      scale: c.scale !== false,
      name,
    });
  },
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function asLayerJson(value: unknown, where: string): KerasLayerJson {
  if (!isRecord(value) || typeof value.class_name !== 'string' || !isRecord(value.config)) {
    throw new KerasImportError(
      'bad-config',
      `${where}: expected a Keras layer entry { class_name, config }, got ${JSON.stringify(value)?.slice(0, 120)}`,
    );
  }
  return value as unknown as KerasLayerJson;
}

function layerName(entry: KerasLayerJson): string {
  const name = entry.name ?? entry.config.name;
  if (typeof name !== 'string' || name.length === 0) {
    throw new KerasImportError('bad-config', `a ${entry.class_name} layer has no name`);
  }
  return name;
}

interface TensorRef {
  layer: string;
  node: number;
  tensor: number;
}

function refFrom(value: unknown): TensorRef | undefined {
  if (Array.isArray(value) && typeof value[0] === 'string') {
    return { layer: value[0], node: Number(value[1] ?? 0), tensor: Number(value[2] ?? 0) };
  }
  return undefined;
}

/** Keras 3 writes `{ args: [{ class_name: '__keras_tensor__', config: { keras_history } }] }`. */
function collectHistories(value: unknown, out: TensorRef[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collectHistories(v, out);
  } else if (isRecord(value)) {
    if (value.class_name === '__keras_tensor__' && isRecord(value.config)) {
      const ref = refFrom(value.config.keras_history);
      if (ref) out.push(ref);
      return;
    }
    for (const v of Object.values(value)) collectHistories(v, out);
  }
}

/** One call of a layer: positional tensors, and tensors passed by keyword (`value`, `key`). */
interface Call {
  args: TensorRef[];
  kwargs: Record<string, TensorRef>;
  /** Keyword arguments that are not tensors, as written (`return_attention_scores`, …). */
  options: Record<string, unknown>;
}

/** Keras 2 writes a kwargs tensor as `[layer, node_index, tensor_index]`. */
function kwargRef(value: unknown): TensorRef | undefined {
  if (
    Array.isArray(value) &&
    value.length === 3 &&
    typeof value[0] === 'string' &&
    Number.isInteger(value[1]) &&
    Number.isInteger(value[2])
  ) {
    return refFrom(value);
  }
  if (isRecord(value) && value.class_name === '__keras_tensor__' && isRecord(value.config)) {
    return refFrom(value.config.keras_history);
  }
  return undefined;
}

function splitKwargs(raw: unknown, call: Call): void {
  if (!isRecord(raw)) return;
  for (const [key, value] of Object.entries(raw)) {
    const ref = kwargRef(value);
    if (ref) call.kwargs[key] = ref;
    else call.options[key] = value;
  }
}

/**
 * Reads one inbound node. Keras 2 (`functional.py` `get_network_config` / `Node.serialize`):
 * a list of `[layer, node_index, tensor_index, kwargs]`, kwargs tensors as
 * `[layer, node_index, tensor_index]`. Keras 3 (`functional.py` `serialize_node`):
 * `{ args, kwargs }` with tensors as `{ class_name: '__keras_tensor__', config: { keras_history } }`.
 */
function parseNode(node: unknown): Call {
  const call: Call = { args: [], kwargs: {}, options: {} };
  if (Array.isArray(node)) {
    for (const entry of node) {
      const ref = refFrom(entry);
      if (!ref)
        throw new KerasImportError(
          'bad-config',
          `unreadable inbound node ${JSON.stringify(entry)}`,
        );
      call.args.push(ref);
      if (Array.isArray(entry)) splitKwargs(entry[3], call);
    }
    return call;
  }
  if (isRecord(node)) {
    collectHistories(node.args, call.args);
    splitKwargs(node.kwargs, call);
    return call;
  }
  throw new KerasImportError('bad-config', `unreadable inbound node ${JSON.stringify(node)}`);
}

function refsOf(call: Call): TensorRef[] {
  return [...call.args, ...Object.values(call.kwargs)];
}

/**
 * Keras numbers a layer's nodes from 0, except a model whose own construction is its node 0, so
 * that its calls inside an outer model are nodes 1, 2, …. Keras 2 (`functional.py`
 * `_should_skip_first_node`, used by `get_network_config` and `reconstruct_from_config`): a
 * Functional, or a Sequential built on an InputLayer. Keras 3 (`functional.py` `get_config`:
 * `issubclass(operation.__class__, Functional)`): a Functional only; its Sequential is not one.
 */
function firstNodeIndex(entry: KerasLayerJson, keras3: boolean): number {
  if (!MODEL_CLASSES.has(entry.class_name)) return 0;
  if (entry.class_name !== 'Sequential') return 1;
  if (keras3) return 0;
  const config = entry.config as Record<string, unknown> | unknown[];
  const layers = Array.isArray(config) ? config : (config as Record<string, unknown>).layers;
  const first = Array.isArray(layers) ? layers[0] : undefined;
  if (!isRecord(first)) return 0;
  if (first.class_name === 'InputLayer') return 1;
  return isRecord(first.config) && batchShapeOf(first.config) ? 1 : 0;
}

function parseEnds(value: unknown, where: string): TensorRef[] {
  const single = refFrom(value);
  if (single) return [single];
  if (Array.isArray(value)) {
    return value.map((v) => {
      const ref = refFrom(v);
      if (!ref)
        throw new KerasImportError('bad-config', `${where}: unreadable entry ${JSON.stringify(v)}`);
      return ref;
    });
  }
  throw new KerasImportError(
    'bad-config',
    `${where} must be a list of [layer, node, tensor], got ${JSON.stringify(value)}`,
  );
}

function batchShapeOf(c: Record<string, unknown>): (number | null)[] | undefined {
  const shape = c.batch_input_shape ?? c.batch_shape;
  if (Array.isArray(shape) && shape.every((d) => d === null || typeof d === 'number')) {
    return shape as (number | null)[];
  }
  return undefined;
}

/** A layer call with its tensors resolved to ports. */
interface PortCall {
  args: Port[];
  kwargs: Record<string, Port>;
  options: Record<string, unknown>;
}

const MASK_KWARGS = ['mask', 'attention_mask', 'query_mask', 'value_mask', 'key_mask'];

function unsupportedFeature(name: string, className: string, feature: string): never {
  throw new KerasImportError(
    'unsupported-feature',
    `layer '${name}' (${className}) uses ${feature}, which the importer does not support`,
    { name, className },
  );
}

/**
 * The tensors a call feeds the layer, in the order the tfjs layer takes them: the positional
 * tensors, then for MultiHeadAttention `value` and `key` given by keyword (Keras's
 * `call(query, value, key)`). Masks and any other tensor passed by keyword are refused by name.
 */
function orderedInputs(name: string, className: string, call: PortCall): Port[] {
  for (const key of MASK_KWARGS) {
    if (call.kwargs[key] !== undefined) unsupportedFeature(name, className, `masking (${key})`);
  }
  if (call.options.use_causal_mask === true) {
    unsupportedFeature(name, className, 'masking (use_causal_mask)');
  }
  if (call.options.return_attention_scores === true) {
    unsupportedFeature(name, className, 'return_attention_scores');
  }
  const inputs = [...call.args];
  const byKeyword = { ...call.kwargs };
  if (className === 'MultiHeadAttention') {
    for (const key of ['query', 'value', 'key']) {
      const port = byKeyword[key];
      if (port === undefined) continue;
      const position = key === 'query' ? 0 : key === 'value' ? 1 : 2;
      if (inputs.length !== position) {
        throw new KerasImportError(
          'bad-config',
          `layer '${name}' (${className}) gets '${key}' by keyword after ${inputs.length} positional inputs`,
          { name, className },
        );
      }
      inputs.push(port);
      delete byKeyword[key];
    }
  }
  const extra = Object.keys(byKeyword);
  if (extra.length > 0) {
    unsupportedFeature(name, className, `tensors passed by keyword (${extra.join(', ')})`);
  }
  return inputs;
}

/**
 * Builds the tfjs graph of a Keras `model_config`, inlining nested models so that every layer,
 * nested or not, is a node of one flat graph (nested layers are named `'<model>/<layer>'`).
 * Layers without a tfjs counterpart do not fail here: their outputs are marked blocked, and only
 * a requested output that depends on one fails.
 */
export class KerasGraph {
  /** tfjs layers by qualified name. */
  readonly built = new Map<string, BuiltLayer>();
  /** Output ports of each layer's (or nested model's) first call, by qualified name. */
  private readonly outputsByName = new Map<string, Port[]>();
  /** Every layer met, in config order, with its class. */
  readonly met: { name: string; className: string; supported: boolean }[] = [];
  /** The model's input tensors. */
  readonly inputs: tf.SymbolicTensor[] = [];
  /** The model's output ports. */
  private outputs: Port[] = [];
  private readonly custom: Record<string, KerasLayerFactory>;

  constructor(customLayers: Record<string, KerasLayerFactory> = {}) {
    this.custom = customLayers;
  }

  /** Builds the graph of a `model_config`. @throws {KerasImportError} for a config that cannot be built. */
  build(modelConfig: unknown): void {
    const root = asLayerJson(modelConfig, 'model_config');
    if (!MODEL_CLASSES.has(root.class_name)) {
      throw new KerasImportError(
        'bad-config',
        `model_config describes a ${root.class_name}; expected a Functional, Model or Sequential model`,
      );
    }
    this.outputs = this.runModel(root, null, '', null);
  }

  /**
   * Frees the weights of the layers built so far, except those of `keep` (the layers of the
   * returned model): after a failed import, or for the layers after `upTo`.
   */
  dispose(keep: readonly tf.layers.Layer[] = []): void {
    for (const { layer } of this.built.values()) {
      if (keep.includes(layer)) continue;
      for (const variable of layer.weights) {
        try {
          variable.dispose();
        } catch {
          // Already freed with the model that owned it.
        }
      }
    }
  }

  /** All qualified names that can be asked for (`upTo`, probes), in config order. */
  names(): string[] {
    return [...this.outputsByName.keys()];
  }

  /**
   * Resolves a user-given layer name: exact qualified name, or the unqualified name of a nested
   * layer when it is unique.
   *
   * @throws RangeError naming the parameter and listing the layers.
   */
  resolve(parameter: string, name: unknown): string {
    if (typeof name !== 'string') {
      throw new TypeError(`${parameter} must be a layer name (string), got ${typeof name}`);
    }
    if (this.outputsByName.has(name)) return name;
    const matches = this.names().filter((n) => n.endsWith(`/${name}`));
    if (matches.length === 1 && matches[0] !== undefined) return matches[0];
    const hint = matches.length > 1 ? ` (ambiguous: ${matches.join(', ')})` : '';
    throw new RangeError(
      `${parameter} must name a layer of the model, got '${name}'${hint}; layers: ${this.names().join(', ')}`,
    );
  }

  /**
   * The output tensors of the whole model, or of one layer.
   *
   * @throws {KerasImportError} `unsupported-layer` when they depend on a layer without a tfjs
   *   counterpart; the message names it, its type, and the `upTo` that avoids it.
   */
  tensors(qualifiedName?: string): tf.SymbolicTensor[] {
    const ports =
      qualifiedName === undefined ? this.outputs : (this.outputsByName.get(qualifiedName) ?? []);
    const blocked = ports.find((p) => p.blocker !== null)?.blocker;
    if (blocked) {
      const before = blocked.after.filter((n) => n.length > 0);
      const suggestion =
        before.length > 0
          ? ` Pass { upTo: '${before[0]}' } to build the model up to the layer that feeds it`
          : ' Pass { upTo: <the last layer before it> } to build the model up to that layer';
      throw new KerasImportError(
        'unsupported-layer',
        `layer '${blocked.name}' of type ${blocked.className} is not supported by the Keras import (supported: ${SUPPORTED_KERAS_LAYERS.join(', ')}, and nested Functional/Sequential models).${blocked.note}${suggestion}, or map ${blocked.className} to a tfjs layer with { customLayers: { ${blocked.className}: (config, name) => layer } }.`,
        { name: blocked.name, className: blocked.className },
      );
    }
    return ports.map((p) => p.tensor as tf.SymbolicTensor);
  }

  private runModel(
    entry: KerasLayerJson,
    inputs: Port[] | null,
    prefix: string,
    group: string | null,
  ): Port[] {
    if (entry.class_name === 'Sequential') return this.runSequential(entry, inputs, prefix, group);
    return this.runFunctional(entry, inputs, prefix, group);
  }

  private makeInput(
    entry: KerasLayerJson | undefined,
    config: Record<string, unknown>,
    name: string,
  ): Port {
    const batchShape = batchShapeOf(config);
    if (!batchShape) {
      throw new KerasImportError(
        'bad-config',
        `input '${name}' has no batch_input_shape; the model's input shape must be known`,
        { name, className: entry?.class_name ?? 'InputLayer' },
      );
    }
    const tensor = tf.input({ batchShape, name, dtype: 'float32' });
    this.inputs.push(tensor);
    const port: Port = { producer: name, tensor, blocker: null };
    this.outputsByName.set(name, [port]);
    this.met.push({ name, className: 'InputLayer', supported: true });
    return port;
  }

  private runSequential(
    entry: KerasLayerJson,
    inputs: Port[] | null,
    prefix: string,
    group: string | null,
  ): Port[] {
    const config = entry.config as Record<string, unknown> | unknown[];
    const rawLayers = Array.isArray(config) ? config : (config as Record<string, unknown>).layers;
    if (!Array.isArray(rawLayers)) {
      throw new KerasImportError('bad-config', `Sequential model '${prefix}' has no layers list`);
    }
    const layers = rawLayers.map((l, i) => asLayerJson(l, `Sequential layer ${i}`));
    let current: Port;
    let body = layers;
    if (inputs) {
      if (inputs.length !== 1 || !inputs[0]) {
        throw new KerasImportError(
          'bad-config',
          `Sequential model '${prefix}' must get one input, got ${inputs.length}`,
        );
      }
      current = inputs[0];
      if (layers[0]?.class_name === 'InputLayer') body = layers.slice(1);
    } else {
      const first = layers[0];
      if (!first) throw new KerasImportError('bad-config', 'the Sequential model has no layers');
      if (first.class_name === 'InputLayer') {
        current = this.makeInput(first, first.config, prefix + layerName(first));
        body = layers.slice(1);
      } else {
        current = this.makeInput(undefined, first.config, `${prefix}${layerName(first)}_input`);
      }
    }
    for (const layer of body) {
      const out = this.applyLayer(
        layer,
        { args: [current], kwargs: {}, options: {} },
        prefix,
        group,
      );
      if (out.length !== 1 || !out[0]) {
        throw new KerasImportError(
          'bad-config',
          `layer '${prefix}${layerName(layer)}' in a Sequential model must have one output`,
        );
      }
      current = out[0];
    }
    return [current];
  }

  private runFunctional(
    entry: KerasLayerJson,
    inputs: Port[] | null,
    prefix: string,
    group: string | null,
  ): Port[] {
    const config = entry.config;
    const rawLayers = config.layers;
    if (!Array.isArray(rawLayers)) {
      throw new KerasImportError(
        'bad-config',
        `model '${prefix || 'model_config'}' has no layers list`,
      );
    }
    const layers = rawLayers.map((l, i) => asLayerJson(l, `layer ${i}`));
    const inputRefs = parseEnds(config.input_layers, 'input_layers');
    const outputRefs = parseEnds(config.output_layers, 'output_layers');
    const nodeOutputs = new Map<string, Port[][]>();
    if (inputs && inputs.length !== inputRefs.length) {
      throw new KerasImportError(
        'bad-config',
        `nested model '${prefix.slice(0, -1)}' takes ${inputRefs.length} inputs but is called with ${inputs.length}`,
      );
    }
    inputRefs.forEach((ref, i) => {
      const inputEntry = layers.find((l) => layerName(l) === ref.layer);
      let port: Port;
      if (inputs) {
        port = inputs[i] as Port;
      } else {
        port = this.makeInput(inputEntry, inputEntry?.config ?? {}, prefix + ref.layer);
      }
      nodeOutputs.set(ref.layer, [[port]]);
    });
    const pending = layers.filter(
      (l) => l.class_name !== 'InputLayer' && (l.inbound_nodes?.length ?? 0) > 0,
    );
    const nextNode = new Map<KerasLayerJson, number>(pending.map((l) => [l, 0]));
    // Keras 3 writes nodes as { args, kwargs } objects, Keras 2 as lists.
    const keras3 = pending.some((l) => (l.inbound_nodes ?? []).some(isRecord));
    let progress = true;
    while (progress) {
      progress = false;
      for (const layer of pending) {
        const nodes = layer.inbound_nodes ?? [];
        let k = nextNode.get(layer) ?? 0;
        while (k < nodes.length) {
          const call = parseNode(nodes[k]);
          const port = (r: TensorRef) => nodeOutputs.get(r.layer)?.[r.node]?.[r.tensor];
          if (refsOf(call).some((r) => port(r) === undefined)) break;
          const kwargs: Record<string, Port> = {};
          for (const [key, ref] of Object.entries(call.kwargs)) kwargs[key] = port(ref) as Port;
          const out = this.applyLayer(
            layer,
            { args: call.args.map((r) => port(r) as Port), kwargs, options: call.options },
            prefix,
            group,
          );
          const name = layerName(layer);
          const list = nodeOutputs.get(name) ?? [];
          list[k + firstNodeIndex(layer, keras3)] = out;
          nodeOutputs.set(name, list);
          k++;
          progress = true;
        }
        nextNode.set(layer, k);
      }
    }
    const stuck = pending.find((l) => (nextNode.get(l) ?? 0) < (l.inbound_nodes?.length ?? 0));
    if (stuck) {
      const refs = refsOf(parseNode(stuck.inbound_nodes?.[nextNode.get(stuck) ?? 0]));
      const missing = refs.filter(
        (r) => nodeOutputs.get(r.layer)?.[r.node]?.[r.tensor] === undefined,
      );
      throw new KerasImportError(
        'bad-config',
        `layer '${prefix}${layerName(stuck)}' reads ${missing.map((r) => `'${r.layer}' node ${r.node} tensor ${r.tensor}`).join(', ')}, which no layer of the model produces`,
        { name: prefix + layerName(stuck), className: stuck.class_name },
      );
    }
    return outputRefs.map((r) => {
      const port = nodeOutputs.get(r.layer)?.[r.node]?.[r.tensor];
      if (!port)
        throw new KerasImportError(
          'bad-config',
          `output_layers names '${r.layer}', which the model does not produce`,
        );
      return port;
    });
  }

  private applyLayer(
    entry: KerasLayerJson,
    call: PortCall,
    prefix: string,
    group: string | null,
  ): Port[] {
    const name = prefix + layerName(entry);
    const className = ALIASES[entry.class_name] ?? entry.class_name;
    const weightGroup = group ?? layerName(entry);
    const first = !this.outputsByName.has(name);
    const remember = (ports: Port[]): Port[] => {
      if (first) this.outputsByName.set(name, ports);
      return ports;
    };
    const inputs = orderedInputs(name, entry.class_name, call);
    if (MODEL_CLASSES.has(className)) {
      if (first) this.met.push({ name, className, supported: true });
      const ports = this.runModel(entry, inputs, `${name}/`, weightGroup);
      return remember(ports.map((p) => ({ ...p, producer: name })));
    }
    const factory = this.custom[entry.class_name];
    const maker = MAKERS[className];
    if (first)
      this.met.push({ name, className: entry.class_name, supported: !!(factory || maker) });
    const blocked = inputs.find((p) => p.blocker !== null)?.blocker;
    if (blocked) return remember([{ producer: name, tensor: null, blocker: blocked }]);
    if (!factory && !maker) {
      const blocker = {
        name,
        className: entry.class_name,
        after: inputs.map((p) => p.producer),
        note: blockerNote(entry),
      };
      return remember([{ producer: name, tensor: null, blocker }]);
    }
    let built = this.built.get(name);
    if (!built) {
      const layer = factory
        ? factory(entry.config, name)
        : (maker as LayerMaker)(entry.config, name, className);
      built = { layer, className: entry.class_name, group: weightGroup };
      this.built.set(name, built);
    }
    const tensors = inputs.map((p) => p.tensor as tf.SymbolicTensor);
    let output: tf.SymbolicTensor | tf.SymbolicTensor[];
    try {
      output = built.layer.apply(
        tensors.length === 1 ? (tensors[0] as tf.SymbolicTensor) : tensors,
      ) as tf.SymbolicTensor | tf.SymbolicTensor[];
    } catch (error) {
      throw new KerasImportError(
        'bad-config',
        `layer '${name}' (${entry.class_name}) cannot be applied to input shape ${tensors.map((t) => JSON.stringify(t.shape)).join(', ')}: ${(error as Error).message}`,
        { name, className: entry.class_name },
      );
    }
    const outputs = Array.isArray(output) ? output : [output];
    return remember(outputs.map((tensor) => ({ producer: name, tensor, blocker: null })));
  }
}
