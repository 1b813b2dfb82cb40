import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { conv1dMulti } from '@rectify/signal';
import { expectClose, loadFixture } from '@rectify/test-utils';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KerasImportError, loadKerasH5, loadKerasWeightsH5 } from '../../src/keras/index';
import { type KerasH5Spec, type WeightGroupSpec, writeKerasH5 } from './keras-h5-writer';
import { vbArchitecture } from './vb-architecture';

interface ArrayFixture {
  shape: number[];
  data: number[];
}

interface ModelFixture {
  name: string;
  modelConfig: { class_name: string; config: { layers: { class_name: string }[] } };
  weights: WeightGroupSpec[];
  input: ArrayFixture;
  output: ArrayFixture;
  probes: Record<string, ArrayFixture>;
}

const fixture = loadFixture<{ models: ModelFixture[] }>('layers-keras/keras_models.json');
const byName = (name: string) => fixture.models.find((m) => m.name === name) as ModelFixture;
const TOL = { rtol: 1e-5, atol: 1e-5 };

function specOf(model: ModelFixture, extra: Partial<KerasH5Spec> = {}): KerasH5Spec {
  return {
    modelConfig: model.modelConfig,
    weights: model.weights,
    trainingConfig: { loss: 'mse', optimizer_config: { class_name: 'Adam', config: {} } },
    optimizerWeights: [
      { name: 'Adam/iter:0', shape: [1], data: [3] },
      { name: 'Adam/dense_out/kernel/m:0', shape: [2], data: [0.5, -0.5] },
    ],
    ...extra,
  };
}

