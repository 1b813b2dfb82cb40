import * as tf from '@tensorflow/tfjs';
import { expectClose, loadFixture } from '@rectify/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { causalConv1d } from '../layers/causal-conv1d';
import { createRoundTrip } from '../layers/test-helpers';
import { ablateActivations, reluSites, resolveReluLayers } from './ablate';
import { DCOnlyReLU, dcOnlyRelu } from './dc-only-relu';
import { parseAblationMode } from './modes';

interface DenseWeights {
  kernel: number[];
  bias: number[];
  kernelShape: number[];
}

interface AblateFixture {
  x: number[];
  xShape: [number, number, number];
  yShape: [number, number];
  weights: Record<'conv1' | 'conv2' | 'dense1' | 'dense2' | 'out', DenseWeights>;
  cases: { mode: string; selection: 'all' | 'site0' | 'site1'; y: number[] }[];
}

const fixture = loadFixture<AblateFixture>('layers-ablate/ablate.json');
const roundTrip = createRoundTrip('rectify-ablate-');

type Variant = 'fused' | 'separate' | 'nested';

/** The fixture model's ReLU sites as each variant names them. */
const SITE_NAMES: Record<Variant, [string, string, string]> = {
  fused: ['conv1', 'conv2', 'dense1'],
  separate: ['relu1', 'relu2', 'relu3'],
  nested: ['block/conv1', 'block/conv2', 'dense1'],
};

function weightsOf(name: keyof AblateFixture['weights']): tf.Tensor[] {
  const w = fixture.weights[name];
  return [tf.tensor(w.kernel, w.kernelShape), tf.tensor1d(w.bias)];
}

