import { RuntimeError, UsageError } from '../errors';

/** One numeric column read from a delimited text file. */
export interface CsvColumn {
  /** The samples. */
  values: Float64Array;
  /** The column's header name, or `column N` (zero-based) when the file has no header. */
  name: string;
  /** Zero-based column index. */
  index: number;
}

/**
 * Read one numeric column of a CSV/TSV/whitespace-separated file. Blank lines and lines starting
 * with `#` are skipped; a first row that is not numeric is taken as the header.
 *
 * @param text - the file's contents.
 * @param options.column - zero-based index or header name (default 0).
 * @param options.name - the file name, for messages.
 * @returns the column's values.
 * @throws RuntimeError naming the file, line and cell that is not a number; UsageError for a column
 *   that does not exist.
 */
export function parseCsvColumn(
  text: string,
  options: { column?: string | number; name?: string } = {},
): CsvColumn {
  const file = options.name ?? 'CSV file';
  const lines = text.split(/\r?\n/);
  const rows: { line: number; cells: string[] }[] = [];
  const delimiter = detectDelimiter(lines);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.trim();
    if (raw === '' || raw.startsWith('#')) continue;
    const cells =
      delimiter === 'space' ? raw.split(/\s+/) : raw.split(delimiter).map((c) => c.trim());
    rows.push({ line: i + 1, cells: cells.map((c) => c.replace(/^"(.*)"$/, '$1')) });
  }
  if (rows.length === 0) throw new RuntimeError(`${file}: malformed CSV: no data rows`);
  const isNumber = (c: string) => c !== '' && Number.isFinite(Number(c));
  let header: string[] | undefined;
  if (!rows[0]!.cells.every(isNumber)) header = rows.shift()!.cells;
  if (rows.length === 0)
    throw new RuntimeError(`${file}: malformed CSV: a header but no data rows`);
  const width = header?.length ?? rows[0]!.cells.length;
  const wanted = options.column ?? 0;
  let index: number;
  if (typeof wanted === 'number' || /^\d+$/.test(wanted)) {
    index = Number(wanted);
    if (index >= width) {
      throw new UsageError(
        `--column ${wanted} is out of range: ${file} has ${width} column(s), numbered from 0`,
      );
    }
  } else {
    index = header ? header.indexOf(wanted) : -1;
    if (index < 0) {
      const names = header ? `columns are ${header.join(', ')}` : 'it has no header row';
      throw new UsageError(`--column '${wanted}' not found in ${file}: ${names}`);
    }
  }
  const values = new Float64Array(rows.length);
  rows.forEach(({ line, cells }, i) => {
    const cell = cells[index];
    if (cell === undefined) {
      throw new RuntimeError(
        `${file}: malformed CSV: line ${line} has ${cells.length} field(s), column ${index} is missing`,
      );
    }
    if (!isNumber(cell)) {
      throw new RuntimeError(
        `${file}: malformed CSV: line ${line}, column ${index}: '${cell}' is not a number`,
      );
    }
    values[i] = Number(cell);
  });
  return { values, name: header?.[index] ?? `column ${index}`, index };
}

function detectDelimiter(lines: readonly string[]): string {
  const sample = lines.find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
  if (sample.includes(',')) return ',';
  if (sample.includes('\t')) return '\t';
  if (sample.includes(';')) return ';';
  return 'space';
}
