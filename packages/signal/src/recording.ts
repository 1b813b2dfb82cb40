import { checkPositive } from './validate';
import { decodeWav } from './wav';

// A global of every browser and of Node; the ES library this package compiles against (no DOM,
// no Node types, by the dependency rule) does not declare it.
declare const TextDecoder: new (label: 'utf-8') => { decode(input: Uint8Array): string };
import { DecodeError } from './decode-error';

/** One numeric column read from a delimited text file. */
export interface CsvColumn {
  /** The samples. */
  values: Float64Array;
  /** The column's header name, or `column N` (zero-based) when the file has no header. */
  name: string;
  /** Zero-based column index. */
  index: number;
}

/** Options of {@link decodeCsv}. */
export interface DecodeCsvOptions {
  /** Zero-based column index, or a header name (default 0). */
  column?: string | number;
  /** The file name, for messages (default `CSV file`). */
  name?: string;
}

/**
 * Reads one numeric column of a CSV/TSV/semicolon/whitespace-separated file (UTF-8). Blank lines
 * and lines starting with `#` are skipped; a first row that is not numeric is the header; cells
 * may be double-quoted. The delimiter is the first of `,`, tab, `;` found in the first data line
 * (RFC 4180 for commas), else runs of whitespace.
 *
 * @param data - the file's bytes, or its text.
 * @param options - `column`, `name` (see {@link DecodeCsvOptions}).
 * @returns the column's values, its header name (or `column N`) and its index.
 * @throws {@link DecodeError} `malformed-csv` naming the file, line and cell that is not a
 *   number (or a binary file), `no-such-column` for a column that is not there.
 * @example
 * ```ts
 * decodeCsv('t,ppg\n0,1.5\n0.03,-0.2\n', { column: 'ppg' }).values; // [1.5, -0.2]
 * ```
 */
export function decodeCsv(data: Uint8Array | string, options: DecodeCsvOptions = {}): CsvColumn {
  const file = options.name ?? 'CSV file';
  const text = typeof data === 'string' ? data : new TextDecoder('utf-8').decode(data);
  if (text.includes('\u0000'))
    throw new DecodeError(
      'malformed-csv',
      `${file}: malformed CSV: the file is binary (use .wav for audio)`,
    );
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
  if (rows.length === 0)
    throw new DecodeError('malformed-csv', `${file}: malformed CSV: no data rows`);
  const isNumber = (c: string) => c !== '' && Number.isFinite(Number(c));
  let header: string[] | undefined;
  if (!rows[0]!.cells.every(isNumber)) header = rows.shift()!.cells;
  if (rows.length === 0)
    throw new DecodeError('malformed-csv', `${file}: malformed CSV: a header but no data rows`);
  const width = header?.length ?? rows[0]!.cells.length;
  const wanted = options.column ?? 0;
  let index: number;
  if (typeof wanted === 'number' || /^\d+$/.test(wanted)) {
    index = Number(wanted);
    if (index >= width) {
      throw new DecodeError(
        'no-such-column',
        `column ${columnName(wanted)} is out of range: ${file} has ${width} column(s), numbered from 0`,
      );
    }
  } else {
    index = header ? header.indexOf(wanted) : -1;
    if (index < 0) {
      const names = header ? `columns are ${headerList(header)}` : 'it has no header row';
      throw new DecodeError(
        'no-such-column',
        `column ${excerpt(wanted)} not found in ${file}: ${names}`,
      );
    }
  }
  const values = new Float64Array(rows.length);
  rows.forEach(({ line, cells }, i) => {
    const cell = cells[index];
    if (cell === undefined) {
      throw new DecodeError(
        'malformed-csv',
        `${file}: malformed CSV: line ${line} has ${cells.length} field(s), column ${index} is missing`,
      );
    }
    if (!isNumber(cell)) {
      throw new DecodeError(
        'malformed-csv',
        `${file}: malformed CSV: line ${line}, column ${index}: ${excerpt(cell)} is not a number`,
      );
    }
    values[i] = Number(cell);
  });
  return { values, name: header?.[index] ?? `column ${index}`, index };
}

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Text from a file or a caller, fit for a one-line message: quoted, control characters escaped
 * (`\u001b`), at most `most` characters of it shown, so that a hostile file can put neither a
 * line break, a terminal escape nor a megabyte into an error message.
 */
