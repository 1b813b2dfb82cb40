import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register';
import { RELU_GRAD_KERNEL } from './relu-grad';
import { randomValues, seededUniform } from './test-support';

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
  await tf.ready();
});

/** Bits of a float32 array, so that −0 and +0 differ. */
function bits(values: Float32Array): number[] {
  return Array.from(new Uint32Array(values.buffer, values.byteOffset, values.length));
}

describe('RectifyReluGrad on wasm: dy·step(y) in one pass', () => {
  // Sizes below, at and above multiples of 4 (the SIMD body and the JS tail), and the V.C size.
  it.each([1, 3, 4, 5, 17, 64, 64 * 256 * 32])(
    'equals mul(dy, step(y)) bit for bit, %i elements',
    (n) => {
      const uniform = seededUniform(n);
      const dyValues = randomValues(uniform, n);
      const yValues = randomValues(uniform, n).map((v) => Math.max(v, 0));
      // Exact zeros of both signs in y, and negative dy where step(y) = 0 (dy·0 = −0).
      if (n > 2) {
        yValues[1] = -0;
        yValues[2] = 0;
        dyValues[2] = -0.5;
      }
      const dy = tf.tensor1d(dyValues);
      const y = tf.tensor1d(yValues);
      const ours = tf.engine().runKernel(RELU_GRAD_KERNEL, { dy, y }) as tf.Tensor;
      const stock = tf.mul(dy, tf.step(y));
      expect(bits(ours.dataSync() as Float32Array)).toEqual(bits(stock.dataSync() as Float32Array));
      tf.dispose([dy, y, ours, stock]);
    },
  );

  it('gives NaN where y is NaN, as step does', () => {
    const dy = tf.tensor1d([1, 2, 3, 4, 5]);
    const y = tf.tensor1d([Number.NaN, 1, -1, Number.NaN, Number.NaN]);
    const ours = Array.from(
      (tf.engine().runKernel(RELU_GRAD_KERNEL, { dy, y }) as tf.Tensor).dataSync(),
    );
    const stock = Array.from(tf.mul(dy, tf.step(y)).dataSync());
    expect(ours.map(Number.isNaN)).toEqual(stock.map(Number.isNaN));
    expect(ours.slice(1, 3)).toEqual([2, 0]);
  });

  it('rejects inputs of different shapes, naming both', () => {
    const dy = tf.zeros([2, 3]);
    const y = tf.zeros([3, 2]);
    expect(() => tf.engine().runKernel(RELU_GRAD_KERNEL, { dy, y })).toThrow(
      /dy and y must have the same shape, got \[2,3\] and \[3,2\]/,
    );
    tf.dispose([dy, y]);
  });
});
