import { amplitudeSpectrum, tones as sampleTones, describeValue } from '@rectify/signal';
import { checkTones, commonFundamental, type Tone } from './tones';
import { checkInteger, checkOneOf, checkPositive } from '@rectify/signal/validate';

/** A pointwise activation function. */
export type Activation = (x: number) => number;

/**
 * ReLU(x) = max(0, x).
 *
 * @example
 * ```ts
 * relu(-2); // 0
 * ```
 */
export const relu: Activation = (x) => Math.max(x, 0);

/**
 * |x| (the full-wave rectifier).
 *
 * @example
 * ```ts
 * abs(-2); // 2
 * ```
 */
export const abs: Activation = (x) => Math.abs(x);

/**
 * tanh(x), odd: no DC for a zero-mean input symmetric in sign.
 *
 * @example
 * ```ts
 * tanh(0); // 0
 * ```
 */
export const tanh: Activation = (x) => Math.tanh(x);

/**
 * SiLU (swish): x·σ(x) = x / (1 + e^(−x)).
 *
 * @example
 * ```ts
 * silu(1); // 0.7310585786300049
 * ```
 */
export const silu: Activation = (x) => x / (1 + Math.exp(-x));

/**
 * Softplus: log(1 + eˣ), the smooth ReLU. Evaluated as max(x, 0) + log1p(e^(−|x|)), which neither
 * overflows for large x nor loses the small tail for very negative x.
 *
 * @example
 * ```ts
 * softplus(0); // 0.6931471805599453 (= ln 2)
 * ```
 */
export const softplus: Activation = (x) => Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));

/**
 * LeakyReLU with negative slope α: x for x > 0, α·x otherwise
 * (= ((1+α)/2)·x + ((1−α)/2)·|x|).
 *
 * @param alpha - negative slope, finite (default 0.01).
 * @returns the activation.
 * @throws RangeError for a non-finite alpha.
 * @example
 * ```ts
 * leakyRelu(0.2)(-1); // -0.2
 * ```
 */
export function leakyRelu(alpha = 0.01): Activation {
  if (typeof alpha !== 'number' || !Number.isFinite(alpha)) {
    throw new RangeError(`alpha must be a finite number, got ${describeValue(alpha)}`);
  }
  return (x) => (x > 0 ? x : alpha * x);
}

/**
 * erf(x): for |x| <= 6 by the everywhere-positive series
 * `erf(x) = (2/√π) e^(−x²) Σ_n 2^n x^(2n+1) / (1·3·…·(2n+1))` (no cancellation, ~1e−16
 * absolute), ±1 beyond (erfc(6) < 2.2e−17).
 *
 * @param x - argument, finite.
 * @returns erf(x).
 * @example
 * ```ts
 * erf(1); // 0.8427007929497149
 * ```
 */
export function erf(x: number): number {
  const a = Math.abs(x);
  if (a > 6) return Math.sign(x);
  let term = a;
  let sum = a;
  const x2 = a * a;
  for (let n = 0; n < 500; n++) {
    term *= (2 * x2) / (2 * n + 3);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  const value = (2 / Math.sqrt(Math.PI)) * Math.exp(-x2) * sum;
  return x < 0 ? -value : value;
}

/**
 * erfc(x) = 1 − erf(x), accurate in relative terms in the far tail: 1 − erf(x) for x < 2, else
 * the continued fraction `erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))`
 * evaluated backwards from depth 80 (converged to rounding for x >= 2).
 *
 * @param x - argument, finite.
 * @returns erfc(x).
 * @example
 * ```ts
 * erfc(5); // 1.5374597944280351e-12
 * ```
 */
export function erfc(x: number): number {
  if (x < 2) return 1 - erf(x);
  let t = x;
  for (let n = 80; n >= 1; n--) t = x + n / 2 / t;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * t);
}

/**
 * GELU (exact form): x·Φ(x) = (x/2)·erfc(−x/√2), with erfc keeping the negative tail exact.
 *
 * @example
 * ```ts
 * gelu(1); // 0.8413447460685429
 * ```
 */
export const gelu: Activation = (x) => 0.5 * x * erfc(-x / Math.SQRT2);

/** The activations known by name, in the order the apps list them. */
export const activationNames = ['relu', 'leaky', 'gelu', 'silu', 'tanh', 'abs'] as const;

/** The name of a pointwise activation: one of {@link activationNames}. */
export type ActivationName = (typeof activationNames)[number];

