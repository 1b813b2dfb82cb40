import { type ActivationName, activationNames } from './activations';
import type { AnalysisFields, ToneFields } from './fields';
import { type ExpansionMethod, expansionMethods } from './series';
import { splitToneList } from './rules';

/** Read access to URL query parameters, as `URLSearchParams` gives it. */
export interface QueryParams {
  /** The parameter's (decoded) value, or null when absent. */
  get(name: string): string | null;
}

/** Decodes a URI-encoded field; text that is not a valid encoding is kept as written. */
function decodeField(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Writes tones as typed into theory's tone list `freq:amp:phase,…` ({@link splitToneList}'s
 * syntax), each field URI-encoded so that any text, valid or not yet, survives the round trip
 * through {@link toneFieldsFromText}.
 *
 * @param tones - the tones as typed (frequency in Hz, amplitude, phase in rad, as text).
 * @returns the list; `''` for no tones.
 * @example
 * ```ts
 * toneFieldsToText([{ freq: '10', amp: '2', phase: '0' }]); // '10:2:0'
 * ```
 */
export function toneFieldsToText(tones: readonly ToneFields[]): string {
  const enc = (s: string) => encodeURIComponent(s);
  return tones.map((t) => `${enc(t.freq)}:${enc(t.amp)}:${enc(t.phase)}`).join(',');
}

/**
 * Reads tones as typed from theory's tone list (the inverse of {@link toneFieldsToText}):
 * nothing is converted or checked (that is {@link parseAnalysisFields}' work); a missing
 * amplitude reads `'1'`, a missing phase `'0'`.
 *
 * @param text - the list `freq:amp[:phase],…`, fields URI-encoded.
 * @returns one {@link ToneFields} per item; `''` gives none.
 * @throws ToneListError `tone-syntax` when `text` is not a string.
 * @example
 * ```ts
 * toneFieldsFromText('10:2,5'); // [{ freq: '10', amp: '2', phase: '0' }, { freq: '5', amp: '1', phase: '0' }]
 * ```
 */
export function toneFieldsFromText(text: string): ToneFields[] {
  const items = splitToneList(text);
  if (text === '') return [];
  return items.map((fields) => {
    const [freq = '', amp = '1', phase = '0'] = fields.map(decodeField);
    return { freq, amp, phase };
  });
}

/**
 * Writes a tone-sum analysis as typed into URL query parameters: `tones` ({@link
 * toneFieldsToText}), `fs`, `duration`, `act`, `alpha` (only for `'leaky'`, the one activation
 * that reads it), `terms`, `exp` (the expansion) and `dc`.
 *
 * @param fields - the form's text.
 * @returns the parameters by name (`new URLSearchParams(…)` takes them).
 * @example
 * ```ts
 * new URLSearchParams(analysisFieldsToQuery(fields)).toString(); // 'tones=10%3A1%3A0&fs=1024&…'
 * ```
 */
export function analysisFieldsToQuery(fields: AnalysisFields): Record<string, string> {
  return {
    tones: toneFieldsToText(fields.tones),
    fs: fields.fs,
    duration: fields.duration,
    act: fields.activation,
    ...(fields.activation === 'leaky' ? { alpha: fields.alpha } : {}),
    terms: fields.terms,
    exp: fields.expansion,
    dc: fields.dc,
  };
}

/**
 * Reads a tone-sum analysis as typed from URL query parameters (the inverse of {@link
 * analysisFieldsToQuery}); a missing parameter, or an activation, expansion or DC choice that is
 * not one of its names, takes its value from `defaults`. Text is kept as typed, so that a
 * form can show what is wrong with it.
 *
 * @param query - the parameters (`URLSearchParams` or anything with `get`).
 * @param defaults - the fields a missing parameter falls back to.
 * @returns the fields, with a new tone list the caller may edit (never shared with `defaults`).
 * @example
 * ```ts
 * analysisFieldsFromQuery(new URLSearchParams('tones=10:2&fs=512'), defaults).fs; // '512'
 * ```
 */
export function analysisFieldsFromQuery(
  query: QueryParams,
  defaults: Readonly<AnalysisFields>,
): AnalysisFields & { tones: ToneFields[] } {
  const tones = query.get('tones');
  const act = query.get('act');
  const exp = query.get('exp') as ExpansionMethod;
  const dc = query.get('dc');
  return {
    tones: tones === null ? defaults.tones.map((t) => ({ ...t })) : toneFieldsFromText(tones),
    fs: query.get('fs') ?? defaults.fs,
    duration: query.get('duration') ?? defaults.duration,
    activation: activationNames.includes(act as ActivationName)
      ? (act as ActivationName)
      : defaults.activation,
    alpha: query.get('alpha') ?? defaults.alpha,
    terms: query.get('terms') ?? defaults.terms,
    expansion: expansionMethods.includes(exp) ? exp : defaults.expansion,
    dc: dc === 'keep' || dc === 'remove' ? dc : defaults.dc,
  };
}
