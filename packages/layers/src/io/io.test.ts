import {
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { expectClose, loadFixture } from '@rectify/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CausalConv1D, causalConv1d } from '../layers/causal-conv1d';
import { DCReLU, dcRelu } from '../layers/dc-relu';
import { linearDc } from '../layers/linear-dc';
import { loadLayersModelWithCausal, mapCausalConv1D, modelFromKerasJson } from './causal-json';
import { fileSystemIO, ModelIOError } from './file-system-io';

interface ConvCase {
  steps: number;
  inChannels: number;
  filters: number;
  kernelSize: number;
  dilationRate: number;
  activation: string;
  x: number[];
  kernel: number[];
  bias: number[] | null;
  y: number[];
}

const convCases = loadFixture<{ causalConv1d: ConvCase[] }>('layers/layers.json').causalConv1d;
const dirs: string[] = [];

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rectify-io-'));
  dirs.push(dir);
  return dir;
}

function smallModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      causalConv1d({
        filters: 4,
        kernelSize: 3,
        dilationRate: 2,
        inputShape: [16, 1],
        name: 'conv_a',
      }),
      dcRelu({ dcMode: 'learn', s: 0.3 }),
      causalConv1d({ filters: 2, kernelSize: 2, activation: 'relu', useBias: false }),
      linearDc({ s: 0.5 }),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({ units: 3 }),
    ],
  });
  model.compile({ optimizer: 'adam', loss: 'sparseCategoricalCrossentropy' });
  return model;
}

