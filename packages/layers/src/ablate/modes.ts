import { describeValue } from '../layers/common';

/**
 * What {@link ablateActivations} puts in place of a ReLU r = relu(x), per example and channel,
 * with means over the time axis t:
 * - `'none'`: y = relu(x) (an unchanged copy, the reference).
 * - `'remove-dc'`: y = relu(x) − mean_t relu(x).
 * - `'remove-harmonics'`: y = x/2 + mean_t(|x|)/2, the ReLU's linear part plus its exact DC.
 * - `'dc-only'`: y = mean_t relu(x), broadcast over t.
 * - `` `scale-dc:${k}` ``: y = relu(x) + (k − 1)·mean_t relu(x), for a finite k.
 */
export type AblationMode =
  | 'none'
  | 'remove-dc'
  | 'remove-harmonics'
  | 'dc-only'
  | `scale-dc:${number}`;

/** The fixed modes, in the order of the documentation (`scale-dc:k` takes a number). */
export const ABLATION_MODES = ['none', 'remove-dc', 'remove-harmonics', 'dc-only'] as const;

/** A parsed {@link AblationMode}: its kind and, for `scale-dc`, the DC factor k (dimensionless). */
export interface ParsedAblationMode {
  /** The mode without its argument. */
  kind: (typeof ABLATION_MODES)[number] | 'scale-dc';
  /** The DC factor k of `scale-dc:k`; 1 for `'none'`, 0 for `'remove-dc'`, NaN otherwise. */
  k: number;
  /** The canonical spelling, e.g. `'scale-dc:2'`. */
  mode: AblationMode;
}

/**
 * Reads an ablation mode (the one rule the CLI, the experiment and the web app share).
 *
 * @param value - `'none'`, `'remove-dc'`, `'remove-harmonics'`, `'dc-only'` or `'scale-dc:k'`
 *   with k a finite number (dimensionless), e.g. `'scale-dc:0.5'`.
 * @param param - the parameter name used in error messages. Default `'mode'`.
 * @returns the mode's kind, k and canonical spelling.
 * @throws TypeError when `value` is not a string; RangeError for an unknown mode or a bad k.
 * @example
 * ```ts
 * parseAblationMode('scale-dc:2'); // { kind: 'scale-dc', k: 2, mode: 'scale-dc:2' }
 * ```
 */
export function parseAblationMode(value: unknown, param = 'mode'): ParsedAblationMode {
  if (typeof value !== 'string') {
    throw new TypeError(`${param} must be a string, got ${describeValue(value)}`);
  }
  const fixed = ABLATION_MODES.find((m) => m === value);
  if (fixed !== undefined) {
    const k = fixed === 'none' ? 1 : fixed === 'remove-dc' ? 0 : Number.NaN;
    return { kind: fixed, k, mode: fixed };
  }
  const match = /^scale-dc:(.+)$/.exec(value);
  if (match) {
    const text = (match[1] as string).trim();
    const k = text === '' ? Number.NaN : Number(text);
    if (!Number.isFinite(k)) {
      throw new RangeError(
        `${param} 'scale-dc:k' needs a finite number k (e.g. 'scale-dc:0.5'), got ${describeValue(value)}`,
      );
    }
    return { kind: 'scale-dc', k, mode: `scale-dc:${k}` };
  }
  throw new RangeError(
    `${param} must be one of ${ABLATION_MODES.map((m) => `'${m}'`).join(', ')} or 'scale-dc:k' with a finite k, got ${describeValue(value)}`,
  );
}
