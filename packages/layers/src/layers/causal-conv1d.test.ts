import { conv1dMulti } from '@rectify/signal';
import * as tf from '@tensorflow/tfjs';
import { expectClose, loadFixture } from '@rectify/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { CausalConv1D, type CausalConv1DArgs, causalConv1d, conv1d } from './causal-conv1d';
import { ACTIVATIONS } from './common';
import { createRoundTrip, expectNoTensorLeak, expectSamePredictions } from './test-helpers';

interface ConvCase {
  steps: number;
  inChannels: number;
  filters: number;
  kernelSize: number;
  strides: number;
  dilationRate: number;
  useBias: boolean;
  activation: string;
  x: number[];
  kernel: number[];
  bias: number[] | null;
  outSteps: number;
  y: number[];
}

const cases = loadFixture<{ causalConv1d: ConvCase[] }>('layers/layers.json').causalConv1d;
const roundTrip = createRoundTrip('rectify-conv-');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function layerFor(c: ConvCase): CausalConv1D {
  const layer = new CausalConv1D({
    filters: c.filters,
    kernelSize: c.kernelSize,
    strides: c.strides,
    dilationRate: c.dilationRate,
    useBias: c.useBias,
    activation: c.activation,
  });
  layer.build([2, c.steps, c.inChannels]);
  const weights: tf.Tensor[] = [tf.tensor3d(c.kernel, [c.kernelSize, c.inChannels, c.filters])];
  if (c.bias) weights.push(tf.tensor1d(c.bias));
  layer.setWeights(weights);
  return layer;
}

const label = (c: ConvCase) =>
  `k=${c.kernelSize} d=${c.dilationRate} stride=${c.strides} T=${c.steps} bias=${c.useBias} ${c.activation}`;

describe('CausalConv1D symbolic shapes', () => {
  it.each([
    [{ filters: 4, kernelSize: 3 }, [null, 32, 4]],
    [{ filters: 2, kernelSize: 5, dilationRate: 2 }, [null, 32, 2]],
    [{ filters: 3, kernelSize: 3, strides: 2 }, [null, 16, 3]],
    [{ filters: 3, kernelSize: 2, strides: 3 }, [null, 11, 3]],
    [{ filters: 1, kernelSize: [4], strides: [1], dilationRate: [3] }, [null, 32, 1]],
  ] as [CausalConv1DArgs, number[]][])('%o on [null, 32, 2] gives %o', (args, expected) => {
    const out = causalConv1d(args).apply(tf.input({ shape: [32, 2] })) as tf.SymbolicTensor;
    expect(out.shape).toEqual(expected);
  });

  it('keeps an unknown time length unknown and creates Keras-named weights', () => {
    const layer = causalConv1d({ filters: 4, kernelSize: 3, name: 'conv1d' });
    const out = layer.apply(tf.input({ shape: [null, 2] })) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, null, 4]);
    expect(layer.weights.map((w) => [w.originalName, w.shape])).toEqual([
      ['conv1d/kernel', [3, 2, 4]],
      ['conv1d/bias', [4]],
    ]);
    const noBias = causalConv1d({ filters: 4, kernelSize: 3, useBias: false });
    noBias.apply(tf.input({ shape: [8, 2] }));
    expect(noBias.weights).toHaveLength(1);
  });
});

