import {
  type ActivationName,
  activationNames,
  leakyAlphaRange,
  parseTones as parseToneList,
  type Tone,
  ToneListError,
} from '@rectify/theory';
import { UsageError } from './errors';

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
 * Parse `--seed` against the range of seeds a run accepts (experiments' `seedRange`).
 *
 * @param text - the flag's text.
 * @param range - the inclusive range, e.g. `{ min: 0, max: 4294967295 }`.
 * @returns the seed.
 * @throws UsageError naming `--seed`, the range and the value.
 */
export function parseSeed(text: string, range: { min: number; max: number }): number {
  const value = Number(text.trim());
  if (text.trim() === '' || !Number.isInteger(value) || value < range.min || value > range.max)
    throw new UsageError(
      `--seed must be an integer in [${range.min}, ${range.max}], got '${text}'`,
    );
  return value;
}

/**
 * Parse `--tones`: theory's tone list `freq:amp[:phase],…` (Hz, linear amplitude, rad).
 *
 * @param text - the `--tones` value.
 * @returns the tones in the order given.
 * @throws UsageError naming the malformed item and the rule it breaks.
 */
export function parseTones(text: string): Tone[] {
  try {
    return parseToneList(text);
  } catch (error) {
    if (error instanceof ToneListError) throw new UsageError(`--${error.message}`);
    throw error;
  }
}

/** A pointwise activation the `analyze` command knows: one of theory's `activationNames`. */
export type ActivationSpec =
  | { kind: Exclude<ActivationName, 'leaky'> }
  | { kind: 'leaky'; alpha: number };

/** Names accepted by `--activation`: theory's `activationNames`, leaky written `leaky:α`. */
export const ACTIVATION_NAMES = activationNames.map((n) => (n === 'leaky' ? 'leaky:α' : n));

/**
 * Parse `--activation`: `relu`, `leaky[:α]` (α in theory's `leakyAlphaRange` [0, 1], default 0.01),
 * `gelu`, `silu`, `tanh`, `abs`.
 *
 * @param text - the option value.
 * @returns the activation.
 * @throws UsageError for an unknown name or a bad α.
 */
export function parseActivation(text: string): ActivationSpec {
  const t = text.trim().toLowerCase();
  const plain = activationNames.find((n) => n === t && n !== 'leaky');
  if (plain !== undefined && plain !== 'leaky') return { kind: plain };
  const leaky = /^leaky(?:relu)?(?::(.*))?$/.exec(t);
  if (leaky) {
    const alphaText = leaky[1] ?? '0.01';
    const alpha = Number(alphaText);
    const { min, max } = leakyAlphaRange;
    if (alphaText.trim() === '' || !Number.isFinite(alpha) || alpha < min || alpha > max) {
      throw new UsageError(`--activation leaky:α needs α in [${min}, ${max}], got '${alphaText}'`);
    }
    return { kind: 'leaky', alpha };
  }
  throw new UsageError(`--activation must be one of ${ACTIVATION_NAMES.join(', ')}, got '${text}'`);
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
