/**
 * Format a number for a table: 4 decimals for magnitudes in [1e-3, 1e4), exponent form outside,
 * `0` below `zero` (round-off), `—` for no value.
 *
 * @param value - the number (undefined, null or NaN for "no value").
 * @param options.digits - decimals in fixed form, significant digits − 1 in exponent form (default 4).
 * @param options.zero - magnitudes below this print as `0` (default 1e-12).
 * @returns the text.
 * @example
 * ```ts
 * formatNumber(0.5); // '0.5000'
 * formatNumber(12345.6); // '1.235e+4'
 * formatNumber(1e-15); // '0'
 * ```
 */
export function formatNumber(
  value: number | undefined | null,
  options: { digits?: number; zero?: number } = {},
): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  const digits = options.digits ?? 4;
  const abs = Math.abs(value);
  if (abs < (options.zero ?? 1e-12)) return '0';
  if (abs >= 1e-3 && abs < 1e4) return value.toFixed(digits);
  return value.toExponential(Math.max(1, digits - 1));
}
