import { describeValue } from '@rectify/signal';
import type { Tone } from './tones';

/**
 * The negative slope α a leaky ReLU may take in an analysis: 0 ≤ α ≤ 1 (α = 0 is ReLU, α = 1
 * the identity). The one owner of the rule: `analyzeActivation`, the CLI's `--activation
 * leaky:α` and the web explorer's α field all read it from here.
 */
export const leakyAlphaRange = { min: 0, max: 1 } as const;

/**
 * The series terms N an analysis may take: integers in [1, 100 000]. The one owner of the rule:
 * `analyzeActivation` and the CLI's `--terms` read it from here.
 */
export const termsRange = { min: 1, max: 100_000 } as const;

/**
 * The highest tone frequency a sampled tone sum may hold: the Nyquist frequency fs/2,
 * inclusive (a tone at exactly fs/2 samples as `a·cos φ·(−1)^n`). The one owner of the rule.
 *
 * @param fs - sampling rate in Hz, finite > 0.
 * @returns fs/2 in Hz.
 * @example
 * ```ts
 * nyquistFrequency(1024); // 512
 * ```
 */
export function nyquistFrequency(fs: number): number {
  return fs / 2;
}

/** Machine-readable kind of a {@link ToneListError}. */
export type ToneListErrorCode = 'tone-syntax' | 'tone-value' | 'tone-duplicate' | 'tone-empty';

/**
 * A tone list `freq:amp[:phase],…` that cannot be read. The message names the item (from 1), the
 * rule and the text received, e.g. `tones item 2 must be freq:amp[:phase] …, got 'abc'`.
 */
export class ToneListError extends RangeError {
  /** What is wrong, for callers that branch on it. */
  readonly code: ToneListErrorCode;
  /** The item concerned, numbered from 1; 0 for the list as a whole. */
  readonly item: number;

  /**
   * @param code - the kind of failure.
   * @param item - the item concerned (from 1), 0 for the list.
   * @param message - names the item, the rule and the text received.
   */
  constructor(code: ToneListErrorCode, item: number, message: string) {
    super(message);
    this.name = 'ToneListError';
    this.code = code;
    this.item = item;
  }
}

/**
 * Splits a tone list `freq:amp[:phase],…` into its items (at `,`) and each item's fields (at
 * `:`), exactly as written: nothing trimmed, converted or checked. The one owner of the tone-list
 * syntax: {@link parseTones} reads values from it, and a form that keeps what was typed (the web
 * explorer's URL) reads the raw fields from it.
 *
 * @param text - the list.
 * @returns one array of fields per item; `''` gives `[['']]`.
 * @throws {@link ToneListError} `tone-syntax` when `text` is not a string.
 * @example
 * ```ts
 * splitToneList('10:1,5:0.5:1.57'); // [['10', '1'], ['5', '0.5', '1.57']]
 * ```
 */
export function splitToneList(text: string): string[][] {
  if (typeof text !== 'string') {
    throw new ToneListError('tone-syntax', 0, `tones must be a string, got ${describeValue(text)}`);
  }
  return text.split(',').map((item) => item.split(':'));
}

/**
 * Parses a tone list `freq:amp[:phase],…` (Hz, linear amplitude, rad), as the CLI's `--tones`
 * and the web explorer's URL write it, e.g. `"10:1,5:1,20:1,40:1"`. Every frequency must be a
 * finite number > 0 and distinct, every amplitude a finite number ≥ 0, every phase finite.
 *
 * @param text - the list.
 * @returns the tones in the order given (`phase` only where it was written).
 * @throws {@link ToneListError} naming the item, the rule and the text received.
 * @example
 * ```ts
 * parseTones('10:1, 5:0.5:1.57'); // [{ freq: 10, amp: 1 }, { freq: 5, amp: 0.5, phase: 1.57 }]
 * ```
 */
