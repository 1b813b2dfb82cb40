import type { Experiment } from '@rectify/experiments';
import type { CliContext } from './context';
import { UsageError } from './errors';
import { type ExperimentName, loadExperiments } from './experiments-api';
import { runWithProgress } from './progress';

/** One shard of a run: zero-based `index` of `count`, and where the two numbers came from. */
export interface ShardSpec {
  /** Zero-based shard index, 0 ≤ index < count (as `SLURM_ARRAY_TASK_ID` and `JOB_COMPLETION_INDEX` count). */
  index: number;
  /** Number of shards ≥ 1. */
  count: number;
  /** Where index and count came from, for messages (e.g. `SLURM_ARRAY_TASK_ID=2, --shard auto/4`). */
  source: string;
}

const SHARD_TEXT = /^(\d+)\/(\d+)$/;
const AUTO_TEXT = /^auto(?:\/(\d+))?$/;

function envInteger(env: NodeJS.ProcessEnv, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 0) {
    throw new UsageError(`${name} must be an integer ≥ 0, got '${raw}'`);
  }
  return value;
}

function checkSpec(index: number, count: number, source: string): ShardSpec {
  if (count < 1)
    throw new UsageError(`--shard count must be an integer ≥ 1, got ${count} (${source})`);
  // Digits past 2^53 round silently (9007199254740993 reads as …992): refused, not rounded.
  if (!Number.isSafeInteger(count) || !Number.isSafeInteger(index))
    throw new UsageError(
      `--shard index and count must be integers of at most ${Number.MAX_SAFE_INTEGER}, got ${source}`,
    );
  if (index >= count) {
    throw new UsageError(
      `--shard index must be in [0, ${count - 1}] (zero-based, like SLURM_ARRAY_TASK_ID), got ${index} of ${count} (${source})`,
    );
  }
  return { index, count, source };
}

/**
 * Parse `--shard`: `I/N` (zero-based, 0 ≤ I < N), or `auto` / `auto/N`, which read the index from
 * `SLURM_ARRAY_TASK_ID` (a Slurm job array) or else `JOB_COMPLETION_INDEX` (a Kubernetes Indexed
 * Job). The count is `N` when given, else `SLURM_ARRAY_TASK_COUNT` when the array is exactly
 * `0-(COUNT−1)`, else `RECTIFY_SHARD_COUNT`.
 *
 * @param text - the option's value.
 * @param env - the environment to read (default `process.env`).
 * @returns the shard.
 * @throws UsageError naming the rule and the value when the text or the environment does not give a shard.
 * @example
 * ```ts
 * parseShard('1/4'); // { index: 1, count: 4, source: '--shard 1/4' }
 * parseShard('auto', { SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '4', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_MAX: '3' });
 * ```
 */
export function parseShard(text: string, env: NodeJS.ProcessEnv = process.env): ShardSpec {
  const trimmed = text.trim();
  const fixed = SHARD_TEXT.exec(trimmed);
  if (fixed) return checkSpec(Number(fixed[1]), Number(fixed[2]), `--shard ${trimmed}`);
  const auto = AUTO_TEXT.exec(trimmed);
  if (!auto) {
    throw new UsageError(
      `--shard must be I/N (zero-based, 0 ≤ I < N), auto or auto/N, got '${text}'`,
    );
  }
  const slurmIndex = envInteger(env, 'SLURM_ARRAY_TASK_ID');
  const k8sIndex = envInteger(env, 'JOB_COMPLETION_INDEX');
  const index = slurmIndex ?? k8sIndex;
  if (index === undefined) {
    throw new UsageError(
      '--shard auto needs SLURM_ARRAY_TASK_ID (a Slurm job array task) or JOB_COMPLETION_INDEX (a Kubernetes Indexed Job pod); neither is set — give --shard I/N instead',
    );
  }
  const indexSource =
    slurmIndex !== undefined ? `SLURM_ARRAY_TASK_ID=${index}` : `JOB_COMPLETION_INDEX=${index}`;
  if (auto[1] !== undefined)
    return checkSpec(index, Number(auto[1]), `${indexSource}, --shard ${trimmed}`);
  if (slurmIndex !== undefined) {
    const count = envInteger(env, 'SLURM_ARRAY_TASK_COUNT');
    const min = envInteger(env, 'SLURM_ARRAY_TASK_MIN');
    const max = envInteger(env, 'SLURM_ARRAY_TASK_MAX');
    if (count !== undefined && min === 0 && max === count - 1) {
      return checkSpec(index, count, `${indexSource}, SLURM_ARRAY_TASK_COUNT=${count}`);
    }
    if (count !== undefined) {
      throw new UsageError(
        `--shard auto cannot take the shard count from a Slurm array that is not 0-(N-1) (SLURM_ARRAY_TASK_MIN=${String(min)}, SLURM_ARRAY_TASK_MAX=${String(max)}, SLURM_ARRAY_TASK_COUNT=${count}); give --shard auto/N`,
      );
    }
  }
  const fromEnv = envInteger(env, 'RECTIFY_SHARD_COUNT');
  if (fromEnv !== undefined)
    return checkSpec(index, fromEnv, `${indexSource}, RECTIFY_SHARD_COUNT=${fromEnv}`);
  throw new UsageError(
    `--shard auto found ${indexSource} but not the number of shards; give --shard auto/N or set RECTIFY_SHARD_COUNT (on Kubernetes: the Job's completions)`,
  );
}

