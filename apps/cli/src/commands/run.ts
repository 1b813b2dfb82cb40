import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord, ShardSpec } from '@rectify/experiments';
import type { RunIntoOptions, RunOutputs } from '@rectify/experiments/node';
import type { CliContext } from '../context';
import type { RunOptions } from '../program';
import { RuntimeError, UsageError } from '../errors';
import {
  experimentNames,
  type ExperimentName,
  loadExperiments,
  resolveConfig,
} from '../experiments-api';
import { ConfigFileError, readConfigFile as readConfig } from '@rectify/experiments/node/files';
import { claimsText, provenanceText } from '@rectify/experiments/report';
import { cliErrors, ensureWritableDir, lockOutDir } from '../outputs';
import { parseNumberOption, parseSeed } from '../parse';
import { runWithProgress } from '../progress';
import { runShard } from '../shard';

/**
 * Validate the experiment name.
 *
 * @param name - the positional argument.
 * @returns the name, typed.
 * @throws UsageError listing the known experiments.
 */
export function parseExperimentName(name: string): ExperimentName {
  if ((experimentNames as readonly string[]).includes(name)) return name as ExperimentName;
  throw new UsageError(
    `unknown experiment '${name}'; expected one of ${experimentNames.join(', ')}`,
  );
}

/**
 * Reads a `--config` JSON object (experiments' `readConfigFile`, from the light `./node/files`
 * entry: no tfjs is loaded to read a config).
 *
 * @param path - the file.
 * @returns the object.
 * @throws UsageError naming `--config`, the file and the rule (unreadable, not JSON, not an object).
 */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  try {
    return await readConfig(path);
  } catch (error) {
    if (error instanceof ConfigFileError) throw new UsageError(`--config ${error.message}`);
    throw error;
  }
}

/**
 * Runs one experiment into `dir` with experiments' `runIntoDirectory` under the progress display
 * (result.json, plots and summary.md; the checkpoint kept on an interrupt). Shared by `run` and
 * `repro`.
 *
 * @param experiment - registry name.
 * @param options - resolved config, seed, workers, preset, directory and whether to resume.
 * @param context - streams and interrupt signal.
 * @returns what was written.
 * @throws UsageError for an unfinished run without `--resume`; InterruptedError (exit 130) on
 *   SIGINT, with the checkpoint kept.
 */
export async function runInto(
  experiment: ExperimentName,
  options: RunIntoOptions & {
    resumeHint: string;
    /** Printed to stderr once the run is under way. */
    announce?: string;
  },
  context: CliContext,
): Promise<RunOutputs> {
  const { dir } = options;
  const mod = await loadExperiments();
  // The callers have made `dir` writable already (run: before the lock; repro: per experiment),
  // and runIntoDirectory checks again as it starts.
  const checkpointDir = mod.runDirectoryPaths(dir).checkpoint;
  if (!options.resume && mod.hasUnfinishedRun(dir))
    throw new UsageError(
      `--out '${dir}' holds an unfinished ${experiment} run (${checkpointDir}); pass --resume to continue it, or choose another --out`,
    );
  const { resumeHint, announce, ...run } = options;
  return cliErrors(() =>
    runWithProgress((hooks) => mod.runIntoDirectory(experiment, { ...run, ...hooks }), {
      label: experiment,
      context,
      header: announce,
      interruptedMessage: `interrupted; checkpoint kept in ${checkpointDir}; continue with: ${resumeHint}`,
    }),
  );
}

/**
 * Writes result.json, the plots and summary.md of a finished result (experiments'
 * `writeRunOutputs`), with its errors in the command's words.
 *
 * @param experiment - registry name.
 * @param dir - the run directory.
 * @param result - the result.
 * @returns what was written.
 */
export async function writeOutcome(
  experiment: ExperimentName,
  dir: string,
  result: Record<string, unknown>,
): Promise<RunOutputs> {
  const mod = await loadExperiments();
  return cliErrors(() => mod.writeRunOutputs(experiment, dir, result));
}

