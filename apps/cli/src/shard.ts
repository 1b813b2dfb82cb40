import type { Experiment, ShardSpec } from '@rectify/experiments';
import type { CliContext } from './context';
import { type ExperimentName, loadExperiments } from './experiments-api';
import { runWithProgress } from './progress';

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
  /** Worker threads; default experiments' `shardWorkers` (`SLURM_CPUS_PER_TASK`), else the package's default (cores). */
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
  const workers = options.workers ?? mod.shardWorkers(process.env);
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
