import { checkArray, checkFinite, checkInteger, checkOneOf, checkOptions } from './validate';

/** Keras padding modes. */
export type Padding = 'valid' | 'same' | 'causal';

const paddings: readonly Padding[] = ['valid', 'same', 'causal'];

/** Options of {@link conv1d}, named as Keras Conv1D's. */
export interface Conv1dOptions {
  /** 'valid' (default), 'same' or 'causal'. */
  padding?: Padding;
  /** Spacing between kernel taps (samples, integer ≥ 1). Default 1. */
  dilationRate?: number;
  /** Step between output samples (samples, integer ≥ 1). Default 1. */
  strides?: number;
}

/** Output length and left zero-padding of a Keras/TF 1-D convolution. */
interface Geometry {
  outSteps: number;
  padLeft: number;
}

/**
 * TensorFlow's geometry, with keff = (k − 1)·d + 1: 'valid' ⌊(n − keff)/s⌋ + 1 outputs, no
 * padding; 'same' ⌈n/s⌉ outputs, total padding max((out − 1)·s + keff − n, 0) split
 * left = ⌊total/2⌋, right = the rest; 'causal' left-pads keff − 1 zeros, then 'valid'.
 */
function geometry(
  n: number,
  kernelSize: number,
  padding: Padding,
  dilation: number,
  strides: number,
): Geometry {
  const keff = (kernelSize - 1) * dilation + 1;
  if (padding === 'valid') {
    if (keff > n) {
      throw new RangeError(
        `kernel must span at most the input with padding 'valid': (kernelSize − 1)·dilationRate + 1 = ${keff} > input length ${n}`,
      );
    }
    return { outSteps: Math.floor((n - keff) / strides) + 1, padLeft: 0 };
  }
  if (padding === 'causal') {
    return { outSteps: Math.floor((n - 1) / strides) + 1, padLeft: keff - 1 };
  }
  const outSteps = Math.ceil(n / strides);
  const total = Math.max((outSteps - 1) * strides + keff - n, 0);
  return { outSteps, padLeft: Math.floor(total / 2) };
}

function readConvOptions(options: unknown): {
  padding: Padding;
  dilation: number;
  strides: number;
} {
  const opts = checkOptions<Conv1dOptions>('options', options, true);
  return {
    padding: checkOneOf('padding', opts.padding ?? 'valid', paddings),
    dilation: checkInteger('dilationRate', opts.dilationRate ?? 1, 1),
    strides: checkInteger('strides', opts.strides ?? 1, 1),
  };
}

/**
 * One-channel 1-D convolution with Keras Conv1D semantics — a cross-correlation (no kernel
 * flip): `y[i] = Σ_j x_pad[i·s + j·d] · kernel[j]`, where x_pad is x zero-padded per `padding`.
 *
 * @param x - input samples (length n ≥ 1, finite).
 * @param kernel - taps (length k ≥ 1, finite); with 'valid', (k − 1)·d + 1 ≤ n.
 * @param options - `padding` ('valid' | 'same' | 'causal'), `dilationRate` d, `strides` s (samples).
 * @returns y: 'valid' ⌊(n − (k−1)d − 1)/s⌋ + 1 samples, 'same' ⌈n/s⌉, 'causal' ⌊(n − 1)/s⌋ + 1.
 * @throws TypeError/RangeError for bad arrays, options, or a kernel longer than allowed.
 * @example
 * ```ts
 * conv1d([1, 2, 3, 4], [1, -1]); // [-1, -1, -1]
 * conv1d([1, 2, 3, 4], [1, 1], { padding: 'causal' }); // [1, 3, 5, 7]
 * ```
 */
export function conv1d(
  x: ArrayLike<number>,
  kernel: ArrayLike<number>,
  options: Conv1dOptions = {},
): Float64Array {
  checkArray('x', x);
  checkArray('kernel', kernel);
  const { padding, dilation, strides } = readConvOptions(options);
  const n = x.length;
  const k = kernel.length;
  const { outSteps, padLeft } = geometry(n, k, padding, dilation, strides);
  const y = new Float64Array(outSteps);
  for (let i = 0; i < outSteps; i++) {
    const start = i * strides - padLeft;
    let sum = 0;
    for (let j = 0; j < k; j++) {
      const t = start + j * dilation;
      if (t >= 0 && t < n) sum += (x[t] as number) * (kernel[j] as number);
    }
    y[i] = sum;
  }
  return y;
}

/** Options of {@link conv1dMulti}. */
export interface Conv1dMultiOptions extends Conv1dOptions {
  /** Input time steps (integer ≥ 1). */
  steps: number;
  /** Input channels (integer ≥ 1). */
  inChannels: number;
  /** Output channels / filters (integer ≥ 1). */
  outChannels: number;
  /** Kernel taps (integer ≥ 1). */
  kernelSize: number;
}

