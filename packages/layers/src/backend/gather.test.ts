import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register';
import { randomInt, seededUniform } from './test-support';

interface GatherCase {
  label: string;
  shape: number[];
  indices: number[];
  indicesShape: number[];
  axis: number;
  dtype: 'float32' | 'int32' | 'bool';
}

function randomGather(uniform: () => number, index: number): GatherCase {
  const rank = randomInt(uniform, 1, 4);
  const shape = Array.from({ length: rank }, () => randomInt(uniform, 1, 6));
  const axis = index % 4 === 3 ? randomInt(uniform, 0, rank - 1) : 0;
  const count = randomInt(uniform, 0, 7);
  const indices = Array.from({ length: count }, () => randomInt(uniform, 0, shape[axis]! - 1));
  const dtype = (['float32', 'int32', 'bool'] as const)[index % 3]!;
  return {
    label: `#${index} ${dtype} [${shape}] axis ${axis} indices [${indices}]`,
    shape,
    indices,
    indicesShape: [count],
    axis,
    dtype,
  };
}

const uniform = seededUniform(13);
const CASES: GatherCase[] = [
  {
    label: 'a shuffled batch of [12, 8, 1] signals',
    shape: [12, 8, 1],
    indices: [7, 2, 11, 0, 5],
    indicesShape: [5],
    axis: 0,
    dtype: 'float32',
  },
  {
    label: 'repeated indices, 2-D indices',
    shape: [4, 3],
    indices: [3, 3, 0, 1, 0, 2],
    indicesShape: [2, 3],
    axis: 0,
    dtype: 'float32',
  },
  {
    label: 'negative axis of rank 1',
    shape: [6],
    indices: [5, 0],
    indicesShape: [2],
    axis: -1,
    dtype: 'int32',
  },
  { label: 'no indices', shape: [3, 2], indices: [], indicesShape: [0], axis: 0, dtype: 'float32' },
  {
    label: 'axis 1 (stock kernel)',
    shape: [3, 4, 2],
    indices: [3, 1],
    indicesShape: [2],
    axis: 1,
    dtype: 'float32',
  },
  ...Array.from({ length: 30 }, (_, i) => randomGather(uniform, i)),
];

function values(c: GatherCase): number[] {
  const n = c.shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) =>
    c.dtype === 'bool' ? (i % 3 === 0 ? 1 : 0) : c.dtype === 'int32' ? i - 7 : i * 0.5 - 3.25,
  );
}

async function gatherOn(backend: string, c: GatherCase) {
  await tf.setBackend(backend);
  const x = tf.tensor(values(c), c.shape, c.dtype);
  const indices = tf.tensor(c.indices, c.indicesShape, 'int32');
  const y = tf.gather(x, indices, c.axis);
  const out = {
    shape: y.shape,
    dtype: y.dtype,
    data: Array.from(y.dataSync() as ArrayLike<number>),
  };
  tf.dispose([x, indices, y]);
  return out;
}

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('GatherV2 on wasm (block copy along axis 0)', () => {
  it.each(CASES.map((c) => [c.label, c] as const))(
    'equals the cpu kernel exactly: %s',
    async (_, c) => {
      const ours = await gatherOn('wasm', c);
      const oracle = await gatherOn('cpu', c);
      expect(ours).toEqual(oracle);
    },
  );

  it('picks the right rows on a hand-checked case', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    const y = tf.gather(x, tf.tensor1d([2, 0, 2], 'int32'));
    expect(y.arraySync()).toEqual([
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    tf.dispose([x, y]);
  });

  it('throws for an index out of range and leaves no memory behind', async () => {
    await tf.setBackend('wasm');
    const x = tf.randomNormal([5, 4]);
    const good = tf.tensor1d([4, 1], 'int32');
    const bad = tf.tensor1d([1, 5], 'int32');
    tf.dispose(tf.gather(x, good));
    const dataIds = tf.engine().backend.numDataIds();
    for (let i = 0; i < 3; i++) tf.dispose(tf.gather(x, good));
    expect(() => tf.gather(x, bad)).toThrow('GatherV2: the index value 5 is not in [0, 4]');
    expect(tf.engine().backend.numDataIds()).toBe(dataIds);
    tf.dispose([x, good, bad]);
  });
});
