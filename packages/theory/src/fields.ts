import { describeValue, type ParsedText, parseNumberText } from '@rectify/signal';
import type { ActivationName } from './activations';
import { type ExpansionMethod, expansionMethods } from './series';
import { leakyAlphaRange, nyquistFrequency, termsRange } from './rules';
import type { ResolvedTone } from './tones';

/** One tone as typed into a form: frequency (Hz), amplitude and phase (rad), as text. */
export interface ToneFields {
  /** Frequency in Hz, as typed. */
  freq: string;
  /** Amplitude (signal units), as typed. */
  amp: string;
  /** Phase in rad, as typed. */
  phase: string;
}

/** A tone-sum analysis as typed into a form (each number still text). */
export interface AnalysisFields {
  /** The tones of `Σ amp·cos(2π·freq·t + phase)`. */
  tones: readonly ToneFields[];
  /** Sampling rate in Hz, as typed. */
  fs: string;
  /** Duration in s, as typed. */
  duration: string;
  /** The activation (one of `activationNames`). */
  activation: ActivationName;
  /** Leaky ReLU's negative slope, as typed; read only for `'leaky'`. */
  alpha: string;
  /** Series terms N, as typed. */
  terms: string;
  /** Which polynomial approximates |x| (`analyzeActivation`'s `method`). */
  expansion: ExpansionMethod;
  /** Whether the input keeps its DC or has it subtracted first (`analyzeActivation`'s `removeDc`). */
  dc: 'keep' | 'remove';
}

/**
 * The paper's V.A signal as a form holds it: cos(2π·10t) + cos(2π·5t) + cos(2π·20t) +
 * cos(2π·40t) (Hz, unit amplitudes, zero phases) at fs = 1024 Hz for 8 s (8192 samples), through
 * ReLU with the paper's 20-term binomial series, the DC kept; α = 0.1 should the leaky ReLU be chosen.
 */
export const paperVaFields: Readonly<AnalysisFields> = {
  tones: [
    { freq: '10', amp: '1', phase: '0' },
    { freq: '5', amp: '1', phase: '0' },
    { freq: '20', amp: '1', phase: '0' },
    { freq: '40', amp: '1', phase: '0' },
  ],
  fs: '1024',
  duration: '8',
  activation: 'relu',
  alpha: '0.1',
  terms: '20',
  expansion: 'binomial',
  dc: 'keep',
};

/** Sizes an interactive caller allows (each at most the analysis' own limit). */
export interface AnalysisFieldLimits {
  /** Most tones (the line prediction grows combinatorially with them); default 8. */
  maxTones?: number;
  /** Most samples round(fs·duration); default 65 536. */
  maxSamples?: number;
  /** Most series terms; default `termsRange.max`. */
  maxTerms?: number;
}

/** The analysis parameters read from {@link AnalysisFields}. */
export interface AnalysisFieldValues {
  /** Tones with distinct frequencies in (0, fs/2] Hz, amplitudes ≥ 0 (not all 0). */
  tones: ResolvedTone[];
  /** Sampling rate in Hz, > 0. */
  fs: number;
  /** Duration in s, > 0. */
  duration: number;
  /** Number of samples, round(fs·duration), in [2, maxSamples]. */
  n: number;
  /** The activation. */
  activation: ActivationName;
  /** Leaky ReLU's negative slope in `leakyAlphaRange` (for other activations: the text as a number, else 0). */
  alpha: number;
  /** Series terms N (n = 0 … N−1), an integer in [1, maxTerms]. */
  terms: number;
  /** Which polynomial approximates |x|. */
  expansion: ExpansionMethod;
  /** Whether the input keeps its DC or has it subtracted first. */
  dc: 'keep' | 'remove';
}

/**
 * Messages by field: `fs`, `duration`, `alpha`, `terms`, `expansion`, `dc`, `tones` (the list as a whole) and
 * `tone-<i>-freq`, `tone-<i>-amp`, `tone-<i>-phase` (i from 0).
 */
export type FieldErrors = Record<string, string>;

function checkLimit(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(
      `${name} must be an integer in [${min}, ${max}], got ${describeValue(value)}`,
    );
  }
}

/**
 * Reads a tone-sum analysis typed into a form and holds every field to theory's rules: fs and
 * duration > 0 giving 2 … `maxSamples` samples; 1 … `maxTones` tones, each frequency in
 * (0, fs/2] Hz ({@link nyquistFrequency}) and distinct, amplitudes ≥ 0 and not all 0, phases
 * finite; α in {@link leakyAlphaRange} for the leaky ReLU; terms an integer in [1, maxTerms]; the
 * expansion one of {@link expansionMethods}, the DC `keep` or `remove`.
 * Every problem is reported against its field, so a form can show each message beside its input.
 *
 * @param fields - the form's text.
 * @param limits - `maxTones` (default 8), `maxSamples` (default 65 536), `maxTerms`
 *   (default `termsRange.max`).
 * @throws RangeError when a limit is not an integer in its range (maxTerms ≤ `termsRange.max`).
 * @returns `{ ok: true, value, errors: {} }`, or `{ ok: false, error, errors }` with `error` the
 *   first message.
 * @example
 * ```ts
 * const parsed = parseAnalysisFields({
 *   tones: [{ freq: '10', amp: '1', phase: '0' }],
 *   fs: '1024', duration: '1', activation: 'relu', alpha: '0', terms: '20',
 *   expansion: 'binomial', dc: 'keep',
 * });
 * parsed.ok && parsed.value.n; // 1024
 * ```
 */
