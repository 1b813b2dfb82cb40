import {
  type ActivationName,
  activationNames,
  type ExpansionMethod,
  leakyAlphaRange,
  nyquistFrequency,
} from '@rectify/theory';
import { type Parsed, parseNumber } from '../state/parse';

export type { ActivationName };
/** The activations the explorer offers: theory's. */
export const ACTIVATIONS = activationNames;
/** An expansion's name: theory's. */
export type ExpansionName = ExpansionMethod;
/** The expansions of |x| the explorer offers: the paper's binomial series and the better one. */
export const EXPANSIONS: readonly ExpansionName[] = ['binomial', 'chebyshev'];

/** One tone as typed: raw text of frequency (Hz), amplitude and phase (rad). */
export interface ToneForm {
  freq: string;
  amp: string;
  phase: string;
}

/** The explorer's form exactly as typed; this is what the URL stores. */
export interface ExplorerForm {
  tones: ToneForm[];
  fs: string;
  duration: string;
  activation: ActivationName;
  alpha: string;
  expansion: ExpansionName;
  terms: string;
  dc: 'keep' | 'remove';
  log: boolean;
}

/** A validated tone: `amp·cos(2π·freq·t + phase)`. */
export interface Tone {
  /** Frequency in Hz, 0 < freq ≤ fs/2, distinct from the other tones'. */
  freq: number;
  /** Amplitude, ≥ 0. */
  amp: number;
  /** Phase in rad. */
  phase: number;
}

/** The validated explorer parameters. */
export interface ExplorerParams {
  tones: Tone[];
  /** Sampling rate in Hz. */
  fs: number;
  /** Duration in s. */
  duration: number;
  /** Number of samples, round(fs·duration). */
  n: number;
  activation: ActivationName;
  /** Leaky ReLU's negative slope. */
  alpha: number;
  expansion: ExpansionName;
  /** Series terms N (n = 0 … N−1). */
  terms: number;
  dc: 'keep' | 'remove';
  log: boolean;
}

/** Field keys of validation errors: `fs`, `duration`, `alpha`, `terms`, `tones`, `tone-<i>-freq`, … */
export type ExplorerErrors = Record<string, string>;

/** Largest number of tones (the line prediction grows combinatorially with them). */
export const MAX_TONES = 8;
/** Largest number of samples the page computes interactively. */
export const MAX_SAMPLES = 65_536;
/** Largest number of series terms on the slider. */
export const MAX_TERMS = 100;

/** The paper's V.A signal: cos(2π·10t) + cos(2π·5t) + cos(2π·20t) + cos(2π·40t), fs 1024 Hz, 8 s. */
export const DEFAULT_FORM: Readonly<ExplorerForm> = {
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
  expansion: 'binomial',
  terms: '20',
  dc: 'keep',
  log: false,
};

function pick<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : fallback;
}

/** Reads a form from URL query parameters; missing or unknown values fall back to the defaults. */
export function formFromQuery(query: URLSearchParams): ExplorerForm {
  const tonesText = query.get('tones');
  const tones =
    tonesText === null
      ? DEFAULT_FORM.tones.map((t) => ({ ...t }))
      : tonesText === ''
        ? []
        : tonesText.split(',').map((item) => {
            const [freq = '', amp = '1', phase = '0'] = item
              .split(':')
              .map((s) => decodeURIComponent(s));
            return { freq, amp, phase };
          });
  return {
    tones,
    fs: query.get('fs') ?? DEFAULT_FORM.fs,
    duration: query.get('duration') ?? DEFAULT_FORM.duration,
    activation: pick(query.get('act'), ACTIVATIONS, DEFAULT_FORM.activation),
    alpha: query.get('alpha') ?? DEFAULT_FORM.alpha,
    expansion: pick(query.get('exp'), EXPANSIONS, DEFAULT_FORM.expansion),
    terms: query.get('terms') ?? DEFAULT_FORM.terms,
    dc: pick(query.get('dc'), ['keep', 'remove'] as const, DEFAULT_FORM.dc),
    log: query.get('log') === '1',
  };
}

