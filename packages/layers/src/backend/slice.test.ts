import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register';
import { copySliceBlocks } from './slice';
import { randomInt, seededUniform } from './test-support';

interface SliceCase {
  label: string;
  shape: number[];
  begin: number[];
  size: number[];
  dtype: 'float32' | 'int32' | 'bool';
}

function randomSlice(uniform: () => number, index: number): SliceCase {
  const rank = randomInt(uniform, 1, 6);
  const shape = Array.from({ length: rank }, () => randomInt(uniform, 1, rank > 4 ? 4 : 7));
  const begin = shape.map((s) => (uniform() < 0.4 ? 0 : randomInt(uniform, 0, s - 1)));
  const size = shape.map((s, i) =>
    uniform() < 0.4 ? s - begin[i]! : randomInt(uniform, 0, s - begin[i]!),
  );
  const dtype = (['float32', 'int32', 'bool'] as const)[index % 3]!;
  return {
    label: `#${index} ${dtype} [${shape}] begin [${begin}] size [${size}]`,
    shape,
    begin,
    size,
    dtype,
  };
}

function values(c: SliceCase): number[] {
  const n = c.shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) =>
    c.dtype === 'bool' ? (i % 3 === 0 ? 1 : 0) : c.dtype === 'int32' ? i - 7 : i * 0.5 - 3.25,
  );
}

async function sliceOn(
  backend: string,
  c: SliceCase,
): Promise<{ shape: number[]; data: number[] }> {
  await tf.setBackend(backend);
  const x = tf.tensor(values(c), c.shape, c.dtype);
  const y = tf.slice(x, c.begin, c.size);
  const out = { shape: y.shape, data: Array.from(y.dataSync() as ArrayLike<number>) };
  tf.dispose([x, y]);
  return out;
}

const uniform = seededUniform(7);
const CASES: SliceCase[] = [
  {
    label: 'pad gradient: time axis of [4, 10, 3]',
    shape: [4, 10, 3],
    begin: [0, 2, 0],
    size: [4, 8, 3],
    dtype: 'float32',
  },
  { label: 'whole tensor', shape: [3, 5], begin: [0, 0], size: [3, 5], dtype: 'float32' },
  { label: 'batch rows', shape: [6, 4, 2], begin: [2, 0, 0], size: [3, 4, 2], dtype: 'int32' },
  { label: 'empty', shape: [3, 4], begin: [1, 2], size: [2, 0], dtype: 'float32' },
  {
    label: 'innermost only',
    shape: [2, 3, 40],
    begin: [0, 0, 5],
    size: [2, 3, 30],
    dtype: 'float32',
  },
  ...Array.from({ length: 40 }, (_, i) => randomSlice(uniform, i)),
];

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Slice on wasm (largest contiguous blocks)', () => {
  it.each(CASES.map((c) => [c.label, c] as const))(
    'equals the cpu kernel exactly: %s',
    async (_, c) => {
      const ours = await sliceOn('wasm', c);
      const oracle = await sliceOn('cpu', c);
      expect(ours.shape).toEqual(oracle.shape);
      expect(ours.data).toEqual(oracle.data);
    },
  );

  it('falls back to the stock kernel for strings', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d([
      ['a', 'b', 'c'],
      ['d', 'e', 'f'],
    ]);
    const y = tf.slice(x, [0, 1], [2, 2]);
    expect(y.arraySync()).toEqual([
      ['b', 'c'],
      ['e', 'f'],
    ]);
    tf.dispose([x, y]);
  });

  it('copies a scalar and leaves memory unchanged after repeated calls', async () => {
    await tf.setBackend('wasm');
    const target = new Float32Array(1);
    copySliceBlocks(new Float32Array([4.5]), [], [], [], target);
    expect(target[0]).toBe(4.5);
    const x = tf.randomNormal([5, 9, 3]);
    tf.dispose(tf.slice(x, [1, 2, 0], [3, 5, 3]));
    const tensors = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    for (let i = 0; i < 5; i++) tf.dispose(tf.slice(x, [1, 2, 0], [3, 5, 3]));
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(dataIds);
    x.dispose();
  });
});
