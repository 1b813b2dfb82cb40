// The `@rectify/experiments/node/files` entry: reading a recording and a config file safely,
// without tfjs (it loads as fast as signal), for the CLI, a Node script or a batch job.
import { constants, type Stats } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { decodeRecording, type Recording } from '@rectify/signal';
import { jsonSyntaxErrorPlace } from '../core/json-place';

/** The largest recording {@link readRecordingBytes} reads by default (bytes, 1 GiB). */
export const MAX_RECORDING_BYTES = 1 << 30;

/** What a path that is not a regular file is (see {@link RecordingFileError}). */
export type FileKind = 'directory' | 'device' | 'FIFO' | 'socket' | 'special file';

/** Why {@link readRecordingBytes} refused a file. */
export type RecordingFileErrorCode = 'not-a-file' | 'too-large' | 'unreadable';

/** A recording file that is not a regular file, is too large, or cannot be read. */
export class RecordingFileError extends Error {
  override readonly name = 'RecordingFileError';
  /**
   * @param code - `not-a-file`, `too-large` or `unreadable`.
   * @param path - the file.
   * @param message - starts with the quoted path, e.g. `'/dev/zero' must be a regular file, got a device`.
   * @param details - `kind` (not-a-file), `size` and `maxBytes` (too-large, bytes), `errno`
   *   (unreadable: Node's error code such as `ENOENT`, or `error`).
   */
  constructor(
    readonly code: RecordingFileErrorCode,
    readonly path: string,
    message: string,
    readonly details: { kind?: FileKind; size?: number; maxBytes?: number; errno?: string } = {},
  ) {
    super(message);
  }
}

function fileKind(info: Stats): FileKind {
  if (info.isDirectory()) return 'directory';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'device';
  if (info.isFIFO()) return 'FIFO';
  if (info.isSocket()) return 'socket';
  return 'special file';
}

/**
 * Reads a whole file that must be a regular file of at most `maxBytes`: checked by path before
 * opening (opening a FIFO would block), then again on the file opened with O_NONBLOCK, so a file
 * swapped for a FIFO or a device in between is refused, never read.
 *
 * @param path - the file.
 * @param options.maxBytes - the largest size read (bytes, integer ≥ 0; default
 *   {@link MAX_RECORDING_BYTES}, 1 GiB).
 * @returns the file's bytes.
 * @throws {RecordingFileError} `not-a-file` (a directory, device, FIFO, socket),
 *   `too-large` (more than `maxBytes`), or `unreadable` (with Node's error code).
 * @throws RangeError for a `maxBytes` that is not an integer ≥ 0.
 * @example
 * ```ts
 * const bytes = await readRecordingBytes('ppg.csv', { maxBytes: 1 << 20 });
 * ```
 */
export async function readRecordingBytes(
  path: string,
  options: { maxBytes?: number } = {},
): Promise<Uint8Array> {
  const maxBytes = options.maxBytes ?? MAX_RECORDING_BYTES;
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0)
    throw new RangeError(`maxBytes must be an integer ≥ 0 (bytes), got ${String(maxBytes)}`);
  const check = (info: Stats) => {
    if (!info.isFile()) {
      const kind = fileKind(info);
      throw new RecordingFileError(
        'not-a-file',
        path,
        `'${path}' must be a regular file, got a ${kind}`,
        { kind },
      );
    }
    if (info.size > maxBytes)
      throw new RecordingFileError(
        'too-large',
        path,
        `'${path}' holds ${info.size} bytes, more than the ${maxBytes} read at most`,
        { size: info.size, maxBytes },
      );
  };
  try {
    check(await stat(path));
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      check(await handle.stat());
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (e) {
    if (e instanceof RecordingFileError) throw e;
    const errno = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new RecordingFileError('unreadable', path, `'${path}' cannot be read: ${errno}`, {
      errno,
    });
  }
}

/** Options of {@link readRecordingFile}. */
export interface ReadRecordingFileOptions {
  /** WAV: the channel (integer ≥ 0, default 0); CSV: the column index or header name (default 0). */
  column?: string | number;
  /** Sample rate (Hz, finite > 0): required for a CSV; for a WAV it replaces the header's rate. */
  fs?: number;
  /** The largest file read (bytes; default {@link MAX_RECORDING_BYTES}, 1 GiB). */
  maxBytes?: number;
}

/**
 * Reads one channel of a recording file: a WAV channel or a CSV/TSV column (chosen by the
 * name: `.wav` is WAV), read safely by {@link readRecordingBytes} and decoded by signal's
 * `decodeRecording`.
 *
 * @param path - the file.
 * @param options - `column`, `fs` (Hz), `maxBytes` (bytes); see {@link ReadRecordingFileOptions}.
 * @returns signal's `Recording`: the samples, the rate (Hz) and what was read.
 * @throws {RecordingFileError} for a file that is not a regular file, too large or unreadable.
 * @throws signal's `DecodeError` (`missing-rate`, `no-such-column`, the decoders' codes),
 *   unchanged; RangeError for an `fs` that is not a finite number > 0.
 * @example
 * ```ts
 * const { samples, fs } = await readRecordingFile('ppg.csv', { column: 'ppg', fs: 32 });
 * ```
 */
export async function readRecordingFile(
  path: string,
  options: ReadRecordingFileOptions = {},
): Promise<Recording> {
  const bytes = await readRecordingBytes(
    path,
    options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {},
  );
  return decodeRecording(bytes, {
    name: path,
    ...(options.column !== undefined ? { column: options.column } : {}),
    ...(options.fs !== undefined ? { fs: options.fs, fsOverridesHeader: true } : {}),
  });
}

/** Why {@link readConfigFile} refused a file. */
export type ConfigFileErrorCode = 'unreadable' | 'syntax' | 'not-object';

/** A config file that cannot be read, is not JSON, or holds no JSON object. */
export class ConfigFileError extends Error {
  override readonly name = 'ConfigFileError';
  /**
   * @param code - `unreadable`, `syntax` or `not-object`.
   * @param path - the file.
   * @param message - starts with the quoted path, e.g. `'c.json' is not valid JSON at line 2, column 5`.
   */
  constructor(
    readonly code: ConfigFileErrorCode,
    readonly path: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Reads a JSON config file (an object, to merge over a preset with `resolveConfig`). Messages
 * name the file and the place of a syntax error, never the file's content.
 *
 * @param path - the file.
 * @returns the object.
 * @throws {ConfigFileError} `unreadable` (with the errno code), `syntax` (line and column) or
 *   `not-object` (what it holds instead).
 * @example
 * ```ts
 * const overrides = await readConfigFile('minimal-dc.json'); // then resolveConfig(name, { overrides })
 * ```
 */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new ConfigFileError('unreadable', path, `'${path}' cannot be read: ${code}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const place = jsonSyntaxErrorPlace(text, e);
    throw new ConfigFileError('syntax', path, `'${path}' is not valid JSON${place}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const got = value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
    throw new ConfigFileError('not-object', path, `'${path}' must hold a JSON object, got ${got}`);
  }
  return value as Record<string, unknown>;
}
