import {
  complexAbs,
  conv1d,
  describeValue,
  freqz,
  type ParsedText,
  parseNumberListText,
  parseNumberText,
  tones,
} from '@rectify/signal';
import { relu } from './activations';
import { dcAfterFilter } from './dc';
import type { FieldErrors } from './fields';
import { nyquistFrequency } from './rules';
import { checkPositive, checkArray } from '@rectify/signal/validate';

/** The filter → ReLU → pooling setting as typed into a form (each number still text). */
export interface FilterPoolFields {
  /** Conv kernel taps, separated by commas, blanks or semicolons (Keras order). */
  kernel: string;
  /** Sampling rate in Hz. */
  fs: string;
  /** Samples per signal. */
  n: string;
  /** Tone frequencies in Hz, separated by commas, blanks or semicolons. */
  freqs: string;
  /** Amplitude of every tone (signal units). */
  amp: string;
}

/** A filter → ReLU → pooling setting: one single-tone signal per frequency. */
export interface FilterPoolParams {
  /** Conv kernel taps (Keras order: causal cross-correlation, no flip), 1 … n taps. */
  kernel: number[];
  /** Sampling rate in Hz, > 0. */
  fs: number;
  /** Samples per signal, an integer in [8, 65 536]. */
  n: number;
  /** Tone frequencies in Hz, each in (0, fs/2]. */
  freqs: number[];
  /** Amplitude of every tone, > 0. */
  amp: number;
}

/** The pooled features of one tone after filter → (ReLU) → global average pooling. */
export interface PooledTone {
  /** Tone frequency in Hz. */
  freq: number;
  /** |H(freq)| of the kernel (gain, unitless). */
  gain: number;
  /** mean(ReLU(conv(x))) measured on the sampled tone (signal units). */
  measuredRelu: number;
  /** amp·|H(freq)|/π, theory's prediction ({@link dcAfterFilter}), signal units. */
  predictedRelu: number;
  /** mean(conv(x)) without the ReLU (≈ 0 for a zero-mean tone), signal units. */
  measuredLinear: number;
}

/** The response of a kernel and the pooled value of each tone. */
export interface FilterPoolResponse {
  /** Frequency grid in Hz, 0 … fs/2 (512 points, Nyquist included). */
  freqs: Float64Array;
  /** |H(f)| on the grid. */
  gain: Float64Array;
  /** amp·|H(f)|/π on the grid; null at 0 Hz, where no tone is defined. */
  predictedCurve: (number | null)[];
  /** One entry per tone, in the order of `params.freqs`. */
  tones: PooledTone[];
}

/** Grid points of the frequency response. */
const RESPONSE_POINTS = 512;
/** Most samples per signal a setting may ask for. */
const MAX_SAMPLES = 65_536;

/** Global average pooling: the time-average of a feature map. */
function globalAveragePool(y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += y[i] as number;
  return s / y.length;
}

/**
 * Reads a filter → ReLU → pooling setting typed into a form: kernel 1 … 64 taps and no longer
 * than the signal, fs > 0 Hz, n an integer in [8, 65 536], 1 … 16 frequencies each in
 * (0, fs/2] Hz, amp > 0. Every problem is reported against its field (`kernel`, `fs`, `n`,
 * `freqs`, `amp`).
 *
 * @param fields - the form's text.
 * @returns `{ ok: true, value, errors: {} }`, or `{ ok: false, error, errors }` with `error` the
 *   first message.
 * @example
 * ```ts
 * parseFilterPoolFields({ kernel: '0.6, -0.4', fs: '32', n: '256', freqs: '3, 5', amp: '1' }).ok; // true
 * ```
 */
