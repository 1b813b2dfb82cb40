import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { heapMeanOverMiddleAxis } from './mean';
import { registerTrainingKernels } from './register';
import type { WasmBackend } from './wasm-access';
import { randomInt, randomValues, relativeError, seededUniform } from './test-support';

interface MeanCase {
  label: string;
  shape: number[];
  axis: number[];
  keepDims: boolean;
}

function randomMean(uniform: () => number, index: number): MeanCase {
  const rank = randomInt(uniform, 2, 4);
  const shape = Array.from({ length: rank }, () => randomInt(uniform, 1, 9));
  const first = randomInt(uniform, 0, rank - 2);
  const last = randomInt(uniform, first, rank - 1);
  const axis = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return { label: `#${index} [${shape}] axes [${axis}]`, shape, axis, keepDims: index % 2 === 0 };
}

const uniform = seededUniform(17);
const CASES: MeanCase[] = [
  {
    label: 'V.C global average pooling [64, 256, 32] over time',
    shape: [64, 256, 32],
    axis: [1],
    keepDims: false,
  },
  { label: 'non-power-of-two time [5, 77, 3]', shape: [5, 77, 3], axis: [1], keepDims: false },
  { label: 'two axes, keepDims [2, 3, 5, 7]', shape: [2, 3, 5, 7], axis: [1, 2], keepDims: true },
  { label: 'leading axis [9, 4]', shape: [9, 4], axis: [0], keepDims: false },
  { label: 'innermost axis (stock kernel) [4, 6]', shape: [4, 6], axis: [1], keepDims: false },
  {
    label: 'non-consecutive axes (stock kernel) [3, 4, 5]',
    shape: [3, 4, 5],
    axis: [0, 2],
    keepDims: false,
  },
  ...Array.from({ length: 24 }, (_, i) => randomMean(uniform, i)),
];

/** The stock wasm kernel's own steps: reduced axes moved last by a transpose, then the mean. */
function stockMean(x: tf.Tensor, c: MeanCase): tf.Tensor {
  const kept = c.shape.map((_, i) => i).filter((i) => !c.axis.includes(i));
  const moved = tf.transpose(x, [...kept, ...c.axis]);
  const inner = c.axis.map((_, i) => kept.length + i);
  const out = tf.mean(moved, inner);
  return c.keepDims
    ? tf.reshape(
        out,
        c.shape.map((d, i) => (c.axis.includes(i) ? 1 : d)),
      )
    : out;
}

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Mean on wasm (no transposed copy)', () => {
  it.each(CASES.map((c) => [c.label, c] as const))(
    'equals the stock kernel bit for bit and the cpu backend to 1e-6: %s',
    async (_, c) => {
      await tf.setBackend('wasm');
      const n = c.shape.reduce((a, b) => a * b, 1);
      const values = randomValues(seededUniform(n), n).map((v, i) => v * 10 ** ((i % 5) - 2));
      const x = tf.tensor(values, c.shape);
      const ours = tf.mean(x, c.axis, c.keepDims);
      const stock = stockMean(x, c);
      expect(ours.shape).toEqual(stock.shape);
      const bits = (t: tf.Tensor) =>
        Array.from(new Uint32Array(Float32Array.from(t.dataSync()).buffer));
      expect(bits(ours)).toEqual(bits(stock));
      const actual = Float32Array.from(ours.dataSync());
      tf.dispose([x, ours, stock]);
      await tf.setBackend('cpu');
      const cx = tf.tensor(values, c.shape);
      const oracle = tf.mean(cx, c.axis, c.keepDims);
      expect(relativeError(actual, oracle.dataSync())).toBeLessThan(1e-6);
      tf.dispose([cx, oracle]);
      await tf.setBackend('wasm');
    },
  );

  it('averages a hand-checked case and frees nothing it should keep', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor3d([
      [
        [1, 10],
        [3, 20],
        [8, 60],
      ],
    ]);
    const before = tf.engine().backend.numDataIds();
    const y = tf.mean(x, 1);
    expect(y.shape).toEqual([1, 2]);
    expect(Array.from(y.dataSync())).toEqual([4, 30]);
    tf.dispose(y);
    expect(tf.engine().backend.numDataIds()).toBe(before);
    tf.dispose(x);
  });

  it.each([
    [64, 256, 32],
    [3, 77, 13],
    [2, 5, 7],
  ])(
    'gives the same floats in JS where the SIMD module cannot run: [%i, %i, %i]',
    async (...shape) => {
      await tf.setBackend('wasm');
      expect(heapMeanOverMiddleAxis(tf.backend() as WasmBackend)).toBeTypeOf('function');
      const n = shape.reduce((a, b) => a * b, 1);
      const x = tf.tensor(randomValues(seededUniform(n + 1), n), shape);
      const bits = (t: tf.Tensor) =>
        Array.from(new Uint32Array(Float32Array.from(t.dataSync()).buffer));
      const simd = tf.mean(x, 1);
      const global = globalThis as { WebAssembly?: unknown };
      const api = global.WebAssembly;
      global.WebAssembly = undefined;
      try {
        expect(heapMeanOverMiddleAxis(tf.backend() as WasmBackend)).toBeUndefined();
        const js = tf.mean(x, 1);
        expect(bits(js)).toEqual(bits(simd));
        tf.dispose(js);
      } finally {
        global.WebAssembly = api;
      }
      tf.dispose([x, simd]);
    },
  );
});
