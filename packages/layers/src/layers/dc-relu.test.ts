import * as tf from '@tensorflow/tfjs';
import { expectClose, loadFixture } from '@rectify/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DCMode, DCReLU, type DCReLUArgs, dcRelu } from './dc-relu';
import { createRoundTrip, expectNoTensorLeak, expectSamePredictions } from './test-helpers';

interface LayersFixture {
  x: number[];
  xShape: [number, number, number];
  dcRelu: { dcMode: DCMode; s: number | number[]; alpha: number; y: number[] }[];
}

const fixture = loadFixture<LayersFixture>('layers/layers.json');
const roundTrip = createRoundTrip('rectify-dcrelu-');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function argsOf(c: LayersFixture['dcRelu'][number]): DCReLUArgs {
  return c.dcMode === 'learn'
    ? { dcMode: 'learn', alpha: c.alpha }
    : { dcMode: c.dcMode, s: c.s as number, alpha: c.alpha };
}

function modelOf(args: DCReLUArgs, shape: [number, number]): tf.LayersModel {
  return tf.sequential({ layers: [dcRelu({ ...args, inputShape: shape })] });
}

const modes: DCReLUArgs[] = [
  { dcMode: 'keep' },
  { dcMode: 'remove' },
  { dcMode: 'scale', s: 0.25 },
  { dcMode: 'learn', s: 0.5 },
  { dcMode: 'remove', alpha: 0.1 },
];

describe('DCReLU symbolic shapes', () => {
  it.each(modes)('keeps [batch, time, channels] for %o', (args) => {
    const layer = new DCReLU(args);
    const out = layer.apply(tf.input({ shape: [32, 4] })) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 32, 4]);
    const free = new DCReLU(args).apply(tf.input({ shape: [null, 4] })) as tf.SymbolicTensor;
    expect(free.shape).toEqual([null, null, 4]);
  });

  it('creates one trainable s per channel in learn mode and none otherwise', () => {
    const learn = new DCReLU({ dcMode: 'learn', s: 0.5 });
    learn.apply(tf.input({ shape: [8, 3] }));
    expect(learn.trainableWeights.map((w) => w.shape)).toEqual([[3]]);
    expectClose(learn.getWeights()[0]!.dataSync(), [0.5, 0.5, 0.5], { rtol: 0 });
    const scale = new DCReLU({ dcMode: 'scale', s: 0.5 });
    scale.apply(tf.input({ shape: [8, 3] }));
    expect(scale.weights).toHaveLength(0);
  });
});

describe('DCReLU values', () => {
  it.each(fixture.dcRelu.map((c, i) => [i, c] as const))(
    'matches the numpy oracle, case %i',
    (_, c) => {
      const x = tf.tensor3d(fixture.x, fixture.xShape);
      const layer = new DCReLU(argsOf(c));
      layer.build(x.shape);
      if (c.dcMode === 'learn') layer.setWeights([tf.tensor1d(c.s as number[])]);
      const y = layer.apply(x) as tf.Tensor;
      expectClose(y.dataSync(), c.y, { rtol: 1e-5, atol: 1e-6, label: `${c.dcMode} α=${c.alpha}` });
      tf.dispose([x, y]);
    },
  );

  it('keep equals tf.relu, and ReLU = x/2 + |x|/2', () => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const y = new DCReLU().apply(x) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(tf.relu(x).dataSync()));
    const identity = tf.add(tf.div(x, 2), tf.div(tf.abs(x), 2));
    expectClose(y.dataSync(), identity.dataSync(), { rtol: 1e-6, atol: 1e-7 });
  });

  it('remove leaves zero mean over time per example and channel, and keeps relu − mean', () => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const y = new DCReLU({ dcMode: 'remove' }).apply(x) as tf.Tensor;
    expectClose(tf.mean(y, 1).dataSync(), new Float32Array(6), { atol: 1e-6 });
    const relu = tf.relu(x);
    const expected = tf.sub(relu, tf.mean(relu, 1, true));
    expectClose(y.dataSync(), expected.dataSync(), { rtol: 1e-6, atol: 1e-7 });
  });

  it('scale s multiplies the time-mean by s and leaves the fluctuation alone', () => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const keep = new DCReLU().apply(x) as tf.Tensor;
    const scaled = new DCReLU({ dcMode: 'scale', s: 0.3 }).apply(x) as tf.Tensor;
    expectClose(tf.mean(scaled, 1).dataSync(), tf.mul(0.3, tf.mean(keep, 1)).dataSync(), {
      rtol: 1e-5,
      atol: 1e-6,
    });
    expectClose(
      tf.sub(scaled, tf.mean(scaled, 1, true)).dataSync(),
      tf.sub(keep, tf.mean(keep, 1, true)).dataSync(),
      { rtol: 1e-5, atol: 1e-6 },
    );
  });
});

