import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { causalConv1d } from '../layers/causal-conv1d';
import { dcRelu } from '../layers/dc-relu';
import { setupBackend } from './setup-backend';
import { randomValues, relativeError, seededUniform } from './test-support';

const STEPS = 32;
const SAMPLES = 12;

/** A small net with every conv path our layers emit: causal (dilated), strided 'same', DC ReLU. */
function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    causalConv1d({
      filters: 4,
      kernelSize: 3,
      dilationRate: 2,
      useBias: false,
      inputShape: [STEPS, 2],
    }),
  );
  model.add(dcRelu({ dcMode: 'learn', s: 0.5 }));
  model.add(causalConv1d({ filters: 5, kernelSize: 2, activation: 'relu' }));
  model.add(
    tf.layers.conv1d({
      filters: 3,
      kernelSize: 3,
      strides: 2,
      padding: 'same',
      activation: 'relu',
    }),
  );
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dense({ units: 3 }));
  model.compile({
    optimizer: tf.train.adam(1e-2),
    loss: (y: tf.Tensor, p: tf.Tensor) => tf.losses.softmaxCrossEntropy(y, p),
  });
  return model;
}

async function train(backend: 'wasm' | 'cpu', initial: Float32Array[]): Promise<Float32Array[]> {
  await setupBackend({ backend });
  const uniform = seededUniform(11);
  const model = buildModel();
  model.setWeights(model.getWeights().map((w, i) => tf.tensor(initial[i]!, w.shape)));
  const x = tf.tensor3d(randomValues(uniform, SAMPLES * STEPS * 2), [SAMPLES, STEPS, 2]);
  const y = tf.oneHot(
    tf.tensor1d(
      Array.from({ length: SAMPLES }, (_, i) => i % 3),
      'int32',
    ),
    3,
  );
  await model.fit(x, y, { batchSize: 4, epochs: 2, shuffle: false, verbose: 0 });
  const tensors = tf.memory().numTensors;
  await model.fit(x, y, { batchSize: 4, epochs: 1, shuffle: false, verbose: 0 });
  expect(tf.memory().numTensors, `${backend}: tensors after another fit`).toBe(tensors);
  const weights = model.getWeights().map((w) => Float32Array.from(w.dataSync()));
  model.dispose();
  tf.dispose([x, y]);
  return weights;
}

describe('model.fit on wasm with our kernels', () => {
  it('gives the cpu backend’s weights after 9 Adam steps from the same start (≤ 1e-4 relative)', async () => {
    await setupBackend({ backend: 'cpu' });
    const probe = buildModel();
    const uniform = seededUniform(5);
    const initial = probe
      .getWeights()
      .map((w) => randomValues(uniform, w.size).map((v) => 0.5 * v));
    probe.dispose();
    const onCpu = await train('cpu', initial);
    const onWasm = await train('wasm', initial);
    expect(onWasm.length).toBe(onCpu.length);
    for (let i = 0; i < onCpu.length; i++) {
      expect(relativeError(onWasm[i]!, initial[i]!), `weight ${i} moved`).toBeGreaterThan(1e-3);
      expect(relativeError(onWasm[i]!, onCpu[i]!), `weight ${i}`).toBeLessThanOrEqual(1e-4);
    }
  });
});
