import * as tf from '@tensorflow/tfjs';
import { DCReLU } from '../layers/dc-relu';
import { LinearDC } from '../layers/linear-dc';
import { DCOnlyReLU } from './dc-only-relu';
import { type AblationMode, type ParsedAblationMode, parseAblationMode } from './modes';

/** Layer classes whose `activation: 'relu'` is split off and ablated. */
const FUSED_CLASSES = new Set(['Conv1D', 'CausalConv1D', 'Dense']);

type Layer = tf.layers.Layer;
type Kwargs = Record<string, unknown>;
type GraphNode = tf.LayersModel['nodesByDepth'][string][number];
type LayerClass = { fromConfig(cls: unknown, config: tf.serialization.ConfigDict): Layer };

/** A ReLU of a model that {@link ablateActivations} can find. */
export interface ReluSite {
  /** Qualified name: nested layers as `'<model>/<layer>'`. */
  name: string;
  /** The layer's class, e.g. `'Conv1D'`, `'Activation'`, `'ReLU'`. */
  className: string;
  /** Whether the ReLU is fused into the layer (`activation: 'relu'` of a Conv1D or Dense). */
  fused: boolean;
  /** The ReLU's output shape, batch first (`null` for unknown sizes). */
  outputShape: (number | null)[];
  /**
   * Whether the modes apply: they need a time axis, i.e. output `[batch, time, channels]`.
   * `'all'` skips the others (e.g. a Dense after Flatten); naming one is an error.
   */
  ablatable: boolean;
}

/** Options of {@link ablateActivations}. */
export interface AblateActivationsOptions {
  /**
   * `'all'` (every ReLU with a time axis, see {@link ReluSite.ablatable}) or a list of layer names:
   * qualified (`'block1/conv1d_2'`) or, when unique, the bare name of a nested layer. Default `'all'`.
   */
  layers?: 'all' | readonly string[];
  /** What replaces each chosen ReLU, see {@link AblationMode}. */
  mode: AblationMode | string;
}

interface Found {
  site: ReluSite;
  layer: Layer;
}

function isModel(layer: Layer): layer is tf.LayersModel {
  return layer instanceof tf.LayersModel;
}

function isInputLayer(layer: Layer): boolean {
  return layer.getClassName() === 'InputLayer';
}

/** The ReLU a layer applies: `'fused'`, `'separate'`, or `null` when it applies none. */
function reluKind(layer: Layer): 'fused' | 'separate' | null {
  const cls = layer.getClassName();
  const config = layer.getConfig();
  if (FUSED_CLASSES.has(cls)) return config.activation === 'relu' ? 'fused' : null;
  if (cls === 'Activation') return config.activation === 'relu' ? 'separate' : null;
  if (cls === 'ReLU') {
    return config.maxValue === null || config.maxValue === undefined ? 'separate' : null;
  }
  return null;
}

/** Layers of a model with the graph nodes that belong to it, in topological order. */
function steps(model: tf.LayersModel): { layer: Layer; node: GraphNode | null }[] {
  if (model instanceof tf.Sequential) {
    return model.layers.filter((l) => !isInputLayer(l)).map((layer) => ({ layer, node: null }));
  }
  const depths = Object.keys(model.nodesByDepth)
    .map(Number)
    .sort((a, b) => b - a);
  const out: { layer: Layer; node: GraphNode | null }[] = [];
  for (const depth of depths) {
    for (const node of model.nodesByDepth[depth] ?? []) {
      if (!isInputLayer(node.outboundLayer)) out.push({ layer: node.outboundLayer, node });
    }
  }
  return out;
}

function shapeOf(layer: Layer): (number | null)[] {
  const shape = layer.outputShape;
  const first = Array.isArray(shape[0]) ? (shape[0] as (number | null)[]) : shape;
  return [...(first as (number | null)[])];
}

function collectSites(model: tf.LayersModel, prefix: string, out: Found[], seen: Set<Layer>): void {
  for (const { layer } of steps(model)) {
    if (seen.has(layer)) continue;
    seen.add(layer);
    if (isModel(layer)) {
      collectSites(layer, `${prefix}${layer.name}/`, out, seen);
      continue;
    }
    const kind = reluKind(layer);
    if (kind === null) continue;
    const outputShape = shapeOf(layer);
    out.push({
      layer,
      site: {
        name: `${prefix}${layer.name}`,
        className: layer.getClassName(),
        fused: kind === 'fused',
        outputShape,
        ablatable: outputShape.length === 3,
      },
    });
  }
}

function checkModel(model: unknown): asserts model is tf.LayersModel {
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(
      `model must be a tf.LayersModel (functional or Sequential), got ${model === null ? 'null' : typeof model}`,
    );
  }
}

/**
 * Lists the ReLUs of a model, nested models included, in graph order: separate `Activation('relu')`
 * and `ReLU` layers, and Conv1D/Dense layers with a fused `activation: 'relu'`.
 *
 * @param model - a tfjs functional or Sequential model (not modified).
 * @returns one {@link ReluSite} per ReLU layer.
 * @throws TypeError when `model` is not a tf.LayersModel.
 * @example
 * ```ts
 * reluSites(model).filter((s) => s.ablatable).map((s) => s.name); // ['block1/conv1d_1', …]
 * ```
 */