describe('DCReLU gradients (central differences; the function is piecewise linear)', () => {
  const shape: [number, number, number] = [2, 6, 2];
  // Values at least 0.1 away from the kink at 0, so a step of 1e-2 never crosses it.
  const xs = Array.from(
    { length: 24 },
    (_, i) => (i % 2 === 0 ? 1 : -1) * (0.1 + ((i * 37) % 11) / 10),
  );
  const weights = Array.from({ length: 24 }, (_, i) => Math.cos(i * 1.3));
  const eps = 1e-2;

  it.each(modes)('d(sum(c·y))/dx matches finite differences for %o', (args) => {
    const layer = new DCReLU(args);
    layer.build(shape);
    const c = tf.tensor3d(weights, shape);
    const f = (x: tf.Tensor) => tf.sum(tf.mul(c, layer.apply(x) as tf.Tensor));
    const x = tf.tensor3d(xs, shape);
    const analytic = tf.grad(f)(x).dataSync();
    const numeric = xs.map((_, i) => {
      const plus = xs.slice();
      const minus = xs.slice();
      plus[i]! += eps;
      minus[i]! -= eps;
      const fp = f(tf.tensor3d(plus, shape)).dataSync()[0]!;
      const fm = f(tf.tensor3d(minus, shape)).dataSync()[0]!;
      return (fp - fm) / (2 * eps);
    });
    expectClose(analytic, numeric, { atol: 2e-3, rtol: 1e-3 });
  });

  it('d(sum(c·y))/ds matches finite differences in learn mode', () => {
    const layer = new DCReLU({ dcMode: 'learn', s: 0.4, alpha: 0.05 });
    layer.build(shape);
    const x = tf.tensor3d(xs, shape);
    const c = tf.tensor3d(weights, shape);
    const f = () => tf.sum(tf.mul(c, layer.apply(x) as tf.Tensor)) as tf.Scalar;
    const { grads } = tf.variableGrads(
      f,
      layer.trainableWeights.map((w) => w.read() as tf.Variable),
    );
    const analytic = Object.values(grads)[0]!.dataSync();
    const numeric = [0, 1].map((ch) => {
      const at = (delta: number) => {
        const s = [0.4, 0.4];
        s[ch]! += delta;
        layer.setWeights([tf.tensor1d(s)]);
        return f().dataSync()[0]!;
      };
      return (at(eps) - at(-eps)) / (2 * eps);
    });
    expectClose(analytic, numeric, { atol: 2e-3, rtol: 1e-3 });
  });
});

describe('DCReLU save → load through fileSystemIO', () => {
  it.each(modes)('gives identical predictions for %o', async (args) => {
    const model = modelOf(args, [16, 3]);
    if (args.dcMode === 'learn') model.layers[0]!.setWeights([tf.tensor1d([0.1, -0.7, 1.3])]);
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const loaded = await roundTrip(model);
    expect(loaded.layers[0]).toBeInstanceOf(DCReLU);
    expect((loaded.layers[0] as DCReLU).config).toEqual((model.layers[0] as DCReLU).config);
    expectSamePredictions(loaded, model, x);
  });
});

describe('DCReLU memory', () => {
  it('leaves tf.memory().numTensors unchanged after repeated predict and fit', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ units: 2, inputShape: [8, 2] }),
        dcRelu({ dcMode: 'learn', s: 0.5 }),
        tf.layers.globalAveragePooling1d(),
        tf.layers.dense({ units: 1 }),
      ],
    });
    const x = tf.randomNormal([4, 8, 2], 0, 1, 'float32', 1);
    await expectNoTensorLeak(model, x, tf.ones([4, 1]));
  });
});

describe('DCReLU bad input', () => {
  it('rejects a rank-2 input', () => {
    expect(() => new DCReLU().apply(tf.input({ shape: [5] }))).toThrow(
      /input must be rank 3 \[batch, time, channels\], got rank 2/,
    );
    expect(() => new DCReLU().apply(tf.zeros([3, 4]))).toThrow(RangeError);
  });

  it('rejects an unknown dcMode', () => {
    expect(() => dcRelu({ dcMode: 'drop' as DCMode })).toThrow(
      new RangeError("dcMode must be one of 'keep', 'remove', 'scale', 'learn', got 'drop'"),
    );
  });

  it('rejects an s the mode does not allow', () => {
    expect(() => dcRelu({ dcMode: 'keep', s: 0.5 })).toThrow(
      /s must be 1 \(or omitted\) when dcMode is 'keep', got 0.5/,
    );
    expect(() => dcRelu({ dcMode: 'remove', s: 1 })).toThrow(
      /s must be 0 \(or omitted\) when dcMode is 'remove', got 1/,
    );
    expect(() => dcRelu({ dcMode: 'scale' })).toThrow(/s is required when dcMode is 'scale'/);
    expect(() => dcRelu({ dcMode: 'scale', s: Number.NaN })).toThrow(
      /s must be a finite number, got NaN/,
    );
    expect(() => dcRelu({ dcMode: 'learn', s: Number.POSITIVE_INFINITY })).toThrow(RangeError);
  });

  it('rejects a non-finite alpha', () => {
    expect(() => dcRelu({ alpha: Number.NaN })).toThrow(/alpha must be a finite number, got NaN/);
  });

  it('rejects unknown channels in learn mode', () => {
    expect(() =>
      new DCReLU({ dcMode: 'learn' }).apply(tf.input({ shape: [8, null] as unknown as number[] })),
    ).toThrow(/needs a known channel count/);
  });
});