const input = () => tf.randomNormal([3, 16, 1], 0, 1, 'float32', 11);

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('fileSystemIO', () => {
  it('writes tfjs format (model.json + weights.bin) and loads identical predictions', async () => {
    const model = smallModel();
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(a) };
      }),
    );
    const dir = await freshDir();
    const result = await model.save(fileSystemIO(dir));
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    expect(json.format).toBe('layers-model');
    expect(json.modelTopology).toEqual(artifacts!.modelTopology);
    expect(json.trainingConfig).toEqual(artifacts!.trainingConfig);
    expect(json.weightsManifest).toEqual([
      { paths: ['weights.bin'], weights: artifacts!.weightSpecs },
    ]);
    const bytes = await readFile(join(dir, 'weights.bin'));
    const expected = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts!.weightData!));
    expect(new Uint8Array(bytes)).toEqual(expected);
    expect(result.modelArtifactsInfo.weightDataBytes).toBe(bytes.byteLength);

    const loaded = await tf.loadLayersModel(fileSystemIO(dir));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(
      model.layers.map((l) => l.getClassName()),
    );
    const x = input();
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('round-trips trained weights, including a learned DC scale', async () => {
    const model = smallModel();
    const x = input();
    await model.fit(x, tf.tensor1d([0, 1, 2]), { epochs: 3, verbose: 0 });
    const dir = await freshDir();
    await model.save(fileSystemIO(dir));
    const loaded = await tf.loadLayersModel(fileSystemIO(dir));
    const s = (m: tf.LayersModel) =>
      Array.from(
        m.layers
          .find((l) => l instanceof DCReLU)!
          .getWeights()[0]!
          .dataSync(),
      );
    expect(s(loaded)).toEqual(s(model));
    expect(s(model)).not.toEqual([0.3, 0.3, 0.3, 0.3]);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('keeps optimizer weights when saved with includeOptimizer', async () => {
    const model = smallModel();
    await model.fit(input(), tf.tensor1d([0, 1, 2]), { epochs: 1, verbose: 0 });
    const dir = await freshDir();
    await model.save(fileSystemIO(dir), { includeOptimizer: true });
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    const groups = json.weightsManifest[0]!.weights.map((w) => w.group ?? 'model');
    expect(groups).toContain('optimizer');
    const loaded = await tf.loadLayersModel(fileSystemIO(dir));
    const before = await model.optimizer.getWeights();
    const after = await loaded.optimizer.getWeights();
    expect(after.map((w) => w.name)).toEqual(before.map((w) => w.name));
    for (const [i, w] of after.entries()) {
      expect(Array.from(w.tensor.dataSync())).toEqual(Array.from(before[i]!.tensor.dataSync()));
    }
  });

  it('overwrites an existing model and leaves no temporary files', async () => {
    const dir = await freshDir();
    await smallModel().save(fileSystemIO(dir));
    const second = smallModel();
    await second.save(fileSystemIO(join(dir)));
    expect((await readdir(dir)).sort()).toEqual(['model.json', 'weights.bin']);
    const loaded = await tf.loadLayersModel(fileSystemIO(dir));
    const x = input();
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((second.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('creates missing parent directories', async () => {
    const dir = join(await freshDir(), 'a', 'b');
    await smallModel().save(fileSystemIO(dir));
    expect((await stat(join(dir, 'model.json'))).isFile()).toBe(true);
  });

  it('loads weights sharded over several files, as tfjs-node and the converter write them', async () => {
    const model = smallModel();
    const dir = await freshDir();
    await model.save(fileSystemIO(dir));
    const bytes = await readFile(join(dir, 'weights.bin'));
    const cut = 12;
    await writeFile(join(dir, 'group1-shard1of2.bin'), bytes.subarray(0, cut));
    await writeFile(join(dir, 'group1-shard2of2.bin'), bytes.subarray(cut));
    await unlink(join(dir, 'weights.bin'));
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as tf.io.ModelJSON;
    json.weightsManifest[0]!.paths = ['group1-shard1of2.bin', 'group1-shard2of2.bin'];
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    const loaded = await tf.loadLayersModel(fileSystemIO(dir));
    const x = input();
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('rejects a missing weights file, naming it', async () => {
    const dir = await freshDir();
    await smallModel().save(fileSystemIO(dir));
    await unlink(join(dir, 'weights.bin'));
    const error = await tf.loadLayersModel(fileSystemIO(dir)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelIOError);
    expect((error as Error).message).toMatch(
      /^weights file .*weights\.bin listed in .*model\.json cannot be read: it does not exist$/,
    );
  });

  it('rejects a truncated or over-long weights file with the byte counts', async () => {
    const dir = await freshDir();
    await smallModel().save(fileSystemIO(dir));
    const size = (await stat(join(dir, 'weights.bin'))).size;
    await truncate(join(dir, 'weights.bin'), size - 4);
    await expect(tf.loadLayersModel(fileSystemIO(dir))).rejects.toThrow(
      new RegExp(`hold ${size - 4} bytes but its manifest needs ${size} bytes \\(truncated\\)`),
    );
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(size + 8));
    await expect(tf.loadLayersModel(fileSystemIO(dir))).rejects.toThrow(
      /needs \d+ bytes \(too long\)/,
    );
  });

  it('rejects a missing or malformed model.json', async () => {
    const dir = await freshDir();
    await expect(tf.loadLayersModel(fileSystemIO(dir))).rejects.toThrow(
      /^.*model\.json cannot be read: it does not exist$/,
    );
    await writeFile(join(dir, 'model.json'), '{"modelTopology": ');
    await expect(tf.loadLayersModel(fileSystemIO(dir))).rejects.toThrow(
      /model\.json is not valid JSON/,
    );
    // Issue 17: JSON.parse's own message quotes the file ("SECRET…" is not valid JSON); the
    // error names the file and the rule only.
    await writeFile(join(dir, 'model.json'), 'SECRET-BYTES-OF-THE-FILE');
    const notJson = await tf.loadLayersModel(fileSystemIO(dir)).catch((e: unknown) => e);
    expect((notJson as ModelIOError).code).toBe('not-json');
    expect((notJson as Error).message).toBe(
      `${join(dir, 'model.json')} is not valid JSON (truncated or not a model.json; its content is not shown)`,
    );
    await writeFile(join(dir, 'model.json'), '{"weightsManifest": []}');
    await expect(tf.loadLayersModel(fileSystemIO(dir))).rejects.toThrow(/has no modelTopology/);
  });

  it('fails cleanly when the target cannot be written, leaving no temporary file', async () => {
    const dir = await freshDir();
    await writeFile(join(dir, 'blocker'), 'not a directory');
    const error = await smallModel()
      .save(fileSystemIO(join(dir, 'blocker')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelIOError);
    expect((error as ModelIOError).code).toBe('unwritable');
    expect((error as Error).message).toBe(
      `${join(dir, 'blocker')} cannot be written: the file system says EEXIST`,
    );
    expect(await readdir(dir)).toEqual(['blocker']);
  });

  it('rejects an empty directory path', () => {
    expect(() => fileSystemIO('')).toThrow(
      new TypeError('dir must be a non-empty directory path, got '),
    );
  });
});

describe('Keras-style Conv1D with padding causal', () => {
  const c = convCases.find((k) => k.dilationRate === 2 && k.activation === 'relu')!;
  const kerasJson = {
    class_name: 'Sequential',
    config: {
      name: 'sequential',
      layers: [
        {
          class_name: 'InputLayer',
          config: {
            batch_input_shape: [null, c.steps, c.inChannels],
            dtype: 'float32',
            sparse: false,
            ragged: false,
            name: 'input_1',
          },
        },
        {
          class_name: 'Conv1D',
          config: {
            name: 'conv1d',
            trainable: true,
            dtype: 'float32',
            filters: c.filters,
            kernel_size: [c.kernelSize],
            strides: [1],
            padding: 'causal',
            data_format: 'channels_last',
            dilation_rate: [c.dilationRate],
            groups: 1,
            activation: c.activation,
            use_bias: true,
            kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
            bias_initializer: { class_name: 'Zeros', config: {} },
            kernel_regularizer: null,
            bias_regularizer: null,
            activity_regularizer: null,
            kernel_constraint: null,
            bias_constraint: null,
          },
        },
      ],
    },
    keras_version: '2.15.0',
    backend: 'tensorflow',
  };

  it('mapCausalConv1D renames only causal Conv1D layers and leaves the input untouched', () => {
    const same = { class_name: 'Conv1D', config: { padding: 'same' } };
    const input = { layers: [kerasJson.config.layers[1], same] };
    const mapped = mapCausalConv1D(input);
    expect(mapped.layers[0]!.class_name).toBe('CausalConv1D');
    expect(mapped.layers[1]!.class_name).toBe('Conv1D');
    expect(input.layers[0]!.class_name).toBe('Conv1D');
    expect(mapCausalConv1D({ className: 'Conv1D', config: { padding: 'causal' } }).className).toBe(
      'CausalConv1D',
    );
  });

  it('modelFromKerasJson builds CausalConv1D that matches the numpy Keras-semantics oracle', async () => {
    const model = await modelFromKerasJson(JSON.stringify(kerasJson));
    const layer = model.layers.find((l) => l.name === 'conv1d') as CausalConv1D;
    expect(layer).toBeInstanceOf(CausalConv1D);
    expect(layer.name).toBe('conv1d');
    expect(layer.config).toEqual({
      filters: c.filters,
      kernelSize: c.kernelSize,
      strides: 1,
      dilationRate: c.dilationRate,
      activation: 'relu',
      useBias: true,
    });
    layer.setWeights([
      tf.tensor3d(c.kernel, [c.kernelSize, c.inChannels, c.filters]),
      tf.tensor1d(c.bias!),
    ]);
    const y = model.predict(tf.tensor3d(c.x, [2, c.steps, c.inChannels])) as tf.Tensor;
    expectClose(y.dataSync(), c.y, { rtol: 1e-5, atol: 1e-5 });
  });

  it('loadLayersModelWithCausal loads a model.json with Keras Conv1D causal that tfjs alone cannot run', async () => {
    const model = tf.sequential({
      layers: [
        causalConv1d({
          filters: 3,
          kernelSize: 4,
          dilationRate: 2,
          activation: 'relu',
          inputShape: [16, 1],
        }),
        tf.layers.globalAveragePooling1d(),
      ],
    });
    const dir = await freshDir();
    await model.save(fileSystemIO(dir));
    const jsonPath = join(dir, 'model.json');
    const text = await readFile(jsonPath, 'utf8');
    expect(text).toContain('"class_name":"CausalConv1D"');
    await writeFile(jsonPath, text.replace('"class_name":"CausalConv1D"', '"class_name":"Conv1D"'));
    const x = input();
    await expect(
      (async () => (await tf.loadLayersModel(fileSystemIO(dir))).predict(x))(),
    ).rejects.toThrow(/CAUSAL/);
    const loaded = await loadLayersModelWithCausal(fileSystemIO(dir));
    expect(loaded.layers[0]).toBeInstanceOf(CausalConv1D);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
  });

  it('rejects bad sources', async () => {
    await expect(loadLayersModelWithCausal(42 as unknown as tf.io.IOHandler)).rejects.toThrow(
      /source must be an IOHandler with load\(\), got 42/,
    );
    await expect(
      loadLayersModelWithCausal('/models/ppg' as unknown as tf.io.IOHandler),
    ).rejects.toThrow(/fileSystemIO\(dir\) from '@rectify\/layers\/node'/);
    await expect(modelFromKerasJson(7 as unknown as string)).rejects.toThrow(
      /json must be a JSON string or object, got 7/,
    );
  });
});