export function parseFilterPoolFields(
  fields: FilterPoolFields,
): ParsedText<FilterPoolParams> & { errors: FieldErrors } {
  const errors: FieldErrors = {};
  const take = <T>(key: string, parsed: ParsedText<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[key] = parsed.error;
    return undefined;
  };
  const kernel = take(
    'kernel',
    parseNumberListText('kernel', fields.kernel, { minLength: 1, maxLength: 64 }),
  );
  const fs = take(
    'fs',
    parseNumberText('fs', fields.fs, { min: 0, minInclusive: false, unit: 'Hz' }),
  );
  const n = take(
    'n',
    parseNumberText('samples', fields.n, { min: 8, max: MAX_SAMPLES, integer: true }),
  );
  const amp = take(
    'amp',
    parseNumberText('amplitude', fields.amp, { min: 0, minInclusive: false }),
  );
  let freqs = take(
    'freqs',
    parseNumberListText('frequencies', fields.freqs, { minLength: 1, maxLength: 16 }),
  );
  if (freqs && fs !== undefined) {
    const nyquist = nyquistFrequency(fs);
    const bad = freqs.findIndex((f) => !(f > 0 && f <= nyquist));
    if (bad >= 0) {
      errors.freqs = `frequencies[${bad}] must be > 0 Hz and ≤ ${nyquist} Hz (the Nyquist frequency fs/2), got ${freqs[bad]}`;
      freqs = undefined;
    }
  }
  if (kernel && n !== undefined && kernel.length > n) {
    errors.kernel = `kernel must be no longer than the signal (${n} samples), got ${kernel.length} taps`;
  }
  if (
    Object.keys(errors).length > 0 ||
    !kernel ||
    fs === undefined ||
    n === undefined ||
    amp === undefined ||
    !freqs
  ) {
    return { ok: false, error: Object.values(errors)[0] ?? 'invalid input', errors };
  }
  return { ok: true, errors, value: { kernel, fs, n, freqs, amp } };
}

/**
 * The paper's V.D mechanism, measured and predicted: each tone `amp·cos(2π·f·t)` (n samples at
 * fs) passes a Keras causal Conv1D (cross-correlation, no bias), then ReLU, then global average
 * pooling. The pooled value is the DC of the rectified, filtered tone, predicted as
 * amp·|H(f)|/π; without the ReLU the filtered tone stays zero-mean (up to the edge samples).
 *
 * @param params - kernel taps, fs (Hz), n (samples), freqs (Hz, each in (0, fs/2]), amp.
 * @returns |H(f)| and amp·|H(f)|/π on a 512-point grid over [0, fs/2] Hz, and each tone's gain,
 *   measured pooled values (with and without ReLU) and predicted pooled value.
 * @throws RangeError/TypeError for a bad kernel, fs ≤ 0, n < kernel length, a frequency outside
 *   (0, fs/2] or amp < 0.
 * @example
 * ```ts
 * filterReluPool({ kernel: [1, -1], fs: 32, n: 256, freqs: [4], amp: 1 }).tones[0]?.predictedRelu; // 2·sin(π/8)/π
 * ```
 */
export function filterReluPool(params: FilterPoolParams): FilterPoolResponse {
  const { freqs, amp } = params;
  if (!Array.isArray(freqs)) {
    throw new TypeError(`freqs must be an array of frequencies in Hz, got ${describeValue(freqs)}`);
  }
  const kernel = checkArray('kernel', params.kernel);
  const fs = checkPositive('fs (Hz)', params.fs);
  const n = params.n;
  if (!Number.isInteger(n) || n < kernel.length) {
    throw new RangeError(
      `n must be an integer ≥ the kernel's length (${kernel.length} samples), got ${n}`,
    );
  }
  const { w, h } = freqz(kernel, [1], { worN: RESPONSE_POINTS, fs, includeNyquist: true });
  const gain = complexAbs(h);
  const predictedCurve = Array.from(w, (f) => (f > 0 ? dcAfterFilter(kernel, f, amp, fs) : null));
  const pooled = freqs.map((freq): PooledTone => {
    const predictedRelu = dcAfterFilter(kernel, freq, amp, fs);
    const y = conv1d(tones([{ freq, amp }], { fs, n }), kernel, { padding: 'causal' });
    return {
      freq,
      gain: complexAbs(freqz(kernel, [1], { worN: [freq], fs }).h)[0] ?? Number.NaN,
      measuredRelu: globalAveragePool(y.map(relu)),
      predictedRelu,
      measuredLinear: globalAveragePool(y),
    };
  });
  return { freqs: w, gain, predictedCurve, tones: pooled };
}
