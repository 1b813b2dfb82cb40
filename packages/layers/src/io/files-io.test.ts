import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeras } from '../keras/load';
import { loadModelFiles } from '../keras/model-files';
import { causalConv1d } from '../layers/causal-conv1d';
import { fileSystemIO } from './file-system-io';
import { filesIO } from './files-io';
import { ModelIOError } from './model-artifacts';

const REAL = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/real-models');
const realPresent = existsSync(join(REAL, 'model_S5.h5'));
if (!realPresent)
  console.warn(
    `NOTICE: ${REAL} is absent; loadModelFiles on files written by real Keras is SKIPPED (partial run).`,
  );

let dir = '';
let saved: File[] = [];
let model: tf.LayersModel;
let x: tf.Tensor;

/** The files of the saved model folder, as a user would choose them. */
async function chosen(patch: Record<string, Uint8Array | string> = {}): Promise<File[]> {
  return Promise.all(
    (await readdir(dir)).map(
      async (name) => new File([patch[name] ?? (await readFile(join(dir, name)))], name),
    ),
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  x = tf.tensor3d(
    Array.from({ length: 16 }, (_, i) => Math.sin(i)),
    [1, 16, 1],
  );
  dir = await mkdtemp(join(tmpdir(), 'rectify-files-io-'));
  const input = tf.input({ shape: [16, 1] });
  const conv = causalConv1d({ filters: 3, kernelSize: 3, activation: 'relu' }).apply(input);
  const pooled = tf.layers.globalAveragePooling1d().apply(conv) as tf.SymbolicTensor;
  model = tf.model({
    inputs: input,
    outputs: tf.layers.dense({ units: 1 }).apply(pooled) as tf.SymbolicTensor,
  });
  await model.save(fileSystemIO(dir));
  saved = await chosen();
});

afterAll(async () => {
  model.dispose();
  x.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('filesIO and loadModelFiles (a tfjs model.json and its weights)', () => {
  it('loads the chosen files into a model that computes what the saved one computes', async () => {
    const { model: loaded, skipped } = await loadModelFiles(saved);
    const want = (model.predict(x) as tf.Tensor).dataSync();
    const got = (loaded.predict(x) as tf.Tensor).dataSync();
    expect(Array.from(got)).toEqual(Array.from(want));
    expect(skipped).toEqual([]);
    expect(loaded.layers.map((l) => l.getClassName())).toContain('CausalConv1D');
    loaded.dispose();
  });

  it('refuses a weights file that is missing, truncated or holds NaN, naming the file and weight', async () => {
    const only = saved.filter((f) => f.name.endsWith('.json'));
    await expect(tf.loadLayersModel(filesIO(only))).rejects.toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining(
        '"weights.bin" listed in model.json is not among the files given',
      ),
    });
    const bytes = new Uint8Array(readFileSync(join(dir, 'weights.bin')));
    await expect(
      tf.loadLayersModel(filesIO(await chosen({ 'weights.bin': bytes.subarray(4) }))),
    ).rejects.toMatchObject({ code: 'size-mismatch' });
    const nan = bytes.slice();
    new DataView(nan.buffer).setFloat32(4, Number.NaN, true);
    const error = await tf
      .loadLayersModel(filesIO(await chosen({ 'weights.bin': nan })))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelIOError);
    expect(error).toMatchObject({
      code: 'non-finite-weight',
      weightName: expect.stringMatching(/kernel$/),
    });
  });

  it('refuses a model.json that is not JSON, not a tfjs model or has no weights', async () => {
    const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8'));
    const load = async (text: string) =>
      tf.loadLayersModel(filesIO(await chosen({ 'model.json': text }))).catch((e: unknown) => e);
    expect(await load('{"modelTopology":')).toMatchObject({ code: 'not-json' });
    expect(await load('{"weightsManifest":[]}')).toMatchObject({ code: 'not-tfjs' });
    const { weightsManifest: _, ...bare } = json;
    expect(await load(JSON.stringify(bare))).toMatchObject({ code: 'no-weights' });
    const twice = [...saved, new File(['{}'], 'other.json')];
    expect(await tf.loadLayersModel(filesIO(twice)).catch((e: unknown) => e)).toMatchObject({
      code: 'unreadable',
      message: expect.stringContaining('exactly one model.json'),
    });
  });

  it('names the rule for files it cannot read as a model at all', async () => {
    expect(() => filesIO('model.json' as never)).toThrow(TypeError);
    await expect(loadModelFiles([new File(['x'], 'notes.txt')])).rejects.toThrow(
      /files must be one Keras \.keras\/\.h5 file, or a tfjs model\.json with its weights files, got notes\.txt/,
    );
    await expect(loadModelFiles([])).rejects.toThrow(/got none/);
    await expect(loadModelFiles(saved, { upTo: 'dense' })).rejects.toThrow(
      /upTo applies to Keras \.keras\/\.h5 models only/,
    );
  });
});

describe.skipIf(!realPresent)('loadModelFiles on files written by real Keras', () => {
  it.each(['model_S5.h5', 'tcn_causal_functional.keras'])(
    '%s chosen as a File gives the model loadKeras gives for its path',
    async (name) => {
      const path = join(REAL, name);
      const fromFile = await loadModelFiles([new File([readFileSync(path)], name)]);
      const fromPath = await loadKeras(path);
      expect(fromFile.model.layers.map((l) => l.name)).toEqual(
        fromPath.model.layers.map((l) => l.name),
      );
      const shape = fromPath.model.inputs[0]?.shape.map((d) => d ?? 1) as number[];
      const probe = tf.randomNormal(shape, 0, 1, 'float32', 7);
      const a = (fromFile.model.predict(probe) as tf.Tensor).dataSync();
      const b = (fromPath.model.predict(probe) as tf.Tensor).dataSync();
      expect(Array.from(a)).toEqual(Array.from(b));
      for (const m of [fromFile.model, fromPath.model]) m.dispose();
      probe.dispose();
    },
    60_000,
  );
});
