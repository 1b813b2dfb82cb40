/**
 * A config that does not match an experiment's schema: unknown field, wrong type or out of range.
 * The message lists every problem as `path: rule, got value`.
 */
export class ConfigError extends RangeError {
  /** One line per problem, `path: rule, got value`. */
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
  /**
   * @param message - names the option, what it needs and the value received.
   */
  constructor(message: string) {
    super(message);
    this.name = 'PlatformError';
  }
}
