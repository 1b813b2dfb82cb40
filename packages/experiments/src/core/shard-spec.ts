/** One shard of a run: zero-based `index` of `count`, and where the two numbers came from. */
export interface ShardSpec {
  /** Zero-based shard index, 0 ≤ index < count (as `SLURM_ARRAY_TASK_ID` and `JOB_COMPLETION_INDEX` count). */
  index: number;
  /** Number of shards ≥ 1. */
  count: number;
  /** Where index and count came from, for messages (e.g. `SLURM_ARRAY_TASK_ID=2, shard auto/4`). */
  source: string;
}

/** The environment {@link parseShard} reads: variable name → value (`process.env` in Node). */
export type ShardEnvironment = Readonly<Record<string, string | undefined>>;

/**
 * Why a shard text or the scheduler's environment gives no shard: `malformed` text, an index or
 * count `out-of-range`, or an `environment` that lacks or garbles the scheduler's variables.
 */
export type ShardSpecErrorCode = 'malformed' | 'out-of-range' | 'environment';

/** A shard text or environment that gives no shard; the message names the rule and the value. */
export class ShardSpecError extends RangeError {
  /** The kind of problem. */
  readonly code: ShardSpecErrorCode;

  /**
   * @param code - the kind of problem.
   * @param message - names the parameter or variable, the rule and the value received.
   */
  constructor(code: ShardSpecErrorCode, message: string) {
    super(message);
    this.name = 'ShardSpecError';
    this.code = code;
  }
}

const SHARD_TEXT = /^(\d+)\/(\d+)$/;
const AUTO_TEXT = /^auto(?:\/(\d+))?$/;

function envInteger(env: ShardEnvironment, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 0) {
    throw new ShardSpecError('environment', `${name} must be an integer ≥ 0, got '${raw}'`);
  }
  return value;
}

/**
 * Parses a shard: `I/N` (zero-based, 0 ≤ I < N), or `auto` / `auto/N`, which read the index from
 * `SLURM_ARRAY_TASK_ID` (a Slurm job array) or else `JOB_COMPLETION_INDEX` (a Kubernetes Indexed
 * Job). The count is `N` when given, else `SLURM_ARRAY_TASK_COUNT` when the array is exactly
 * `0-(COUNT−1)`, else `RECTIFY_SHARD_COUNT`.
 *
 * @param text - the shard text.
 * @param env - the environment to read (`process.env` in Node).
 * @param name - the parameter's name in messages and in `source` (default `shard`; the CLI
 *   passes `--shard`).
 * @returns the shard.
 * @throws {ShardSpecError} naming the rule and the value when the text or the environment does
 *   not give a shard.
 * @example
 * ```ts
 * parseShard('1/4', {}); // { index: 1, count: 4, source: 'shard 1/4' }
 * parseShard('auto', process.env); // inside a Slurm array task or a Kubernetes Indexed Job
 * ```
 */
export function parseShard(text: string, env: ShardEnvironment, name = 'shard'): ShardSpec {
  const checkSpec = (index: number, count: number, source: string): ShardSpec => {
    if (count < 1)
      throw new ShardSpecError(
        'out-of-range',
        `${name} count must be an integer ≥ 1, got ${count} (${source})`,
      );
    // Digits past 2^53 round silently (9007199254740993 reads as …992): refused, not rounded.
    if (!Number.isSafeInteger(count) || !Number.isSafeInteger(index))
      throw new ShardSpecError(
        'out-of-range',
        `${name} index and count must be integers of at most ${Number.MAX_SAFE_INTEGER}, got ${source}`,
      );
    if (index >= count) {
      throw new ShardSpecError(
        'out-of-range',
        `${name} index must be in [0, ${count - 1}] (zero-based, like SLURM_ARRAY_TASK_ID), got ${index} of ${count} (${source})`,
      );
    }
    return { index, count, source };
  };
  const trimmed = text.trim();
  const fixed = SHARD_TEXT.exec(trimmed);
  if (fixed) return checkSpec(Number(fixed[1]), Number(fixed[2]), `${name} ${trimmed}`);
  const auto = AUTO_TEXT.exec(trimmed);
  if (!auto) {
    throw new ShardSpecError(
      'malformed',
      `${name} must be I/N (zero-based, 0 ≤ I < N), auto or auto/N, got '${text}'`,
    );
  }
  const slurmIndex = envInteger(env, 'SLURM_ARRAY_TASK_ID');
  const k8sIndex = envInteger(env, 'JOB_COMPLETION_INDEX');
  const index = slurmIndex ?? k8sIndex;
  if (index === undefined) {
    throw new ShardSpecError(
      'environment',
      `${name} auto needs SLURM_ARRAY_TASK_ID (a Slurm job array task) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job pod); neither is set — give ${name} I/N instead`,
    );
  }
  const indexSource =
    slurmIndex !== undefined ? `SLURM_ARRAY_TASK_ID=${index}` : `JOB_COMPLETION_INDEX=${index}`;
  if (auto[1] !== undefined)
    return checkSpec(index, Number(auto[1]), `${indexSource}, ${name} ${trimmed}`);
  if (slurmIndex !== undefined) {
    const count = envInteger(env, 'SLURM_ARRAY_TASK_COUNT');
    const min = envInteger(env, 'SLURM_ARRAY_TASK_MIN');
    const max = envInteger(env, 'SLURM_ARRAY_TASK_MAX');
    if (count !== undefined && min === 0 && max === count - 1) {
      return checkSpec(index, count, `${indexSource}, SLURM_ARRAY_TASK_COUNT=${count}`);
    }
    if (count !== undefined) {
      throw new ShardSpecError(
        'environment',
        `${name} auto cannot take the shard count from a Slurm array that is not 0-(N-1) (SLURM_ARRAY_TASK_MIN=${String(min)}, SLURM_ARRAY_TASK_MAX=${String(max)}, SLURM_ARRAY_TASK_COUNT=${count}); give ${name} auto/N`,
      );
    }
  }
  const fromEnv = envInteger(env, 'RECTIFY_SHARD_COUNT');
  if (fromEnv !== undefined)
    return checkSpec(index, fromEnv, `${indexSource}, RECTIFY_SHARD_COUNT=${fromEnv}`);
  throw new ShardSpecError(
    'environment',
    `${name} auto found ${indexSource} but not the number of shards; give ${name} auto/N or set RECTIFY_SHARD_COUNT (on Kubernetes: the Job's completions)`,
  );
}

/**
 * The worker threads a shard may use by its cluster's word: `SLURM_CPUS_PER_TASK` (the CPUs Slurm
 * gave the task, rounded down) when it is a number ≥ 1, else `undefined` (the package's default:
 * the machine's cores, which a Slurm node may hold more of than the task was given).
 *
 * @param env - the environment to read (`process.env` in Node).
 * @returns the worker count (threads, integer ≥ 1), or `undefined` when the environment gives none.
 * @example
 * ```ts
 * shardWorkers({ SLURM_CPUS_PER_TASK: '8' }); // 8
 * shardWorkers({}); // undefined
 * ```
 */
export function shardWorkers(env: ShardEnvironment): number | undefined {
  const cpus = env.SLURM_CPUS_PER_TASK;
  return cpus && Number(cpus) >= 1 ? Math.floor(Number(cpus)) : undefined;
}