/** Writes a form as URL query parameters (the inverse of {@link formFromQuery}). */
export function formToQuery(form: ExplorerForm): URLSearchParams {
  const enc = (s: string) => encodeURIComponent(s);
  const query = new URLSearchParams();
  query.set(
    'tones',
    form.tones.map((t) => `${enc(t.freq)}:${enc(t.amp)}:${enc(t.phase)}`).join(','),
  );
  query.set('fs', form.fs);
  query.set('duration', form.duration);
  query.set('act', form.activation);
  if (form.activation === 'leaky') query.set('alpha', form.alpha);
  query.set('exp', form.expansion);
  query.set('terms', form.terms);
  query.set('dc', form.dc);
  if (form.log) query.set('log', '1');
  return query;
}

/**
 * Validates a form. Every problem is reported against its field, so the page can show each
 * message next to the input that caused it.
 */
export function parseExplorerForm(
  form: ExplorerForm,
): Parsed<ExplorerParams> & { errors: ExplorerErrors } {
  const errors: ExplorerErrors = {};
  const take = <T>(key: string, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[key] = parsed.error;
    return undefined;
  };
  const fs = take('fs', parseNumber('fs', form.fs, { min: 0, minInclusive: false, unit: 'Hz' }));
  const duration = take(
    'duration',
    parseNumber('duration', form.duration, { min: 0, minInclusive: false, unit: 's' }),
  );
  let n: number | undefined;
  if (fs !== undefined && duration !== undefined) {
    n = Math.round(fs * duration);
    if (n < 2 || n > MAX_SAMPLES) {
      errors.duration = `fs·duration must give 2 to ${MAX_SAMPLES} samples, got ${n} (${form.fs} Hz × ${form.duration} s)`;
      n = undefined;
    }
  }
  const nyquist = fs === undefined ? undefined : nyquistFrequency(fs);
  if (form.tones.length === 0) errors.tones = 'tones must list at least one tone, got none';
  if (form.tones.length > MAX_TONES)
    errors.tones = `tones must list at most ${MAX_TONES} tones, got ${form.tones.length}`;
  const tones: Tone[] = [];
  const seen = new Map<number, number>();
  form.tones.forEach((tone, i) => {
    const label = `f${i + 1}`;
    const freq = take(
      `tone-${i}-freq`,
      parseNumber(`${label} frequency`, tone.freq, {
        min: 0,
        minInclusive: false,
        max: nyquist,
        unit: 'Hz',
        maxReason: nyquist === undefined ? undefined : 'the Nyquist frequency fs/2',
      }),
    );
    const amp = take(`tone-${i}-amp`, parseNumber(`${label} amplitude`, tone.amp, { min: 0 }));
    const phase = take(
      `tone-${i}-phase`,
      parseNumber(`${label} phase`, tone.phase, { unit: 'rad' }),
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
    form.tones.length > 0 &&
    tones.length === form.tones.length &&
    tones.every((t) => t.amp === 0)
  ) {
    errors.tones = 'tones must have at least one amplitude > 0, got all zero';
  }
  const alpha =
    form.activation === 'leaky'
      ? take('alpha', parseNumber('α', form.alpha, { ...leakyAlphaRange }))
      : Number(form.alpha) || 0;
  const terms = take(
    'terms',
    parseNumber('terms', form.terms, { min: 1, max: MAX_TERMS, integer: true }),
  );

  if (
    Object.keys(errors).length > 0 ||
    fs === undefined ||
    duration === undefined ||
    n === undefined ||
    terms === undefined ||
    alpha === undefined
  ) {
    const first = Object.values(errors)[0] ?? 'invalid input';
    return { ok: false, error: first, errors };
  }
  return {
    ok: true,
    errors,
    value: {
      tones,
      fs,
      duration,
      n,
      activation: form.activation,
      alpha,
      expansion: form.expansion,
      terms,
      dc: form.dc,
      log: form.log,
    },
  };
}
