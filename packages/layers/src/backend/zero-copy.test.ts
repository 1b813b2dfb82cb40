import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register';

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Identity and same-dtype Cast on wasm share the buffer', () => {
  it('clone keeps values after the source is disposed, and frees memory when both are gone', () => {
    const before = tf.engine().backend.numDataIds();
    const x = tf.tensor1d([1.5, -2, 3]);
    const y = x.clone();
    expect(tf.engine().backend.numDataIds()).toBe(before + 1);
    x.dispose();
    expect(Array.from(y.dataSync())).toEqual([1.5, -2, 3]);
    y.dispose();
    expect(tf.engine().backend.numDataIds()).toBe(before);
  });

  it('casting float32 to float32 shares; real conversions still convert', () => {
    const x = tf.tensor1d([1.7, -2.2, 0]);
    const same = tf.cast(x, 'float32');
    const ints = tf.cast(x, 'int32');
    const bools = tf.cast(x, 'bool');
    x.dispose();
    expect(Array.from(same.dataSync())).toEqual([Math.fround(1.7), Math.fround(-2.2), 0]);
    expect(Array.from(ints.dataSync())).toEqual([1, -2, 0]);
    expect(Array.from(bools.dataSync())).toEqual([1, 1, 0]);
    tf.dispose([same, ints, bools]);
  });

  it('a variable updated by an optimizer does not change a clone taken before', () => {
    const v = tf.variable(tf.tensor1d([1, 2]));
    const snapshot = v.clone();
    const optimizer = tf.train.sgd(0.5);
    optimizer.minimize(() => tf.sum(tf.mul(v, v)) as tf.Scalar);
    expect(Array.from(v.dataSync())).toEqual([0, 0]);
    expect(Array.from(snapshot.dataSync())).toEqual([1, 2]);
    tf.dispose([v, snapshot]);
    optimizer.dispose();
  });

  it('clone of a string tensor still works', () => {
    const s = tf.tensor1d(['a', 'b']);
    const t = s.clone();
    s.dispose();
    expect(t.arraySync()).toEqual(['a', 'b']);
    t.dispose();
  });
});
