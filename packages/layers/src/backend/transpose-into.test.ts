import { describe, expect, it } from 'vitest';
import { transposeInto } from './conv2d-backprop-filter';
import { transposeReference as reference } from './test-support';

describe('transposeInto (eight rows per pass)', () => {
  // Row counts below, at and around multiples of eight; one and many columns; offsets and
  // strides wider than the block, so that untouched target elements must stay as they were.
  const cases = [
    [1, 1],
    [7, 3],
    [8, 1],
    [9, 32],
    [16, 5],
    [31, 2],
    [258, 32],
  ] as const;
  it.each(cases)('rows %i × columns %i equals the one-at-a-time definition', (rows, columns) => {
    const from = 5;
    const to = 3;
    const stride = rows + 4;
    const source = Float32Array.from({ length: from + rows * columns + 2 }, (_, i) => i + 0.5);
    const target = new Float32Array(to + columns * stride + 3).fill(-1);
    const expected = target.slice();
    transposeInto(source, from, rows, columns, target, to, stride);
    reference(source, from, rows, columns, expected, to, stride);
    expect(Array.from(target)).toEqual(Array.from(expected));
  });

  it('transposing twice gives back the block', () => {
    const rows = 19;
    const columns = 6;
    const source = Float32Array.from({ length: rows * columns }, (_, i) => Math.sin(i));
    const once = new Float32Array(rows * columns);
    const twice = new Float32Array(rows * columns);
    transposeInto(source, 0, rows, columns, once, 0, rows);
    transposeInto(once, 0, columns, rows, twice, 0, columns);
    expect(twice).toEqual(source);
  });

  it('does nothing for zero rows or zero columns', () => {
    const target = new Float32Array(4).fill(7);
    transposeInto(new Float32Array(4), 0, 0, 4, target, 0, 1);
    transposeInto(new Float32Array(4), 0, 4, 0, target, 0, 1);
    expect(Array.from(target)).toEqual([7, 7, 7, 7]);
  });
});
