import { cachedPlan } from './fft';
import { amplitudeSpectrum, valueAt } from './spectrum';
import {
  checkArray,
  checkInteger,
  checkNonNegative,
  checkOptions,
  checkPositive,
} from './validate';
import type { WindowName } from './window';

function checkPair(a: unknown, b: unknown): [ArrayLike<number>, ArrayLike<number>] {
  const x = checkArray('a', a);
  const y = checkArray('b', b);
  if (x.length !== y.length)
    throw new RangeError(`b must have the length of a (${x.length}), got length ${y.length}`);
  return [x, y];
}

function sumSquares(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (x[i] as number) ** 2;
  return s;
}

/**
 * Root-mean-square error, `sqrt((1/n) Σ (a_i − b_i)²)`.
 *
 * @param a - values (length n ≥ 1, finite).
 * @param b - reference (same length, finite).
 * @returns the RMSE, in the units of a.
 * @throws TypeError/RangeError for bad or mismatched arrays.
 * @example
 * ```ts
 * rmse([1, 2], [1, 4]); // √2
 * ```
 */
export function rmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [x, y] = checkPair(a, b);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += ((x[i] as number) - (y[i] as number)) ** 2;
  return Math.sqrt(s / x.length);
}

/**
 * Relative error `‖a − b‖₂ / ‖b‖₂` (dimensionless; b is the reference).
 *
 * @param a - values (length n ≥ 1, finite).
 * @param b - reference (same length, finite, not all zero).
 * @returns the relative RMSE (×100 for percent).
 * @throws TypeError/RangeError for bad or mismatched arrays, or ‖b‖ = 0.
 * @example
 * ```ts
 * relativeRmse([1, 1], [1, 0]); // 1
 * ```
 */
export function relativeRmse(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [x, y] = checkPair(a, b);
  const ref = sumSquares(y);
  if (ref === 0)
    throw new RangeError('b must have a non-zero norm (it is the reference), got all zeros');
  let s = 0;
  for (let i = 0; i < x.length; i++) s += ((x[i] as number) - (y[i] as number)) ** 2;
  return Math.sqrt(s / ref);
}

/**
 * Largest absolute difference `max_i |a_i − b_i|`.
 *
 * @param a - values (length n ≥ 1, finite).
 * @param b - reference (same length, finite).
 * @returns the maximum error, in the units of a.
 * @throws TypeError/RangeError for bad or mismatched arrays.
 * @example
 * ```ts
 * maxAbsError([1, 5], [2, 3]); // 2
 * ```
 */
export function maxAbsError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [x, y] = checkPair(a, b);
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs((x[i] as number) - (y[i] as number)));
  return m;
}

/**
 * Signal-to-noise ratio from mean powers, `10·log10(mean(s²) / mean(e²))` (dB); the two may have
 * different lengths. +Infinity when the noise is all zeros, −Infinity when the signal is.
 *
 * @param signal - signal samples (length ≥ 1, finite).
 * @param noise - noise samples (length ≥ 1, finite).
 * @returns SNR (dB).
 * @throws TypeError/RangeError for bad arrays or both all zeros.
 * @example
 * ```ts
 * snrDb([1, -1], [0.1, -0.1]); // 20
 * ```
 */
export function snrDb(signal: ArrayLike<number>, noise: ArrayLike<number>): number {
  checkArray('signal', signal);
  checkArray('noise', noise);
  const ps = sumSquares(signal) / signal.length;
  const pn = sumSquares(noise) / noise.length;
  if (ps === 0 && pn === 0)
    throw new RangeError('signal and noise must not both be all zeros, got two zero arrays');
  return 10 * Math.log10(ps / pn);
}

/**
 * Share of a signal's energy at DC: `|X_0|² / Σ_k |X_k|² = (Σ x)² / (n Σ x²)` (Parseval), in
 * [0, 1]: 1 for a constant, 0 for a zero-mean signal.
 *
 * @param x - samples (length ≥ 1, finite, not all zero).
 * @returns the DC fraction (dimensionless).
 * @throws TypeError/RangeError for bad x or zero energy.
 * @example
 * ```ts
 * dcFraction([1, 1, 1, 1]); // 1
 * ```
 */
export function dcFraction(x: ArrayLike<number>): number {
  checkArray('x', x);
  const energy = sumSquares(x);
  if (energy === 0) throw new RangeError('x must have non-zero energy, got all zeros');
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i] as number;
  return (sum * sum) / (x.length * energy);
}

