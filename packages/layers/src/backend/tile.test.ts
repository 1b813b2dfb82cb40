import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register';
import { randomInt, seededUniform } from './test-support';

interface TileCase {
  label: string;
  shape: number[];
  reps: number[];
  dtype: 'float32' | 'int32' | 'bool';
}

function randomTile(uniform: () => number, index: number): TileCase {
  const rank = randomInt(uniform, 1, 4);
  const shape = Array.from({ length: rank }, () => randomInt(uniform, 1, 5));
  const reps = Array.from({ length: rank }, () => randomInt(uniform, 1, 7));
  const dtype = (['float32', 'int32', 'bool'] as const)[index % 3]!;
  return { label: `#${index} ${dtype} [${shape}] reps [${reps}]`, shape, reps, dtype };
}

const uniform = seededUniform(29);
const CASES: TileCase[] = [
  {
    label: 'the V.C mean gradient [64, 1, 32] × [1, 256, 1]',
    shape: [64, 1, 32],
    reps: [1, 256, 1],
    dtype: 'float32',
  },
  { label: 'a scalar-like [1] × [5]', shape: [1], reps: [5], dtype: 'int32' },
  {
    label: 'every axis, odd counts [2, 3, 1] × [3, 1, 5]',
    shape: [2, 3, 1],
    reps: [3, 1, 5],
    dtype: 'float32',
  },
  { label: 'no repetition [3, 2] × [1, 1]', shape: [3, 2], reps: [1, 1], dtype: 'float32' },
  {
    label: 'zero repetitions (stock kernel) [2, 2] × [0, 3]',
    shape: [2, 2],
    reps: [0, 3],
    dtype: 'float32',
  },
  {
    label: 'rank 5 [2, 1, 2, 1, 3] × [2, 3, 1, 2, 2]',
    shape: [2, 1, 2, 1, 3],
    reps: [2, 3, 1, 2, 2],
    dtype: 'float32',
  },
  ...Array.from({ length: 30 }, (_, i) => randomTile(uniform, i)),
];

function values(c: TileCase): number[] {
  const n = c.shape.reduce((a, b) => a * b, 1);
  return Array.from({ length: n }, (_, i) =>
    c.dtype === 'bool' ? (i % 3 === 0 ? 1 : 0) : c.dtype === 'int32' ? i - 7 : i * 0.5 - 3.25,
  );
}

async function tileOn(backend: string, c: TileCase) {
  await tf.setBackend(backend);
  const x = tf.tensor(values(c), c.shape, c.dtype);
  const y = tf.tile(x, c.reps);
  const out = {
    shape: y.shape,
    dtype: y.dtype,
    data: Array.from(y.dataSync() as ArrayLike<number>),
  };
  tf.dispose([x, y]);
  return out;
}

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Tile on wasm (block copies)', () => {
  it.each(CASES.map((c) => [c.label, c] as const))(
    'equals the cpu kernel exactly: %s',
    async (_, c) => {
      const ours = await tileOn('wasm', c);
      const oracle = await tileOn('cpu', c);
      expect(ours).toEqual(oracle);
    },
  );

  it('tiles a hand-checked case and broadcasts like broadcastTo', async () => {
    await tf.setBackend('wasm');
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const y = tf.tile(x, [2, 2]);
    expect(y.arraySync()).toEqual([
      [1, 2, 1, 2],
      [3, 4, 3, 4],
      [1, 2, 1, 2],
      [3, 4, 3, 4],
    ]);
    const column = tf.tensor2d([[7], [8]]);
    const wide = tf.broadcastTo(column, [2, 3]);
    expect(wide.arraySync()).toEqual([
      [7, 7, 7],
      [8, 8, 8],
    ]);
    tf.dispose([x, y, column, wide]);
  });
});
