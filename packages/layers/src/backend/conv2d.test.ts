import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConvArgs, directConv2d, heapConv2d } from './conv2d';
import { registerTrainingKernels } from './register';
import {
  convPad,
  randomInt,
  randomValues,
  seededUniform,
  type TensorSpec,
  type TestConvPad,
} from './test-support';
import { floatView, release, type WasmBackend } from './wasm-access';

interface ForwardCase {
  label: string;
  x: TensorSpec;
  filter: TensorSpec;
  bias?: TensorSpec;
  attrs: {
    strides: [number, number];
    dilations: [number, number];
    pad: TestConvPad;
    dataFormat: 'NHWC';
    activation: 'linear' | 'relu';
  };
}

function forwardCase(
  uniform: () => number,
  [b, h, w, cin]: number[],
  [kh, kw, cout]: number[],
  strides: [number, number],
  dilations: [number, number],
  padding: 'valid' | 'same' | 'causal',
  activation: 'linear' | 'relu',
  withBias: boolean,
): ForwardCase {
  const pad = convPad(padding, kw!, dilations[1]);
  const size = (s: number[]) => s.reduce((p, q) => p * q, 1);
  return {
    label: `x[${b},${h},${w},${cin}] k[${kh},${kw}]→${cout} s${strides} d${dilations} ${padding} ${activation}${withBias ? ' bias' : ''}`,
    x: { shape: [b!, h!, w!, cin!], values: randomValues(uniform, size([b!, h!, w!, cin!])) },
    filter: {
      shape: [kh!, kw!, cin!, cout!],
      values: randomValues(uniform, size([kh!, kw!, cin!, cout!])),
    },
    ...(withBias ? { bias: { shape: [cout!], values: randomValues(uniform, cout!) } } : {}),
    attrs: { strides, dilations, pad, dataFormat: 'NHWC', activation },
  };
}

function randomCase(uniform: () => number): Parameters<typeof forwardCase> {
  const oneD = uniform() < 0.5;
  const strided = uniform() < 0.3;
  const s = strided ? randomInt(uniform, 2, 3) : 1;
  const d = strided ? 1 : randomInt(uniform, 1, 3);
  const kh = oneD ? 1 : randomInt(uniform, 1, 3);
  const kw = randomInt(uniform, 1, 4);
  const h = oneD ? 1 : randomInt(uniform, (kh - 1) * d + 1, 7);
  const w = randomInt(uniform, (kw - 1) * d + 1, 90);
  const mode = uniform();
  return [
    uniform,
    [randomInt(uniform, 1, 4), h, w, randomInt(uniform, 1, 13)],
    [kh, kw, randomInt(uniform, 1, 19)],
    [oneD ? 1 : s, s],
    [oneD ? 1 : d, d],
    mode < 0.3 ? 'valid' : mode < 0.6 ? 'same' : 'causal',
    uniform() < 0.5 ? 'relu' : 'linear',
    uniform() < 0.5,
  ];
}

const uniform = seededUniform(2407);
const SPECS: Parameters<typeof forwardCase>[] = [
  [uniform, [64, 1, 256, 1], [1, 3, 32], [1, 1], [1, 1], 'causal', 'relu', false],
  [uniform, [64, 1, 256, 32], [1, 3, 32], [1, 1], [1, 1], 'causal', 'relu', false],
  [uniform, [64, 1, 258, 32], [1, 3, 32], [1, 1], [1, 1], 'valid', 'linear', false],
  [uniform, [3, 1, 37, 5], [1, 3, 9], [1, 1], [1, 1], 'causal', 'relu', true],
  [uniform, [2, 1, 19, 7], [1, 2, 13], [1, 1], [1, 2], 'causal', 'linear', true],
  [uniform, [2, 1, 6, 3], [1, 3, 8], [1, 1], [1, 1], 'same', 'relu', false],
  [uniform, [1, 4, 9, 6], [3, 2, 7], [2, 2], [1, 1], 'same', 'linear', true],
  [uniform, [2, 5, 19, 4], [2, 3, 16], [1, 1], [2, 2], 'valid', 'relu', false],
  ...Array.from({ length: 40 }, () => randomCase(uniform)),
];

const stock = {
  Conv2D: tf.getKernel('Conv2D', 'wasm')!,
  FusedConv2D: tf.getKernel('FusedConv2D', 'wasm')!,
};
/** Our kernel as a config that fails where it would hand the call to the stock kernel. */
const ours = (kernelName: 'Conv2D' | 'FusedConv2D'): tf.KernelConfig => ({
  kernelName,
  backendName: 'wasm',
  kernelFunc: (args) => {
    const out = directConv2d(kernelName, args as unknown as ConvArgs);
    if (out === undefined) throw new Error('our kernel does not cover this case');
    return out;
  },
});

let previous = '';
beforeAll(async () => {
  previous = tf.getBackend();
  await tf.setBackend('wasm');
  await tf.ready();
  registerTrainingKernels();
});
afterAll(async () => {
  if (previous) await tf.setBackend(previous);
});

/** The output bits of a kernel config on the case (wasm backend). */
function run(config: tf.KernelConfig, c: ForwardCase): Uint32Array {
  const backend = tf.backend() as WasmBackend;
  const x = tf.tensor(c.x.values, c.x.shape);
  const filter = tf.tensor(c.filter.values, c.filter.shape);
  const bias = c.bias ? tf.tensor(c.bias.values, c.bias.shape) : undefined;
  const inputs = { x, filter, ...(bias ? { bias } : {}) };
  const attrs = config.kernelName === 'Conv2D' ? { ...c.attrs, activation: undefined } : c.attrs;
  const info = config.kernelFunc({ inputs, backend, attrs } as never) as tf.TensorInfo;
  const values = floatView(backend, info).slice();
  release(backend, info);
  tf.dispose([x, filter, ...(bias ? [bias] : [])]);
  return new Uint32Array(values.buffer);
}

describe('Conv2D and FusedConv2D on wasm: our SIMD kernel', () => {
  it('instantiates on the Node wasm backend', () => {
    expect(heapConv2d(tf.backend() as WasmBackend)).toBeTypeOf('function');
  });

  it.each(SPECS.map((spec) => forwardCase(...spec)).map((c) => [c.label, c] as const))(
    'equals the stock XNNPACK kernel bit for bit: %s',
    (_, c) => {
      expect(Array.from(run(ours('FusedConv2D'), c))).toEqual(
        Array.from(run(stock.FusedConv2D, c)),
      );
      if (c.bias === undefined) {
        expect(Array.from(run(ours('Conv2D'), c))).toEqual(Array.from(run(stock.Conv2D, c)));
      }
    },
  );

  it('hands the call to the stock kernel where no module runs on the heap', () => {
    const c = forwardCase(
      uniform,
      [2, 1, 40, 6],
      [1, 3, 16],
      [1, 1],
      [1, 1],
      'causal',
      'relu',
      true,
    );
    const registered = tf.getKernel('FusedConv2D', 'wasm')!;
    const global = globalThis as { WebAssembly?: unknown };
    const api = global.WebAssembly;
    global.WebAssembly = undefined;
    try {
      expect(heapConv2d(tf.backend() as WasmBackend)).toBeUndefined();
      expect(Array.from(run(registered, c))).toEqual(Array.from(run(stock.FusedConv2D, c)));
    } finally {
      global.WebAssembly = api;
    }
    expect(Array.from(run(registered, c))).toEqual(Array.from(run(ours('FusedConv2D'), c)));
  });
});
