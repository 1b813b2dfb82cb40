/**
 * Formats a number for a readout: `digits` significant digits, exponent notation for magnitudes
 * below 1e-4 or from 1e6 on, and an explicit dash for "not available" (null, undefined, NaN).
 *
 * @param value - the number, in whatever unit the caller shows beside it.
 * @param digits - significant digits, an integer in 1…21; default 5.
 * @returns the text, e.g. `'0.31831'`, `'1.0000e+6'`, `'∞'` or `'—'`.
 * @throws RangeError when `digits` is not an integer in 1…21.
 * @example
 * formatNumber(1 / Math.PI); // '0.31831'
 */
export function formatNumber(value: number | null | undefined, digits = 5): string {
  if (!Number.isInteger(digits) || digits < 1 || digits > 21) {
    throw new RangeError(`formatNumber: digits must be an integer in 1…21, got ${digits}`);
  }
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

/**
 * Formats a fraction (1 = 100 %) as a percentage with `digits` decimals; a dash when the value is
 * missing or not finite.
 *
 * @param value - the fraction, e.g. an accuracy in [0, 1].
 * @param digits - decimals after the point, an integer in 0…20; default 1.
 * @returns the text, e.g. `'97.5 %'`.
 * @throws RangeError when `digits` is not an integer in 0…20.
 * @example
 * formatPercent(0.975); // '97.5 %'
 */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (!Number.isInteger(digits) || digits < 0 || digits > 20) {
    throw new RangeError(`formatPercent: digits must be an integer in 0…20, got ${digits}`);
  }
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

/**
 * Formats a frequency with 6 significant digits and its unit.
 *
 * @param value - the frequency in Hz.
 * @returns the text, e.g. `'512 Hz'`.
 * @example
 * formatHz(1024 / 2); // '512 Hz'
 */
export function formatHz(value: number): string {
  return `${formatNumber(value, 6)} Hz`;
}
