import * as tf from '@tensorflow/tfjs';
import { KerasGraph, type KerasLayerFactory, type KerasLayerReport } from './build';
import { KerasImportError } from './errors';
import { isZip, readKerasArchive } from './archive';
import {
  type KerasH5Contents,
  type KerasSource,
  readKerasH5,
  readKerasH5Bytes,
  sourceBytes,
} from './h5';
import { assignWeights, type WeightsReport } from './weights';

/** Options of {@link loadKerasH5}. */
export interface LoadKerasH5Options {
  /**
   * Build the model only up to this layer (its output becomes the model's output), so the
   * supported front of a model with unsupported layers can still be used. Nested layers may be
   * given qualified (`'block1/conv1d_2'`) or by their own name when it is unique. Default: the
   * whole model.
   */
  upTo?: string;
  /** tfjs factories for Keras layer classes the importer does not map, by Keras `class_name`. */
  customLayers?: Record<string, KerasLayerFactory>;
}

/** What {@link loadKerasH5} returns. */
export interface KerasLoadResult {
  /**
   * The tfjs model, with the file's weights. Nested Keras models are inlined: their layers are
   * layers of this model named `'<sub-model>/<layer>'`, so every activation can be probed.
   */
  model: tf.LayersModel;
  /** The parsed `model_config` attribute, as Keras wrote it (snake_case). */
  config: unknown;
  /** The file's `keras_version` attribute, when present. */
  kerasVersion: string | undefined;
  /** Every layer of the file (qualified names), and whether it is in {@link model}. */
  layers: KerasLayerReport[];
  /** Layers with no tfjs counterpart that the model did not need (after `upTo`). */
  unsupported: { name: string; className: string }[];
  /** Supported layers left out of the model (after `upTo`). */
  skipped: string[];
  /** File content that is not read: `optimizer_weights`, `training_config`. */
  ignored: string[];
  /** How the weights were assigned. */
  weights: WeightsReport;
}

function label(source: KerasSource): string {
  return typeof source === 'string' ? `'${source}'` : 'source';
}

