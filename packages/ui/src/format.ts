/**
 * Formats a number for a readout: fixed significant digits, exponent notation for very small or
 * large magnitudes, and an explicit dash for "not available".
 */
export function formatNumber(value: number | null | undefined, digits = 5): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude < 1e-4 || magnitude >= 1e6) return value.toExponential(digits - 1);
  return Number(value.toPrecision(digits)).toString();
}

/** Formats a fraction in [0, 1] as a percentage with one decimal. */
export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(digits)} %`;
}

/** Formats a frequency in Hz. */
export function formatHz(value: number): string {
  return `${formatNumber(value, 6)} Hz`;
}
