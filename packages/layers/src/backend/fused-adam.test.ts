import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FusedAdamOptimizer, fusedAdam } from './fused-adam';
import { setupBackend } from './setup-backend';
import { randomValues, seededUniform, vcModel } from './test-support';

const STEPS = 256;
const BATCH = 64;
const SIGNALS = 192;
const TRAINING_STEPS = 60;

/** Seeded V.C-like data: cosines at 3, 5 and 10 Hz (32 Hz sampling) with a little noise. */
function vcData(): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const uniform = seededUniform(5);
  const values = new Float32Array(SIGNALS * STEPS);
  const labels = new Int32Array(SIGNALS);
  for (let i = 0; i < SIGNALS; i++) {
    const label = i % 3;
    const hz = [3, 5, 10][label]! + 0.2 * (uniform() - 0.5);
    for (let t = 0; t < STEPS; t++) values[i * STEPS + t] = Math.cos((2 * Math.PI * hz * t) / 32);
    labels[i] = label;
  }
  return tf.tidy(() => ({
    x: tf.tensor3d(values, [SIGNALS, STEPS, 1]),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat() as tf.Tensor2D,
  }));
}

/** Trains a fresh V.C model from `initial` weights for TRAINING_STEPS batches with `optimizer`. */
async function trainWith(
  optimizer: tf.AdamOptimizer,
  initial: tf.Tensor[],
): Promise<{ weights: Float32Array[]; moments: Float32Array[]; losses: number[] }> {
  const { x, y } = vcData();
  const model = vcModel(STEPS);
  model.setWeights(initial);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const losses: number[] = [];
  for (let step = 0; step < TRAINING_STEPS; step++) {
    const from = (step * BATCH) % SIGNALS;
    const loss = optimizer.minimize(
      () =>
        tf.losses.softmaxCrossEntropy(
          y.slice(from, BATCH),
          model.apply(x.slice(from, BATCH), { training: true }) as tf.Tensor,
        ) as tf.Scalar,
      true,
      variables,
    ) as tf.Scalar;
    losses.push(loss.dataSync()[0]!);
    loss.dispose();
  }
  const weights = model.getWeights().map((w) => w.dataSync().slice() as Float32Array);
  const named = await optimizer.getWeights();
  const moments = named.slice(1).map((n) => n.tensor.dataSync().slice() as Float32Array);
  named[0]?.tensor.dispose();
  model.dispose();
  tf.dispose([x, y]);
  return { weights, moments, losses };
}

/** Adam (Kingma & Ba, Algorithm 1, ε added to √v̂) in double precision: an oracle to ~1e-7. */
function adamInDoubles(
  start: number[],
  gradients: number[][],
  rate: number,
  beta1: number,
  beta2: number,
  epsilon: number,
): number[] {
  const x = start.slice();
  const m = x.map(() => 0);
  const v = x.map(() => 0);
  gradients.forEach((g, step) => {
    const t = step + 1;
    for (let i = 0; i < x.length; i++) {
      m[i] = beta1 * m[i]! + (1 - beta1) * g[i]!;
      v[i] = beta2 * v[i]! + (1 - beta2) * g[i]! ** 2;
      const mHat = m[i]! / (1 - beta1 ** t);
      const vHat = v[i]! / (1 - beta2 ** t);
      x[i] = x[i]! - (rate * mHat) / (Math.sqrt(vHat) + epsilon);
    }
  });
  return x;
}

/** Bits of float32 values, so that equality means the same float32 numbers (NaN included). */
const bits = (values: Float32Array) => Array.from(new Uint32Array(values.slice().buffer));

