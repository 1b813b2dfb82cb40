/**
 * Writes Keras-2.x-layout HDF5 files with h5wasm, for tests (no Keras or h5py is available here).
 *
 * The layout is the one `tf.keras` 2.x writes (keras/saving/legacy/hdf5_format.py):
 *
 * `model.save('m.h5')`:
 * ```
 * /                                   attrs: keras_version (str), backend (str),
 *                                            model_config (fixed-length bytes: JSON),
 *                                            training_config (fixed-length bytes: JSON, optional)
 * /model_weights                      attrs: layer_names (fixed-length byte strings, one per
 *                                            layer of the top-level model, weightless ones too),
 *                                            backend, keras_version
 * /model_weights/<layer>              attrs: weight_names (byte strings, e.g. 'conv1d/kernel:0';
 *                                            an empty float64 array for weightless layers)
 * /model_weights/<layer>/<weight name>     float32 dataset in Keras shape; weight names contain
 *                                          '/', which makes intermediate groups
 *                                          (/model_weights/conv1d/conv1d/kernel:0)
 * /optimizer_weights                  attrs: weight_names; datasets (Adam/iter:0, …)
 * ```
 * A nested sub-model is ONE entry of `layer_names` (its name); its group lists all the weights of
 * its inner layers, in Keras order (trainable weights layer by layer), named by the inner layers
 * ('block1/conv1d_1/kernel:0' → dataset /model_weights/block1/conv1d_1/kernel:0).
 *
 * `model.save_weights('w.h5')`: the same layer groups directly under `/`, with `layer_names`,
 * `backend` and `keras_version` as root attributes, and no model_config.
 *
 * Keras splits an attribute larger than the HDF5 object-header limit (64512 bytes) into
 * `name0`, `name1`, …; `attributeLimit` reproduces that with a smaller limit.
 */
import { readFileSync } from 'node:fs';
import h5wasm, { type Group } from 'h5wasm';

/** One weight array: Keras name, Keras shape, values in C order. */
export interface WeightSpec {
  name: string;
  shape: number[];
  data: ArrayLike<number>;
}

/** The weights of one top-level layer (`layer_names` entry). */
export interface WeightGroupSpec {
  layer: string;
  weights: WeightSpec[];
}

/** What to write. */
export interface KerasH5Spec {
  /** The `model_config` JSON object; omit for a `save_weights` file. */
  modelConfig?: unknown;
  /** Layer groups in `layer_names` order. */
  weights: WeightGroupSpec[];
  /** Default '2.12.0'. */
  kerasVersion?: string;
  /** Default 'tensorflow'. */
  backend?: string;
  /** Written as the `training_config` attribute when given. */
  trainingConfig?: unknown;
  /** Written under `/optimizer_weights` when given. */
  optimizerWeights?: WeightSpec[];
  /** Split string-array attributes above this many bytes into `name0`, `name1`, … (Keras: 64512). */
  attributeLimit?: number;
}

const encoder = new TextEncoder();
let counter = 0;

function byteLength(text: string): number {
  return encoder.encode(text).length;
}

function writeBytesAttribute(target: Group, name: string, text: string): void {
  target.create_attribute(name, text, [], `S${Math.max(1, byteLength(text))}`);
}

/** Keras's save_attributes_to_hdf5_group: fixed-length byte strings, split when too large. */
function writeStringsAttribute(target: Group, name: string, values: string[], limit: number): void {
  if (values.length === 0) {
    target.create_attribute(name, new Float64Array(0), [0], '<d');
    return;
  }
  const width = Math.max(1, ...values.map(byteLength));
  const chunks = Math.ceil((width * values.length) / limit);
  if (chunks <= 1) {
    target.create_attribute(name, values, [values.length], `S${width}`);
    return;
  }
  const size = Math.ceil(values.length / chunks);
  for (let i = 0; i * size < values.length; i++) {
    const part = values.slice(i * size, (i + 1) * size);
    target.create_attribute(`${name}${i}`, part, [part.length], `S${width}`);
  }
}