/** The fixture model of gen_ablate.py, built three ways, with its weights. */
function buildModel(variant: Variant): tf.LayersModel {
  const fused = variant !== 'separate';
  const act = fused ? 'relu' : 'linear';
  const conv1 = causalConv1d({ name: 'conv1', filters: 4, kernelSize: 3, activation: act });
  const conv2 = tf.layers.conv1d({
    name: 'conv2',
    filters: 3,
    kernelSize: 2,
    dilationRate: 2,
    activation: act,
  });
  const dense1 = tf.layers.dense({ name: 'dense1', units: 3, activation: act });
  const input = tf.input({ shape: [16, 2], name: 'x' });
  let h: tf.SymbolicTensor;
  if (variant === 'nested') {
    const inner = tf.input({ shape: [16, 2], name: 'block_in' });
    const innerOut = conv2.apply(conv1.apply(inner)) as tf.SymbolicTensor;
    const block = tf.model({ inputs: inner, outputs: innerOut, name: 'block' });
    h = block.apply(input) as tf.SymbolicTensor;
  } else {
    h = conv1.apply(input) as tf.SymbolicTensor;
    if (!fused)
      h = tf.layers.activation({ activation: 'relu', name: 'relu1' }).apply(h) as tf.SymbolicTensor;
    h = conv2.apply(h) as tf.SymbolicTensor;
    if (!fused) h = tf.layers.reLU({ name: 'relu2' }).apply(h) as tf.SymbolicTensor;
  }
  h = tf.layers.averagePooling1d({ poolSize: 2, name: 'pool' }).apply(h) as tf.SymbolicTensor;
  h = dense1.apply(h) as tf.SymbolicTensor;
  if (!fused)
    h = tf.layers.activation({ activation: 'relu', name: 'relu3' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers.globalAveragePooling1d({ name: 'gap' }).apply(h) as tf.SymbolicTensor;
  const dense2 = tf.layers.dense({ name: 'dense2', units: 4, activation: 'relu' });
  h = dense2.apply(h) as tf.SymbolicTensor;
  const out = tf.layers.dense({ name: 'out', units: 2 });
  const model = tf.model({
    inputs: input,
    outputs: out.apply(h) as tf.SymbolicTensor,
    name: variant,
  });
  conv1.setWeights(weightsOf('conv1'));
  conv2.setWeights(weightsOf('conv2'));
  dense1.setWeights(weightsOf('dense1'));
  dense2.setWeights(weightsOf('dense2'));
  out.setWeights(weightsOf('out'));
  return model;
}

function predict(model: tf.LayersModel): Float32Array {
  return tf.tidy(
    () =>
      (
        model.predict(tf.tensor3d(fixture.x, fixture.xShape)) as tf.Tensor
      ).dataSync() as Float32Array,
  );
}

function layersFor(variant: Variant, selection: 'all' | 'site0' | 'site1'): 'all' | string[] {
  if (selection === 'all') return 'all';
  return [SITE_NAMES[variant][selection === 'site0' ? 0 : 1]];
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('ablateActivations against the numpy oracle', () => {
  for (const variant of ['fused', 'separate', 'nested'] as const) {
    it.each(fixture.cases)(`${variant}: $mode at $selection`, ({ mode, selection, y }) => {
      const model = buildModel(variant);
      const ablated = ablateActivations(model, { mode, layers: layersFor(variant, selection) });
      expectClose(predict(ablated), y, { atol: 1e-5, rtol: 1e-5, label: `${variant} ${mode}` });
      model.dispose();
      ablated.dispose();
    });
  }

  it('the unablated fixture model itself matches the oracle (the builder is right)', () => {
    const reference = fixture.cases.find((c) => c.mode === 'none' && c.selection === 'all');
    for (const variant of ['fused', 'separate', 'nested'] as const) {
      expectClose(predict(buildModel(variant)), reference!.y, { atol: 1e-5, rtol: 1e-5 });
    }
  });

  it('runs a Sequential model (fused Conv1D, Dense on the time axis)', () => {
    const seq = tf.sequential({
      layers: [
        causalConv1d({
          name: 'c',
          filters: 4,
          kernelSize: 3,
          activation: 'relu',
          inputShape: [16, 2],
        }),
        tf.layers.conv1d({
          name: 'c2',
          filters: 3,
          kernelSize: 2,
          dilationRate: 2,
          activation: 'relu',
        }),
        tf.layers.averagePooling1d({ poolSize: 2 }),
        tf.layers.dense({ name: 'd1', units: 3, activation: 'relu' }),
        tf.layers.globalAveragePooling1d({}),
        tf.layers.dense({ units: 4, activation: 'relu' }),
        tf.layers.dense({ units: 2 }),
      ],
    });
    const names = ['conv1', 'conv2', 'dense1', 'dense2', 'out'] as const;
    seq.layers
      .filter((l) => l.weights.length > 0)
      .forEach((l, i) => {
        l.setWeights(weightsOf(names[i] as (typeof names)[number]));
      });
    const y = fixture.cases.find((c) => c.mode === 'dc-only' && c.selection === 'site1')!.y;
    expectClose(predict(ablateActivations(seq, { mode: 'dc-only', layers: ['c2'] })), y, {
      atol: 1e-5,
      rtol: 1e-5,
    });
  });
});

describe('ablateActivations identities', () => {
  const single = (mode: string) => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const input = tf.input({ shape: [16, 2] });
    const model = tf.model({
      inputs: input,
      outputs: tf.layers
        .activation({ activation: 'relu', name: 'r' })
        .apply(input) as tf.SymbolicTensor,
    });
    return ablateActivations(model, { mode }).predict(x) as tf.Tensor;
  };

  it('remove-dc + dc-only = relu, and remove-harmonics has the ReLU’s DC', () => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    const relu = tf.relu(x);
    expectClose(tf.add(single('remove-dc'), single('dc-only')).dataSync(), relu.dataSync(), {
      atol: 1e-6,
    });
    expectClose(tf.mean(single('remove-harmonics'), 1).dataSync(), tf.mean(relu, 1).dataSync(), {
      atol: 1e-6,
    });
  });

  it('scale-dc:0 is remove-dc and scale-dc:1 is the plain ReLU', () => {
    const x = tf.tensor3d(fixture.x, fixture.xShape);
    expectClose(single('scale-dc:0').dataSync(), single('remove-dc').dataSync(), { atol: 1e-7 });
    expectClose(single('scale-dc:1').dataSync(), tf.relu(x).dataSync(), { atol: 1e-7 });
  });
});

describe('the input model stays untouched', () => {
  it('keeps its weights and outputs, and survives the ablated copy being disposed', () => {
    const model = buildModel('nested');
    const weightsBefore = model.getWeights().map((w) => Array.from(w.dataSync()));
    const before = predict(model);
    const ablated = ablateActivations(model, { mode: 'dc-only' });
    expect(Array.from(predict(ablated))).not.toEqual(Array.from(before));
    ablated.dispose();
    expect(model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weightsBefore);
    expect(Array.from(predict(model))).toEqual(Array.from(before));
    expect(model.layers.map((l) => l.name)).toEqual([
      'x',
      'block',
      'pool',
      'dense1',
      'gap',
      'dense2',
      'out',
    ]);
  });

  it("'none' is an exact copy, and the ablated model survives a save → load round trip", async () => {
    const model = buildModel('fused');
    const copy = ablateActivations(model, { mode: 'none' });
    expect(Array.from(predict(copy))).toEqual(Array.from(predict(model)));
    const ablated = ablateActivations(model, { mode: 'remove-harmonics', layers: ['conv2'] });
    const loaded = await roundTrip(ablated);
    expect(Array.from(predict(loaded))).toEqual(Array.from(predict(ablated)));
  });

  it('leaks no tensors in repeated ablate, predict and dispose', () => {
    const model = buildModel('fused');
    const run = () => {
      const a = ablateActivations(model, { mode: 'remove-dc' });
      predict(a);
      a.dispose();
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('reluSites', () => {
  it('lists fused, separate and nested ReLUs, and marks the rank-2 Dense as not ablatable', () => {
    expect(reluSites(buildModel('nested')).map((s) => [s.name, s.fused, s.ablatable])).toEqual([
      ['block/conv1', true, true],
      ['block/conv2', true, true],
      ['dense1', true, true],
      ['dense2', true, false],
    ]);
    expect(reluSites(buildModel('separate')).map((s) => [s.name, s.className])).toEqual([
      ['relu1', 'Activation'],
      ['relu2', 'ReLU'],
      ['relu3', 'Activation'],
      ['dense2', 'Dense'],
    ]);
  });
});

describe('contract edges', () => {
  it('accepts a bare nested name when unique', () => {
    const model = buildModel('nested');
    expect(() => ablateActivations(model, { mode: 'remove-dc', layers: ['conv2'] })).not.toThrow();
  });
  it('names the parameter, the rule and the value', () => {
    const model = buildModel('nested');
    expect(() => ablateActivations(model, { mode: 'remove-ac' })).toThrow(
      /mode must be one of 'none', 'remove-dc', 'remove-harmonics', 'dc-only' or 'scale-dc:k'.*got 'remove-ac'/,
    );
    expect(() => ablateActivations(model, { mode: 'scale-dc:abc' })).toThrow(
      /finite number k.*'scale-dc:abc'/,
    );
    expect(() => ablateActivations(model, { mode: 'remove-dc', layers: ['pool'] })).toThrow(
      /layers: 'pool' is not a ReLU layer.*block\/conv1, block\/conv2, dense1, dense2/,
    );
    expect(() => ablateActivations(model, { mode: 'remove-dc', layers: ['dense2'] })).toThrow(
      /'dense2' outputs shape \[, 4\] \(rank 2\).*need rank 3/,
    );
    expect(() => ablateActivations(model, { mode: 'remove-dc', layers: [] })).toThrow(RangeError);
    expect(() => ablateActivations({} as tf.LayersModel, { mode: 'remove-dc' })).toThrow(
      /model must be a tf.LayersModel/,
    );
    expect(() => parseAblationMode(3)).toThrow(TypeError);
  });
  it('parses scale-dc:k to its canonical form', () => {
    expect(parseAblationMode('scale-dc: 0.50')).toEqual({
      kind: 'scale-dc',
      k: 0.5,
      mode: 'scale-dc:0.5',
    });
  });
  it('DCOnlyReLU needs rank 3', () => {
    expect(() => new DCOnlyReLU().apply(tf.input({ shape: [4] }))).toThrow(/rank 3/);
  });
});

describe('DCOnlyReLU', () => {
  it('keeps [batch, time, channels] and gives mean_t relu(x) at every t', () => {
    expect((dcOnlyRelu().apply(tf.input({ shape: [null, 3] })) as tf.SymbolicTensor).shape).toEqual(
      [null, null, 3],
    );
    const y = new DCOnlyReLU().apply(
      tf.tensor3d([
        [
          [1, -2],
          [-1, 4],
          [2, 1],
        ],
      ]),
    ) as tf.Tensor;
    expectClose(y.dataSync(), [1, 5 / 3, 1, 5 / 3, 1, 5 / 3], { atol: 1e-6 });
  });

  it('survives a save → load round trip', async () => {
    const input = tf.input({ shape: [8, 2] });
    const model = tf.model({
      inputs: input,
      outputs: dcOnlyRelu({ name: 'dc' }).apply(input) as tf.SymbolicTensor,
    });
    const loaded = await roundTrip(model);
    const x = tf.randomNormal([2, 8, 2], 0, 1, 'float32', 5);
    expect(Array.from((loaded.predict(x) as tf.Tensor).dataSync())).toEqual(
      Array.from((model.predict(x) as tf.Tensor).dataSync()),
    );
  });
});

describe('resolveReluLayers', () => {
  it('expands all and qualifies bare names', () => {
    const model = buildModel('nested');
    expect(resolveReluLayers(model)).toEqual(['block/conv1', 'block/conv2', 'dense1']);
    expect(resolveReluLayers(model, ['conv2', 'dense1'])).toEqual(['block/conv2', 'dense1']);
    expect(() => resolveReluLayers(model, ['nope'])).toThrow(/'nope' is not a ReLU layer/);
  });
});
