import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunRecord, ShardSpec } from '@rectify/experiments';
import type { CliContext } from '../context';
import { RuntimeError, UsageError } from '../errors';
import {
  experimentNames,
  type ExperimentName,
  loadExperiments,
  resolveConfig,
} from '../experiments-api';
import {
  type ClaimRow,
  measuredWithContext,
  namedCharts,
  provenanceNotes,
  summaryMarkdown,
} from '@rectify/experiments/report';
import {
  ensureWritableDir,
  lockOutDir,
  type RenderedChart,
  writeCharts,
  writeFileAtomic,
} from '../outputs';
import { parseNumberOption, parseSeed } from '../parse';
import { runWithProgress } from '../progress';
import { experimentOf, runShard } from '../shard';

/** Options of `rectify run` as commander hands them over (strings). */
export interface RunOptions {
  out: string;
  preset: 'quick' | 'paper';
  config?: string;
  set: string[];
  seed?: string;
  workers?: string;
  resume?: boolean;
  json?: boolean;
  /** `I/N`, `auto` or `auto/N`: run only that shard's units into `out` and exit without merging (see ../shard.ts). */
  shard?: string;
}

/** What one finished experiment left in its directory. */
export interface ExperimentOutcome {
  /** Registry name. */
  experiment: ExperimentName;
  /** The directory holding its files. */
  dir: string;
  /** The result as written to result.json. */
  result: Record<string, unknown>;
  /** The claims. */
  claims: ClaimRow[];
  /** Charts as rendered. */
  charts: RenderedChart[];
  /** Files written, relative to `dir`. */
  files: string[];
}

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

/** Read a `--config` JSON object. @throws UsageError when unreadable, not JSON or not an object. */
export async function readConfigFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(
      `--config '${path}' cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    // JSON.parse's message quotes the file: only the place of the error is shown.
    const { jsonSyntaxErrorPlace } = await loadExperiments();
    throw new UsageError(`--config '${path}' is not valid JSON${jsonSyntaxErrorPlace(text, e)}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new UsageError(
      `--config '${path}' must hold a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Run one experiment into `dir` and write result.json, plots and summary.md. Shared by `run`
 * and `repro`.
 *
 * @param experiment - registry name.
 * @param options - resolved config, seed, workers, preset, directory and whether to resume.
 * @param context - streams and interrupt signal.
 * @returns what was written.
 * @throws InterruptedError (exit 130) on SIGINT, with the checkpoint kept.
 */
export async function runInto(
  experiment: ExperimentName,
  options: {
    dir: string;
    config: unknown;
    seed: number;
    workers?: number;
    preset: 'quick' | 'paper';
    resume: boolean;
    resumeHint: string;
    /** Printed to stderr once the run is under way. */
    announce?: string;
  },
  context: CliContext,
): Promise<ExperimentOutcome> {
  const { dir } = options;
  const mod = await loadExperiments();
  await ensureWritableDir(dir);
  let checkpointDir: string;
  try {
    const record = {
      experiment,
      preset: options.preset,
      config: options.config,
      seed: options.seed,
    };
    checkpointDir = mod.startRunDirectory(dir, record, { resume: options.resume }).checkpoint;
  } catch (error) {
    if (error instanceof mod.RunDirectoryError && error.code === 'unfinished-run')
      throw new UsageError(
        `--out '${dir}' holds an unfinished ${experiment} run (${error.path}); pass --resume to continue it, or choose another --out`,
      );
    throw error;
  }
  const result: Record<string, unknown> = await runWithProgress(
    (hooks) =>
      experimentOf(mod, experiment).run(options.config, {
        seed: options.seed,
        ...(options.workers !== undefined ? { workers: options.workers } : {}),
        checkpointDir,
        ...hooks,
      }),
    {
      label: experiment,
      context,
      header: options.announce,
      interruptedMessage: `interrupted; checkpoint kept in ${checkpointDir}; continue with: ${options.resumeHint}`,
    },
  );
  const outcome = await writeOutcome(experiment, dir, result);
  await rm(checkpointDir, { recursive: true, force: true });
  return outcome;
}

/**
 * Write result.json, the plots (SVG + PNG) and summary.md for a finished result.
 *
 * @param experiment - registry name.
 * @param dir - the run's directory.
 * @param result - the experiment's result.
 * @returns what was written.
 */
export async function writeOutcome(
  experiment: ExperimentName,
  dir: string,
  result: Record<string, unknown>,
): Promise<ExperimentOutcome> {
  await writeFileAtomic(join(dir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
  const { resultCharts } = await loadExperiments();
  const charts = await writeCharts(dir, namedCharts(resultCharts(experiment, result)));
  const claims = ((result.claims ?? []) as ClaimRow[]).map((c) => ({ ...c }));
  await writeFileAtomic(
    join(dir, 'summary.md'),
    summaryMarkdown(experiment, result, claims, charts),
  );
  const files = ['result.json', 'summary.md', ...charts.flatMap((c) => c.files)];
  return { experiment, dir, result, claims, charts, files };
}

/**
 * One-line-per-claim text for the terminal.
 *
 * @param claims - the claims.
 * @returns the text (ends with a newline, empty when there are none).
 */
export function claimsText(claims: readonly ClaimRow[]): string {
  const mark = (v: string) => (v === 'holds' ? '✔' : v === 'does not hold' ? '✘' : '?');
  return claims
    .map(
      (c) =>
        `  ${mark(c.verdict)} ${c.kind === 'finding' ? '[finding] ' : ''}${c.statement} — ${measuredWithContext(c)} (${c.verdict})\n`,
    )
    .join('');
}

/**
 * The stand-in banner of a result for the terminal, one line per stand-in.
 *
 * @param result - a parsed result.json.
 * @returns the text (empty when nothing stands in).
 */
export function provenanceText(result: Record<string, unknown>): string {
  return provenanceNotes(result)
    .map((n) => `  ⚠ stand-in: ${n}\n`)
    .join('');
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
