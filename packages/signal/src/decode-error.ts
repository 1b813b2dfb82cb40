/** What is wrong with a recording; see {@link DecodeError}. */
export type DecodeErrorCode =
  | 'malformed-wav'
  | 'unsupported-wav'
  | 'malformed-csv'
  | 'no-such-column'
  | 'missing-rate';

/**
 * The error thrown by {@link decodeWav}, {@link decodeCsv} and {@link decodeRecording} for bytes
 * that are not a readable recording, or a column that is not in it. The message names the file,
 * the rule and what was found, e.g. `x.wav: not a readable WAV file: missing RIFF/WAVE header`.
 *
 * @example
 * ```ts
 * try {
 *   decodeRecording(bytes, { name: 'ppg.csv' });
 * } catch (error) {
 *   if (error instanceof DecodeError && error.code === 'missing-rate') askForTheRate();
 * }
 * ```
 */
export class DecodeError extends Error {
  /** Machine-readable kind of failure: a caller error (`no-such-column`, `missing-rate`) or a bad file. */
  readonly code: DecodeErrorCode;

  /**
   * @param code - the kind of failure.
   * @param message - names the file, the rule and what was found.
   */
  constructor(code: DecodeErrorCode, message: string) {
    super(message);
    this.name = 'DecodeError';
    this.code = code;
  }
}
