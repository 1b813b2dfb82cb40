import { cachedPlan } from './fft';
import {
  checkArray,
  checkBoolean,
  checkInteger,
  checkOptions,
  checkPositive,
  describeValue,
  toFloat64,
} from './validate';

/** Options of {@link freqz}, named as scipy.signal.freqz's (camelCased). */
export interface FreqzOptions {
  /**
   * Number of frequencies (integer ≥ 1, default 512), or explicit frequencies in the units of
   * `fs` (finite).
   */
  worN?: number | ArrayLike<number>;
  /** Evaluate on [0, fs) instead of [0, fs/2). Default false. */
  whole?: boolean;
  /** Sampling rate in the unit of the returned `w` (e.g. Hz); default 2π (rad/sample). */
  fs?: number;
  /** With an integer worN and whole = false, include fs/2 as the last point. Default false. */
  includeNyquist?: boolean;
}

/** Frequency response: frequencies and complex response. */
export interface FrequencyResponse {
  /** Frequencies, in the units of `fs` (rad/sample by default). */
  w: Float64Array;
  /** Complex response H(e^{jω}) at w, interleaved [re, im, …]. */
  h: Float64Array;
}

/** True when no entry is non-zero. */
function allZero(a: ArrayLike<number>): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
  return true;
}

/**
 * Σ_k c_k z^k by Horner's rule for complex z (numpy.polynomial.polynomial.polyval).
 *
 * @returns [re, im].
 */
function polyval(c: ArrayLike<number>, zr: number, zi: number): [number, number] {
  let re = c[c.length - 1] as number;
  let im = 0;
  for (let k = c.length - 2; k >= 0; k--) {
    const r = re * zr - im * zi + (c[k] as number);
    im = re * zi + im * zr;
    re = r;
  }
  return [re, im];
}

/**
 * Frequency response of the digital filter B(z)/A(z), exactly as `scipy.signal.freqz`:
 * `H(e^{jω}) = Σ_k b_k e^{−jωk} / Σ_k a_k e^{−jωk}`, ω = 2π·w/fs.
 *
 * With an integer `worN = N`: w = linspace(0, fs/2, N, endpoint = includeNyquist) (or [0, fs)
 * with `whole`, never including fs); when `a` is a single coefficient and the FFT length
 * (N if whole, 2(N − 1) with includeNyquist, else 2N) is ≥ b.length, h comes from a zero-padded
 * real FFT of b, as scipy does; otherwise by evaluating the polynomials. Explicit frequencies
 * are evaluated directly (w returned in the units of fs, like scipy: 2π·w/fs·fs/(2π)).
 *
 * @param b - numerator coefficients (length ≥ 1, finite).
 * @param a - denominator coefficients (length ≥ 1, finite, not all zero). Default [1].
 * @param options - `worN`, `whole`, `fs` (default 2π), `includeNyquist`.
 * @returns `{ w, h }`: frequencies in the units of fs and the interleaved complex response.
 * @throws TypeError/RangeError for bad coefficients or options.
 * @example
 * ```ts
 * const { w, h } = freqz([0.5, 0.5], [1], { worN: 3, fs: 32 }); // w = [0, 16/3, 32/3] Hz
 * ```
 */
export function freqz(
  b: ArrayLike<number>,
  a: ArrayLike<number> = [1],
  options: FreqzOptions = {},
): FrequencyResponse {
  checkArray('b', b);
  checkArray('a', a);
  if (allZero(a))
    throw new RangeError(`a must have a non-zero coefficient, got all zeros (length ${a.length})`);
  const opts = checkOptions<FreqzOptions>('options', options, true);
  const fs = opts.fs === undefined ? 2 * Math.PI : checkPositive('fs', opts.fs);
  const whole = opts.whole === undefined ? false : checkBoolean('whole', opts.whole);
  const includeNyquist =
    opts.includeNyquist === undefined ? false : checkBoolean('includeNyquist', opts.includeNyquist);
  const worN = opts.worN ?? 512;
  let w: Float64Array;
  let h: Float64Array | undefined;
  if (typeof worN === 'number') {
    const count = checkInteger('worN', worN, 1);
    const lastPoint = whole ? 2 * Math.PI : Math.PI;
    const endpoint = includeNyquist && !whole;
    w = linspace(0, lastPoint, count, endpoint);
    const nFft = whole ? count : includeNyquist ? 2 * (count - 1) : 2 * count;
    if (a.length === 1 && nFft >= b.length && nFft > 0) {
      h = firResponse(b, a[0] as number, nFft, count);
    }
  } else {
    const freqs = checkArray('worN', worN);
    w = new Float64Array(freqs.length);
    for (let i = 0; i < freqs.length; i++) w[i] = (2 * Math.PI * (freqs[i] as number)) / fs;
  }
  if (!h) {
    h = new Float64Array(2 * w.length);
    for (let i = 0; i < w.length; i++) {
      const omega = w[i] as number;
      const zr = Math.cos(omega);
      const zi = -Math.sin(omega);
      const [nr, ni] = polyval(b, zr, zi);
      const [dr, di] = polyval(a, zr, zi);
      const den = dr * dr + di * di;
      h[2 * i] = (nr * dr + ni * di) / den;
      h[2 * i + 1] = (ni * dr - nr * di) / den;
    }
  }
  const toUnits = fs / (2 * Math.PI);
  for (let i = 0; i < w.length; i++) w[i] = (w[i] as number) * toUnits;
  return { w, h };
}