describe('CausalConv1D values', () => {
  it.each(cases.map((c) => [label(c), c] as const))(
    'matches the numpy Keras-semantics oracle: %s',
    (name, c) => {
      const layer = layerFor(c);
      const y = layer.apply(tf.tensor3d(c.x, [2, c.steps, c.inChannels])) as tf.Tensor;
      expect(y.shape).toEqual([2, c.outSteps, c.filters]);
      expectClose(y.dataSync(), c.y, { rtol: 1e-5, atol: 1e-5, label: name });
    },
  );

  it.each([
    { kernelSize: 3, dilationRate: 1, strides: 1 },
    { kernelSize: 5, dilationRate: 2, strides: 1 },
    { kernelSize: 2, dilationRate: 4, strides: 1 },
    { kernelSize: 4, dilationRate: 1, strides: 3 },
  ])('equals @rectify/signal conv1dMulti (causal) for %o', (opts) => {
    const [steps, inChannels, filters] = [23, 3, 2];
    const layer = new CausalConv1D({ filters, ...opts, useBias: false });
    const x = tf.randomNormal([1, steps, inChannels], 0, 1, 'float32', 9);
    const y = layer.apply(x) as tf.Tensor;
    const reference = conv1dMulti(x.dataSync(), layer.getWeights()[0]!.dataSync(), {
      steps,
      inChannels,
      outChannels: filters,
      padding: 'causal',
      ...opts,
    });
    expect(y.shape).toEqual([1, reference.outSteps, filters]);
    expectClose(y.dataSync(), reference.y, { rtol: 1e-5, atol: 1e-5 });
  });

  it('is causal: changing x[t0] leaves y[t < t0] unchanged and changes y[t0]', () => {
    const layer = new CausalConv1D({
      filters: 2,
      kernelSize: 3,
      dilationRate: 2,
      biasInitializer: 'ones',
    });
    const x = tf.randomNormal([1, 20, 1], 0, 1, 'float32', 7);
    const base = (layer.apply(x) as tf.Tensor).arraySync() as number[][][];
    const poke = tf.add(x, tf.oneHot([12], 20).toFloat().reshape([1, 20, 1]));
    const moved = (layer.apply(poke) as tf.Tensor).arraySync() as number[][][];
    expect(moved[0]!.slice(0, 12)).toEqual(base[0]!.slice(0, 12));
    expect(moved[0]![12]).not.toEqual(base[0]![12]);
  });

  it('an impulse returns the kernel reversed in time with d − 1 zeros between taps', () => {
    const layer = new CausalConv1D({ filters: 1, kernelSize: 3, dilationRate: 2, useBias: false });
    layer.build([1, 9, 1]);
    layer.setWeights([tf.tensor3d([1, 2, 3], [3, 1, 1])]);
    const y = layer.apply(tf.oneHot([0], 9).toFloat().reshape([1, 9, 1])) as tf.Tensor;
    expect(Array.from(y.dataSync())).toEqual([3, 0, 2, 0, 1, 0, 0, 0, 0]);
  });

  it('applies initializers, regularizers and constraints', () => {
    const layer = new CausalConv1D({
      filters: 2,
      kernelSize: 2,
      kernelInitializer: { className: 'Constant', config: { value: -0.5 } },
      biasInitializer: 'ones',
      kernelRegularizer: 'l2',
      kernelConstraint: 'nonNeg',
    });
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [6, 3] }), layer] });
    const [kernel, bias] = layer.getWeights();
    expect(Array.from(kernel!.dataSync())).toEqual(new Array(12).fill(-0.5));
    expect(Array.from(bias!.dataSync())).toEqual([1, 1]);
    const penalty = (layer.losses[0] as unknown as () => tf.Scalar)();
    expectClose(penalty.dataSync()[0]!, 0.01 * 12 * 0.25, { rtol: 1e-6 });
    // As for every tfjs layer, the constraint projects on LayerVariable.write (tfjs's fit does not call it).
    expect(model.layers).toContain(layer);
    layer.weights[0]!.write(tf.fill([2, 3, 2], -1));
    expect(Array.from(layer.getWeights()[0]!.dataSync())).toEqual(new Array(12).fill(0));
  });
});

describe('CausalConv1D names (tfjs and Keras spellings)', () => {
  it.each(ACTIVATIONS)(
    'accepts activation %s and applies it like tf.layers.activation',
    (activation) => {
      const layer = new CausalConv1D({ filters: 2, kernelSize: 2, activation });
      const x = tf.randomNormal([1, 6, 1], 0, 1, 'float32', 5);
      const y = layer.apply(x) as tf.Tensor;
      const linear = layer.preActivation(x as tf.Tensor3D);
      const expected = tf.layers.activation({ activation }).apply(linear) as tf.Tensor;
      expect(Array.from(y.dataSync())).toEqual(Array.from(expected.dataSync()));
    },
  );

  it('accepts Keras snake_case and PascalCase initializer names', () => {
    for (const name of [
      'glorot_uniform',
      'GlorotNormal',
      'lecun_normal',
      'he_uniform',
      'zeros',
      'Ones',
    ]) {
      const layer = new CausalConv1D({ filters: 2, kernelSize: 2, kernelInitializer: name });
      layer.build([1, 4, 1]);
      expect(layer.getWeights()[0]!.shape).toEqual([2, 1, 2]);
    }
    const ones = new CausalConv1D({
      filters: 1,
      kernelSize: 2,
      kernelInitializer: 'Ones',
      activation: 'hard_sigmoid',
    });
    expect(ones.config.activation).toBe('hardSigmoid');
  });
});