export function reluSites(model: tf.LayersModel): ReluSite[] {
  checkModel(model);
  const found: Found[] = [];
  collectSites(model, '', found, new Set());
  return found.map((f) => f.site);
}

function resolveLayers(found: Found[], layers: unknown): Set<Layer> {
  if (layers === undefined || layers === 'all') {
    return new Set(found.filter((f) => f.site.ablatable).map((f) => f.layer));
  }
  if (!Array.isArray(layers) || layers.some((n) => typeof n !== 'string')) {
    throw new TypeError(`layers must be 'all' or a list of layer names, got ${String(layers)}`);
  }
  if (layers.length === 0) {
    throw new RangeError(`layers must name at least one ReLU layer (or be 'all'), got []`);
  }
  const available = found.map((f) => f.site.name).join(', ') || 'none';
  const chosen = new Set<Layer>();
  for (const name of layers as string[]) {
    const exact = found.filter((f) => f.site.name === name);
    const bare = found.filter((f) => f.site.name.split('/').pop() === name);
    const matches = exact.length > 0 ? exact : bare;
    if (matches.length !== 1) {
      throw new RangeError(
        matches.length === 0
          ? `layers: '${name}' is not a ReLU layer of the model (a separate ReLU, or a Conv1D/Dense with activation 'relu'); the ReLU layers are: ${available}`
          : `layers: '${name}' is ambiguous, it matches ${matches.map((f) => f.site.name).join(', ')}; give the qualified name`,
      );
    }
    const { site, layer } = matches[0] as Found;
    if (!site.ablatable) {
      throw new RangeError(
        `layers: '${site.name}' outputs shape [${site.outputShape.join(', ')}] (rank ${site.outputShape.length}); the modes average over time and need rank 3 [batch, time, channels]`,
      );
    }
    chosen.add(layer);
  }
  return chosen;
}

/**
 * Resolves a layer choice the way {@link ablateActivations} does, to qualified names.
 *
 * @param model - a tfjs functional or Sequential model (not modified).
 * @param layers - `'all'` (every ReLU with a time axis) or a list of names, qualified or, when
 *   unique, bare.
 * @returns the chosen ReLU layers' qualified names, in graph order.
 * @throws TypeError/RangeError as {@link ablateActivations} does for `layers`.
 * @example
 * ```ts
 * resolveReluLayers(model, ['conv1d_2']); // ['block1/conv1d_2']
 * ```
 */
export function resolveReluLayers(
  model: tf.LayersModel,
  layers: 'all' | readonly string[] = 'all',
): string[] {
  checkModel(model);
  const found: Found[] = [];
  collectSites(model, '', found, new Set());
  const chosen = resolveLayers(found, layers);
  return found.filter((f) => chosen.has(f.layer)).map((f) => f.site.name);
}

function cloneLayer(layer: Layer, overrides: tf.serialization.ConfigDict = {}): Layer {
  const cls = layer.constructor as unknown as LayerClass;
  return cls.fromConfig(cls, { ...layer.getConfig(), ...overrides });
}

/** The layers that replace a ReLU, applied in order to its input x. */
function replacement(mode: ParsedAblationMode, name: string): Layer[] {
  switch (mode.kind) {
    case 'none':
      return [tf.layers.reLU({ name })];
    case 'remove-dc':
      return [new DCReLU({ dcMode: 'remove', name })];
    case 'scale-dc':
      // DCReLU's y = r − (1 − s)·mean_t r is y = r + (k − 1)·mean_t r with s = k.
      return [new DCReLU({ dcMode: 'scale', s: mode.k, name })];
    case 'remove-harmonics':
      // LinearDC keeps x at unit gain (y = x + s·mean_t|x|/2), where the trained network's next
      // layer expects a ReLU's x/2: halving LinearDC with s = 2 gives x/2 + mean_t(|x|)/2.
      return [
        new LinearDC({ s: 2, name }),
        tf.layers.rescaling({ scale: 0.5, offset: 0, name: `${name}_half` }),
      ];
    default:
      return [new DCOnlyReLU({ name })];
  }
}

/** Rebuilds models layer by layer with fresh layers, then copies the trained weights over. */
class Rebuilder {
  private readonly clones = new Map<Layer, Layer[]>();
  private readonly models = new Map<tf.LayersModel, tf.LayersModel>();
  readonly copies: [Layer, Layer][] = [];

  constructor(
    private readonly mode: ParsedAblationMode,
    private readonly chosen: Set<Layer>,
  ) {}

  model(model: tf.LayersModel): tf.LayersModel {
    const done = this.models.get(model);
    if (done) return done;
    const inputs = model.inputs.map((t) =>
      tf.input({ batchShape: t.shape, dtype: t.dtype, name: t.sourceLayer.name }),
    );
    const outputs =
      model instanceof tf.Sequential ? this.chain(model, inputs) : this.graph(model, inputs);
    const rebuilt = tf.model({ inputs, outputs, name: model.name });
    this.models.set(model, rebuilt);
    return rebuilt;
  }

