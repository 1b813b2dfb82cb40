/**
 * Files written by real Keras (../shared/real-models, see its SOURCES.md). They are third-party
 * data and never copied into the project: when the folder is absent these tests say so and skip.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeKerasModel, loadKeras, loadKerasH5 } from '../../src/keras/index';
import { parseNpz } from './npy';

const REAL = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/real-models');
const present = existsSync(join(REAL, 'model_S5.h5'));
if (!present) {
  console.warn(
    `NOTICE: ${REAL} is absent; the tests on files written by real Keras are SKIPPED (partial run).`,
  );
}

/** The 72-bpm probe of issue 20: cos(2π·1.2t) + 0.4cos(2π·2.4t + 0.4) + 0.2sin(2π·0.25t), t = i/32. */
function probe72(): tf.Tensor {
  return tf.tensor(probe72Samples(), [1, 256, 1]);
}

function probe72Samples(): Float32Array {
  const x = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const t = i / 32;
    x[i] =
      Math.cos(2 * Math.PI * 1.2 * t) +
      0.4 * Math.cos(2 * Math.PI * 2.4 * t + 0.4) +
      0.2 * Math.sin(2 * Math.PI * 0.25 * t);
  }
  return x;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!present)("the paper's trained PPG model (model_S5.h5, Keras 2.13.1)", () => {
  it('loads whole (nested blocks at node index 1, MultiHeadAttention with value in kwargs)', async () => {
    const { model, weights, kerasVersion, unsupported } = await loadKerasH5(
      join(REAL, 'model_S5.h5'),
    );
    expect(kerasVersion).toBe('2.13.1');
    expect(unsupported).toEqual([]);
    expect(weights.unused).toEqual([]);
    expect(weights.loaded).toEqual([
      'model_20',
      'model_21',
      'model_22',
      'multi_head_attention_5',
      'layer_normalization_5',
      'dense_10',
      'dense_11',
    ]);
    expect(model.outputs[0]?.shape).toEqual([null, 1]);
    model.dispose();
  });

  it('its conv weights equal conv_weights.npz (read with h5py) exactly', async () => {
    const { model } = await loadKerasH5(join(REAL, 'model_S5.h5'));
    const arrays = parseNpz(new Uint8Array(readFileSync(join(REAL, 'conv_weights.npz'))));
    expect(arrays.size).toBe(18);
    for (const [key, expected] of arrays) {
      const [block, conv, kind] = key.split('__') as [string, string, string];
      const layer = model.getLayer(`${block}/${conv}`);
      const variable = layer.weights.find((w) => w.originalName.endsWith(`/${kind}`));
      expect(variable, key).toBeDefined();
      expect(variable?.shape, key).toEqual(expected.shape);
      const actual = variable?.read().dataSync() as Float32Array;
      expect(Array.from(actual), key).toEqual(Array.from(expected.data));
    }
    model.dispose();
  });

  it('predicts 71.9 bpm for the 72-bpm input (an independent numpy forward pass gives 71.9)', async () => {
    const { model } = await loadKerasH5(join(REAL, 'model_S5.h5'));
    const x = probe72();
    const y = model.predict(x) as tf.Tensor;
    const [bpm] = y.dataSync();
    expect(Math.abs((bpm as number) - 71.9)).toBeLessThan(0.05);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe.skipIf(!present)("analyzeKerasModel on the paper's trained model, whole", () => {
  it('probes all nine ReLU convs with no upTo and reports the predicted heart rate', async () => {
    const analysis = await analyzeKerasModel(join(REAL, 'model_S5.h5'), {
      heartRate: 72,
      input: probe72Samples(),
    });
    expect(analysis.layers.map((l) => l.layer)).toEqual([
      'model_20/conv1d_45',
      'model_20/conv1d_46',
      'model_20/conv1d_47',
      'model_21/conv1d_48',
      'model_21/conv1d_49',
      'model_21/conv1d_50',
      'model_22/conv1d_51',
      'model_22/conv1d_52',
      'model_22/conv1d_53',
    ]);
    expect(Math.abs((analysis.output.values[0] as number) - 71.9)).toBeLessThan(0.05);
    for (const l of analysis.layers) {
      expect(l.representativeChannel).not.toBeNull();
      expect(l.deadChannels).not.toContain(l.representativeChannel);
    }
  });
});

describe.skipIf(!present)(
  'every file of ../shared/real-models loads with loadKeras and predicts',
  () => {
    type Head = 'sigmoid' | 'softmax' | 'relu' | 'linear';
    const cases: [string, string, (number | null)[], Head][] = [
      ['tcn_causal_functional.keras', '3.6.0', [null, 30], 'relu'],
      ['seizure_cnn_sequential.keras', '3.9.2', [null, 1], 'sigmoid'],
      ['har_cnn_sequential.keras', '3.13.2', [null, 6], 'softmax'],
      ['nids_conv1d_k2.h5', '2.14.0', [null, 1], 'sigmoid'],
      ['highway_tcn_k3legacy.h5', '3.9.2', [null, 1], 'linear'],
    ];
    for (const [file, version, shape, head] of cases) {
      it(`${file} (Keras ${version}): finite outputs of shape ${JSON.stringify(shape)}`, async () => {
        const result = await loadKeras(join(REAL, file));
        expect(result.kerasVersion).toBe(version);
        expect(result.unsupported).toEqual([]);
        expect(result.weights.unused).toEqual([]);
        expect(result.model.outputs[0]?.shape).toEqual(shape);
        const inputShape = result.model.inputs[0]?.shape.slice(1) as number[];
        const x = tf.randomNormal([3, ...inputShape], 0, 1, 'float32', 5);
        const y = result.model.predict(x) as tf.Tensor;
        const values = Array.from(y.dataSync());
        expect(values.every(Number.isFinite)).toBe(true);
        if (head === 'sigmoid') expect(values.every((v) => v >= 0 && v <= 1)).toBe(true);
        if (head === 'relu') expect(values.every((v) => v >= 0)).toBe(true);
        if (head === 'softmax') {
          const rows = (y.sum(-1).dataSync() as Float32Array).map((v) => Math.abs(v - 1));
          expect(Math.max(...rows)).toBeLessThan(1e-5);
        }
        tf.dispose([x, y]);
        result.model.dispose();
      });
    }
  },
);
