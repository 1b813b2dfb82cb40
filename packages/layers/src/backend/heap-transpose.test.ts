import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transposeInto } from './conv2d-backprop-filter';
import { transposeReference as reference } from './test-support';
import { heapTranspose4 } from './heap-transpose';
import { registerTrainingKernels } from './register';
import { floatView, release, type WasmBackend } from './wasm-access';

let previous = '';
beforeAll(async () => {
  previous = tf.getBackend();
  registerTrainingKernels();
  await tf.setBackend('wasm');
  await tf.ready();
});
afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

describe('transposeInto with wasm SIMD tiles on the heap', () => {
  it('builds the tile transpose on the Node wasm backend', () => {
    expect(heapTranspose4(tf.backend() as WasmBackend)).toBeTypeOf('function');
  });

  // Rows and columns below, at and around multiples of four (edges in JS, tiles in wasm); odd
  // offsets and strides, so that nothing is 16-byte aligned; untouched elements must stay.
  const cases = [
    [4, 4],
    [3, 8],
    [8, 3],
    [5, 7],
    [9, 32],
    [17, 6],
    [256, 32],
    [258, 33],
  ] as const;
  it.each(cases)('rows %i × columns %i equals the definition, bit for bit', (rows, columns) => {
    const backend = tf.backend() as WasmBackend;
    const from = 5;
    const to = 3;
    const stride = rows + 7;
    const sourceInfo = backend.makeOutput([from + rows * columns + 2], 'float32');
    const targetInfo = backend.makeOutput([to + columns * stride + 3], 'float32');
    const source = floatView(backend, sourceInfo);
    const target = floatView(backend, targetInfo);
    // A quiet NaN's payload and a negative zero must come through unchanged (a copy).
    for (let i = 0; i < source.length; i++) source[i] = Math.sin(i) * 1000;
    const bits = new Uint32Array(source.buffer, source.byteOffset, source.length);
    bits[from] = 0x7fc01234;
    bits[from + 1] = 0x80000000;
    target.fill(-1);
    const expected = target.slice();
    transposeInto(source, from, rows, columns, target, to, stride, heapTranspose4(backend));
    reference(source, from, rows, columns, expected, to, stride);
    const got = new Uint32Array(target.buffer, target.byteOffset, target.length);
    expect(Array.from(got)).toEqual(Array.from(new Uint32Array(expected.buffer)));
    release(backend, sourceInfo, targetInfo);
  });

  it('falls back to JS for arrays off the heap', () => {
    const backend = tf.backend() as WasmBackend;
    const source = Float32Array.from({ length: 8 * 8 }, (_, i) => i);
    const target = new Float32Array(8 * 8);
    const expected = new Float32Array(8 * 8);
    transposeInto(source, 0, 8, 8, target, 0, 8, heapTranspose4(backend));
    reference(source, 0, 8, 8, expected, 0, 8);
    expect(target).toEqual(expected);
  });
});
