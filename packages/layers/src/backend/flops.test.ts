import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainingFlops } from './flops';
import { vcModel } from './test-support';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('trainingFlops', () => {
  it('counts the paper V.C model: 812 128 MACs per sample, 14.97 GFLOP per training epoch', () => {
    const model = vcModel();
    const macs = 256 * 3 * 1 * 32 + 256 * 3 * 32 * 32 + 32 * 32 + 32 * 3;
    expect(macs).toBe(812_128);
    expect(trainingFlops(model, { passes: 1 })).toBe(2 * macs);
    expect(trainingFlops(model, { batch: 3072 })).toBe(6 * macs * 3072);
    expect(trainingFlops(model, { batch: 3072 }) / 1e9).toBeCloseTo(14.97, 2);
    model.dispose();
  });

  it('follows strides, dilations and 2-D convolutions through the output shape', () => {
    const model = tf.sequential();
    model.add(tf.layers.conv1d({ filters: 4, kernelSize: 5, strides: 2, inputShape: [40, 3] }));
    model.add(tf.layers.conv1d({ filters: 2, kernelSize: 3, dilationRate: 2 }));
    model.add(tf.layers.reshape({ targetShape: [12, 2, 1] }));
    model.add(tf.layers.conv2d({ filters: 3, kernelSize: [3, 2] }));
    // conv1d: out 18 × 5·3·4; dilated: out 18 − 4 = 14 × 3·4·2; conv2d: out 10×1 × 3·2·1·3
    const macs = 18 * 5 * 3 * 4 + 14 * 3 * 4 * 2 + 10 * 1 * 3 * 2 * 1 * 3;
    expect(trainingFlops(model, { batch: 2, passes: 1 })).toBe(2 * 2 * macs);
    model.dispose();
  });

  it('rejects bad options and unknown lengths with a RangeError naming the value', () => {
    const model = vcModel();
    expect(() => trainingFlops(model, { batch: 0 })).toThrow(
      /batch must be an integer >= 1, got 0/,
    );
    expect(() => trainingFlops(model, { batch: 2.5 })).toThrow(RangeError);
    expect(() => trainingFlops(model, { passes: Number.NaN })).toThrow(
      /passes must be a finite number > 0, got NaN/,
    );
    model.dispose();
    const open = tf.sequential();
    open.add(tf.layers.conv1d({ filters: 2, kernelSize: 3, inputShape: [null, 1] }));
    expect(() => trainingFlops(open)).toThrow(/must have a fixed output length/);
    open.dispose();
  });
});