/**
 * `rectify run <experiment>`: resolve the config (preset ← --config ← --set, or the saved one on
 * --resume), run with progress, write the outputs, print the claims.
 *
 * @param name - the experiment's registry name.
 * @param options - the parsed flags.
 * @param context - streams and interrupt signal.
 */
export async function runCommand(
  name: string,
  options: RunOptions,
  context: CliContext,
): Promise<void> {
  const experiment = parseExperimentName(name);
  const seedGiven = options.seed !== undefined;
  const seed = parseSeed(options.seed ?? '0', (await loadExperiments()).seedRange);
  const workers =
    options.workers === undefined
      ? undefined
      : parseNumberOption('--workers', options.workers, 'integer≥1');
  const dir = options.out;
  const configFlags = options.config !== undefined || options.set.length > 0;
  let config: unknown;
  let runSeed = seed;
  let preset = options.preset;
  const mod = await loadExperiments();
  const saved = mod.runDirectoryPaths(dir).runRecord;
  if (options.resume && existsSync(saved) && !configFlags && !seedGiven) {
    let record: RunRecord;
    try {
      record = mod.readRunRecord(dir) as RunRecord;
    } catch (e) {
      throw new RuntimeError(`cannot read '${saved}' to resume: ${(e as Error).message}`);
    }
    if (record.experiment !== experiment) {
      throw new UsageError(
        `--out '${dir}' holds a ${record.experiment} run, not ${experiment}; cannot --resume it`,
      );
    }
    config = await resolveConfig(experiment, record.config as Record<string, unknown>);
    runSeed = record.seed;
    preset = record.preset;
  } else {
    const fromFile =
      options.config !== undefined ? await readConfigFile(options.config) : undefined;
    config = await resolveConfig(experiment, undefined, {
      preset: options.preset,
      overrides: fromFile,
      assignments: options.set,
    });
  }
  await ensureWritableDir(dir);
  if (options.shard !== undefined) {
    let shard: ShardSpec;
    try {
      shard = mod.parseShard(options.shard, process.env, '--shard');
    } catch (error) {
      if (error instanceof mod.ShardSpecError) throw new UsageError(error.message);
      throw error;
    }
    await runShard(
      experiment,
      {
        dir,
        config,
        seed: runSeed,
        preset,
        shard,
        ...(workers !== undefined ? { workers } : {}),
        json: Boolean(options.json),
      },
      context,
    );
    return;
  }
  if (options.resume && !mod.hasUnfinishedRun(dir)) {
    context.stderr(
      `rectify: note: nothing to resume in '${dir}'; running ${experiment} from the start\n`,
    );
  }
  // Shards share one --out by design; a whole run or resume has it to itself.
  const release = await lockOutDir(dir);
  let outcome: Awaited<ReturnType<typeof runInto>>;
  try {
    outcome = await runInto(
      experiment,
      {
        dir,
        config,
        seed: runSeed,
        ...(workers !== undefined ? { workers } : {}),
        preset,
        resume: Boolean(options.resume),
        resumeHint: `rectify run ${experiment} --out ${dir} --resume`,
        announce: `rectify: running ${experiment} (preset ${preset}, seed ${runSeed}) into ${dir}`,
      },
      context,
    );
  } finally {
    await release();
  }
  if (options.json) {
    context.stdout(
      `${JSON.stringify({ experiment, dir, files: outcome.files, claims: outcome.claims, configHash: outcome.result.configHash }, null, 2)}\n`,
    );
    return;
  }
  const held = outcome.claims.filter((c) => c.verdict === 'holds').length;
  context.stdout(
    `${experiment}: ${held}/${outcome.claims.length} claims hold (seed ${runSeed})\n${preset === 'quick' ? '  quick scale: indicative only\n' : ''}${provenanceText(outcome.result)}${claimsText(outcome.claims)}`,
  );
  context.stdout(`wrote ${outcome.files.map((f) => join(dir, f)).join(', ')}\n`);
}