function writeDataset(group: Group, weight: WeightSpec): void {
  const parts = weight.name.split('/');
  let parent = group;
  for (const part of parts.slice(0, -1)) {
    parent = parent.keys().includes(part) ? (parent.get(part) as Group) : parent.create_group(part);
  }
  const expected = weight.shape.reduce((a, b) => a * b, 1);
  if (weight.data.length !== expected) {
    throw new RangeError(
      `weight ${weight.name}: ${weight.data.length} values for shape [${weight.shape}]`,
    );
  }
  parent.create_dataset({
    name: parts.at(-1) as string,
    data: Float32Array.from(weight.data),
    shape: weight.shape,
    dtype: '<f',
  });
}

function writeGroups(root: Group, groups: WeightGroupSpec[], limit: number): void {
  writeStringsAttribute(
    root,
    'layer_names',
    groups.map((g) => g.layer),
    limit,
  );
  for (const { layer, weights } of groups) {
    const group = root.create_group(layer);
    writeStringsAttribute(
      group,
      'weight_names',
      weights.map((w) => w.name),
      limit,
    );
    for (const weight of weights) writeDataset(group, weight);
  }
}

/**
 * Writes a Keras-2.x-layout `.h5` file and returns its bytes.
 *
 * @param spec - model config, weights and extras; see {@link KerasH5Spec}.
 * @returns the HDF5 file's bytes.
 */
export async function writeKerasH5(spec: KerasH5Spec): Promise<Uint8Array> {
  const module = await h5wasm.ready;
  const path = `/keras-writer-${++counter}.h5`;
  const limit = spec.attributeLimit ?? 64512;
  const kerasVersion = spec.kerasVersion ?? '2.12.0';
  const backend = spec.backend ?? 'tensorflow';
  // h5py's default version bounds, as Keras files have them (superblock version 0).
  const file = new h5wasm.File(path, 'w', { libver: ['earliest', 'latest'] });
  try {
    if (spec.modelConfig !== undefined) {
      file.create_attribute('keras_version', kerasVersion);
      file.create_attribute('backend', backend);
      writeBytesAttribute(file, 'model_config', JSON.stringify(spec.modelConfig));
      if (spec.trainingConfig !== undefined) {
        writeBytesAttribute(file, 'training_config', JSON.stringify(spec.trainingConfig));
      }
      const weights = file.create_group('model_weights');
      writeGroups(weights, spec.weights, limit);
      weights.create_attribute('backend', backend);
      weights.create_attribute('keras_version', kerasVersion);
      if (spec.optimizerWeights) {
        const optimizer = file.create_group('optimizer_weights');
        writeStringsAttribute(
          optimizer,
          'weight_names',
          spec.optimizerWeights.map((w) => w.name),
          limit,
        );
        for (const weight of spec.optimizerWeights) writeDataset(optimizer, weight);
      }
    } else {
      writeGroups(file, spec.weights, limit);
      file.create_attribute('backend', backend);
      file.create_attribute('keras_version', kerasVersion);
    }
  } finally {
    file.close();
  }
  const bytes = module.FS.readFile(path);
  module.FS.unlink(path);
  return bytes;
}

/** tools/fixtures/layers-keras/keras_models.json, written by gen_keras_models.py. */
const FIXTURE_MODELS = new URL(
  '../../../../tools/fixtures/layers-keras/keras_models.json',
  import.meta.url,
);

/**
 * One model of the layers package's Keras fixtures (`keras_models.json`) written as a Keras-2.x
 * `.h5` file, for the apps' tests of `inspect`, `ablate` and the web model page.
 *
 * @param name - the fixture model's name (e.g. `'attention'`).
 * @param kerasVersion - the `keras_version` attribute (default '2.12.0').
 * @returns the file's bytes.
 * @throws Error when the fixtures hold no model of that name.
 */
export async function fixtureModelH5(name: string, kerasVersion?: string): Promise<Uint8Array> {
  const { models } = JSON.parse(readFileSync(FIXTURE_MODELS, 'utf8')) as {
    models: { name: string; modelConfig: unknown; weights: WeightGroupSpec[] }[];
  };
  const model = models.find((m) => m.name === name);
  if (!model) throw new Error(`no fixture model '${name}'`);
  return writeKerasH5({
    modelConfig: model.modelConfig,
    weights: model.weights,
    ...(kerasVersion === undefined ? {} : { kerasVersion }),
  });
}
