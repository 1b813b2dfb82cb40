import {
  describeValue,
  type ParsedText,
  parseNumberListText,
  parseNumberText,
  syntheticPpg,
  type Tone,
  tones,
} from '@rectify/signal';
import type { FieldErrors } from '@rectify/theory';

/** Options of {@link probeInput}: a synthetic PPG at a heart rate, or a sum of tones. */
export interface ProbeInputOptions {
  /** Heart rate of the synthetic PPG (beats per minute), finite > 0. Give this or `tones`. */
  heartRate?: number;
  /** Tones (Hz, amplitude, rad), each 0 < freq < fs/2; the first one's frequency is the rate the
   * layer analysis reports its harmonics of. Give this or `heartRate`. */
  tones?: readonly Tone[];
  /** Sampling rate (Hz), finite > 0. */
  fs: number;
  /** Length (samples), an integer ≥ 2. */
  n: number;
  /** Seed of the synthetic PPG (phases, noise); default 0. */
  seed?: number;
}

/** A probe input and the rate its harmonics are counted from. */
export interface ProbeInput {
  /** The input, `n` samples at `fs`. */
  x: Float64Array;
  /** Beats per minute: the heart rate, or 60 × the first tone's frequency. */
  heartRate: number;
  /** Which kind of probe `x` is. */
  kind: 'ppg' | 'tones';
}

/**
 * The input a model is probed with, as both apps and `analyzeKerasModel`'s `input` take it: a
 * synthetic PPG at a heart rate (`syntheticPpg`), or a sum of tones whose first frequency stands
 * for the heart rate (f_HR = freq, heartRate = 60·freq bpm). Every tone lies strictly below the
 * Nyquist frequency fs/2, where a probed layer can still tell its harmonics apart.
 *
 * @param options - `heartRate` (bpm) or `tones`, `fs` (Hz), `n` (samples), `seed`.
 * @returns the signal, the heart rate in bpm and the probe's kind.
 * @throws TypeError/RangeError naming the option, the rule and the value: both or neither of
 *   `heartRate` and `tones`, an empty tone list, a frequency outside (0, fs/2), fs ≤ 0, n < 2.
 * @example
 * ```ts
 * const probe = probeInput({ tones: [{ freq: 1.2, amp: 1 }], fs: 32, n: 256 });
 * probe.heartRate; // 72
 * ```
 */
export function probeInput(options: ProbeInputOptions): ProbeInput {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const { fs, n, seed = 0 } = options;
  if (typeof fs !== 'number' || !Number.isFinite(fs) || fs <= 0) {
    throw new RangeError(`fs must be a finite number > 0 (Hz), got ${describeValue(fs)}`);
  }
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`n must be an integer ≥ 2 (samples), got ${describeValue(n)}`);
  }
  if ((options.heartRate === undefined) === (options.tones === undefined)) {
    throw new TypeError(
      `options must give exactly one of heartRate and tones, got ${options.tones === undefined ? 'neither' : 'both'}`,
    );
  }
  if (options.tones !== undefined) {
    const list = options.tones;
    if (!Array.isArray(list) || list.length === 0) {
      throw new RangeError(`tones must be a non-empty array of tones, got ${describeValue(list)}`);
    }
    list.forEach((t, i) => {
      const f = (t as Tone | undefined)?.freq;
      if (typeof f !== 'number' || !(f > 0 && f < fs / 2)) {
        throw new RangeError(
          `tones[${i}].freq must lie in (0, fs/2) = (0, ${fs / 2}) Hz, got ${describeValue(f)}`,
        );
      }
    });
    return { x: tones(list, { fs, n }), heartRate: (list[0] as Tone).freq * 60, kind: 'tones' };
  }
  const heartRate = options.heartRate as number;
  if (typeof heartRate !== 'number' || !Number.isFinite(heartRate) || heartRate <= 0) {
    throw new RangeError(
      `heartRate must be a finite number of beats per minute > 0, got ${describeValue(heartRate)}`,
    );
  }
  return { x: syntheticPpg({ heartRate, fs, n, seed }), heartRate, kind: 'ppg' };
}

/** A probe as typed into a form (each number still text). */
export interface ProbeFields {
  /** `'ppg'`: a synthetic PPG at `heartRate`; `'tones'`: unit-amplitude tones at `tones`. */
  probe: 'ppg' | 'tones';
  /** Heart rate in beats per minute, as typed; read for `'ppg'`. */
  heartRate: string;
  /** Tone frequencies in Hz, separated by commas, blanks or semicolons; read for `'tones'`. */
  tones: string;
  /** Sampling rate in Hz, as typed. */
  fs: string;
}

/**
 * Reads a probe typed into a form and builds it with {@link probeInput}: fs > 0 Hz, then a heart
 * rate > 0 bpm, or tone frequencies (each a unit-amplitude tone) in (0, fs/2) Hz. Every problem
 * is reported against its field (`fs`, `heartRate`, `tones`).
 *
 * @param fields - the form's text.
 * @param options - `n`: the probe's length in samples (the model's input length), an integer ≥ 2.
 * @returns `{ ok: true, value, errors: {} }` with the probe and its fs (Hz), or
 *   `{ ok: false, error, errors }` with `error` the first message.
 * @throws RangeError when `n` is not an integer ≥ 2 (a caller's bug, not the form's).
 * @example
 * ```ts
 * const parsed = parseProbeFields({ probe: 'tones', heartRate: '', tones: '1.2, 2.4', fs: '32' }, { n: 256 });
 * parsed.ok && parsed.value.heartRate; // 72
 * ```
 */
export function parseProbeFields(
  fields: ProbeFields,
  options: { n: number },
): ParsedText<ProbeInput & { fs: number }> & { errors: FieldErrors } {
  const { n } = options;
  if (!Number.isInteger(n) || n < 2) {
    throw new RangeError(`n must be an integer ≥ 2 (samples), got ${describeValue(n)}`);
  }
  const errors: FieldErrors = {};
  const fail = (key: string, error: string) => {
    errors[key] = error;
    return { ok: false as const, error, errors };
  };
  const fs = parseNumberText('fs', fields.fs, { min: 0, minInclusive: false, unit: 'Hz' });
  if (!fs.ok) return fail('fs', fs.error);
  const key = fields.probe === 'tones' ? 'tones' : 'heartRate';
  const parsed =
    key === 'tones'
      ? parseNumberListText('tones', fields.tones)
      : parseNumberText('heart rate', fields.heartRate, {
          min: 0,
          minInclusive: false,
          unit: 'bpm',
        });
  if (!parsed.ok) return fail(key, parsed.error);
  try {
    const probe =
      typeof parsed.value === 'number'
        ? probeInput({ heartRate: parsed.value, fs: fs.value, n })
        : probeInput({ tones: parsed.value.map((freq) => ({ freq, amp: 1 })), fs: fs.value, n });
    return { ok: true, errors, value: { ...probe, fs: fs.value } };
  } catch (error) {
    return fail(key, error instanceof Error ? error.message : String(error));
  }
}
