import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@rectify/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { causalConv1d } from '../layers/causal-conv1d';
import { convFrequencyResponse } from '../probes/frequency-response';
import { frequencyResponseCallback } from './frequency-response';
import { weightDistanceCallback } from './weight-distance';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const conv = { filters: 4, kernelSize: 3, useBias: false, activation: 'tanh' } as const;
const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });

/** A miniature of the paper's V.C model (tanh, so that no unit dies in a short test): two causal convs without bias → GAP → Dense → Dense. */
function vcModel(): tf.Sequential {
  const model = tf.sequential({
    layers: [
      causalConv1d({ ...conv, inputShape: [32, 1], name: 'conv1', kernelInitializer: seeded(1) }),
      causalConv1d({ ...conv, name: 'conv2', kernelInitializer: seeded(2) }),
      tf.layers.globalAveragePooling1d({ name: 'gap' }),
      tf.layers.dense({
        units: 4,
        activation: 'tanh',
        name: 'dense1',
        kernelInitializer: seeded(3),
      }),
      tf.layers.dense({ units: 3, name: 'logits', kernelInitializer: seeded(4) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(1e-2), loss: 'sparseCategoricalCrossentropy' });
  return model;
}

function data(): { x: tf.Tensor; y: tf.Tensor } {
  const freqs = [3, 5, 10, 3, 5, 10];
  const x = tf.tensor3d(
    freqs.flatMap((f) =>
      Array.from({ length: 32 }, (_, t) => Math.cos((2 * Math.PI * f * t) / 32)),
    ),
    [6, 32, 1],
  );
  return { x, y: tf.tensor1d([0, 1, 2, 0, 1, 2]) };
}

function kernels(model: tf.LayersModel, names: string[]): Float32Array[] {
  return names.map((n) => Float32Array.from(model.getLayer(n).getWeights()[0]!.dataSync()));
}

function distance(a: Float32Array, b: Float32Array): number {
  return Math.sqrt(a.reduce((s, v, i) => s + (v - b[i]!) ** 2, 0));
}

describe('weightDistanceCallback', () => {
  it('records ‖W − W₀‖₂ of every conv kernel after each epoch', async () => {
    const model = vcModel();
    const { x, y } = data();
    const start = kernels(model, ['conv1', 'conv2']);
    const seen: number[] = [];
    const cb = weightDistanceCallback({ onEpoch: (r) => seen.push(r.epoch) });
    await model.fit(x, y, { epochs: 3, batchSize: 3, verbose: 0, callbacks: [cb] });
    expect(cb.history.map((r) => r.epoch)).toEqual([1, 2, 3]);
    expect(seen).toEqual([1, 2, 3]);
    expect(Object.keys(cb.history[0]!.distances)).toEqual(['conv1', 'conv2']);
    const end = kernels(model, ['conv1', 'conv2']);
    expectClose(cb.history[2]!.distances.conv1!, distance(end[0]!, start[0]!), { rtol: 1e-12 });
    expectClose(cb.history[2]!.distances.conv2!, distance(end[1]!, start[1]!), { rtol: 1e-12 });
    expect(cb.history[0]!.distances.conv1).toBeGreaterThan(0);
  });

  it('keeps W₀ across fit calls until reset()', async () => {
    const model = vcModel();
    const { x, y } = data();
    const start = kernels(model, ['conv1']);
    const cb = weightDistanceCallback({ layers: ['conv1', 'dense1'] });
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [cb] });
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [cb] });
    expect(cb.history.map((r) => r.epoch)).toEqual([1, 2]);
    expect(Object.keys(cb.history[1]!.distances)).toEqual(['conv1', 'dense1']);
    expectClose(
      cb.history[1]!.distances.conv1!,
      distance(kernels(model, ['conv1'])[0]!, start[0]!),
      { rtol: 1e-12 },
    );
    cb.reset();
    expect(cb.history).toHaveLength(0);
    const restart = kernels(model, ['conv1']);
    await model.fit(x, y, { epochs: 1, verbose: 0, callbacks: [cb] });
    expectClose(
      cb.history[0]!.distances.conv1!,
      distance(kernels(model, ['conv1'])[0]!, restart[0]!),
      { rtol: 1e-12 },
    );
  });

  it('leaves tf.memory().numTensors unchanged', async () => {
    const model = vcModel();
    const { x, y } = data();
    const cb = weightDistanceCallback();
    const fr = frequencyResponseCallback({ worN: 8 });
    await model.fit(x, y, { epochs: 1, verbose: 0 });
    const count = tf.memory().numTensors;
    await model.fit(x, y, { epochs: 2, verbose: 0, callbacks: [cb, fr] });
    expect(tf.memory().numTensors).toBe(count);
  });

  it('rejects layers it cannot track', async () => {
    const { x, y } = data();
    expect(() => weightDistanceCallback({ layers: 'conv1' as unknown as string[] })).toThrow(
      /layers must be an array of layer names, got conv1/,
    );
    expect(() => frequencyResponseCallback({ layers: [0] as unknown as string[] })).toThrow(
      /layers must be an array of layer names, got 0/,
    );
    await expect(
      vcModel().fit(x, y, {
        epochs: 1,
        verbose: 0,
        callbacks: [weightDistanceCallback({ layers: ['gap'] })],
      }),
    ).rejects.toThrow(/layers must name layers with a kernel weight, got 'gap'/);
    await expect(
      vcModel().fit(x, y, {
        epochs: 1,
        verbose: 0,
        callbacks: [weightDistanceCallback({ layers: ['nope'] })],
      }),
    ).rejects.toThrow(/got 'nope'/);
  });
});

describe('frequencyResponseCallback', () => {
  it('records the composite response before training and every `every` epochs', async () => {
    const model = vcModel();
    const { x, y } = data();
    const before = convFrequencyResponse(model, { worN: 16, fs: 32 });
    const cb = frequencyResponseCallback({ worN: 16, fs: 32, every: 2 });
    await model.fit(x, y, { epochs: 4, verbose: 0, callbacks: [cb] });
    expect(cb.history.map((r) => r.epoch)).toEqual([0, 2, 4]);
    const after = convFrequencyResponse(model, { worN: 16, fs: 32 });
    expect(cb.history[0]!.responses.map((r) => r.h)).toEqual(before.map((r) => r.h));
    expect(cb.history[2]!.responses.map((r) => r.h)).toEqual(after.map((r) => r.h));
    expect(cb.history[2]!.responses[1]!.magnitude[0]).not.toEqual(before[1]!.magnitude[0]);
  });

  it('rejects a bad `every` and surfaces probe errors at fit time', async () => {
    expect(() => frequencyResponseCallback({ every: 0 })).toThrow(
      /every must be an integer >= 1, got 0/,
    );
    const { x, y } = data();
    await expect(
      vcModel().fit(x, y, {
        epochs: 1,
        verbose: 0,
        callbacks: [frequencyResponseCallback({ layers: ['gap'] })],
      }),
    ).rejects.toThrow(/layers must name Conv1D\/CausalConv1D layers, got 'gap'/);
  });
});
