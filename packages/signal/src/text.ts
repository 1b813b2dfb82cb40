import { describeValue } from './validate';

/**
 * The outcome of reading one typed value: the value, or a message that names the field, the
 * rule and the text received (for a form to show next to the field).
 */
export type ParsedText<T> = { ok: true; value: T } | { ok: false; error: string };

/** Rules a number typed as text can be held to (all optional). */
export interface NumberTextRule {
  /** Smallest allowed value, in the field's unit. */
  min?: number;
  /** Whether `min` itself is allowed; default true. */
  minInclusive?: boolean;
  /** Largest allowed value, in the field's unit. */
  max?: number;
  /** Whether `max` itself is allowed; default true. */
  maxInclusive?: boolean;
  /** Only whole numbers. */
  integer?: boolean;
  /** Unit named in the message, e.g. `Hz`. */
  unit?: string;
  /** Why `max` is the limit, e.g. `the Nyquist frequency fs/2`. */
  maxReason?: string;
}

/** Options of {@link parseNumberListText}. */
export interface NumberListTextOptions {
  /** Fewest numbers the list may hold; default 1. */
  minLength?: number;
  /** Most numbers the list may hold; default 64. */
  maxLength?: number;
}

// Plain decimal or exponent notation: what a person types. `Number()` would also take `0x10`,
// `Infinity` and an empty string, which nobody means as a sampling rate.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function checkText(name: string, text: unknown): asserts text is string {
  if (typeof text !== 'string') {
    throw new TypeError(`${name} must be given as a string, got ${describeValue(text)}`);
  }
}

function describeRule(rule: NumberTextRule): string {
  const kind = rule.integer ? 'an integer' : 'a number';
  const unit = rule.unit ? ` ${rule.unit}` : '';
  const parts: string[] = [];
  if (rule.min !== undefined)
    parts.push(`${rule.minInclusive === false ? '>' : '≥'} ${rule.min}${unit}`);
  if (rule.max !== undefined) {
    const reason = rule.maxReason ? ` (${rule.maxReason})` : '';
    parts.push(`${rule.maxInclusive === false ? '<' : '≤'} ${rule.max}${unit}${reason}`);
  }
  return parts.length ? `${kind} ${parts.join(' and ')}` : `a finite ${kind.replace(/^an? /, '')}`;
}

/**
 * Reads a number typed as text (decimal or exponent notation, surrounding blanks ignored) and
 * holds it to a range rule.
 *
 * @param name - the field's name, for the message (e.g. `fs`).
 * @param text - the text as typed.
 * @param rule - bounds (in the field's unit), integer-only, the unit and why `max` is the limit.
 * @returns `{ ok: true, value }`, or `{ ok: false, error }` where `error` names the field, the
 *   rule and the text, e.g. `fs must be a number > 0 Hz, got "-1"`.
 * @throws TypeError when `text` is not a string.
 * @example
 * ```ts
 * parseNumberText('fs', '1024', { min: 0, minInclusive: false, unit: 'Hz' }); // { ok: true, value: 1024 }
 * parseNumberText('terms', '2.5', { min: 1, integer: true }).ok; // false
 * ```
 */
export function parseNumberText(
  name: string,
  text: string,
  rule: NumberTextRule = {},
): ParsedText<number> {
  checkText(name, text);
  const trimmed = text.trim();
  const fail = (): ParsedText<number> => ({
    ok: false,
    error: `${name} must be ${describeRule(rule)}, got ${trimmed === '' ? 'an empty field' : `"${text}"`}`,
  });
  if (!DECIMAL.test(trimmed)) return fail();
  const value = Number(trimmed);
  if (!Number.isFinite(value)) return fail();
  if (rule.integer && !Number.isInteger(value)) return fail();
  if (
    rule.min !== undefined &&
    (rule.minInclusive === false ? value <= rule.min : value < rule.min)
  )
    return fail();
  if (
    rule.max !== undefined &&
    (rule.maxInclusive === false ? value >= rule.max : value > rule.max)
  )
    return fail();
  return { ok: true, value };
}

/**
 * Reads a list of numbers typed as text, separated by commas, blanks or semicolons (a conv
 * kernel's taps, a list of frequencies).
 *
 * @param name - the field's name, for the message (e.g. `kernel`).
 * @param text - the text as typed.
 * @param options - `minLength` (default 1) and `maxLength` (default 64) of the list.
 * @returns `{ ok: true, value }`, or `{ ok: false, error }` naming the field (and the element,
 *   from 0), the rule and what was received, e.g. `kernel[1] must be a finite number, got "x"`.
 * @throws TypeError when `text` is not a string.
 * @example
 * ```ts
 * parseNumberListText('kernel', '0.6, -0.4'); // { ok: true, value: [0.6, -0.4] }
 * ```
 */
export function parseNumberListText(
  name: string,
  text: string,
  { minLength = 1, maxLength = 64 }: NumberListTextOptions = {},
): ParsedText<number[]> {
  checkText(name, text);
  const pieces = text.split(/[\s,;]+/).filter((p) => p !== '');
  if (pieces.length < minLength || pieces.length > maxLength) {
    return {
      ok: false,
      error: `${name} must list ${minLength} to ${maxLength} numbers, got ${pieces.length}`,
    };
  }
  const values: number[] = [];
  for (const [i, piece] of pieces.entries()) {
    const value = Number(piece);
    if (!DECIMAL.test(piece) || !Number.isFinite(value)) {
      return { ok: false, error: `${name}[${i}] must be a finite number, got "${piece}"` };
    }
    values.push(value);
  }
  return { ok: true, value: values };
}