/** numpy.linspace(start, stop, num, endpoint): start + k·step, last point pinned to stop. */
function linspace(start: number, stop: number, num: number, endpoint: boolean): Float64Array {
  const out = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  const step = div > 0 ? (stop - start) / div : 0;
  for (let k = 0; k < num; k++) out[k] = k * step + start;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** scipy's FFT path: rfft(b, nFft)[:count] / a0, mirrored to the full circle when needed. */
function firResponse(b: ArrayLike<number>, a0: number, nFft: number, count: number): Float64Array {
  const padded = new Float64Array(nFft);
  for (let i = 0; i < b.length; i++) padded[i] = b[i] as number;
  const half = cachedPlan(nFft).realForward(padded);
  const bins = half.length / 2;
  const h = new Float64Array(2 * count);
  for (let k = 0; k < count; k++) {
    // Beyond the half spectrum (whole = true) use X_{n−k} = conj(X_k).
    const src = k < bins ? k : nFft - k;
    const sign = k < bins ? 1 : -1;
    h[2 * k] = (half[2 * src] as number) / a0;
    h[2 * k + 1] = (sign * (half[2 * src + 1] as number)) / a0;
  }
  return h;
}

/**
 * Modulus of each complex value: |z_k| = hypot(re_k, im_k).
 *
 * @param z - interleaved complex values (even length ≥ 2, finite).
 * @returns moduli, length z.length / 2.
 * @throws TypeError/RangeError for a bad or odd-length array.
 * @example
 * ```ts
 * complexAbs([3, 4]); // [5]
 * ```
 */
export function complexAbs(z: ArrayLike<number>): Float64Array {
  checkInterleaved('z', z);
  const out = new Float64Array(z.length / 2);
  for (let k = 0; k < out.length; k++)
    out[k] = Math.hypot(z[2 * k] as number, z[2 * k + 1] as number);
  return out;
}

/**
 * Magnitude in decibels, 20·log10|h_k| (−Infinity where h_k = 0).
 *
 * @param h - interleaved complex response (even length ≥ 2, finite), e.g. freqz's `h`.
 * @returns dB values, length h.length / 2.
 * @throws TypeError/RangeError for a bad or odd-length array.
 * @example
 * ```ts
 * magnitudeDb([0.1, 0]); // [-20]
 * ```
 */
export function magnitudeDb(h: ArrayLike<number>): Float64Array {
  checkInterleaved('h', h);
  const out = complexAbs(h);
  for (let k = 0; k < out.length; k++) out[k] = 20 * Math.log10(out[k] as number);
  return out;
}

function checkInterleaved(name: string, z: unknown): void {
  const arr = checkArray(name, z, 2);
  if (arr.length % 2 !== 0) {
    throw new RangeError(
      `${name} must have an even length (interleaved complex), got length ${arr.length}`,
    );
  }
}

/**
 * Filters x with B(z)/A(z) in direct form II transposed, like `scipy.signal.lfilter(b, a, x)`
 * with zero initial state: `a0·y[n] = Σ_k b_k x[n−k] − Σ_{k≥1} a_k y[n−k]`.
 *
 * @param b - numerator (FIR) coefficients (length ≥ 1, finite).
 * @param a - denominator coefficients (length ≥ 1, finite, a[0] ≠ 0); [1] for an FIR filter.
 * @param x - input samples (length ≥ 1, finite).
 * @returns y, same length as x.
 * @throws TypeError/RangeError for bad arrays or a[0] = 0.
 * @example
 * ```ts
 * lfilter([1, 1], [1], [1, 2, 3]); // [1, 3, 5]
 * lfilter([1], [1, -0.5], [1, 0, 0]); // [1, 0.5, 0.25]
 * ```
 */
export function lfilter(
  b: ArrayLike<number>,
  a: ArrayLike<number>,
  x: ArrayLike<number>,
): Float64Array {
  checkArray('b', b);
  checkArray('a', a);
  checkArray('x', x);
  const a0 = a[0] as number;
  if (a0 === 0) throw new RangeError(`a[0] must be non-zero, got ${describeValue(a0)}`);
  const order = Math.max(a.length, b.length);
  const bn = new Float64Array(order);
  const an = new Float64Array(order);
  for (let i = 0; i < b.length; i++) bn[i] = (b[i] as number) / a0;
  for (let i = 0; i < a.length; i++) an[i] = (a[i] as number) / a0;
  const state = new Float64Array(order);
  const input = toFloat64(x);
  const y = new Float64Array(input.length);
  for (let n = 0; n < input.length; n++) {
    const xn = input[n] as number;
    const yn = (bn[0] as number) * xn + (state[0] as number);
    for (let k = 1; k < order; k++) {
      state[k - 1] = (state[k] as number) + (bn[k] as number) * xn - (an[k] as number) * yn;
    }
    y[n] = yn;
  }
  return y;
}