export function parseTones(text: string): Tone[] {
  const fields = splitToneList(text);
  const items = fields.map((raw) => raw.join(':').trim());
  if (items.every((s) => s === '')) {
    throw new ToneListError(
      'tone-empty',
      0,
      `tones must list at least one tone as freq:amp[:phase], got '${text}'`,
    );
  }
  const tones = items.map((item, i): Tone => {
    const parts = (fields[i] as string[]).map((s) => s.trim());
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
      throw new ToneListError(
        'tone-syntax',
        i + 1,
        `tones item ${i + 1} must be freq:amp[:phase] (Hz:amplitude[:rad]), got '${item}'`,
      );
    }
    const [f, a, ph] = parts.map(Number) as [number, number, number | undefined];
    const bad = (what: string, got: string | undefined) =>
      new ToneListError('tone-value', i + 1, `tones item ${i + 1}: ${what}, got '${got}'`);
    if (!Number.isFinite(f) || f <= 0)
      throw bad('frequency must be a finite number > 0 Hz', parts[0]);
    if (!Number.isFinite(a) || a < 0) throw bad('amplitude must be a finite number ≥ 0', parts[1]);
    if (ph !== undefined && !Number.isFinite(ph))
      throw bad('phase must be a finite number (rad)', parts[2]);
    return ph === undefined ? { freq: f, amp: a } : { freq: f, amp: a, phase: ph };
  });
  tones.forEach((t, i) => {
    const j = tones.findIndex((u) => u.freq === t.freq);
    if (j !== i) {
      throw new ToneListError(
        'tone-duplicate',
        i + 1,
        `tones lists ${t.freq} Hz twice (items ${j + 1} and ${i + 1}); merge them into one tone`,
      );
    }
  });
  return tones;
}

/**
 * The largest sum of tone amplitudes an analysis takes: the expansion constant A = (Σ|amp|)²/2
 * must stay finite and far from overflow (the series raises x²/A to powers).
 */
export const MAX_AMPLITUDE_SUM = 1e100;

/** The fewest samples an analysis takes (a spectrum of fewer says nothing about lines). */
export const MIN_ANALYSIS_SAMPLES = 16;

/**
 * Peak memory of an analysis per sample, bytes: input, output, series, their spectra and the FFT's
 * work arrays, as measured with `rectify analyze --duration 20000` (3.9 GB for 20.5 M samples).
 */
export const ANALYSIS_BYTES_PER_SAMPLE = 192;

/**
 * The default bound on the samples an analysis takes: 2^22 (about 70 minutes at 1024 Hz, about
 * 0.8 GB at {@link ANALYSIS_BYTES_PER_SAMPLE}).
 */
export const DEFAULT_MAX_ANALYSIS_SAMPLES = 4_194_304;

/** Why a tone sum does not fit the grid it is sampled on; see {@link ToneGridError}. */
export type ToneGridErrorCode = 'amplitude-sum' | 'below-one-bin';

/** A tone sum whose amplitudes are too large, or with a tone slower than one bin of its grid. */
export class ToneGridError extends RangeError {
  /** The kind of problem. */
  readonly code: ToneGridErrorCode;
  /** `amplitude-sum`: Σ|amp|; `below-one-bin`: the slow tone's frequency, Hz. */
  readonly value: number;
  /** The grid's bin, fs/n in Hz. */
  readonly binHz: number;

  /**
   * @param code - the kind of problem.
   * @param value - Σ|amp|, or the slow tone's frequency (Hz).
   * @param binHz - fs/n, Hz.
   * @param message - names the rule and the value received.
   */
  constructor(code: ToneGridErrorCode, value: number, binHz: number, message: string) {
    super(message);
    this.name = 'ToneGridError';
    this.code = code;
    this.value = value;
    this.binHz = binHz;
  }
}

/**
 * Checks a tone sum against the grid it is sampled on: Σ|amp| at most {@link MAX_AMPLITUDE_SUM},
 * and every frequency at least one bin, fs/n (a slower tone is not resolved from the DC by the
 * measured spectrum).
 *
 * @param tones - the tones (Hz, signal units).
 * @param fs - sampling rate, Hz (finite > 0).
 * @param n - samples (integer ≥ 1).
 * @throws {@link ToneGridError} `amplitude-sum` or `below-one-bin`, with the value and the bin.
 * @example
 * ```ts
 * checkToneGrid([{ freq: 0.05, amp: 1 }], 1024, 8192); // ToneGridError: below one bin (0.125 Hz)
 * ```
 */
export function checkToneGrid(tones: readonly Tone[], fs: number, n: number): void {
  const binHz = fs / n;
  const sum = tones.reduce((s, t) => s + Math.abs(t.amp), 0);
  if (!(sum <= MAX_AMPLITUDE_SUM))
    throw new ToneGridError(
      'amplitude-sum',
      sum,
      binHz,
      `tones amplitudes must sum to at most ${MAX_AMPLITUDE_SUM} (the series needs (Σ|amp|)²/2 finite), got ${sum}`,
    );
  const slow = tones.find((t) => t.freq < binHz);
  if (slow)
    throw new ToneGridError(
      'below-one-bin',
      slow.freq,
      binHz,
      `tones frequencies must be at least one bin, fs/n = ${binHz} Hz, got ${slow.freq} Hz`,
    );
}