/** Options of {@link bandEnergy}. */
export interface BandEnergyOptions {
  /** Sampling rate (Hz), > 0. */
  fs: number;
  /** Lower band edge (Hz, ≥ 0), inclusive. */
  low: number;
  /** Upper band edge (Hz, ≥ low), inclusive. */
  high: number;
}

/**
 * Energy of x in the band [low, high] (Hz, both inclusive, positive and negative
 * frequencies together): `(1/n) Σ_{k: low ≤ |f_k| ≤ high} |X_k|²`, so the band [0, fs/2] gives
 * Σ x² (Parseval).
 *
 * @param x - samples (length ≥ 1, finite).
 * @param options - `fs`, `low`, `high` (Hz).
 * @returns the band energy (units of x², summed over samples).
 * @throws TypeError/RangeError for bad x or band.
 * @example
 * ```ts
 * bandEnergy(tones([{ freq: 4, amp: 1 }], { fs: 32, n: 32 }), { fs: 32, low: 3, high: 5 }); // 16
 * ```
 */
export function bandEnergy(x: ArrayLike<number>, options: BandEnergyOptions): number {
  checkArray('x', x);
  const opts = checkOptions<BandEnergyOptions>('options', options, false);
  const fs = checkPositive('fs', opts.fs);
  const low = checkNonNegative('low', opts.low);
  const high = checkNonNegative('high', opts.high);
  if (high < low) throw new RangeError(`high must be >= low (${low} Hz), got ${high}`);
  const n = x.length;
  const X = cachedPlan(n).realForward(x);
  let e = 0;
  for (let k = 0; 2 * k < X.length; k++) {
    const f = (k * fs) / n;
    if (f < low || f > high) continue;
    const p = (X[2 * k] as number) ** 2 + (X[2 * k + 1] as number) ** 2;
    e += k === 0 || 2 * k === n ? p : 2 * p;
  }
  return e / n;
}

/** Options of {@link thd}. */
export interface ThdOptions {
  /** Sampling rate (Hz), > 0. */
  fs: number;
  /** Fundamental frequency (Hz), in (0, fs/2]. */
  f0: number;
  /** Highest harmonic order included (integer ≥ 2). Default 5. Orders above fs/2 are skipped. */
  harmonics?: number;
  /** Window of the amplitude spectrum. Default 'rectangular' (exact for on-bin tones). */
  window?: WindowName;
}

/**
 * Total harmonic distortion `sqrt(Σ_{h=2}^{H} A_h²) / A_1` (a ratio, not %, not dB), A_h the
 * amplitude-spectrum value at the bin nearest h·f0 (harmonics above fs/2 skipped).
 *
 * @param x - samples (length ≥ 2, finite).
 * @param options - `fs`, `f0` (Hz), `harmonics`, `window`.
 * @returns THD (dimensionless).
 * @throws TypeError/RangeError for bad x or options, or a zero fundamental.
 * @example
 * ```ts
 * thd(tones([{ freq: 2, amp: 1 }, { freq: 4, amp: 0.1 }], { fs: 32, n: 64 }), { fs: 32, f0: 2 }); // 0.1
 * ```
 */
export function thd(x: ArrayLike<number>, options: ThdOptions): number {
  checkArray('x', x, 2);
  const opts = checkOptions<ThdOptions>('options', options, false);
  const fs = checkPositive('fs', opts.fs);
  const f0 = checkPositive('f0', opts.f0);
  if (f0 > fs / 2) throw new RangeError(`f0 must be <= fs/2 = ${fs / 2} Hz, got ${f0}`);
  const harmonics = opts.harmonics === undefined ? 5 : checkInteger('harmonics', opts.harmonics, 2);
  const spectrum = amplitudeSpectrum(x, { fs, window: opts.window ?? 'rectangular' });
  const nyquist = spectrum.freqs[spectrum.freqs.length - 1] as number;
  const fundamental = valueAt(spectrum, f0);
  if (fundamental === 0)
    throw new RangeError(`x must have a non-zero component at f0 = ${f0} Hz, got amplitude 0`);
  let s = 0;
  for (let h = 2; h <= harmonics && h * f0 <= nyquist; h++) s += valueAt(spectrum, h * f0) ** 2;
  return Math.sqrt(s) / fundamental;
}