describe('CausalConv1D gradients (central differences; linear in x and kernel)', () => {
  const eps = 1e-2;
  it.each([
    { kernelSize: 3, dilationRate: 1, strides: 1 },
    { kernelSize: 3, dilationRate: 2, strides: 1 },
    { kernelSize: 2, dilationRate: 3, strides: 1 },
    { kernelSize: 3, dilationRate: 1, strides: 2 },
  ])('d(sum(c·y))/d(x, kernel, bias) match finite differences for %o', (opts) => {
    const shape: [number, number, number] = [2, 7, 2];
    const layer = new CausalConv1D({ filters: 2, ...opts });
    const x0 = Array.from(tf.randomNormal(shape, 0, 1, 'float32', 3).dataSync());
    const x = tf.tensor3d(x0, shape);
    layer.build(shape);
    const outShape = layer.computeOutputShape(shape) as number[];
    const c = tf.randomNormal(outShape, 0, 1, 'float32', 4);
    const f = (input: tf.Tensor) => tf.sum(tf.mul(c, layer.apply(input) as tf.Tensor)) as tf.Scalar;
    const gx = tf.grad(f)(x).dataSync();
    const numericX = x0.map((_, i) => {
      const plus = x0.slice();
      const minus = x0.slice();
      plus[i]! += eps;
      minus[i]! -= eps;
      return (
        (f(tf.tensor3d(plus, shape)).dataSync()[0]! - f(tf.tensor3d(minus, shape)).dataSync()[0]!) /
        (2 * eps)
      );
    });
    expectClose(gx, numericX, { atol: 2e-3, rtol: 1e-3, label: 'dx' });
    const variables = layer.trainableWeights.map((w) => w.read() as tf.Variable);
    const { grads } = tf.variableGrads(() => f(x), variables);
    const weights = layer.getWeights().map((w) => Array.from(w.dataSync()));
    variables.forEach((v, wi) => {
      const analytic = grads[v.name]!.dataSync();
      const numeric = weights[wi]!.map((_, i) => {
        const at = (delta: number) => {
          const changed = weights.map((w) => w.slice());
          changed[wi]![i]! += delta;
          layer.setWeights(changed.map((w, j) => tf.tensor(w, layer.getWeights()[j]!.shape)));
          return f(x).dataSync()[0]!;
        };
        const value = (at(eps) - at(-eps)) / (2 * eps);
        layer.setWeights(weights.map((w, j) => tf.tensor(w, layer.getWeights()[j]!.shape)));
        return value;
      });
      expectClose(analytic, numeric, { atol: 2e-3, rtol: 1e-3, label: v.name });
    });
  });
});

describe('CausalConv1D save → load through fileSystemIO', () => {
  it.each(cases.map((c) => [label(c), c] as const))(
    'gives identical predictions: %s',
    async (_, c) => {
      const model = tf.sequential({
        layers: [
          causalConv1d({
            filters: c.filters,
            kernelSize: c.kernelSize,
            strides: c.strides,
            dilationRate: c.dilationRate,
            useBias: c.useBias,
            activation: c.activation,
            kernelRegularizer: tf.regularizers.l1l2({ l1: 0.001, l2: 0.002 }),
            inputShape: [c.steps, c.inChannels],
          }),
        ],
      });
      const x = tf.tensor3d(c.x, [2, c.steps, c.inChannels]);
      const loaded = await roundTrip(model);
      expect(loaded.layers[0]).toBeInstanceOf(CausalConv1D);
      expect((loaded.layers[0] as CausalConv1D).config).toEqual(
        (model.layers[0] as CausalConv1D).config,
      );
      // A seed saved as undefined comes back as null; every other config entry must match.
      const plain = (layer: tf.layers.Layer) =>
        JSON.stringify(layer.getConfig(), (_, v: unknown) => (v === null ? undefined : v));
      expect(plain(loaded.layers[0]!)).toBe(plain(model.layers[0]!));
      expectSamePredictions(loaded, model, x);
    },
  );
});

describe('conv1d factory', () => {
  it("gives CausalConv1D for padding 'causal' and tfjs's Conv1D otherwise", () => {
    expect(conv1d({ filters: 2, kernelSize: 3, padding: 'causal' })).toBeInstanceOf(CausalConv1D);
    const same = conv1d({ filters: 2, kernelSize: 3, padding: 'same' });
    expect(same.getClassName()).toBe('Conv1D');
    const out = same.apply(tf.input({ shape: [10, 1] })) as tf.SymbolicTensor;
    expect(out.shape).toEqual([null, 10, 2]);
  });
});

