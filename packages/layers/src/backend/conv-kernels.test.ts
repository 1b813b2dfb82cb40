import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register';
import {
  convOutSize,
  convPad,
  dilateFilter,
  randomInt,
  randomValues,
  relativeError,
  runKernelOn,
  seededUniform,
  type TensorSpec,
  type TestConvPad,
  undilateFilter,
} from './test-support';

interface ConvCase {
  label: string;
  x: TensorSpec;
  filter: TensorSpec;
  dy: TensorSpec;
  strides: [number, number];
  dilations: [number, number];
  pad: TestConvPad;
}

function randomCase(uniform: () => number, index: number): ConvCase {
  const oneD = uniform() < 0.6;
  const strided = uniform() < 0.35;
  const s = strided ? 2 : 1;
  const d = strided ? 1 : randomInt(uniform, 1, 3);
  const kh = oneD ? 1 : randomInt(uniform, 1, 3);
  const kw = randomInt(uniform, 1, 4);
  const strides: [number, number] = [oneD ? 1 : s, s];
  const dilations: [number, number] = [oneD ? 1 : d, d];
  const h = oneD ? 1 : randomInt(uniform, (kh - 1) * dilations[0] + 1, 7);
  const w = randomInt(uniform, (kw - 1) * d + 1, 24);
  const batch = randomInt(uniform, 1, 5);
  const cin = randomInt(uniform, 1, 5);
  const cout = randomInt(uniform, 1, 5);
  const mode = uniform();
  const pad = convPad(mode < 0.4 ? 'valid' : mode < 0.8 ? 'same' : 'causal', kw, d);
  const oh = convOutSize(h, kh, strides[0], dilations[0], pad, 1);
  const ow = convOutSize(w, kw, strides[1], dilations[1], pad, 2);
  const label = `#${index} x[${batch},${h},${w},${cin}] k[${kh},${kw}]→${cout} s${strides} d${dilations} ${typeof pad === 'string' ? pad : 'causal'}`;
  return {
    label,
    x: { shape: [batch, h, w, cin], values: randomValues(uniform, batch * h * w * cin) },
    filter: { shape: [kh, kw, cin, cout], values: randomValues(uniform, kh * kw * cin * cout) },
    dy: { shape: [batch, oh, ow, cout], values: randomValues(uniform, batch * oh * ow * cout) },
    strides,
    dilations,
    pad,
  };
}

/** A fixed case; `pad: 'causal'` is the explicit left pad our causal layers emit. */
function fixedCase(
  uniform: () => number,
  [batch, h, w, cin]: number[],
  [kh, kw, cout]: number[],
  strides: [number, number],
  dilations: [number, number],
  padding: 'valid' | 'same' | 'causal',
): ConvCase {
  const pad = convPad(padding, kw!, dilations[1]);
  const oh = convOutSize(h!, kh!, strides[0], dilations[0], pad, 1);
  const ow = convOutSize(w!, kw!, strides[1], dilations[1], pad, 2);
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  const xShape = [batch!, h!, w!, cin!];
  const filterShape = [kh!, kw!, cin!, cout!];
  const dyShape = [batch!, oh, ow, cout!];
  return {
    label: `fixed x[${xShape}] k[${kh},${kw}]→${cout} s${strides} d${dilations} ${padding}`,
    x: { shape: xShape, values: randomValues(uniform, size(xShape)) },
    filter: { shape: filterShape, values: randomValues(uniform, size(filterShape)) },
    dy: { shape: dyShape, values: randomValues(uniform, size(dyShape)) },
    strides,
    dilations,
    pad,
  };
}