/** An experiment of the registry with its unit types erased (the CLI only moves them between files). */
export type AnyExperiment = Experiment<unknown, unknown, Record<string, unknown>>;

/**
 * The registry entry of `name`, typed for unit handling.
 *
 * @param mod - the loaded `@rectify/experiments` module.
 * @param name - registry name.
 * @returns the experiment.
 */
export function experimentOf(
  mod: Awaited<ReturnType<typeof loadExperiments>>,
  name: ExperimentName,
): AnyExperiment {
  return mod.experiments[name] as unknown as AnyExperiment;
}

/** Options of one shard's run, resolved by `rectify run`. */
export interface ShardRunOptions {
  /** The shared `--out` directory. */
  dir: string;
  /** The validated config. */
  config: unknown;
  /** The run's seed. */
  seed: number;
  /** The preset the config was built from (recorded in run.json). */
  preset: 'quick' | 'paper';
  /** The shard. */
  shard: ShardSpec;
  /** Worker threads; default `SLURM_CPUS_PER_TASK`, else the package's default (cores). */
  workers?: number;
  /** Print a JSON summary instead of text. */
  json?: boolean;
}

/**
 * `rectify run <experiment> --shard I/N`: run only shard I's units into the shared run directory
 * (the experiments package's contract: units stored atomically in `<out>/checkpoint/units/`,
 * stored ones reused, a completion marker per shard), and exit without merging.
 *
 * @param experiment - registry name.
 * @param options - directory, config, seed, shard, workers.
 * @param context - streams and interrupt signal.
 * @throws CheckpointMismatchError (exit 2) when `<out>` holds units of another config;
 *   InterruptedError (exit 130) on SIGINT.
 */
export async function runShard(
  experiment: ExperimentName,
  options: ShardRunOptions,
  context: CliContext,
): Promise<void> {
  const mod = await loadExperiments();
  const { index, count } = options.shard;
  const shard = mod.openShard(options.dir, {
    experiment,
    config: options.config,
    seed: options.seed,
    preset: options.preset,
    index,
    count,
  });
  const { prepared, unitIds, reused, paths } = shard;
  const label = `${experiment} shard ${index}/${count}`;
  context.stderr(
    `rectify: ${label}: ${unitIds.length} of ${prepared.unitIds.length} units (${reused} already present), seed ${prepared.seed}, config hash ${prepared.configHash.slice(0, 12)} into ${options.dir} [${options.shard.source}]\n`,
  );
  const slurmCpus = process.env.SLURM_CPUS_PER_TASK;
  const workers =
    options.workers ??
    (slurmCpus && Number(slurmCpus) >= 1 ? Math.floor(Number(slurmCpus)) : undefined);
  const marker = await runWithProgress(
    (hooks) => mod.runShard(shard, { ...(workers !== undefined ? { workers } : {}), ...hooks }),
    {
      label,
      context,
      interruptedMessage: `interrupted; finished units are kept in ${paths.units}; run the same command again to finish shard ${index}/${count}`,
    },
  );
  if (options.json) {
    context.stdout(
      `${JSON.stringify({ experiment, dir: options.dir, configHash: prepared.configHash, ...marker }, null, 2)}\n`,
    );
    return;
  }
  context.stdout(
    `${label}: ${unitIds.length} unit(s) — ${marker.computed} computed, ${reused} already present — in ${paths.units}\nwhen every shard is done: rectify merge --out ${options.dir}\n`,
  );
}