function predict(model: tf.LayersModel, input: ArrayFixture): Float32Array {
  return tf.tidy(() => {
    const y = model.predict(tf.tensor(input.data, input.shape)) as tf.Tensor;
    return y.dataSync() as Float32Array;
  });
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('loadKerasH5 reproduces the numpy forward pass (1e-5)', () => {
  it('a Functional model with a nested Functional block and a causal dilated Conv1D', async () => {
    const model = byName('nested_functional');
    const result = await loadKerasH5(await writeKerasH5(specOf(model)));
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'output' });
    expect(result.kerasVersion).toBe('2.12.0');
    expect(result.ignored).toEqual(['optimizer_weights', 'training_config']);
    expect(result.unsupported).toEqual([]);
    expect(result.skipped).toEqual([]);
    expect(result.weights.unused).toEqual([]);
    expect(result.weights.matchedBy).toEqual({
      block1: 'name',
      conv_valid: 'name',
      layer_norm: 'name',
      dense_hidden: 'name',
      dense_out: 'name',
    });
    const names = result.model.layers.map((l) => l.name);
    expect(names).toContain('block1/b1_causal');
    expect(result.model.getLayer('block1/b1_causal').getClassName()).toBe('CausalConv1D');
    expect(result.model.outputs[0]?.shape).toEqual([null, 2]);
  });

  it('a Sequential model (valid/same/strided convs, Activation, Flatten, softmax)', async () => {
    const model = byName('sequential');
    const { model: tfModel, layers } = await loadKerasH5(await writeKerasH5(specOf(model)));
    expectClose(predict(tfModel, model.input), model.output.data, { ...TOL, label: 'output' });
    expect(layers.every((l) => l.status === 'built')).toBe(true);
  });

  it('upTo builds the model up to a layer, nested layers by qualified or unique own name', async () => {
    const model = byName('nested_functional');
    const bytes = await writeKerasH5(specOf(model));
    for (const [upTo, probe] of [
      ['block1/b1_causal', 'block1/b1_causal'],
      ['b1_relu', 'block1/b1_relu'],
      ['block1', 'block1'],
      ['layer_norm', 'layer_norm'],
    ] as const) {
      const result = await loadKerasH5(bytes, { upTo });
      const expected = model.probes[probe] as ArrayFixture;
      expect(result.model.outputs[0]?.shape.slice(1)).toEqual(expected.shape.slice(1));
      expectClose(predict(result.model, model.input), expected.data, { ...TOL, label: upTo });
    }
    const tensors = tf.memory().numTensors;
    const front = await loadKerasH5(bytes, { upTo: 'block1/b1_causal' });
    expect(tf.memory().numTensors - tensors, 'only the kernel and bias of b1_causal').toBe(2);
    expect(front.skipped).toContain('dense_out');
    expect(front.skipped).toContain('block1/b1_same');
    expect(front.weights.unused).toEqual(['conv_valid', 'layer_norm', 'dense_hidden', 'dense_out']);
  });

  it('reads the weights of a save_weights file into a model', async () => {
    const model = byName('nested_functional');
    const { model: tfModel } = await loadKerasH5(await writeKerasH5(specOf(model)));
    for (const layer of tfModel.layers) {
      layer.setWeights(layer.getWeights().map((w) => tf.zerosLike(w)));
    }
    expect(Math.max(...predict(tfModel, model.input).map(Math.abs))).toBe(0);
    const report = await loadKerasWeightsH5(
      tfModel,
      await writeKerasH5({ weights: model.weights }),
    );
    expect(report.loaded).toEqual([
      'block1',
      'conv_valid',
      'layer_norm',
      'dense_hidden',
      'dense_out',
    ]);
    expectClose(predict(tfModel, model.input), model.output.data, { ...TOL, label: 'output' });
  });

  it('reads Keras-split attributes (layer_names0, layer_names1, …) and order-only weight names', async () => {
    const model = byName('sequential');
    const renamed = model.weights.map((g) => ({
      layer: g.layer,
      weights: g.weights.map((w) => ({ ...w, name: w.name.split('/').at(-1) as string })),
    }));
    const bytes = await writeKerasH5(specOf(model, { weights: renamed, attributeLimit: 16 }));
    const result = await loadKerasH5(bytes);
    expect(result.weights.matchedBy.seq_dense).toBe('order');
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'output' });
  });

  it('reads Keras 3 style configs (batch_shape, keras_history inbound nodes)', async () => {
    const model = byName('nested_functional');
    const renamed = JSON.stringify(model.modelConfig).replaceAll(
      '"batch_input_shape"',
      '"batch_shape"',
    );
    const keras3 = JSON.parse(renamed, (key, value) => {
      if (key !== 'inbound_nodes' || !Array.isArray(value)) return value;
      return value.map((node: [string, number, number, object][]) => ({
        args: node.map(([layer, nodeIndex, tensorIndex]) => ({
          class_name: '__keras_tensor__',
          config: {
            shape: [null],
            dtype: 'float32',
            keras_history: [layer, nodeIndex, tensorIndex],
          },
        })),
        kwargs: {},
      }));
    });
    expect(JSON.stringify(keras3)).not.toContain('batch_input_shape');
    expect(JSON.stringify(keras3)).toContain('keras_history');
    const result = await loadKerasH5(await writeKerasH5(specOf(model, { modelConfig: keras3 })));
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'output' });
  });

  it('loads from a file path', async () => {
    const model = byName('sequential');
    const dir = mkdtempSync(join(tmpdir(), 'rectify-keras-'));
    try {
      const path = join(dir, 'model.h5');
      writeFileSync(path, await writeKerasH5(specOf(model)));
      const { model: tfModel } = await loadKerasH5(path);
      expectClose(predict(tfModel, model.input), model.output.data, { ...TOL, label: 'output' });
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});

describe('node indices, shared layers and keyword tensors (Keras 2 conventions)', () => {
  it("the paper's PPG architecture, small: nested blocks at node 1, self-attention with value in kwargs", async () => {
    const model = byName('ppg_attention');
    const result = await loadKerasH5(await writeKerasH5(specOf(model)));
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'output' });
    expect(result.weights.unused).toEqual([]);
    expect(result.weights.matchedBy.multi_head_attention).toBe('name');
    for (const probe of ['model_2', 'multi_head_attention', 'layer_normalization']) {
      const front = await loadKerasH5(await writeKerasH5(specOf(model)), { upTo: probe });
      const expected = model.probes[probe] as ArrayFixture;
      expectClose(predict(front.model, model.input), expected.data, { ...TOL, label: probe });
    }
  });

  it('cross-attention: query positional, value and key passed by keyword', async () => {
    const model = byName('cross_attention');
    const result = await loadKerasH5(await writeKerasH5(specOf(model)));
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'output' });
    const front = await loadKerasH5(await writeKerasH5(specOf(model)), { upTo: 'cross_mha' });
    expectClose(predict(front.model, model.input), (model.probes.cross_mha as ArrayFixture).data, {
      ...TOL,
      label: 'cross_mha',
    });
  });

  it('a layer called twice: its second call is node 1, with the same weights', async () => {
    const model = byName('shared_layer');
    const result = await loadKerasH5(await writeKerasH5(specOf(model)));
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'output' });
    expect(result.model.layers.filter((l) => l.name === 'shared')).toHaveLength(1);
  });

  it('a reference to a node that does not exist names the layer, the node and the tensor', async () => {
    const model = byName('nested_functional');
    const text = JSON.stringify(model.modelConfig).replace(
      '[["block1",1,0,{}]]',
      '[["block1",2,0,{}]]',
    );
    expect(text).not.toBe(JSON.stringify(model.modelConfig));
    const error = await rejection(
      loadKerasH5(await writeKerasH5(specOf(model, { modelConfig: JSON.parse(text) }))),
    );
    expect(error).toMatchObject({ code: 'bad-config', layerName: 'conv_valid' });
    expect(error.message).toContain("reads 'block1' node 2 tensor 0");
  });
});

