import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Conv2DBackpropFilterWasmAttrs,
  conv2DBackpropFilterGemm,
  conv2DBackpropFilterJsTransposesConfig,
  conv2DBackpropFilterWasm,
  heapFilterGradient,
} from './conv2d-backprop-filter';
import { registerTrainingKernels } from './register';
import {
  convOutSize,
  convPad,
  randomInt,
  randomValues,
  relativeError,
  runKernelOn,
  seededUniform,
  type TensorSpec,
} from './test-support';
import { floatView, release, type WasmBackend } from './wasm-access';

interface FilterCase {
  label: string;
  x: TensorSpec;
  dy: TensorSpec;
  attrs: Conv2DBackpropFilterWasmAttrs;
}

/** x [b, h, w, cin], filter [kh, kw, cin, cout]; 'causal' is the left pad of our causal conv. */
function filterCase(
  uniform: () => number,
  [b, h, w, cin]: number[],
  [kh, kw, cout]: number[],
  strides: [number, number],
  dilations: [number, number],
  padding: 'valid' | 'same' | 'causal',
): FilterCase {
  const pad = convPad(padding, kw!, dilations[1]);
  const oh = convOutSize(h!, kh!, strides[0], dilations[0], pad, 1);
  const ow = convOutSize(w!, kw!, strides[1], dilations[1], pad, 2);
  const xShape = [b!, h!, w!, cin!] as const;
  const dyShape = [b!, oh, ow, cout!] as const;
  return {
    label: `x[${xShape}] k[${kh},${kw}]→${cout} s${strides} d${dilations} ${padding}`,
    x: { shape: [...xShape], values: randomValues(uniform, b! * h! * w! * cin!) },
    dy: { shape: [...dyShape], values: randomValues(uniform, b! * oh * ow * cout!) },
    attrs: { strides, dilations, pad, dataFormat: 'NHWC', filterShape: [kh!, kw!, cin!, cout!] },
  };
}

function randomCase(uniform: () => number): Parameters<typeof filterCase> {
  const oneD = uniform() < 0.5;
  const strided = uniform() < 0.3;
  const s = strided ? randomInt(uniform, 2, 3) : 1;
  const d = strided ? 1 : randomInt(uniform, 1, 3);
  const kh = oneD ? 1 : randomInt(uniform, 1, 3);
  const kw = randomInt(uniform, 1, 4);
  const h = oneD ? 1 : randomInt(uniform, (kh - 1) * d + 1, 7);
  const w = randomInt(uniform, (kw - 1) * d + 1, 150);
  const mode = uniform();
  const padding = mode < 0.3 ? 'valid' : mode < 0.6 ? 'same' : 'causal';
  return [
    uniform,
    [randomInt(uniform, 1, 4), h, w, randomInt(uniform, 1, 13)],
    [kh, kw, randomInt(uniform, 1, 19)],
    [oneD ? 1 : s, s],
    [oneD ? 1 : d, d],
    padding,
  ];
}

const uniform = seededUniform(16556);
const SPECS: Parameters<typeof filterCase>[] = [
  // The V.C model's two layers at full size (batch 64, 256 samples, 32 filters).
  [uniform, [64, 1, 256, 1], [1, 3, 32], [1, 1], [1, 1], 'causal'],
  [uniform, [64, 1, 256, 32], [1, 3, 32], [1, 1], [1, 1], 'causal'],
  // Channels around multiples of 4 and 8 (the register blocks' edges), rows over one 64-pixel pass.
  [uniform, [2, 1, 130, 5], [1, 3, 9], [1, 1], [1, 1], 'causal'],
  [uniform, [3, 1, 65, 7], [1, 2, 13], [1, 1], [1, 2], 'causal'],
  [uniform, [2, 1, 64, 8], [1, 3, 12], [1, 1], [1, 1], 'same'],
  [uniform, [2, 1, 63, 3], [1, 1, 4], [1, 1], [1, 1], 'valid'],
  [uniform, [1, 4, 9, 6], [3, 2, 7], [2, 2], [1, 1], 'same'],
  [uniform, [2, 5, 19, 4], [2, 3, 3], [1, 1], [2, 2], 'valid'],
  [uniform, [2, 1, 100, 2], [1, 4, 11], [1, 3], [1, 1], 'valid'],
  ...Array.from({ length: 40 }, () => randomCase(uniform)),
];

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

type Kernel = typeof conv2DBackpropFilterWasm;

/** The kernel's output bits for the case, computed on the wasm backend. */
function run(kernel: Kernel, c: FilterCase): Uint32Array {
  const backend = tf.backend() as WasmBackend;
  const x = tf.tensor(c.x.values, c.x.shape);
  const dy = tf.tensor(c.dy.values, c.dy.shape);
  const info = kernel({ inputs: { x, dy }, backend, attrs: c.attrs });
  const values = floatView(backend, info).slice();
  release(backend, info);
  tf.dispose([x, dy]);
  return new Uint32Array(values.buffer);
}

const jsTransposes = conv2DBackpropFilterJsTransposesConfig.kernelFunc as unknown as Kernel;

describe('Conv2DBackpropFilter on wasm: the direct SIMD kernel', () => {
  it('instantiates on the Node wasm backend', () => {
    expect(heapFilterGradient(tf.backend() as WasmBackend)).toBeTypeOf('function');
  });

  it.each(SPECS.map((spec) => filterCase(...spec)).map((c) => [c.label, c] as const))(
    'equals the matMul kernel bit for bit, and its JS fallback: %s',
    (_, c) => {
      const direct = run(conv2DBackpropFilterWasm, c);
      expect(Array.from(direct)).toEqual(Array.from(run(conv2DBackpropFilterGemm, c)));
      expect(Array.from(direct)).toEqual(Array.from(run(jsTransposes, c)));
    },
  );

  it('falls back to the matMul with JS transposes where no module runs on the heap', () => {
    const c = filterCase(uniform, [3, 1, 70, 6], [1, 3, 10], [1, 1], [1, 1], 'causal');
    const direct = run(conv2DBackpropFilterWasm, c);
    const global = globalThis as { WebAssembly?: unknown };
    const api = global.WebAssembly;
    global.WebAssembly = undefined;
    try {
      expect(heapFilterGradient(tf.backend() as WasmBackend)).toBeUndefined();
      expect(Array.from(run(conv2DBackpropFilterWasm, c))).toEqual(Array.from(direct));
    } finally {
      global.WebAssembly = api;
    }
  });

  it('agrees with the cpu kernel on the V.C second layer (relative error ≤ 1e-5)', async () => {
    const c = filterCase(uniform, [64, 1, 256, 32], [1, 3, 32], [1, 1], [1, 1], 'causal');
    const direct = new Float32Array(run(conv2DBackpropFilterWasm, c).buffer);
    const cpu = await runKernelOn(
      'cpu',
      'Conv2DBackpropFilter',
      { x: c.x, dy: c.dy },
      {
        ...c.attrs,
      },
    );
    await tf.setBackend('wasm');
    expect(relativeError(direct, cpu.values)).toBeLessThanOrEqual(1e-5);
  });
});
