import { UsageError } from './errors';

/** One tone of a tone sum: a·cos(2π·freq·t + phase). */
export interface ToneSpec {
  /** Frequency, Hz (> 0). */
  freq: number;
  /** Amplitude (≥ 0, linear units of the signal). */
  amp: number;
  /** Phase, rad (default 0). */
  phase?: number;
}

/**
 * Parse a finite number given to an option.
 *
 * @param flag - the option's name, for the message (e.g. `--fs`).
 * @param text - the text received.
 * @param rule - `'positive'` (> 0), `'nonNegative'` (≥ 0), `'integer≥1'`, `'integer≥0'` or `'any'`.
 * @returns the number.
 * @throws UsageError naming the flag, the rule and the value when it does not hold.
 */
export function parseNumberOption(
  flag: string,
  text: string,
  rule: 'positive' | 'nonNegative' | 'integer≥1' | 'integer≥0' | 'any' = 'any',
): number {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  const fail = (what: string): never => {
    throw new UsageError(`${flag} must be ${what}, got '${text}'`);
  };
  if (!Number.isFinite(value)) fail('a finite number');
  if (rule === 'positive' && !(value > 0)) fail('a finite number > 0');
  if (rule === 'nonNegative' && !(value >= 0)) fail('a finite number ≥ 0');
  if (rule === 'integer≥1' && !(Number.isInteger(value) && value >= 1)) fail('an integer ≥ 1');
  if (rule === 'integer≥0' && !(Number.isInteger(value) && value >= 0)) fail('an integer ≥ 0');
  return value;
}

/**
 * Parse a tone list `freq:amp[:phase],…` (Hz, linear amplitude, rad), e.g. `"10:1,5:1,20:1,40:1"`.
 *
 * @param text - the `--tones` value.
 * @returns the tones in the order given.
 * @throws UsageError naming the malformed item and the rule it breaks.
 */
export function parseTones(text: string): ToneSpec[] {
  const items = text.split(',').map((s) => s.trim());
  if (items.length === 0 || items.every((s) => s === '')) {
    throw new UsageError(`--tones must list at least one tone as freq:amp[:phase], got '${text}'`);
  }
  const tones = items.map((item, i) => {
    const parts = item.split(':').map((s) => s.trim());
    if (parts.length < 2 || parts.length > 3 || parts.some((p) => p === '')) {
      throw new UsageError(
        `--tones item ${i + 1} must be freq:amp[:phase] (Hz:amplitude[:rad]), got '${item}'`,
      );
    }
    const [f, a, ph] = parts.map(Number) as [number, number, number | undefined];
    if (!Number.isFinite(f) || f <= 0) {
      throw new UsageError(
        `--tones item ${i + 1}: frequency must be a finite number > 0 Hz, got '${parts[0]}'`,
      );
    }
    if (!Number.isFinite(a) || a < 0) {
      throw new UsageError(
        `--tones item ${i + 1}: amplitude must be a finite number ≥ 0, got '${parts[1]}'`,
      );
    }
    if (ph !== undefined && !Number.isFinite(ph)) {
      throw new UsageError(
        `--tones item ${i + 1}: phase must be a finite number (rad), got '${parts[2]}'`,
      );
    }
    return ph === undefined ? { freq: f, amp: a } : { freq: f, amp: a, phase: ph };
  });
  tones.forEach((t, i) => {
    const j = tones.findIndex((u) => u.freq === t.freq);
    if (j !== i)
      throw new UsageError(
        `--tones lists ${t.freq} Hz twice (items ${j + 1} and ${i + 1}); merge them into one tone`,
      );
  });
  return tones;
}

/** A pointwise activation the `analyze` command knows. */
export type ActivationSpec =
  | { kind: 'relu' }
  | { kind: 'leaky'; alpha: number }
  | { kind: 'gelu' }
  | { kind: 'silu' }
  | { kind: 'tanh' }
  | { kind: 'abs' };

/** Names accepted by `--activation`. */
export const ACTIVATION_NAMES = ['relu', 'leaky:α', 'gelu', 'silu', 'tanh', 'abs'] as const;

/**
 * Parse `--activation`: `relu`, `leaky[:α]` (α in [0, 1), default 0.01), `gelu`, `silu`, `tanh`, `abs`.
 *
 * @param text - the option value.
 * @returns the activation.
 * @throws UsageError for an unknown name or a bad α.
 */
export function parseActivation(text: string): ActivationSpec {
  const t = text.trim().toLowerCase();
  if (t === 'relu' || t === 'gelu' || t === 'silu' || t === 'tanh' || t === 'abs')
    return { kind: t };
  const leaky = /^leaky(?:relu)?(?::(.*))?$/.exec(t);
  if (leaky) {
    const alphaText = leaky[1] ?? '0.01';
    const alpha = Number(alphaText);
    if (alphaText.trim() === '' || !Number.isFinite(alpha) || alpha < 0 || alpha >= 1) {
      throw new UsageError(`--activation leaky:α needs α in [0, 1), got '${alphaText}'`);
    }
    return { kind: 'leaky', alpha };
  }
  throw new UsageError(`--activation must be one of ${ACTIVATION_NAMES.join(', ')}, got '${text}'`);
}

/**
 * Parse a `--set key=value` assignment. The value is read as JSON when it parses
 * (numbers, booleans, arrays, quoted strings), else kept as a string. Dotted keys reach into
 * nested objects (`model.filters=8`).
 *
 * @param text - one `key=value`.
 * @returns the key path and the value.
 * @throws UsageError when there is no `=` or the key is empty.
 */
export function parseAssignment(text: string): { path: string[]; value: unknown } {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new UsageError(`--set must be key=value, got '${text}'`);
  const key = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  const path = key.split('.');
  if (path.some((p) => p === ''))
    throw new UsageError(`--set key must be a dotted name, got '${key}'`);
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { path, value };
}

/**
 * Apply `--set` assignments to a config object (a copy is returned).
 *
 * @param config - the base config.
 * @param assignments - the `key=value` strings in order (later ones win).
 * @returns the config with every assignment applied.
 */
export function applyAssignments(
  config: Record<string, unknown>,
  assignments: readonly string[],
): Record<string, unknown> {
  const out = structuredClone(config);
  for (const text of assignments) {
    const { path, value } = parseAssignment(text);
    let node: Record<string, unknown> = out;
    for (const key of path.slice(0, -1)) {
      const next = node[key];
      if (next === null || typeof next !== 'object' || Array.isArray(next)) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[path[path.length - 1]!] = value;
  }
  return out;
}

/**
 * Parse a comma-separated list of names (`--layers a,b`).
 *
 * @param flag - the option's name, for the message.
 * @param text - the value.
 * @returns the non-empty names.
 */
export function parseList(flag: string, text: string): string[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.length === 0)
    throw new UsageError(`${flag} must list at least one name, got '${text}'`);
  return items;
}
