import type { ParsedText } from '@rectify/signal';
import {
  type ActivationName,
  type AnalysisFieldValues,
  activationNames,
  type ExpansionMethod,
  type FieldErrors,
  parseAnalysisFields,
  splitToneList,
  type ToneFields,
} from '@rectify/theory';

export type { ActivationName };
/** The activations the explorer offers: theory's. */
export const ACTIVATIONS = activationNames;
/** An expansion's name: theory's. */
export type ExpansionName = ExpansionMethod;
/** The expansions of |x| the explorer offers: the paper's binomial series and the better one. */
export const EXPANSIONS: readonly ExpansionName[] = ['binomial', 'chebyshev'];

/** One tone as typed: raw text of frequency (Hz), amplitude and phase (rad). */
export type ToneForm = ToneFields;

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

/** The validated explorer parameters: theory's analysis fields plus the display choices. */
export interface ExplorerParams extends AnalysisFieldValues {
  expansion: ExpansionName;
  dc: 'keep' | 'remove';
  log: boolean;
}

/** Field keys of validation errors: `fs`, `duration`, `alpha`, `terms`, `tones`, `tone-<i>-freq`, … */
export type ExplorerErrors = FieldErrors;

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

/**
 * Reads a form from URL query parameters; missing or unknown values fall back to the defaults.
 * `tones` is theory's tone list `freq:amp[:phase],…` (`splitToneList`), each field URI-encoded
 * and kept as typed.
 */
export function formFromQuery(query: URLSearchParams): ExplorerForm {
  const tonesText = query.get('tones');
  const tones =
    tonesText === null
      ? DEFAULT_FORM.tones.map((t) => ({ ...t }))
      : tonesText === ''
        ? []
        : splitToneList(tonesText).map((fields) => {
            const [freq = '', amp = '1', phase = '0'] = fields.map((s) => decodeURIComponent(s));
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
 * Validates a form against theory's rules (`parseAnalysisFields`) within the explorer's limits.
 * Every problem is reported against its field, so the page can show each message next to the
 * input that caused it.
 */
export function parseExplorerForm(
  form: ExplorerForm,
): ParsedText<ExplorerParams> & { errors: ExplorerErrors } {
  const parsed = parseAnalysisFields(form, {
    maxTones: MAX_TONES,
    maxSamples: MAX_SAMPLES,
    maxTerms: MAX_TERMS,
  });
  if (!parsed.ok) return parsed;
  const { expansion, dc, log } = form;
  return { ok: true, errors: parsed.errors, value: { ...parsed.value, expansion, dc, log } };
}