describe('fusedAdam', () => {
  beforeAll(async () => {
    await setupBackend({ backend: 'wasm' });
  });

  it(`trains the V.C model to the same float32 weights as tf.train.adam over ${TRAINING_STEPS} steps`, async () => {
    const initial = vcModel(STEPS).getWeights();
    const stock = tf.train.adam(1e-3);
    const expected = await trainWith(stock, initial);
    stock.dispose();
    const fused = fusedAdam(1e-3);
    const before = tf.memory().numTensors;
    const actual = await trainWith(fused, initial);
    // Moments are created on the first step; nothing else stays behind.
    expect(tf.memory().numTensors - before).toBe(2 * initial.length);
    fused.dispose();
    tf.dispose(initial);
    expect(actual.losses).toEqual(expected.losses);
    expect(actual.losses.at(-1)!).toBeLessThan(actual.losses[0]! * 0.9);
    expect(actual.weights.map(bits)).toEqual(expected.weights.map(bits));
    expect(actual.moments.map(bits)).toEqual(expected.moments.map(bits));
  }, 120_000);

  it('matches tfjs on random values of every size, hyper-parameters and step counts', () => {
    const uniform = seededUniform(21);
    for (const [size, learningRate, beta1, beta2, epsilon, steps] of [
      [1, 0.1, 0.9, 0.999, undefined, 3],
      [7, 1e-3, 0.5, 0.9, 1e-3, 20],
      [1000, 3e-4, 0, 0.99, 1e-8, 5],
      [33, 2.5, 0.99, 0, undefined, 4],
    ] as const) {
      const start = randomValues(uniform, size);
      const gradients = Array.from({ length: steps }, (_, s) =>
        randomValues(uniform, size).map((g, i) => (i === s ? 0 : g * 10 ** ((i % 7) - 3))),
      );
      const run = (optimizer: tf.AdamOptimizer) => {
        const value = tf.variable(tf.tensor1d(start), true, `adam-case-${size}-${Math.random()}`);
        for (const g of gradients) {
          tf.tidy(() => optimizer.applyGradients([{ name: value.name, tensor: tf.tensor1d(g) }]));
        }
        const out = value.dataSync().slice() as Float32Array;
        value.dispose();
        optimizer.dispose();
        return out;
      };
      const expected = run(new tf.AdamOptimizer(learningRate, beta1, beta2, epsilon as number));
      const actual = run(new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon as number));
      expect(bits(actual), `size ${size}`).toEqual(bits(expected));
      expect(bits(actual)).not.toEqual(bits(start));
    }
  });

  it('resumes from getWeights/setWeights like tf.train.adam', async () => {
    const value = tf.variable(tf.tensor1d([0.5, -1, 2]), true, 'adam-resume');
    const fused = fusedAdam(0.01);
    for (let i = 0; i < 3; i++)
      fused.applyGradients([{ name: value.name, tensor: tf.tensor1d([1, -2, 0.5]) }]);
    const saved = await fused.getWeights();
    expect(saved.map((w) => w.name)).toEqual(['iter', 'adam-resume/m', 'adam-resume/v']);
    expect(saved[0]!.tensor.dataSync()[0]).toBe(3);
    const resumed = fusedAdam(0.01);
    await resumed.setWeights(saved.map((w) => ({ name: w.name, tensor: w.tensor.clone() })));
    expect(Array.from(saved[1]!.tensor.dataSync())).toEqual(
      Array.from((await resumed.getWeights())[1]!.tensor.dataSync()),
    );
    tf.dispose([value, saved[0]!.tensor]);
    fused.dispose();
    resumed.dispose();
  });

  it('skips a variable without gradient and refuses a non-float32 one', () => {
    const a = tf.variable(tf.tensor1d([1, 2]), true, 'adam-a');
    const b = tf.variable(tf.tensor1d([3, 4]), true, 'adam-b');
    const fused = fusedAdam(0.1);
    fused.applyGradients([
      { name: 'adam-a', tensor: tf.tensor1d([1, 1]) },
      { name: 'adam-b', tensor: null as unknown as tf.Tensor },
    ]);
    expect(Array.from(b.dataSync())).toEqual([3, 4]);
    expect(a.dataSync()[0]).toBeCloseTo(0.9, 5);
    const c = tf.variable(tf.tensor1d([1, 2], 'int32'), true, 'adam-c');
    expect(() =>
      fused.applyGradients([{ name: 'adam-c', tensor: tf.tensor1d([1, 1], 'int32') }]),
    ).toThrow(/variable 'adam-c' and its gradient must be float32, got int32 and int32/);
    tf.dispose([a, b, c]);
    fused.dispose();
  });

  it('runs tfjs own update on the cpu backend', async () => {
    await setupBackend({ backend: 'cpu' });
    try {
      const run = (optimizer: tf.AdamOptimizer, name: string) => {
        const value = tf.variable(tf.tensor1d([1, -1]), true, name);
        optimizer.applyGradients([{ name, tensor: tf.tensor1d([2, -3]) }]);
        optimizer.applyGradients([{ name, tensor: tf.tensor1d([-1, 0.5]) }]);
        const out = Array.from(value.dataSync());
        tf.dispose(value);
        optimizer.dispose();
        return out;
      };
      const actual = run(fusedAdam(0.1), 'adam-cpu-fused');
      expect(actual).toEqual(run(tf.train.adam(0.1), 'adam-cpu-stock'));
      const reference = adamInDoubles(
        [1, -1],
        [
          [2, -3],
          [-1, 0.5],
        ],
        0.1,
        0.9,
        0.999,
        1e-7,
      );
      for (let i = 0; i < 2; i++) expect(actual[i]).toBeCloseTo(reference[i]!, 5);
    } finally {
      await setupBackend({ backend: 'wasm' });
    }
  });

  it('refuses bad hyper-parameters, naming them', () => {
    expect(() => fusedAdam(0)).toThrow(/learningRate must be a positive finite number, got 0/);
    expect(() => fusedAdam(Number.NaN)).toThrow(/learningRate .* got NaN/);
    expect(() => fusedAdam(0.1, 1)).toThrow(/beta1 must be a number in \[0, 1\), got 1/);
    expect(() => fusedAdam(0.1, 0.9, -0.1)).toThrow(/beta2 must be a number in \[0, 1\), got -0.1/);
    expect(() => fusedAdam(0.1, 0.9, 0.999, 0)).toThrow(/epsilon must be .* got 0/);
  });
});
