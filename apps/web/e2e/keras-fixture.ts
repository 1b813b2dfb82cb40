/**
 * Writes a model of @rectify/layers' Keras fixtures (tools/fixtures/layers-keras/keras_models.json,
 * written by gen_keras_models.py) as a Keras-2.x `.h5` file (h5wasm), the layout of Keras's
 * keras/saving/legacy/hdf5_format.py: root attributes keras_version, backend and model_config
 * (JSON bytes); `/model_weights` with `layer_names`; one group per layer with `weight_names` and
 * float32 datasets at `<layer>/<weight name>` in Keras shapes.
 */
import { readFileSync } from 'node:fs';
import h5wasm, { type Group } from 'h5wasm';

interface FixtureModel {
  name: string;
  modelConfig: unknown;
  weights: { layer: string; weights: { name: string; shape: number[]; data: number[] }[] }[];
}

const FIXTURES = new URL('../../../tools/fixtures/layers-keras/keras_models.json', import.meta.url);

function strings(target: Group, name: string, values: string[]): void {
  if (values.length === 0) {
    target.create_attribute(name, new Float64Array(0), [0], '<d');
    return;
  }
  const width = Math.max(1, ...values.map((v) => new TextEncoder().encode(v).length));
  target.create_attribute(name, values, [values.length], `S${width}`);
}

function groupAt(root: Group, parts: string[]): Group {
  let group = root;
  for (const part of parts) {
    group = group.keys().includes(part) ? (group.get(part) as Group) : group.create_group(part);
  }
  return group;
}

/**
 * The bytes of a Keras `.h5` file holding one fixture model.
 *
 * @param name - the fixture model's name (e.g. `'ppg_attention'`).
 * @returns the file's bytes.
 */
export async function kerasH5Fixture(name: string): Promise<Uint8Array> {
  const models = (JSON.parse(readFileSync(FIXTURES, 'utf8')) as { models: FixtureModel[] }).models;
  const model = models.find((m) => m.name === name);
  if (!model) throw new Error(`no fixture model '${name}'`);
  const module = await h5wasm.ready;
  const path = `/web-e2e-${name}.h5`;
  const file = new h5wasm.File(path, 'w', { libver: ['earliest', 'latest'] });
  try {
    const config = JSON.stringify(model.modelConfig);
    file.create_attribute('keras_version', '2.13.1');
    file.create_attribute('backend', 'tensorflow');
    file.create_attribute(
      'model_config',
      config,
      [],
      `S${new TextEncoder().encode(config).length}`,
    );
    const weights = file.create_group('model_weights');
    strings(
      weights,
      'layer_names',
      model.weights.map((g) => g.layer),
    );
    for (const group of model.weights) {
      const g = weights.create_group(group.layer);
      strings(
        g,
        'weight_names',
        group.weights.map((w) => w.name),
      );
      for (const w of group.weights) {
        const parts = w.name.split('/');
        groupAt(g, parts.slice(0, -1)).create_dataset({
          name: parts.at(-1) as string,
          data: Float32Array.from(w.data),
          shape: w.shape,
          dtype: '<f',
        });
      }
    }
  } finally {
    file.close();
  }
  const bytes = module.FS.readFile(path);
  module.FS.unlink(path);
  return bytes;
}
