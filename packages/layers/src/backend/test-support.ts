/**
 * Test-only helpers for the backend tests (not exported from the package): a seeded generator,
 * the norm-wise relative error, and running a kernel on a chosen backend.
 */
import * as tf from '@tensorflow/tfjs';
import { causalConv1d } from '../layers/causal-conv1d';

/** mulberry32: a small seeded generator of uniforms in [0, 1). */
export function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [low, high] from a uniform generator. */
export function randomInt(uniform: () => number, low: number, high: number): number {
  return low + Math.floor(uniform() * (high - low + 1));
}

/** `n` uniforms in [−1, 1). */
export function randomValues(uniform: () => number, n: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * uniform() - 1;
  return out;
}

/** ‖actual − expected‖₂ / ‖expected‖₂ (0 when both are zero). */
export function relativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    throw new Error(`length mismatch: ${actual.length} vs ${expected.length}`);
  }
  let diff = 0;
  let norm = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    diff += (actual[i]! - e) ** 2;
    norm += e * e;
  }
  return norm === 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
}

/** A tensor's description: shape and values, so it can be made on any backend. */
export interface TensorSpec {
  shape: number[];
  values: Float32Array;
}

/**
 * Runs one kernel through the engine on `backend` (which becomes the active backend) and
 * returns its output values; every tensor made here is disposed.
 */
export async function runKernelOn(
  backend: string,
  kernelName: string,
  inputs: Record<string, TensorSpec>,
  attrs: Record<string, unknown>,
): Promise<{ shape: number[]; values: Float32Array }> {
  await tf.setBackend(backend);
  const tensors: Record<string, tf.Tensor> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    tensors[name] = tf.tensor(spec.values, spec.shape, 'float32');
  }
  try {
    const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
    const values = out.dataSync() as Float32Array;
    const shape = out.shape;
    out.dispose();
    return { shape, values: Float32Array.from(values) };
  } finally {
    tf.dispose(Object.values(tensors));
  }
}

/** Inserts (d − 1) zeros between the taps of an HWIO filter: the equivalent undilated filter. */
export function dilateFilter(filter: TensorSpec, dilations: [number, number]): TensorSpec {
  const [kh, kw, cin, cout] = filter.shape as [number, number, number, number];
  const bh = (kh - 1) * dilations[0] + 1;
  const bw = (kw - 1) * dilations[1] + 1;
  const values = new Float32Array(bh * bw * cin * cout);
  const block = cin * cout;
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const from = (i * kw + j) * block;
      values.set(
        filter.values.subarray(from, from + block),
        (i * dilations[0] * bw + j * dilations[1]) * block,
      );
    }
  }
  return { shape: [bh, bw, cin, cout], values };
}

/** Picks the taps at multiples of the dilation out of an undilated-filter gradient. */
export function undilateFilter(
  big: { shape: number[]; values: Float32Array },
  filterShape: [number, number, number, number],
  dilations: [number, number],
): Float32Array {
  const [kh, kw, cin, cout] = filterShape;
  const bw = big.shape[1]!;
  const block = cin * cout;
  const out = new Float32Array(kh * kw * block);
  for (let i = 0; i < kh; i++) {
    for (let j = 0; j < kw; j++) {
      const from = (i * dilations[0] * bw + j * dilations[1]) * block;
      out.set(big.values.subarray(from, from + block), (i * kw + j) * block);
    }
  }
  return out;
}

/**
 * The paper's V.C model, uncompiled: two causal Conv1D(32, 3, no bias, ReLU) →
 * GlobalAveragePooling1D → Dense(32, ReLU) → Dense(3), on [steps, 1] inputs.
 */
export function vcModel(steps = 256): tf.Sequential {
  const model = tf.sequential();
  model.add(
    causalConv1d({
      filters: 32,
      kernelSize: 3,
      useBias: false,
      activation: 'relu',
      inputShape: [steps, 1],
    }),
  );
  model.add(causalConv1d({ filters: 32, kernelSize: 3, useBias: false, activation: 'relu' }));
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3 }));
  return model;
}

/**
 * `transposeInto`'s definition, one element at a time: target[to + c·stride + r] =
 * source[from + r·columns + c] for r < rows, c < columns.
 */
export function transposeReference(
  source: Float32Array,
  from: number,
  rows: number,
  columns: number,
  target: Float32Array,
  to: number,
  stride: number,
): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) target[to + c * stride + r] = source[from + r * columns + c]!;
  }
}

/** A conv case's padding as tfjs's kernels take it: a name, or explicit NHWC pairs. */
export type TestConvPad =
  | 'valid'
  | 'same'
  | [[number, number], [number, number], [number, number], [number, number]];

/**
 * The padding of a test case: `'valid'`, `'same'`, or `'causal'` as the explicit left pad
 * (kw − 1)·dilation that our causal layers emit.
 */
export function convPad(
  padding: 'valid' | 'same' | 'causal',
  kw: number,
  dilationW: number,
): TestConvPad {
  if (padding !== 'causal') return padding;
  return [
    [0, 0],
    [0, 0],
    [(kw - 1) * dilationW, 0],
    [0, 0],
  ];
}

/**
 * Output size of one spatial axis by tfjs's rules.
 *
 * @param axis - 1 for height, 2 for width (the index of the axis in an explicit padding).
 */
export function convOutSize(
  size: number,
  k: number,
  stride: number,
  dilation: number,
  pad: TestConvPad,
  axis: 1 | 2,
): number {
  if (pad === 'same') return Math.ceil(size / stride);
  const [before, after] = pad === 'valid' ? [0, 0] : pad[axis];
  return Math.floor((size + before + after - ((k - 1) * dilation + 1)) / stride) + 1;
}
