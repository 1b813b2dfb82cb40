import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@rectify/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { setupBackend } from '../backend/index';
import { causalConv1d } from './causal-conv1d';
import { dcRelu } from './dc-relu';
import { linearDc } from './linear-dc';

/** Every layer of this package in one small classifier; weights seeded so both backends start equal. */
function model(): tf.Sequential {
  const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
  const m = tf.sequential({
    layers: [
      causalConv1d({
        filters: 4,
        kernelSize: 3,
        dilationRate: 2,
        activation: 'relu',
        inputShape: [32, 1],
        kernelInitializer: seeded(1),
      }),
      causalConv1d({ filters: 4, kernelSize: 3, useBias: false, kernelInitializer: seeded(2) }),
      dcRelu({ dcMode: 'learn', s: 0.5, alpha: 0.05 }),
      causalConv1d({ filters: 3, kernelSize: 2, strides: 2, kernelInitializer: seeded(3) }),
      linearDc({ s: 0.7 }),
      tf.layers.globalAveragePooling1d(),
      tf.layers.dense({ units: 3, kernelInitializer: seeded(4) }),
    ],
  });
  return m;
}

function batch(): { x: tf.Tensor; y: tf.Tensor } {
  const freqs = [3, 5, 10, 3.3, 5.3, 10.3];
  const x = tf.tensor3d(
    freqs.flatMap((f) =>
      Array.from({ length: 32 }, (_, t) => Math.cos((2 * Math.PI * f * t) / 32)),
    ),
    [6, 32, 1],
  );
  return { x, y: tf.oneHot(tf.tensor1d([0, 1, 2, 0, 1, 2], 'int32'), 3).toFloat() };
}

function gradients(): Float32Array[] {
  const m = model();
  const { x, y } = batch();
  const variables = m.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(
    () => tf.losses.softmaxCrossEntropy(y, m.predict(x) as tf.Tensor) as tf.Scalar,
    variables,
  );
  const out = [
    Float32Array.of(value.dataSync()[0]!),
    ...variables.map((v) => Float32Array.from(grads[v.name]!.dataSync())),
  ];
  tf.dispose([value, x, y, ...Object.values(grads)]);
  m.dispose();
  return out;
}

describe('training on wasm with the training kernels', () => {
  beforeAll(async () => {
    await setupBackend({ backend: 'wasm' });
  });

  it('gives the cpu backend gradients for causal convs (dilated, strided), DCReLU and LinearDC', async () => {
    expect(tf.getBackend()).toBe('wasm');
    const onWasm = gradients();
    await tf.setBackend('cpu');
    const onCpu = gradients();
    await tf.setBackend('wasm');
    expect(onWasm).toHaveLength(onCpu.length);
    for (const [i, g] of onWasm.entries()) {
      expectClose(g, onCpu[i]!, { rtol: 1e-4, atol: 1e-6, label: `tensor ${i}` });
    }
  });

  it('fits without leaking tensors', async () => {
    const m = model();
    m.add(tf.layers.softmax());
    m.compile({ optimizer: tf.train.adam(1e-2), loss: 'categoricalCrossentropy' });
    const { x, y } = batch();
    await m.fit(x, y, { epochs: 1, verbose: 0 });
    const count = tf.memory().numTensors;
    const history = await m.fit(x, y, { epochs: 5, batchSize: 3, verbose: 0 });
    expect(tf.memory().numTensors).toBe(count);
    const loss = history.history.loss as number[];
    expect(loss.every(Number.isFinite)).toBe(true);
    expect(loss.at(-1)!).toBeLessThan(loss[0]!);
  });
});