describe('CausalConv1D memory', () => {
  it('leaves tf.memory().numTensors unchanged after repeated predict and fit', async () => {
    const model = tf.sequential({
      layers: [
        causalConv1d({
          filters: 3,
          kernelSize: 3,
          dilationRate: 2,
          activation: 'relu',
          inputShape: [12, 1],
        }),
        causalConv1d({ filters: 2, kernelSize: 2, strides: 2 }),
        tf.layers.globalAveragePooling1d(),
      ],
    });
    const x = tf.randomNormal([4, 12, 1], 0, 1, 'float32', 1);
    await expectNoTensorLeak(model, x, tf.ones([4, 2]));
  });
});

describe('CausalConv1D bad input', () => {
  it('rejects a wrong input rank', () => {
    expect(() =>
      causalConv1d({ filters: 2, kernelSize: 3 }).apply(tf.input({ shape: [8] })),
    ).toThrow(/input must be rank 3 \[batch, time, channels\], got rank 2/);
    expect(() => causalConv1d({ filters: 2, kernelSize: 3 }).apply(tf.zeros([1, 8, 2, 1]))).toThrow(
      RangeError,
    );
  });

  it('rejects dilationRate < 1 and non-integer sizes', () => {
    expect(() => causalConv1d({ filters: 2, kernelSize: 3, dilationRate: 0 })).toThrow(
      new RangeError('dilationRate must be an integer >= 1 (or a one-element array of one), got 0'),
    );
    expect(() => conv1d({ filters: 2, kernelSize: 3, dilationRate: 0, padding: 'valid' })).toThrow(
      /dilationRate must be an integer >= 1/,
    );
    expect(() => causalConv1d({ filters: 2, kernelSize: 2.5 })).toThrow(
      /kernelSize must be an integer >= 1/,
    );
    expect(() => causalConv1d({ filters: 0, kernelSize: 2 })).toThrow(
      /filters must be an integer >= 1 .*got 0/,
    );
    expect(() => causalConv1d({ filters: 2, kernelSize: 2, strides: -1 })).toThrow(
      /strides must be/,
    );
  });

  it('rejects missing arguments', () => {
    expect(() => new CausalConv1D(undefined as unknown as CausalConv1DArgs)).toThrow(
      new TypeError('args must be an object with filters and kernelSize, got undefined'),
    );
    expect(() => causalConv1d({ kernelSize: 3 } as CausalConv1DArgs)).toThrow(
      /filters must be an integer >= 1 .*got undefined/,
    );
  });

  it('rejects strides > 1 with dilationRate > 1, as Keras does', () => {
    expect(() => causalConv1d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2 })).toThrow(
      /strides and dilationRate cannot both exceed 1/,
    );
  });

  it('rejects a kernel wider than the padded input', () => {
    expect(() =>
      causalConv1d({ filters: 2, kernelSize: 3 }).apply(tf.input({ shape: [0, 1] })),
    ).toThrow(/is wider than the padded input/);
    expect(() =>
      conv1d({ filters: 2, kernelSize: 5, padding: 'valid', inputShape: [3, 1] }),
    ).toThrow(
      /kernel width \(kernelSize − 1\)·dilationRate \+ 1 = 5 must not exceed the input length with padding 'valid', got input length 3/,
    );
    expect(() =>
      conv1d({ filters: 2, kernelSize: 2, dilationRate: 3, inputShape: [3, 1] }),
    ).toThrow(RangeError);
  });

  it('rejects other paddings, unknown activations, initializers and unsupported options', () => {
    expect(
      () => new CausalConv1D({ filters: 2, kernelSize: 3, padding: 'same' as 'causal' }),
    ).toThrow(
      /padding must be 'causal' for CausalConv1D \(use conv1d\(\) for 'valid' or 'same'\), got 'same'/,
    );
    expect(() => causalConv1d({ filters: 2, kernelSize: 3, activation: 'relu7' })).toThrow(
      /activation must be one of .*relu.*, got 'relu7'/,
    );
    expect(() =>
      causalConv1d({ filters: 2, kernelSize: 3, kernelInitializer: 'glorious' }),
    ).toThrow(/kernelInitializer must be one of .*, got 'glorious'/);
    expect(() => causalConv1d({ filters: 2, kernelSize: 3, groups: 2 })).toThrow(
      /groups must be 1/,
    );
    expect(() =>
      causalConv1d({ filters: 2, kernelSize: 3, dataFormat: 'channelsFirst' as 'channelsLast' }),
    ).toThrow(/dataFormat must be 'channelsLast'/);
  });
});