describe('unsupported layers', () => {
  it('names the layer and its type and suggests upTo; upTo then builds the supported front', async () => {
    const model = byName('unsupported_head');
    const bytes = await writeKerasH5(specOf(model));
    const tensors = tf.memory().numTensors;
    const error = await rejection(loadKerasH5(bytes));
    expect(tf.memory().numTensors, 'weights of the layers built before the failure').toBe(tensors);
    expect(error).toBeInstanceOf(KerasImportError);
    expect(error).toMatchObject({
      code: 'unsupported-layer',
      layerName: 'lstm',
      className: 'LSTM',
    });
    expect(error.message).toContain(
      "layer 'lstm' of type LSTM is not supported by the Keras import",
    );
    expect(error.message).toContain("{ upTo: 'front_pool' }");
    const front = await loadKerasH5(bytes, { upTo: 'front_pool' });
    expectClose(predict(front.model, model.input), model.output.data, { ...TOL, label: 'front' });
    expect(front.unsupported).toEqual([{ name: 'lstm', className: 'LSTM' }]);
    expect(front.weights.unused).toEqual(['lstm']);
  });

  it('a Lambda (Python code) and a custom object are named as such', async () => {
    const model = byName('unsupported_head');
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ class_name: 'Lambda' }, /'lstm' of type Lambda .*It holds Python code \(Lambda\)/],
      [
        { class_name: 'TCN', registered_name: 'keras_tcn>TCN', module: 'tcn.tcn' },
        /'lstm' of type TCN .*custom object \(keras_tcn>TCN from tcn\.tcn\)/,
      ],
    ];
    for (const [patch, message] of cases) {
      const config = structuredClone(model.modelConfig) as unknown as {
        config: { layers: Record<string, unknown>[] };
      };
      Object.assign(config.config.layers.at(-1) as Record<string, unknown>, patch);
      const error = await rejection(
        loadKerasH5(await writeKerasH5(specOf(model, { modelConfig: config }))),
      );
      expect(error).toMatchObject({ code: 'unsupported-layer', layerName: 'lstm' });
      expect(error.message).toMatch(message);
      expect(error.message).toContain("{ upTo: 'front_pool' }");
    }
  });

  it('customLayers maps an unsupported class to a tfjs layer', async () => {
    const model = byName('unsupported_head');
    const bytes = await writeKerasH5(specOf(model));
    const seen: string[] = [];
    const { model: tfModel, weights } = await loadKerasH5(bytes, {
      customLayers: {
        LSTM: (config, name) => {
          seen.push(`${name}:${String(config.units)}`);
          return tf.layers.activation({ activation: 'relu', name });
        },
      },
    });
    expect(seen).toEqual(['lstm:3']);
    expect(weights.unused).toEqual(['lstm']);
    expectClose(predict(tfModel, model.input), model.output.data, {
      ...TOL,
      label: 'identity head',
    });
  });

  it('masks, attention scores and other keyword tensors are named as unsupported features', async () => {
    const model = byName('ppg_attention');
    const cases: [Record<string, unknown>, string][] = [
      [{ attention_mask: ['model_2', 1, 0] }, 'masking (attention_mask)'],
      [{ use_causal_mask: true }, 'masking (use_causal_mask)'],
      [{ return_attention_scores: true }, 'return_attention_scores'],
    ];
    for (const [extra, feature] of cases) {
      const config = structuredClone(model.modelConfig) as unknown as {
        config: { layers: { name: string; inbound_nodes: [string, number, number, object][][] }[] };
      };
      const mha = config.config.layers.find((l) => l.name === 'multi_head_attention');
      const entry = mha?.inbound_nodes[0]?.[0] as [string, number, number, object];
      entry[3] = { ...entry[3], ...extra };
      const error = await rejection(
        loadKerasH5(await writeKerasH5(specOf(model, { modelConfig: config }))),
      );
      expect(error).toMatchObject({
        code: 'unsupported-feature',
        layerName: 'multi_head_attention',
        className: 'MultiHeadAttention',
      });
      expect(error.message).toContain(feature);
    }
  });
  it("the paper's V.B architecture loads whole; upTo: 'block3' still builds the conv front", async () => {
    const spec = vbArchitecture();
    const bytes = await writeKerasH5(spec);
    const whole = await loadKerasH5(bytes);
    expect(whole.model.outputs[0]?.shape).toEqual([null, 1]);
    expect(whole.unsupported).toEqual([]);
    expect(whole.model.getLayer('multi_head_attention').getClassName()).toBe(
      'RectifyKerasMultiHeadAttention',
    );
    const front = await loadKerasH5(bytes, { upTo: 'block3' });
    expect(front.model.outputs[0]?.shape).toEqual([null, 16, 64]);
    expect(front.model.layers.filter((l) => l.getClassName() === 'CausalConv1D')).toHaveLength(9);
    expect(front.skipped).toEqual([
      'multi_head_attention',
      'layer_normalization',
      'flatten',
      'dense',
      'dense_1',
    ]);
    expect(front.weights.unused).toEqual([
      'multi_head_attention',
      'layer_normalization',
      'dense',
      'dense_1',
    ]);

    // The first conv against an independent causal dilated convolution (@rectify/signal).
    const { model } = await loadKerasH5(bytes, { upTo: 'conv1d' });
    const x = Float64Array.from(
      { length: 256 },
      (_, i) => Math.cos((2 * Math.PI * 1.2 * i) / 32) + 0.1 * Math.sin(i),
    );
    const block1 = spec.weights.find((g) => g.layer === 'block1') as WeightGroupSpec;
    const kernel = Float64Array.from(block1.weights[0]?.data ?? []);
    const bias = Array.from(block1.weights[1]?.data ?? []);
    const { y } = conv1dMulti(x, kernel, {
      steps: 256,
      inChannels: 1,
      outChannels: 32,
      kernelSize: 5,
      padding: 'causal',
      dilationRate: 2,
      strides: 1,
    });
    const expected = y.map((v, i) => Math.max(0, v + (bias[i % 32] as number)));
    expectClose(predict(model, { shape: [1, 256, 1], data: Array.from(x) }), expected, {
      ...TOL,
      label: 'conv1d',
    });
  });
});