/**
 * The activation function of a name: {@link relu}, {@link leakyRelu}(α), {@link gelu},
 * {@link silu}, {@link tanh} or {@link abs}.
 *
 * @param name - one of {@link activationNames}.
 * @param options - `alpha`: the negative slope of `'leaky'` (finite, default 0.01); ignored by
 *   the other names.
 * @returns the activation.
 * @throws RangeError for an unknown name, or a non-finite alpha with `'leaky'`.
 * @example
 * ```ts
 * activationByName('leaky', { alpha: 0.2 })(-1); // -0.2
 * ```
 */
export function activationByName(
  name: ActivationName,
  options: { alpha?: number } = {},
): Activation {
  switch (checkOneOf('name', name, activationNames)) {
    case 'relu':
      return relu;
    case 'leaky':
      return leakyRelu(options.alpha);
    case 'gelu':
      return gelu;
    case 'silu':
      return silu;
    case 'tanh':
      return tanh;
    case 'abs':
      return abs;
  }
}

/** Options of {@link activationSpectrum}. */
export interface ActivationSpectrumOptions {
  /** Sampling rate in Hz, finite > 0; fs·periods/f0 must be an integer (f0 the common fundamental). */
  fs: number;
  /** Number of common periods to sample, integer >= 1 (default 1). */
  periods?: number;
}

/** The measured spectrum of an activation applied to a tone sum. */
export interface ActivationSpectrum {
  /** The common fundamental f0 of the tones (Hz). */
  fundamental: number;
  /** Number of samples n = periods·fs/f0. */
  n: number;
  /** Bin frequencies (Hz) of the single-sided spectrum. */
  freqs: Float64Array;
  /** Single-sided amplitude spectrum (cosine amplitude per bin; the signed mean's magnitude at DC). */
  amplitude: Float64Array;
  /** The mean of fn(x) (signed, signal units). */
  dc: number;
  /** Amplitudes at every multiple of f0 up to fs/2 (the only frequencies fn(x) can hold). */
  lines: { freq: number; amplitude: number }[];
}

/**
 * Measures the spectrum of any pointwise activation of a tone sum over a whole number of common
 * periods, so every line sits on an FFT bin (no leakage): x = Σ a_i cos(2π f_i t + φ_i) sampled
 * at fs for periods/f0 seconds, y = fn(x), then `amplitudeSpectrum` of `@rectify/signal`.
 * Harmonics above fs/2 fold back (aliasing): choose fs well above the highest line of interest.
 *
 * @param fn - the activation (number → finite number).
 * @param tones - non-empty list of commensurate tones (rational frequency ratios).
 * @param options - `fs` (Hz) and `periods` (default 1).
 * @returns {@link ActivationSpectrum}.
 * @throws RangeError for bad tones, incommensurate tones, fs·periods/f0 not an integer, fewer
 *   than 2 samples, or a non-finite activation output; TypeError when fn is not a function.
 * @example
 * ```ts
 * activationSpectrum(gelu, [{ freq: 5, amp: 1 }], { fs: 640 }).dc;
 * ```
 */
export function activationSpectrum(
  fn: Activation,
  tones: readonly Tone[],
  options: ActivationSpectrumOptions,
): ActivationSpectrum {
  if (typeof fn !== 'function')
    throw new TypeError(`fn must be a function (x: number) => number, got ${describeValue(fn)}`);
  const list = checkTones('tones', tones);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object { fs, periods? }, got ${describeValue(options)}`,
    );
  }
  const fs = checkPositive('fs (Hz)', options.fs);
  const periods = checkInteger('periods', options.periods ?? 1, 1);
  const common = commonFundamental(list.map((t) => t.freq));
  if (common === null) {
    throw new RangeError(
      `tones must be commensurate (rational frequency ratios) to share a period, got frequencies [${list.map((t) => t.freq).join(', ')}] Hz`,
    );
  }
  const exact = (periods * fs) / common.fundamental;
  const n = Math.round(exact);
  if (Math.abs(exact - n) > 1e-9 * exact || n < 2) {
    throw new RangeError(
      `fs·periods/f0 must be an integer >= 2 (whole periods on the grid), got ${exact} (fs ${fs} Hz, periods ${periods}, f0 ${common.fundamental} Hz)`,
    );
  }
  const x = sampleTones(list, { fs, n });
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = fn(x[i] as number);
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new RangeError(
        `fn must return finite numbers, got ${describeValue(v)} for x = ${x[i]}`,
      );
    }
    y[i] = v;
  }
  const { freqs, amplitude } = amplitudeSpectrum(y, { fs });
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] as number;
  mean /= n;
  const lines: { freq: number; amplitude: number }[] = [];
  for (let bin = 0; bin < amplitude.length; bin += periods) {
    lines.push({ freq: freqs[bin] as number, amplitude: amplitude[bin] as number });
  }
  return { fundamental: common.fundamental, n, freqs, amplitude, dc: mean, lines };
}
