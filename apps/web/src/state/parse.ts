/** The outcome of parsing one field: a value, or the message to show next to the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Rules a numeric field can impose (all optional). */
export interface NumberRule {
  /** Smallest allowed value. */
  min?: number;
  /** Whether `min` itself is allowed; default true. */
  minInclusive?: boolean;
  /** Largest allowed value. */
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

function describe(rule: NumberRule): string {
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
 * Parses the raw text of a numeric field. The message names the field, the rule and the text
 * received, e.g. `fs must be a number > 0 Hz, got "-1"`.
 */
export function parseNumber(name: string, raw: string, rule: NumberRule = {}): Parsed<number> {
  const text = raw.trim();
  const fail = (): Parsed<number> => ({
    ok: false,
    error: `${name} must be ${describe(rule)}, got ${text === '' ? 'an empty field' : `"${raw}"`}`,
  });
  if (!DECIMAL.test(text)) return fail();
  const value = Number(text);
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

/** Parses a list of numbers separated by commas, spaces or semicolons (e.g. a conv kernel). */
export function parseNumberList(
  name: string,
  raw: string,
  { minLength = 1, maxLength = 64 }: { minLength?: number; maxLength?: number } = {},
): Parsed<number[]> {
  const pieces = raw.split(/[\s,;]+/).filter((p) => p !== '');
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
