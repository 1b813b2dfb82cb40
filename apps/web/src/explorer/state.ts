import type { ParsedText } from '@rectify/signal';
import {
  type AnalysisFields,
  type AnalysisFieldValues,
  analysisFieldsFromQuery,
  analysisFieldsToQuery,
  type FieldErrors,
  paperVaFields,
  parseAnalysisFields,
  type ToneFields,
} from '@rectify/theory';

/** The explorer's form exactly as typed (theory's analysis fields and the log axis); the URL stores it. */
export interface ExplorerForm extends AnalysisFields {
  tones: ToneFields[];
  log: boolean;
}

/** The validated explorer parameters: theory's analysis field values and the log axis. */
export interface ExplorerParams extends AnalysisFieldValues {
  log: boolean;
}

/** Largest number of tones (the line prediction grows combinatorially with them). */
export const MAX_TONES = 8;
/** Largest number of samples the page computes interactively. */
export const MAX_SAMPLES = 65_536;
/** Largest number of series terms on the slider. */
export const MAX_TERMS = 100;

/** The explorer's first form: theory's `paperVaFields` (the paper's V.A signal, binomial series, DC kept), linear axis. */
export const DEFAULT_FORM: Readonly<ExplorerForm> = {
  ...paperVaFields,
  tones: paperVaFields.tones.map((t) => ({ ...t })),
  log: false,
};

/**
 * Reads a form from URL query parameters: theory's analysis fields (`analysisFieldsFromQuery`:
 * tones … terms, `exp`, `dc`), then `log`; missing or unknown values fall back to the defaults.
 */
export function formFromQuery(query: URLSearchParams): ExplorerForm {
  return { ...analysisFieldsFromQuery(query, DEFAULT_FORM), log: query.get('log') === '1' };
}

/** Writes a form as URL query parameters (the inverse of {@link formFromQuery}). */
export function formToQuery(form: ExplorerForm): URLSearchParams {
  const query = new URLSearchParams(analysisFieldsToQuery(form));
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
): ParsedText<ExplorerParams> & { errors: FieldErrors } {
  const parsed = parseAnalysisFields(form, {
    maxTones: MAX_TONES,
    maxSamples: MAX_SAMPLES,
    maxTerms: MAX_TERMS,
  });
  if (!parsed.ok) return parsed;
  return { ok: true, errors: parsed.errors, value: { ...parsed.value, log: form.log } };
}
