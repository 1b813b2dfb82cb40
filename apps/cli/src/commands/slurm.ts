import { chmod, realpath } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { loadExperiments, resolveConfig } from '../experiments-api';
import { cliErrors } from '../outputs';
import { parseNumberOption, parseSeed } from '../parse';
import { experimentOf } from '../shard';
import { CLI_VERSION } from '../version';
import { parseExperimentName, readConfigFile } from './run';

/** Options of `rectify slurm` as commander hands them over (strings). */
export interface SlurmOptions {
  /** Number of shards (array tasks). */
  shards: string;
  /** The shared output directory (must be visible from every node). */
  out: string;
  /** Preset the config starts from. */
  preset: 'quick' | 'paper';
  /** JSON config file merged over the preset. */
  config?: string;
  /** `key=value` overrides. */
  set: string[];
  /** Seed (integer ≥ 0; default 0). */
  seed?: string;
  /** `#SBATCH --partition`. */
  partition?: string;
  /** `#SBATCH --time` (Slurm's formats, e.g. `2:00:00`, `1-00:00:00`). */
  time?: string;
  /** `#SBATCH --cpus-per-task`; also the shard's worker threads. */
  cpusPerTask?: string;
  /** `#SBATCH --mem` (e.g. `4G`). */
  mem?: string;
  /** `#SBATCH --account`. */
  account?: string;
  /** Job name prefix (default `rectify-<experiment>`). */
  jobName?: string;
  /** Shell command that starts rectify on the nodes (default: this node binary and this bin, absolute). */
  rectify?: string;
  /** Write the submit script to this file instead of printing it. */
  write?: string;
}

/** Everything the generated submit script needs, resolved. */
export interface SlurmPlan {
  /** Registry name. */
  experiment: string;
  /** Shards (array tasks 0 … shards−1). */
  shards: number;
  /** Units of the config. */
  units: number;
  /** Absolute output directory. */
  out: string;
  /** The validated config, frozen into the script. */
  config: unknown;
  /** Preset name passed to the shards (the frozen config is merged over it). */
  preset: 'quick' | 'paper';
  /** Seed. */
  seed: number;
  /** Config hash (first 12 hex digits shown in the script's header). */
  configHash: string;
  /** File name the script is saved under, for its usage lines. */
  scriptName: string;
  /** Shell words that start rectify (already quoted). */
  rectify: string;
  /** `#SBATCH` settings shared by the array and the merge job. */
  sbatch: {
    partition?: string;
    time?: string;
    cpusPerTask: number;
    mem?: string;
    account?: string;
    jobName: string;
  };
}

const SLURM_TIME = /^(\d+-)?\d+(:\d+){0,2}$|^\d+-\d+$/;
const SLURM_WORD = /^[A-Za-z0-9._,:@+-]+$/;

/**
 * Quote a word for a POSIX shell (single quotes, `'` as `'\''`).
 *
 * @param word - any text.
 * @returns the quoted word.
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_./=:,@%+-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function checkWord(
  flag: string,
  value: string | undefined,
  rule: RegExp,
  what: string,
): string | undefined {
  if (value === undefined) return undefined;
  if (!rule.test(value)) throw new UsageError(`${flag} must be ${what}, got '${value}'`);
  return value;
}

/**
 * The submit script: a bash script that writes the frozen config to `<out>/slurm/config.json`,
 * submits the shards as one job array (`sbatch --parsable --array=0-(N−1)`, each task
 * `rectify run … --shard auto/N`) and a merge job that starts only when every task succeeded
 * (`--dependency=afterok:<array job>`). `bash submit.sh 1,3` resubmits only shards 1 and 3 and a
 * new merge.
 *
 * @param plan - the resolved plan.
 * @returns the script text.
 */