describe('bad files and arguments fail clearly without crashing the process', () => {
  let valid: Uint8Array;
  beforeAll(async () => {
    valid = await writeKerasH5(specOf(byName('sequential')));
  });
  afterAll(() => {
    expect(process.exitCode ?? 0).toBe(0);
  });

  it('non-HDF5 bytes', async () => {
    const error = await rejection(loadKerasH5(new TextEncoder().encode('{"modelTopology": {}}')));
    expect(error).toMatchObject({ code: 'not-hdf5' });
    expect(error.message).toMatch(
      /^source is not an HDF5 file \(no HDF5 signature .* 21 bytes, starting 7b 22 6d/,
    );
    expect(await rejection(loadKerasH5(new Uint8Array(0)))).toMatchObject({ code: 'not-hdf5' });
  });

  it('a truncated file, cut after the superblock or inside it', async () => {
    const half = await rejection(loadKerasH5(valid.slice(0, valid.length >> 1)));
    expect(half).toMatchObject({ code: 'truncated' });
    expect(half.message).toBe(
      `source is truncated: its HDF5 superblock records ${valid.length} bytes, got ${valid.length >> 1}`,
    );
    const head = await rejection(loadKerasH5(valid.slice(0, 20).buffer));
    expect(head).toMatchObject({ code: 'truncated' });
    expect(head.message).toContain('20 bytes end inside the HDF5 superblock');
  });

  it('a corrupted body becomes a KerasImportError, and the library keeps working', async () => {
    const corrupted = valid.slice();
    corrupted.fill(0xab, 96);
    const error = await rejection(loadKerasH5(corrupted));
    expect(error).toBeInstanceOf(KerasImportError);
    expect(['unreadable', 'not-keras']).toContain((error as KerasImportError).code);
    const { model } = await loadKerasH5(valid);
    expect(model.layers.length).toBeGreaterThan(1);
  });

  it('an HDF5 file without a Keras model, and a weights-only file given to loadKerasH5', async () => {
    const weightsOnly = await writeKerasH5({ weights: byName('sequential').weights });
    const error = await rejection(loadKerasH5(weightsOnly));
    expect(error).toMatchObject({ code: 'not-keras' });
    expect(error.message).toContain('loadKerasWeightsH5(model, source)');
    const empty = await writeKerasH5({ weights: [] });
    const plain = await rejection(
      loadKerasWeightsH5(
        tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2], name: 'd' })] }),
        empty,
      ),
    );
    expect(plain).toMatchObject({ code: 'weights-mismatch' });
    expect(plain.message).toContain("no weights for layer 'd'");
  });

  it('weights that do not fit name the layer and the shapes', async () => {
    const model = byName('sequential');
    const wrong = model.weights.map((g) =>
      g.layer === 'seq_dense'
        ? { ...g, weights: g.weights.map((w, i) => (i === 1 ? { ...w, shape: [1, 3] } : w)) }
        : g,
    );
    const error = await rejection(
      loadKerasH5(await writeKerasH5(specOf(model, { weights: wrong }))),
    );
    expect(error).toMatchObject({ code: 'weights-mismatch', layerName: 'seq_dense' });
    expect(error.message).toContain(
      "weight 'seq_dense/bias:0' of layer 'seq_dense' has shape [1, 3] but",
    );
    const missing = model.weights.filter((g) => g.layer !== 'seq_conv');
    const absent = await rejection(
      loadKerasH5(await writeKerasH5(specOf(model, { weights: missing }))),
    );
    expect(absent.message).toContain("has no weights for layer 'seq_conv'");
  });

  it('bad arguments: source type, upTo, options', async () => {
    await expect(loadKerasH5(42 as never)).rejects.toThrow(
      new TypeError(
        'source must be a file path (string), a Uint8Array or an ArrayBuffer, got number',
      ),
    );
    await expect(loadKerasH5(valid, { upTo: 'nope' })).rejects.toThrow(RangeError);
    await expect(loadKerasH5(valid, { upTo: 'nope' })).rejects.toThrow(
      /^upTo must name a layer of the model, got 'nope'; layers: seq_input, seq_conv, seq_act/,
    );
    await expect(loadKerasH5(valid, { upTo: 3 as never })).rejects.toThrow(TypeError);
    await expect(loadKerasH5('/nonexistent/model.h5')).rejects.toThrow(
      /ENOENT.*\/nonexistent\/model\.h5/,
    );
    await expect(loadKerasWeightsH5({} as never, valid)).rejects.toThrow(TypeError);
  });
});