function checkOptions(options: unknown): LoadKerasH5Options {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      `options must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const { upTo, customLayers } = options as LoadKerasH5Options;
  if (upTo !== undefined && (typeof upTo !== 'string' || upTo.length === 0)) {
    throw new TypeError(`upTo must be a non-empty layer name, got ${JSON.stringify(upTo)}`);
  }
  if (customLayers !== undefined) {
    if (customLayers === null || typeof customLayers !== 'object') {
      throw new TypeError(
        `customLayers must be an object of factories, got ${String(customLayers)}`,
      );
    }
    for (const [name, factory] of Object.entries(customLayers)) {
      if (typeof factory !== 'function') {
        throw new TypeError(
          `customLayers.${name} must be a function (config, name) => layer, got ${typeof factory}`,
        );
      }
    }
  }
  return options as LoadKerasH5Options;
}

/**
 * Loads a Keras 2.x HDF5 model file (`model.save('model.h5')`) as a tfjs `LayersModel` with its
 * trained weights, without Python. Reads the `model_config` attribute (the architecture) and the
 * `model_weights` group (`layer_names`, `weight_names`); optimizer state is ignored.
 *
 * Supported layers: InputLayer, Conv1D (padding valid/same/causal, dilation, strides), Dense,
 * Activation, ReLU, AveragePooling1D, MaxPooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D,
 * Dropout, Flatten, LayerNormalization, and nested Functional/Sequential models (inlined).
 * Data format channels_last (`[batch, time, channels]`).
 *
 * @param source - file path (Node), or the file's bytes.
 * @param options - `upTo` (build up to a layer), `customLayers` (factories for other classes).
 * @returns the model plus a report of what was built, skipped and ignored.
 * @throws {KerasImportError} `not-hdf5` / `truncated` / `unreadable` for a bad file, `not-keras`
 *   for an HDF5 file without a Keras model, `unsupported-layer` naming the layer and its type
 *   (and suggesting `upTo`), `weights-mismatch` when the weights do not fit.
 * @throws TypeError for a bad `source` or options; RangeError when `upTo` names no layer.
 * @example
 * ```ts
 * const { model } = await loadKerasH5('ppg_model.h5', { upTo: 'block3' });
 * const y = model.predict(tf.zeros([1, 256, 1])) as tf.Tensor;
 * ```
 */
export async function loadKerasH5(
  source: KerasSource,
  options?: LoadKerasH5Options,
): Promise<KerasLoadResult> {
  const checked = checkOptions(options);
  return buildKerasModel(await readKerasH5(source), checked, label(source));
}

/**
 * Loads any Keras model file as a tfjs `LayersModel` with its trained weights, without Python:
 * a Keras 3 `.keras` archive (zip: `config.json` + `model.weights.h5`), or a legacy HDF5 `.h5`
 * written by Keras 2.x or Keras 3. The format is read from the content (zip or HDF5
 * signature), not from the file name.
 *
 * Conventions honoured: Keras 2 inbound nodes `[layer, node_index, tensor_index, kwargs]` and
 * Keras 3 `{ args, kwargs }` nodes; node indices (a nested model's call is its node 1, a layer
 * called twice has nodes 0 and 1); tensors passed by keyword (MultiHeadAttention's `value`,
 * `key`); Keras 3 archive weights at `layers/<snake_case class>[_k]/vars/<i>` matched to the
 * config's layers in order; Keras 3 legacy `.h5` names without `:0` and with the model's name in
 * the path; `batch_shape` or `batch_input_shape`; backslashes in HDF5 group names.
 *
 * @param source - file path (Node), or the file's bytes.
 * @param options - `upTo` (build up to a layer), `customLayers` (factories for other classes).
 * @returns the model plus a report of what was built, skipped and ignored.
 * @throws {KerasImportError} `not-hdf5` for bytes that are neither zip nor HDF5,
 *   `not-keras-archive` for a zip that is not a Keras archive (naming what it holds) or cannot be
 *   unpacked, the errors of {@link loadKerasH5} otherwise.
 * @throws TypeError for a bad `source` or options; RangeError when `upTo` names no layer.
 * @example
 * ```ts
 * const { model } = await loadKeras('model.keras');
 * const y = model.predict(tf.zeros([1, 178, 1])) as tf.Tensor;
 * ```
 */
export async function loadKeras(
  source: KerasSource,
  options?: LoadKerasH5Options,
): Promise<KerasLoadResult> {
  const checked = checkOptions(options);
  const bytes = await sourceBytes(source);
  const where = label(source);
  const contents = isZip(bytes)
    ? await readKerasArchive(bytes, where)
    : await readKerasH5Bytes(bytes, where);
  return buildKerasModel(contents, checked, where);
}

function buildKerasModel(
  contents: KerasH5Contents,
  { upTo, customLayers }: LoadKerasH5Options,
  where: string,
): KerasLoadResult {
  if (contents.modelConfig === undefined) {
    throw new KerasImportError(
      'not-keras',
      `${where} holds weights only (a save_weights file, no model_config attribute); build the model in tfjs and call loadKerasWeightsH5(model, source)`,
    );
  }
  const graph = new KerasGraph(customLayers);
  let model: tf.LayersModel;
  let weights: WeightsReport;
  try {
    graph.build(contents.modelConfig);
    const outputs = graph.tensors(upTo === undefined ? undefined : graph.resolve('upTo', upTo));
    const modelName = (contents.modelConfig as { config?: { name?: unknown } }).config?.name;
    model = tf.model({
      inputs: graph.inputs,
      outputs: outputs.length === 1 ? (outputs[0] as tf.SymbolicTensor) : outputs,
      name: typeof modelName === 'string' ? modelName : 'keras_model',
    });
    weights = assignWeights(
      model,
      contents.weightGroups,
      (layer) => graph.built.get(layer.name)?.group,
      where,
    );
  } catch (error) {
    graph.dispose();
    throw error;
  }
  graph.dispose(model.layers);
  const inModel = new Set(model.layers.map((l) => l.name));
  const nestedUsed = (name: string) => [...inModel].some((n) => n.startsWith(`${name}/`));
  const layers: KerasLayerReport[] = graph.met.map(({ name, className, supported }) => ({
    name,
    className,
    status: inModel.has(name) || nestedUsed(name) ? 'built' : supported ? 'skipped' : 'unsupported',
  }));
  return {
    model,
    config: contents.modelConfig,
    kerasVersion: contents.kerasVersion,
    layers,
    unsupported: layers
      .filter((l) => l.status === 'unsupported')
      .map(({ name, className }) => ({ name, className })),
    skipped: layers.filter((l) => l.status === 'skipped').map((l) => l.name),
    ignored: contents.ignored,
    weights,
  };
}

/**
 * Loads the weights of a Keras HDF5 file into an existing tfjs model — a `save_weights('w.h5')`
 * file, or the `model_weights` of a `model.save('m.h5')` file. File groups are matched to the
 * model's layers by name (a layer `block1/conv` of a model from {@link loadKerasH5} reads the
 * group of its sub-model `block1`); inside a group by weight name, else by order.
 *
 * @param model - the model to fill; its layers must be named like the Keras layers.
 * @param source - file path (Node), or the file's bytes.
 * @returns which groups were loaded, and which groups of the file fed no layer.
 * @throws {KerasImportError} for a bad file, or `weights-mismatch` when a layer has no group or a
 *   shape differs.
 * @throws TypeError when `model` is not a tfjs LayersModel.
 * @example
 * ```ts
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [4], name: 'dense' })] });
 * await loadKerasWeightsH5(model, 'weights.h5');
 * ```
 */
export async function loadKerasWeightsH5(
  model: tf.LayersModel,
  source: KerasSource,
): Promise<WeightsReport> {
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(
      `model must be a tf.LayersModel, got ${model === null ? 'null' : typeof model}`,
    );
  }
  const contents = await readKerasH5(source);
  const groups = contents.weightGroups;
  return assignWeights(
    model,
    groups,
    (layer) => {
      if (groups.has(layer.name)) return layer.name;
      const outer = layer.name.split('/')[0];
      return outer !== undefined && groups.has(outer) ? outer : undefined;
    },
    label(source),
  );
}