export function parseAnalysisFields(
  fields: AnalysisFields,
  limits: AnalysisFieldLimits = {},
): ParsedText<AnalysisFieldValues> & { errors: FieldErrors } {
  const { maxTones = 8, maxSamples = 65_536, maxTerms = termsRange.max } = limits;
  checkLimit('limits.maxTones', maxTones, 1, Number.MAX_SAFE_INTEGER);
  checkLimit('limits.maxSamples', maxSamples, 2, Number.MAX_SAFE_INTEGER);
  checkLimit('limits.maxTerms', maxTerms, termsRange.min, termsRange.max);
  const errors: FieldErrors = {};
  const take = <T>(key: string, parsed: ParsedText<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[key] = parsed.error;
    return undefined;
  };
  const fs = take(
    'fs',
    parseNumberText('fs', fields.fs, { min: 0, minInclusive: false, unit: 'Hz' }),
  );
  const duration = take(
    'duration',
    parseNumberText('duration', fields.duration, { min: 0, minInclusive: false, unit: 's' }),
  );
  let n: number | undefined;
  if (fs !== undefined && duration !== undefined) {
    n = Math.round(fs * duration);
    if (n < 2 || n > maxSamples) {
      errors.duration = `fs·duration must give 2 to ${maxSamples} samples, got ${n} (${fields.fs} Hz × ${fields.duration} s)`;
      n = undefined;
    }
  }
  const nyquist = fs === undefined ? undefined : nyquistFrequency(fs);
  if (fields.tones.length === 0) errors.tones = 'tones must list at least one tone, got none';
  if (fields.tones.length > maxTones)
    errors.tones = `tones must list at most ${maxTones} tones, got ${fields.tones.length}`;
  const tones: ResolvedTone[] = [];
  const seen = new Map<number, number>();
  fields.tones.forEach((tone, i) => {
    const label = `f${i + 1}`;
    const freq = take(
      `tone-${i}-freq`,
      parseNumberText(`${label} frequency`, tone.freq, {
        min: 0,
        minInclusive: false,
        max: nyquist,
        unit: 'Hz',
        maxReason: nyquist === undefined ? undefined : 'the Nyquist frequency fs/2',
      }),
    );
    const amp = take(`tone-${i}-amp`, parseNumberText(`${label} amplitude`, tone.amp, { min: 0 }));
    const phase = take(
      `tone-${i}-phase`,
      parseNumberText(`${label} phase`, tone.phase, { unit: 'rad' }),
    );
    const twin = freq === undefined ? undefined : seen.get(freq);
    if (freq !== undefined && twin === undefined) seen.set(freq, i);
    if (twin !== undefined) {
      errors[`tone-${i}-freq`] =
        `${label} frequency must differ from every other tone's, got ${freq} Hz, the same as f${twin + 1}`;
    } else if (freq !== undefined && amp !== undefined && phase !== undefined)
      tones.push({ freq, amp, phase });
  });
  if (
    fields.tones.length > 0 &&
    tones.length === fields.tones.length &&
    tones.every((t) => t.amp === 0)
  ) {
    errors.tones = 'tones must have at least one amplitude > 0, got all zero';
  }
  const alpha =
    fields.activation === 'leaky'
      ? take('alpha', parseNumberText('α', fields.alpha, { ...leakyAlphaRange }))
      : Number(fields.alpha) || 0;
  const terms = take(
    'terms',
    parseNumberText('terms', fields.terms, { min: 1, max: maxTerms, integer: true }),
  );
  if (!expansionMethods.includes(fields.expansion))
    errors.expansion = `expansion must be one of ${expansionMethods.join(', ')}, got ${describeValue(fields.expansion)}`;
  if (fields.dc !== 'keep' && fields.dc !== 'remove')
    errors.dc = `dc must be keep or remove, got ${describeValue(fields.dc)}`;
  if (
    Object.keys(errors).length > 0 ||
    fs === undefined ||
    duration === undefined ||
    n === undefined ||
    terms === undefined ||
    alpha === undefined
  ) {
    return { ok: false, error: Object.values(errors)[0] ?? 'invalid input', errors };
  }
  return {
    ok: true,
    errors,
    value: {
      tones,
      fs,
      duration,
      n,
      activation: fields.activation,
      alpha,
      terms,
      expansion: fields.expansion,
      dc: fields.dc,
    },
  };
}
