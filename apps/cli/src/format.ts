/**
 * Format a number for a table: 4 decimals for magnitudes in [1e-3, 1e4), exponent form outside,
 * `0` below `zero` (round-off), `—` for no value.
 *
 * @param value - the number (undefined, null or NaN for "no value").
 * @param options.digits - decimals in fixed form, significant digits − 1 in exponent form (default 4).
 * @param options.zero - magnitudes below this print as `0` (default 1e-12).
 * @returns the text.
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

/**
 * Format a frequency: up to 4 decimals, trailing zeros dropped (`5`, `2.5`, `0.125`).
 *
 * @param hz - frequency in Hz.
 * @returns the text.
 */
export function formatHz(hz: number): string {
  return String(Number(hz.toFixed(4)));
}

/** Horizontal alignment of a table column. */
export type Align = 'left' | 'right';

/**
 * Lay out rows as a plain-text table with a header and a rule under it.
 *
 * @param header - column titles.
 * @param rows - cells, already formatted.
 * @param align - per-column alignment (default: right for every column but the last).
 * @returns the table, lines joined by `\n` (no trailing newline).
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const al = align ?? header.map((_, c) => (c === header.length - 1 ? 'left' : 'right'));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (al[c] === 'left' ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}
