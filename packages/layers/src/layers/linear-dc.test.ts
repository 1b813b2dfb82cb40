import * as tf from '@tensorflow/tfjs';
import { expectClose, loadFixture } from '@rectify/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { DCReLU } from './dc-relu';
import { LinearDC, linearDc } from './linear-dc';
import { createRoundTrip, expectNoTensorLeak, expectSamePredictions } from './test-helpers';

interface LayersFixture {
  x: number[];
  xShape: [number, number, number];
  linearDc: { s: number; y: number[] }[];
}

const fixture = loadFixture<LayersFixture>('layers/layers.json');
const roundTrip = createRoundTrip('rectify-lineardc-');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('LinearDC symbolic shapes', () => {
  it('keeps [batch, time, channels], known or not', () => {
    expect((linearDc().apply(tf.input({ shape: [32, 4] })) as tf.SymbolicTensor).shape).toEqual([
      null,
      32,
      4,
    ]);
    expect(
      (linearDc({ s: 2 }).apply(tf.input({ shape: [null, 1] })) as tf.SymbolicTensor).shape,
    ).toEqual([null, null, 1]);
  });
});

describe('LinearDC values', () => {
  it.each(fixture.linearDc)('matches the numpy oracle for s = $s', ({ s, y }) => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const out = new LinearDC({ s }).apply(x) as tf.Tensor;
    expectClose(out.dataSync(), y, { rtol: 1e-5, atol: 1e-6, label: `s=${s}` });
  });

  it('adds exactly the DC a ReLU adds beyond x/2: mean_t(relu x) = mean_t(x)/2 + (LinearDC(x) − x)', () => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const reluMean = tf.mean(new DCReLU().apply(x) as tf.Tensor, 1);
    const added = tf.mean(tf.sub(new LinearDC().apply(x) as tf.Tensor, x), 1);
    expectClose(reluMean.dataSync(), tf.add(tf.div(tf.mean(x, 1), 2), added).dataSync(), {
      rtol: 1e-5,
      atol: 1e-6,
    });
  });

  it('leaves the fluctuation around the mean untouched', () => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const y = new LinearDC({ s: 3 }).apply(x) as tf.Tensor;
    expectClose(
      tf.sub(y, tf.mean(y, 1, true)).dataSync(),
      tf.sub(x, tf.mean(x, 1, true)).dataSync(),
      { rtol: 1e-5, atol: 1e-5 },
    );
  });
});

describe('LinearDC gradients', () => {
  it('d(sum(c·y))/dx matches central differences', () => {
    const shape: [number, number, number] = [2, 5, 2];
    const xs = Array.from(
      { length: 20 },
      (_, i) => (i % 3 === 0 ? -1 : 1) * (0.2 + ((i * 7) % 5) / 4),
    );
    const c = tf.tensor3d(
      Array.from({ length: 20 }, (_, i) => Math.sin(i + 0.5)),
      shape,
    );
    const layer = new LinearDC({ s: 0.7 });
    const f = (x: tf.Tensor) => tf.sum(tf.mul(c, layer.apply(x) as tf.Tensor));
    const analytic = tf.grad(f)(tf.tensor3d(xs, shape)).dataSync();
    const eps = 1e-2;
    const numeric = xs.map((_, i) => {
      const plus = xs.slice();
      const minus = xs.slice();
      plus[i]! += eps;
      minus[i]! -= eps;
      return (
        (f(tf.tensor3d(plus, shape)).dataSync()[0]! - f(tf.tensor3d(minus, shape)).dataSync()[0]!) /
        (2 * eps)
      );
    });
    expectClose(analytic, numeric, { atol: 2e-3, rtol: 1e-3 });
  });
});

describe('LinearDC save → load through fileSystemIO', () => {
  it('gives identical predictions and the same s', async () => {
    const model = tf.sequential({ layers: [linearDc({ s: 0.4, inputShape: [16, 3] })] });
    const loaded = await roundTrip(model);
    expect(loaded.layers[0]).toBeInstanceOf(LinearDC);
    expect((loaded.layers[0] as LinearDC).config).toEqual({ s: 0.4 });
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    expectSamePredictions(loaded, model, x);
  });
});

describe('LinearDC memory', () => {
  it('leaves tf.memory().numTensors unchanged after repeated predict and fit', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 2, inputShape: [8, 2] }),
        linearDc(),
        tf.layers.globalAveragePooling1d(),
        tf.layers.dense({ units: 1 }),
      ],
    });
    const x = tf.randomNormal([4, 8, 2], 0, 1, 'float32', 2);
    await expectNoTensorLeak(model, x, tf.ones([4, 1]));
  });
});

describe('LinearDC bad input', () => {
  it('rejects a wrong input rank', () => {
    expect(() => linearDc().apply(tf.input({ shape: [4, 4, 4] }))).toThrow(
      /input must be rank 3 \[batch, time, channels\], got rank 4/,
    );
  });

  it('rejects a non-finite s', () => {
    expect(() => linearDc({ s: Number.NaN })).toThrow(
      new RangeError('s must be a finite number, got NaN'),
    );
    expect(() => linearDc({ s: '1' as unknown as number })).toThrow(
      /s must be a finite number, got '1'/,
    );
  });
});