/**
 * Multi-channel Keras Conv1D (no bias, no activation):
 * `y[i][o] = Σ_j Σ_c x_pad[i·s + j·d][c] · kernel[j][c][o]`.
 *
 * @param x - input, row-major [steps][inChannels] (length steps·inChannels, finite).
 * @param kernel - weights, row-major [kernelSize][inChannels][outChannels] (Keras layout).
 * @param options - shapes plus `padding`, `dilationRate`, `strides` as in {@link conv1d}.
 * @returns `{ y, outSteps }`, y row-major [outSteps][outChannels].
 * @throws TypeError/RangeError for bad shapes, arrays, options, or a kernel longer than allowed.
 * @example
 * ```ts
 * // two input channels summed by a 1-tap kernel
 * conv1dMulti([1, 10, 2, 20], [1, 1], { steps: 2, inChannels: 2, outChannels: 1, kernelSize: 1 });
 * // { y: [11, 22], outSteps: 2 }
 * ```
 */
export function conv1dMulti(
  x: ArrayLike<number>,
  kernel: ArrayLike<number>,
  options: Conv1dMultiOptions,
): { y: Float64Array; outSteps: number } {
  const opts = checkOptions<Conv1dMultiOptions>('options', options, false);
  const steps = checkInteger('steps', opts.steps, 1);
  const cin = checkInteger('inChannels', opts.inChannels, 1);
  const cout = checkInteger('outChannels', opts.outChannels, 1);
  const k = checkInteger('kernelSize', opts.kernelSize, 1);
  checkArray('x', x);
  checkArray('kernel', kernel);
  if (x.length !== steps * cin) {
    throw new RangeError(
      `x must have length steps·inChannels = ${steps * cin}, got length ${x.length}`,
    );
  }
  if (kernel.length !== k * cin * cout) {
    throw new RangeError(
      `kernel must have length kernelSize·inChannels·outChannels = ${k * cin * cout}, got length ${kernel.length}`,
    );
  }
  const { padding, dilation, strides } = readConvOptions(opts);
  const { outSteps, padLeft } = geometry(steps, k, padding, dilation, strides);
  const y = new Float64Array(outSteps * cout);
  for (let i = 0; i < outSteps; i++) {
    const start = i * strides - padLeft;
    const row = i * cout;
    for (let j = 0; j < k; j++) {
      const t = start + j * dilation;
      if (t < 0 || t >= steps) continue;
      for (let c = 0; c < cin; c++) {
        const v = x[t * cin + c] as number;
        const base = (j * cin + c) * cout;
        for (let o = 0; o < cout; o++)
          y[row + o] = (y[row + o] as number) + v * (kernel[base + o] as number);
      }
    }
  }
  return { y, outSteps };
}

/**
 * Scaled first difference, `y[i] = scale·(x[i+1] − x[i])` (with scale = fs this is the
 * paper's derivative estimate in units of x per second).
 *
 * @param x - samples (length n ≥ 2, finite).
 * @param options - `scale` (finite; default 1).
 * @returns y, length n − 1.
 * @throws TypeError/RangeError for bad x or scale.
 * @example
 * ```ts
 * diff([1, 4, 9], { scale: 2 }); // [6, 10]
 * ```
 */
export function diff(x: ArrayLike<number>, options: { scale?: number } = {}): Float64Array {
  checkArray('x', x, 2);
  const opts = checkOptions<{ scale?: number }>('options', options, true);
  const scale = opts.scale === undefined ? 1 : checkFinite('scale', opts.scale);
  const y = new Float64Array(x.length - 1);
  for (let i = 0; i < y.length; i++) y[i] = scale * ((x[i + 1] as number) - (x[i] as number));
  return y;
}

/**
 * Moving average over k samples, 'valid' only: `y[i] = (1/k) Σ_{j<k} x[i + j]` (each window
 * summed directly, O(n·k), no running-sum drift).
 *
 * @param x - samples (length n ≥ 1, finite).
 * @param k - window length (samples), an integer in [1, n].
 * @returns y, length n − k + 1.
 * @throws TypeError/RangeError for bad x or k.
 * @example
 * ```ts
 * movingAverage([1, 2, 3, 4], 2); // [1.5, 2.5, 3.5]
 * ```
 */
export function movingAverage(x: ArrayLike<number>, k: number): Float64Array {
  checkArray('x', x);
  checkInteger('k', k, 1, x.length);
  const y = new Float64Array(x.length - k + 1);
  for (let i = 0; i < y.length; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += x[i + j] as number;
    y[i] = sum / k;
  }
  return y;
}