const uniform = seededUniform(20240716);
const CASES = [
  // First layers (k·cin < cout: the transposed product) and the V.C second layer, scaled down.
  fixedCase(uniform, [3, 1, 40, 1], [1, 3, 8], [1, 1], [1, 1], 'causal'),
  fixedCase(uniform, [2, 1, 33, 1], [1, 3, 8], [1, 1], [1, 3], 'causal'),
  fixedCase(uniform, [2, 1, 33, 2], [1, 2, 6], [1, 2], [1, 1], 'same'),
  fixedCase(uniform, [2, 3, 9, 1], [2, 2, 5], [2, 2], [1, 1], 'valid'),
  fixedCase(uniform, [5, 1, 64, 8], [1, 3, 8], [1, 1], [1, 1], 'causal'),
  // Strided in height only: the planes' rows are transposed eight at a time, per stride phase.
  fixedCase(uniform, [2, 5, 19, 3], [2, 2, 4], [2, 1], [1, 1], 'valid'),
  fixedCase(uniform, [3, 6, 11, 2], [3, 1, 5], [2, 1], [1, 1], 'same'),
  ...Array.from({ length: 48 }, (_, i) => randomCase(uniform, i)),
];
const TOLERANCE = 1e-4;

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Conv2DBackpropFilter on wasm (one matMul over shifted views)', () => {
  it.each(CASES.map((c) => [c.label, c] as const))('equals the cpu kernel: %s', async (_, c) => {
    const filterShape = c.filter.shape as [number, number, number, number];
    const common = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' };
    const ours = await runKernelOn(
      'wasm',
      'Conv2DBackpropFilter',
      { x: c.x, dy: c.dy },
      {
        ...common,
        dilations: c.dilations,
        filterShape,
      },
    );
    const big = dilateFilter(c.filter, c.dilations);
    const oracle = await runKernelOn(
      'cpu',
      'Conv2DBackpropFilter',
      { x: c.x, dy: c.dy },
      {
        ...common,
        filterShape: big.shape,
      },
    );
    expect(ours.shape).toEqual(filterShape);
    const expected = undilateFilter(oracle, filterShape, c.dilations);
    expect(relativeError(ours.values, expected)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('Conv2DBackpropInput on wasm (one forward conv of the spread dy)', () => {
  it.each(CASES.map((c) => [c.label, c] as const))('equals the cpu kernel: %s', async (_, c) => {
    const common = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', inputShape: c.x.shape };
    const ours = await runKernelOn(
      'wasm',
      'Conv2DBackpropInput',
      { dy: c.dy, filter: c.filter },
      {
        ...common,
        dilations: c.dilations,
      },
    );
    const big = dilateFilter(c.filter, c.dilations);
    const oracle = await runKernelOn(
      'cpu',
      'Conv2DBackpropInput',
      { dy: c.dy, filter: big },
      common,
    );
    expect(ours.shape).toEqual(c.x.shape);
    expect(relativeError(ours.values, oracle.values)).toBeLessThanOrEqual(TOLERANCE);
  });
});

describe('conv gradient kernels: unsupported attributes throw, naming attribute and value', () => {
  const c = CASES[0]!;
  const filterShape = c.filter.shape;
  const base = { strides: 1, pad: 'valid', dataFormat: 'NHWC' };
  const x = { shape: [2, 1, 8, 3], values: new Float32Array(48) };
  const dy = { shape: [2, 1, 6, 2], values: new Float32Array(24) };
  const filter = { shape: [1, 3, 3, 2], values: new Float32Array(18) };
  const cases: [string, string, Record<string, TensorSpec>, Record<string, unknown>, RegExp][] = [
    [
      'filter: NCHW',
      'Conv2DBackpropFilter',
      { x, dy },
      { ...base, dataFormat: 'NCHW', filterShape: [1, 3, 3, 2] },
      /dataFormat must be 'NHWC', got "NCHW"/,
    ],
    [
      'input: NCHW',
      'Conv2DBackpropInput',
      { dy, filter },
      { ...base, dataFormat: 'NCHW', inputShape: x.shape },
      /dataFormat must be 'NHWC', got "NCHW"/,
    ],
    [
      'filter: strides and dilations',
      'Conv2DBackpropFilter',
      { x, dy },
      { ...base, strides: [1, 2], dilations: [1, 2], filterShape: [1, 3, 3, 2] },
      /strides and dilations cannot both exceed 1, got strides \[1,2\] and dilations \[1,2\]/,
    ],
    [
      'input: strides and dilations',
      'Conv2DBackpropInput',
      { dy, filter },
      { ...base, strides: 2, dilations: 2, inputShape: x.shape },
      /strides and dilations cannot both exceed 1, got strides 2 and dilations 2/,
    ],
    [
      'filter: fractional dilation',
      'Conv2DBackpropFilter',
      { x, dy },
      { ...base, dilations: 1.5, filterShape: [1, 3, 3, 2] },
      /dilations must be integers >= 1, got 1.5/,
    ],
    [
      'filter: wrong dy shape',
      'Conv2DBackpropFilter',
      { x, dy: { shape: [2, 1, 5, 2], values: new Float32Array(20) } },
      { ...base, filterShape: [1, 3, 3, 2] },
      /dy must have shape \[2,1,6,2\], got \[2,1,5,2\]/,
    ],
    [
      'input: channel mismatch',
      'Conv2DBackpropInput',
      { dy, filter },
      { ...base, inputShape: [2, 1, 8, 4] },
      /input channels \(4\) must equal filterShape\[2\] \(3\)/,
    ],
    [
      'filter: filter wider than input',
      'Conv2DBackpropFilter',
      { x: { shape: [1, 1, 2, 3], values: new Float32Array(6) }, dy },
      { ...base, filterShape: [1, 3, 3, 2] },
      /wider than the padded input/,
    ],
  ];
  it.each(cases)('%s', async (_, kernel, inputs, attrs, message) => {
    await expect(runKernelOn('wasm', kernel, inputs, attrs)).rejects.toThrow(message);
    expect(filterShape.length).toBe(4);
  });

  it('rejects int32 inputs, naming the input and the dtype', async () => {
    await tf.setBackend('wasm');
    const xi = tf.zeros([2, 1, 8, 3], 'int32');
    const dyf = tf.zeros([2, 1, 6, 2]);
    expect(() =>
      tf
        .engine()
        .runKernel(
          'Conv2DBackpropFilter',
          { x: xi, dy: dyf },
          { ...base, filterShape: [1, 3, 3, 2] },
        ),
    ).toThrow(/x must be float32, got 'int32'/);
    tf.dispose([xi, dyf]);
  });
});

describe('conv gradient kernels: memory', () => {
  it('leave tf.memory().numTensors and the wasm data ids unchanged after repeated calls', async () => {
    await tf.setBackend('wasm');
    const c = CASES.find((k) => k.dilations[1] > 1 && k.x.shape[0]! > 1) ?? CASES[0]!;
    const x = tf.tensor(c.x.values, c.x.shape);
    const dy = tf.tensor(c.dy.values, c.dy.shape);
    const filter = tf.tensor(c.filter.values, c.filter.shape);
    const attrs = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC', dilations: c.dilations };
    const run = () => {
      const a = tf.engine().runKernel('Conv2DBackpropFilter', { x, dy }, {
        ...attrs,
        filterShape: c.filter.shape,
      } as never) as tf.Tensor;
      const b = tf.engine().runKernel('Conv2DBackpropInput', { dy, filter }, {
        ...attrs,
        inputShape: c.x.shape,
      } as never) as tf.Tensor;
      tf.dispose([a, b]);
    };
    run();
    const tensors = tf.memory().numTensors;
    const dataIds = tf.engine().backend.numDataIds();
    for (let i = 0; i < 5; i++) run();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.engine().backend.numDataIds()).toBe(dataIds);
    tf.dispose([x, dy, filter]);
  });
});