function excerpt(text: string, most = 40): string {
  const shown = text.length > most ? `${text.slice(0, most)}…` : text;
  const escaped = shown.replace(
    UNPRINTABLE,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return `'${escaped}'${text.length > most ? ` (${text.length} characters)` : ''}`;
}

/** A column or channel as the caller gave it: a plain index, else an {@link excerpt}. */
function columnName(column: string | number | undefined): string {
  const text = String(column);
  return /^\d{1,15}$/.test(text) ? text : excerpt(text);
}

/** Header names for a message: the first few, each an {@link excerpt}. */
function headerList(header: readonly string[], most = 8): string {
  const names = header.slice(0, most).map((h) => excerpt(h, 24));
  return `${names.join(', ')}${header.length > most ? `, … (${header.length} in all)` : ''}`;
}

function detectDelimiter(lines: readonly string[]): string {
  const sample = lines.find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
  if (sample.includes(',')) return ',';
  if (sample.includes('\t')) return '\t';
  if (sample.includes(';')) return ';';
  return 'space';
}

/** A decoded recording: one channel or column of samples and its rate. */
export interface Recording {
  /** The samples (signal units; WAV integer encodings scaled to [−1, 1]). */
  samples: Float64Array;
  /** Sample rate, Hz. */
  fs: number;
  /** What was read, e.g. `channel 0 (pcm16)` or the CSV column's header name. */
  source: string;
}

/** Options of {@link decodeRecording}. */
export interface DecodeRecordingOptions {
  /** The file name: `.wav` (any case) is read as WAV, anything else as CSV; also used in messages. */
  name: string;
  /** WAV: the channel (integer ≥ 0, default 0); CSV: the column index or header name (default 0). */
  column?: string | number;
  /** Sample rate in Hz, finite > 0: required for CSV (which holds none); see `fsOverridesHeader` for WAV. */
  fs?: number;
  /** Whether `fs` replaces a WAV header's rate (default false: the header's rate wins). */
  fsOverridesHeader?: boolean;
}

/**
 * Decodes a recording, a WAV or CSV file chosen by its name, into one channel of samples and
 * its rate: {@link decodeWav} or {@link decodeCsv}.
 *
 * @param bytes - the file's contents.
 * @param options - `name`, `column`, `fs`, `fsOverridesHeader` (see {@link DecodeRecordingOptions}).
 * @returns {@link Recording}.
 * @throws {@link DecodeError}: `missing-rate` for a CSV without `fs`, `no-such-column`, or the
 *   decoders' own codes; RangeError for an fs that is not a finite number > 0.
 * @example
 * ```ts
 * const { samples, fs } = decodeRecording(bytes, { name: 'ppg.csv', column: 'ppg', fs: 32 });
 * ```
 */
export function decodeRecording(bytes: Uint8Array, options: DecodeRecordingOptions): Recording {
  const { name, column } = options;
  const fs = options.fs === undefined ? undefined : checkPositive('fs', options.fs);
  if (/\.wav$/i.test(name)) {
    const wav = decodeWav(bytes, name);
    const channel = column === undefined ? 0 : Number(column);
    const samples = Number.isInteger(channel) && channel >= 0 ? wav.channels[channel] : undefined;
    if (!samples) {
      throw new DecodeError(
        'no-such-column',
        `column ${columnName(column)} is out of range: ${name} has ${wav.channels.length} channel(s), numbered from 0`,
      );
    }
    const rate = fs !== undefined && options.fsOverridesHeader === true ? fs : wav.sampleRate;
    return { samples, fs: rate, source: `channel ${channel} (${wav.encoding})` };
  }
  if (fs === undefined) {
    throw new DecodeError(
      'missing-rate',
      `fs is required to read a CSV recording ('${name}'): the sample rate in Hz`,
    );
  }
  const col = decodeCsv(bytes, { ...(column !== undefined ? { column } : {}), name });
  return { samples: col.values, fs, source: col.name };
}
