/**
 * A config that does not match an experiment's schema: unknown field, wrong type or out of range.
 * The message lists every problem as `path: rule, got value`.
 */
export class ConfigError extends RangeError {
  /** Machine-readable kind, the same for every instance. */
  readonly code = 'invalid-config' as const;
  /** One line per problem, `path: rule, got value` (empty on an error rebuilt from a worker). */
  readonly problems: readonly string[];

  /**
   * @param experiment - the experiment whose schema rejected the config.
   * @param problems - one line per problem.
   */
  constructor(experiment: string, problems: readonly string[]) {
    super(`invalid ${experiment} config: ${problems.join('; ')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/**
 * A checkpoint directory (or unit file) written by a different experiment, config, seed or
 * backend. Mixing it into this run would give a result no single run could produce, so it is
 * refused.
 */
export class CheckpointMismatchError extends Error {
  /** Machine-readable kind, the same for every instance. */
  readonly code = 'checkpoint-mismatch' as const;

  /**
   * @param message - names the directory, both config hashes and the fields that differ.
   */
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointMismatchError';
  }
}

/**
 * A checkpoint unit file that is not what a run wrote: not JSON (truncated), without its content
 * hash, or edited since (the hash no longer matches). The message names the file and what is
 * wrong, never its content; the unit is refused, and deleting the file recomputes it.
 */
export class CheckpointCorruptError extends Error {
  /** Machine-readable kind, the same for every instance. */
  readonly code = 'checkpoint-corrupt' as const;

  /**
   * @param path - the unit file.
   * @param problem - what is wrong, e.g. `'is not valid JSON (truncated or overwritten)'`.
   */
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(
      `checkpoint unit ${path} ${problem}; refusing it (its content is not shown): delete the file to recompute the unit`,
    );
    this.name = 'CheckpointCorruptError';
  }
}

/** Thrown (as the rejection of `run`) when the caller's `AbortSignal` fires. */
export class RunAbortedError extends Error {
  /** Machine-readable kind, the same for every instance (its `name` is `AbortError`, as the platform's). */
  readonly code = 'aborted' as const;

  /** @param reason - the abort reason, if any. */
  constructor(reason?: unknown) {
    super(
      `run aborted${reason instanceof Error ? `: ${reason.message}` : reason !== undefined ? `: ${String(reason)}` : ''}`,
    );
    this.name = 'AbortError';
  }
}

/** @throws {RunAbortedError} when `signal` has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RunAbortedError(signal.reason);
}

/**
 * A run option that needs something the current platform lacks: a file system (`checkpointDir`,
 * a model file) or threads (`workers > 1`). In Node, `import '@rectify/experiments/node'` provides
 * both.
 */
export class PlatformError extends Error {
  /** Machine-readable kind, the same for every instance. */
  readonly code = 'platform-missing' as const;

  /**
   * @param message - names the option, what it needs and the value received.
   */
  constructor(message: string) {
    super(message);
    this.name = 'PlatformError';
  }
}

/** An error as a worker thread sends it: its class name, `code` where it has one, message and stack. */
export interface SentError {
  /** The error's `name`. */
  name: string;
  /** Its `code`, when it is a string. */
  code?: string;
  /** Its message. */
  message: string;
  /** Its stack, when known. */
  stack?: string;
}

const TYPED_ERRORS: Record<string, new (...args: never[]) => Error> = {
  ConfigError,
  CheckpointMismatchError,
  CheckpointCorruptError,
  AbortError: RunAbortedError,
  PlatformError,
  RangeError,
  TypeError,
};

/**
 * Turns an error into what a worker thread can post ({@link SentError}).
 *
 * @param error - any thrown value.
 * @returns its name, code (when a string), message and stack.
 */
export function sendError(error: unknown): SentError {
  const e = error instanceof Error ? error : new Error(String(error));
  const code = (e as { code?: unknown }).code;
  return {
    name: e.name,
    ...(typeof code === 'string' ? { code } : {}),
    message: e.message,
    ...(e.stack !== undefined ? { stack: e.stack } : {}),
  };
}

/**
 * Rebuilds an error a worker thread sent as an instance of its own class, so the caller can test
 * it with `instanceof` and `code`: this package's errors (`ConfigError`,
 * `CheckpointMismatchError`, `CheckpointCorruptError`, `RunAbortedError`, `PlatformError`),
 * `RangeError` and `TypeError`; any other becomes an `Error` with the sent `name` and `code`.
 * The constructor is not run, so fields beyond `name`, `code`, `message` and `stack` are absent
 * (a rebuilt `ConfigError` has no `problems` list; its message lists them).
 *
 * @param sent - the posted error.
 * @returns the rebuilt error.
 * @example
 * ```ts
 * const error = reviveError(sendError(new ConfigError('minimal-dc', ['epochs: too small'])));
 * error instanceof ConfigError; // true
 * ```
 */
export function reviveError(sent: SentError): Error {
  const Class = TYPED_ERRORS[sent.name] ?? Error;
  const error = Object.create(Class.prototype) as Error;
  const own = (key: string, value: unknown) =>
    Object.defineProperty(error, key, { value, writable: true, configurable: true });
  own('message', sent.message);
  own('name', sent.name);
  if (sent.code !== undefined) own('code', sent.code);
  if (sent.name === 'ConfigError') own('problems', []);
  own('stack', sent.stack ?? `${sent.name}: ${sent.message}`);
  return error;
}
