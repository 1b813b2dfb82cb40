/**
 * A problem with how the command was called (unknown flag, malformed value, bad config):
 * reported on one stderr line, exit code 2.
 */
export class UsageError extends Error {
  /** Process exit code for usage errors. */
  readonly exitCode = 2;
  /** Machine-readable kind. */
  readonly code = 'usage';
  override name = 'UsageError';
}

/**
 * A problem met while doing the work (unreadable or malformed file, unwritable output):
 * reported on one stderr line, exit code 1.
 */
export class RuntimeError extends Error {
  /** Process exit code for runtime errors. */
  readonly exitCode = 1;
  /** Machine-readable kind. */
  readonly code = 'runtime';
  override name = 'RuntimeError';
}

/** The run was stopped by SIGINT; the checkpoint is kept. Exit code 130 (128 + SIGINT). */
export class InterruptedError extends Error {
  /** Process exit code after an interrupt, as shells report it. */
  readonly exitCode = 130;
  /** Machine-readable kind. */
  readonly code = 'interrupted';
  override name = 'InterruptedError';
}

/** Any error the CLI reports with a chosen exit code. */
export type CliError = UsageError | RuntimeError | InterruptedError;

// Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters escaped
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Turn any thrown value into one line of text (no stack trace, no embedded newlines). Other
 * control characters a message may quote from a flag or a file (`\r`, a terminal escape) are
 * written as `\u001b`, so that the line is one line on a terminal too.
 *
 * @param error - the thrown value.
 * @returns a single line describing it.
 */
export function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (
    text
      .replace(/\s*\n\s*/g, ' ')
      .trim()
      .replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) ||
    'unknown error'
  );
}

/**
 * Whether a thrown value says the work was cancelled: experiments' `RunAbortedError` (code
 * `aborted`) or the platform's `AbortError` `DOMException` (what `AbortSignal.throwIfAborted` throws).
 *
 * @param error - the thrown value.
 * @returns true for a cancellation.
 */
export function isAbortError(error: unknown): boolean {
  if (error instanceof DOMException) return error.code === DOMException.ABORT_ERR;
  return error instanceof Error && (error as { code?: unknown }).code === 'aborted';
}

/**
 * Exit code for a thrown value: its own for CLI errors, 1 (runtime) for anything else.
 *
 * @param error - the thrown value.
 * @returns 1, 2 or 130.
 */
export function exitCodeOf(error: unknown): number {
  if (
    error instanceof UsageError ||
    error instanceof RuntimeError ||
    error instanceof InterruptedError
  ) {
    return error.exitCode;
  }
  return 1;
}