  /** A Sequential model: its layers one after the other. */
  private chain(model: tf.Sequential, inputs: tf.SymbolicTensor[]): tf.SymbolicTensor[] {
    let h = inputs;
    for (const { layer } of steps(model)) h = this.apply(layer, h, {});
    return h;
  }

  /** A functional model: every node in topological order, its inputs mapped to the new graph. */
  private graph(model: tf.LayersModel, inputs: tf.SymbolicTensor[]): tf.SymbolicTensor[] {
    const byId = new Map<number, tf.SymbolicTensor>();
    model.inputs.forEach((t, i) => {
      byId.set(t.id, inputs[i] as tf.SymbolicTensor);
    });
    const mapped = (t: tf.SymbolicTensor): tf.SymbolicTensor => {
      const found = byId.get(t.id);
      if (!found) throw new Error(`internal: tensor '${t.name}' was not rebuilt`);
      return found;
    };
    for (const { layer, node } of steps(model)) {
      const outs = this.apply(
        layer,
        (node as GraphNode).inputTensors.map(mapped),
        node?.callArgs ?? {},
      );
      (node as GraphNode).outputTensors.forEach((t, i) => {
        byId.set(t.id, outs[i] as tf.SymbolicTensor);
      });
    }
    return model.outputs.map(mapped);
  }

  private apply(layer: Layer, inputs: tf.SymbolicTensor[], kwargs: Kwargs): tf.SymbolicTensor[] {
    const x = inputs.length === 1 ? (inputs[0] as tf.SymbolicTensor) : inputs;
    const chain = isModel(layer) ? [this.model(layer)] : this.layersFor(layer);
    let out: tf.SymbolicTensor | tf.SymbolicTensor[] = x;
    for (const [i, l] of chain.entries()) {
      out = l.apply(out, i === 0 ? kwargs : {}) as tf.SymbolicTensor | tf.SymbolicTensor[];
    }
    return Array.isArray(out) ? out : [out];
  }

  private layersFor(layer: Layer): Layer[] {
    const done = this.clones.get(layer);
    if (done) return done;
    let chain: Layer[];
    if (!this.chosen.has(layer)) {
      chain = [cloneLayer(layer)];
      this.copies.push([layer, chain[0] as Layer]);
    } else if (reluKind(layer) === 'fused') {
      const linear = cloneLayer(layer, { activation: 'linear' });
      this.copies.push([layer, linear]);
      chain = [linear, ...replacement(this.mode, `${layer.name}_relu`)];
    } else {
      chain = replacement(this.mode, layer.name);
    }
    this.clones.set(layer, chain);
    return chain;
  }
}

/**
 * Returns a copy of a trained model with chosen ReLUs replaced by an ablation (the 2×2 ablation
 * of the paper's V.C, applied to a network that is already trained). Per example and channel,
 * with means over the time axis t (axis 1), the ReLU r = relu(x) becomes:
 *
 *     remove-dc          y = relu(x) − mean_t relu(x)            (DCReLU, dcMode 'remove')
 *     remove-harmonics   y = x/2 + mean_t(|x|)/2                 (LinearDC with s = 2, halved)
 *     dc-only            y = mean_t relu(x), broadcast over t    (DCOnlyReLU)
 *     scale-dc:k         y = relu(x) + (k − 1)·mean_t relu(x)    (DCReLU, dcMode 'scale', s = k)
 *
 * A Conv1D or Dense with a fused `activation: 'relu'` is split first: a linear copy of the layer,
 * then the replacement (named `<layer>_relu`). Nested models are rebuilt inside. Every other
 * layer is a fresh copy holding the same weight values, so the input model is left untouched
 * and the two can be used and disposed independently.
 *
 * @param model - a tfjs functional or Sequential model (not modified).
 * @param options - `mode` and `layers` (default `'all'`), see {@link AblateActivationsOptions}.
 * @returns a new functional model with the input model's inputs and outputs.
 * @throws TypeError when `model` is not a tf.LayersModel or `layers` is not a list of names.
 * @throws RangeError for an unknown mode, a name that is not a ReLU layer (the message lists
 *   them), or a ReLU without a time axis.
 * @example
 * ```ts
 * const noDc = ablateActivations(model, { mode: 'remove-dc' });
 * const onlyBlock1 = ablateActivations(model, { mode: 'dc-only', layers: ['block1/conv1d_2'] });
 * ```
 */
export function ablateActivations(
  model: tf.LayersModel,
  options: AblateActivationsOptions,
): tf.LayersModel {
  checkModel(model);
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object { mode, layers? }, got ${String(options)}`);
  }
  const mode = parseAblationMode(options.mode, 'mode');
  const found: Found[] = [];
  collectSites(model, '', found, new Set());
  const chosen = resolveLayers(found, options.layers);
  const rebuilder = new Rebuilder(mode, chosen);
  const rebuilt = rebuilder.model(model);
  for (const [from, to] of rebuilder.copies) {
    if (from.weights.length > 0) to.setWeights(from.getWeights());
  }
  return rebuilt;
}