export function slurmScript(plan: SlurmPlan): string {
  const q = shellQuote;
  const out = q(plan.out);
  const slurmDir = `${plan.out}/slurm`;
  const last = plan.shards - 1;
  const header = (name: string, output: string, array?: string): string[] => [
    '#!/bin/bash',
    `#SBATCH --job-name=${name}`,
    ...(array ? [`#SBATCH --array=${array}`] : []),
    `#SBATCH --cpus-per-task=${plan.sbatch.cpusPerTask}`,
    ...(plan.sbatch.time ? [`#SBATCH --time=${plan.sbatch.time}`] : []),
    ...(plan.sbatch.partition ? [`#SBATCH --partition=${plan.sbatch.partition}`] : []),
    ...(plan.sbatch.account ? [`#SBATCH --account=${plan.sbatch.account}`] : []),
    ...(plan.sbatch.mem ? [`#SBATCH --mem=${plan.sbatch.mem}`] : []),
    `#SBATCH --output=${q(`${slurmDir}/${output}`)}`,
    'set -euo pipefail',
  ];
  const runWords = [
    'run',
    q(plan.experiment),
    '--preset',
    plan.preset,
    '--config',
    q(`${slurmDir}/config.json`),
    '--seed',
    String(plan.seed),
    '--workers',
    String(plan.sbatch.cpusPerTask),
    '--out',
    out,
    '--shard',
    `auto/${plan.shards}`,
  ];
  const mergeWords = ['merge', '--out', out, '--shards', String(plan.shards)];
  return [
    '#!/usr/bin/env bash',
    `# Rectify on Slurm: ${plan.experiment} in ${plan.shards} shard(s) of its ${plan.units} units, then one merge job.`,
    `# Generated by rectify ${CLI_VERSION} (seed ${plan.seed}, config hash ${plan.configHash.slice(0, 12)}…).`,
    '#',
    `#   bash ${plan.scriptName}        submit every shard (array 0-${last}) and the merge job`,
    `#   bash ${plan.scriptName} 1,3    resubmit only shards 1 and 3 (those \`rectify merge\` names) and a new merge job`,
    '#',
    `# Shard i runs units i, i+${plan.shards}, i+${2 * plan.shards}, … of the config's unit list and stores each unit`,
    '# atomically in OUT/checkpoint/units/; units already there are skipped, so any shard can be rerun.',
    '# The merge job runs only when every array task succeeded (afterok) and writes result.json,',
    '# plots/ and summary.md into OUT. OUT must be on a file system every node sees.',
    'set -euo pipefail',
    `array=\${1:-0-${last}}`,
    `out=${out}`,
    'mkdir -p "$out/slurm"',
    `cat >"$out/slurm/config.json.$$" <<'RECTIFY_CONFIG'`,
    JSON.stringify(plan.config, null, 2),
    'RECTIFY_CONFIG',
    '# Renamed into place so that shards still running from an earlier submission never read half a file.',
    'mv -f "$out/slurm/config.json.$$" "$out/slurm/config.json"',
    `shards_job=$(sbatch --parsable --array="$array" <<'RECTIFY_SHARDS'`,
    ...header(`${plan.sbatch.jobName}`, 'shard-%a.log', `0-${last}`),
    `exec ${plan.rectify} ${runWords.join(' ')}`,
    'RECTIFY_SHARDS',
    ')',
    `shards_job=\${shards_job%%;*}`,
    `merge_job=$(sbatch --parsable --dependency="afterok:$shards_job" --kill-on-invalid-dep=yes <<'RECTIFY_MERGE'`,
    ...header(`${plan.sbatch.jobName}-merge`, 'merge.log'),
    `exec ${plan.rectify} ${mergeWords.join(' ')}`,
    'RECTIFY_MERGE',
    ')',
    `merge_job=\${merge_job%%;*}`,
    'printf \'%s %s\\n\' "$shards_job" "$merge_job" >"$out/slurm/jobs"',
    'echo "rectify: shards: job $shards_job (array $array); merge: job $merge_job (runs after every shard succeeded)"',
    'echo "rectify: logs in $out/slurm/; follow with: squeue -j $shards_job,$merge_job"',
    '',
  ].join('\n');
}

async function defaultRectifyCommand(): Promise<string> {
  const script = process.argv[1];
  if (!script)
    throw new UsageError('cannot tell where this rectify is installed; pass --rectify "<command>"');
  return `${shellQuote(process.execPath)} ${shellQuote(await realpath(script))}`;
}

/**
 * `rectify slurm <experiment> --shards N --out DIR`: print (or `--write`) a ready submit script
 * for a Slurm job array of N shards plus a dependent merge job.
 *
 * @param name - the experiment's registry name.
 * @param options - the parsed flags.
 * @param context - streams.
 * @throws UsageError for an unknown experiment, an invalid config or a bad sbatch setting.
 */
export async function slurmCommand(
  name: string,
  options: SlurmOptions,
  context: CliContext,
): Promise<void> {
  const experiment = parseExperimentName(name);
  const shards = parseNumberOption('--shards', options.shards, 'integer≥1');
  const seed = parseSeed(options.seed ?? '0', (await loadExperiments()).seedRange);
  const cpusPerTask = parseNumberOption('--cpus-per-task', options.cpusPerTask ?? '1', 'integer≥1');
  const fromFile = options.config !== undefined ? await readConfigFile(options.config) : undefined;
  const config = await resolveConfig(experiment, undefined, {
    preset: options.preset,
    overrides: fromFile,
    assignments: options.set,
  });
  const mod = await loadExperiments();
  const prepared = mod.prepareRun(experimentOf(mod, experiment), config, { seed });
  if (shards > prepared.unitIds.length) {
    throw new UsageError(
      `--shards must be ≤ the config's ${prepared.unitIds.length} units (more would leave shards empty), got ${shards}`,
    );
  }
  const plan: SlurmPlan = {
    experiment,
    shards,
    units: prepared.unitIds.length,
    out: resolve(options.out),
    config: prepared.config,
    preset: options.preset,
    seed,
    configHash: prepared.configHash,
    scriptName: options.write === undefined ? 'submit.sh' : basename(options.write),
    rectify: options.rectify ?? (await defaultRectifyCommand()),
    sbatch: {
      cpusPerTask,
      jobName:
        checkWord('--job-name', options.jobName, SLURM_WORD, 'letters, digits and ._,:@+-') ??
        `rectify-${experiment}`,
      ...definedEntries({
        partition: checkWord(
          '--partition',
          options.partition,
          SLURM_WORD,
          'a Slurm partition name (letters, digits and ._,:@+-)',
        ),
        time: checkWord(
          '--time',
          options.time,
          SLURM_TIME,
          'a Slurm time such as 30, 2:00:00 or 1-12:00:00',
        ),
        mem: checkWord(
          '--mem',
          options.mem,
          /^\d+[KMGT]?$/,
          'a Slurm memory size such as 4G or 4000M',
        ),
        account: checkWord('--account', options.account, SLURM_WORD, 'a Slurm account name'),
      }),
    },
  };
  const script = slurmScript(plan);
  if (options.write === undefined) {
    context.stdout(script);
    return;
  }
  const { writeFileAtomic } = await loadExperiments();
  await cliErrors(() => writeFileAtomic(options.write as string, script));
  await chmod(options.write, 0o755);
  context.stdout(
    `wrote ${options.write}: ${experiment} in ${shards} shard(s) of ${plan.units} units into ${plan.out}; submit with: bash ${options.write}\n`,
  );
}

function definedEntries<T extends Record<string, string | undefined>>(
  values: T,
): { [K in keyof T]?: string } {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]?: string;
  };
}
