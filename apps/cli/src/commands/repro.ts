import { join } from 'node:path';
import { claimsText, splitFindings } from '@rectify/experiments/report';
import type { CliContext } from '../context';
import type { ReproOptions } from '../program';
import { InterruptedError, RuntimeError } from '../errors';
import {
  experimentNames,
  type ExperimentName,
  loadExperiments,
  resolveConfig,
} from '../experiments-api';
import { asCliError, cliErrors, ensureWritableDir, lockOutDir } from '../outputs';
import { parseList, parseNumberOption, parseSeed } from '../parse';
import { CLI_VERSION } from '../version';
import { parseExperimentName, runInto } from './run';

/**
 * `rectify repro`: run every experiment at a preset into `<out>/<experiment>/`, then write one
 * self-contained `<out>/report.html` (claims first, plots inline, configs and versions last).
 * With --resume, experiments whose result.json matches are reused and interrupted ones continue.
 *
 * @param options - the parsed flags.
 * @param context - streams and interrupt signal.
 * @throws RuntimeError naming the experiments that failed (the report is still written).
 */
export async function reproCommand(options: ReproOptions, context: CliContext): Promise<void> {
  const seed = parseSeed(options.seed, (await loadExperiments()).seedRange);
  const workers =
    options.workers === undefined
      ? undefined
      : parseNumberOption('--workers', options.workers, 'integer≥1');
  const names: ExperimentName[] = options.only
    ? parseList('--only', options.only).map(parseExperimentName)
    : [...experimentNames];
  const configs: unknown[] = [];
  for (const name of names)
    configs.push(await resolveConfig(name, undefined, { preset: options.preset }));
  await ensureWritableDir(options.out);
  // Like `run`: one writer per --out (a second repro exits 2 naming the lock).
  const release = await lockOutDir(options.out);
  try {
    await reproInto(names, configs, seed, workers, options, context);
  } finally {
    await release();
  }
}

async function reproInto(
  names: readonly ExperimentName[],
  configs: readonly unknown[],
  seed: number,
  workers: number | undefined,
  options: ReproOptions,
  context: CliContext,
): Promise<void> {
  const mod = await loadExperiments();
  const failures: string[] = [];
  const { reportPath, sections, claims } = await cliErrors(() =>
    mod.reproIntoDirectory(options.out, {
      experiments: names.map((name, i) => ({ name, config: configs[i] })),
      seed,
      preset: options.preset,
      ...(workers !== undefined ? { workers } : {}),
      resume: Boolean(options.resume),
      cliVersion: CLI_VERSION,
      runOne: (experiment, run) =>
        runInto(
          experiment,
          {
            ...run,
            resumeHint: `rectify repro --preset ${options.preset} --out ${options.out} --resume`,
          },
          context,
        ),
      isFatal: (error) => error instanceof InterruptedError,
      onEvent: async (event) => {
        const { experiment } = event;
        if (event.type === 'start')
          context.stderr(
            `rectify: [${event.index + 1}/${event.total}] ${experiment} (preset ${options.preset})\n`,
          );
        else if (event.type === 'not-reused' && event.reuse.status === 'old-format')
          context.stderr(
            `rectify: note: ${join(options.out, experiment, 'result.json')} is result format ${event.reuse.version}, this build writes format ${mod.RESULT_SCHEMA_VERSION}; rerunning ${String(event.reuse.experiment)}\n`,
          );
        else if (
          event.type === 'not-reused' &&
          event.reuse.status === 'invalid' &&
          event.reuse.error instanceof mod.ResultSchemaError
        )
          context.stderr(`rectify: note: not reusing ${event.reuse.error.message}\n`);
        else if (event.type === 'failed') {
          const error = await asCliError(event.error);
          const message = error instanceof Error ? error.message : String(error);
          failures.push(`${experiment}: ${message}`);
          context.stderr(`rectify: ${experiment} failed: ${message.split('\n')[0]}\n`);
        } else if (event.type === 'finished') context.stderr(claimsText(event.outputs.claims));
      },
    }),
  );
  if (options.json) {
    context.stdout(
      `${JSON.stringify({ report: reportPath, preset: options.preset, seed, claims, failures }, null, 2)}\n`,
    );
  } else {
    const { reproductions, findings } = splitFindings(claims);
    const held = reproductions.filter((c) => c.verdict === 'holds').length;
    context.stdout(
      `${held}/${reproductions.length} claims hold across ${sections.length} experiment(s)${findings.length ? `, ${findings.length} finding(s) about the paper’s approximations` : ''}; wrote ${reportPath}\n${options.preset === 'quick' ? 'quick scale: indicative only\n' : ''}${sections.flatMap((s) => (s.provenance?.standIn ? s.provenance.notes.map((n) => `stand-in (${s.experiment}): ${n}\n`) : [])).join('')}`,
    );
  }
  if (failures.length > 0) {
    throw new RuntimeError(`${failures.length} experiment(s) failed: ${failures.join('; ')}`);
  }
}
