import { join } from 'node:path';
import { buildReportHtml, type ReportSection, splitFindings } from '@rectify/experiments/report';
import type { CliContext } from '../context';
import { InterruptedError, RuntimeError } from '../errors';
import {
  experimentNames,
  type ExperimentName,
  loadExperiments,
  resolveConfig,
} from '../experiments-api';
import { cliErrors, ensureWritableDir, lockOutDir } from '../outputs';
import { parseList, parseNumberOption, parseSeed } from '../parse';
import { CLI_VERSION } from '../version';
import { claimsText } from '@rectify/experiments/report';
import { parseExperimentName, runInto, writeOutcome } from './run';

/** Options of `rectify repro` as commander hands them over (strings). */
export interface ReproOptions {
  out: string;
  preset: 'quick' | 'paper';
  seed?: string;
  workers?: string;
  only?: string;
  resume?: boolean;
  json?: boolean;
}

async function finishedResult(
  dir: string,
  config: unknown,
  seed: number,
  context: CliContext,
): Promise<Record<string, unknown> | undefined> {
  const mod = await loadExperiments();
  const reuse = mod.reusableResult(dir, { config, seed });
  if (reuse.status === 'reusable') return reuse.result;
  if (reuse.status === 'old-format')
    context.stderr(
      `rectify: note: ${join(dir, 'result.json')} is result format ${reuse.version}, this build writes format ${mod.RESULT_SCHEMA_VERSION}; rerunning ${String(reuse.experiment)}\n`,
    );
  if (reuse.status === 'invalid' && reuse.error instanceof mod.ResultSchemaError)
    context.stderr(`rectify: note: not reusing ${reuse.error.message}\n`);
  return undefined;
}

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
  const seed = parseSeed(options.seed ?? '0', (await loadExperiments()).seedRange);
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
  const sections: ReportSection[] = [];
  const failures: string[] = [];
  for (const [i, experiment] of names.entries()) {
    const dir = join(options.out, experiment);
    const config = configs[i];
    const started = Date.now();
    context.stderr(
      `rectify: [${i + 1}/${names.length}] ${experiment} (preset ${options.preset})\n`,
    );
    let outcome: Awaited<ReturnType<typeof writeOutcome>>;
    try {
      // Each experiment's folder is locked too, so a `rectify run … --out <out>/<experiment>`
      // started beside this repro cannot write into the same folder.
      await ensureWritableDir(dir);
      const release = await lockOutDir(dir);
      try {
        const previous = options.resume
          ? await finishedResult(dir, config, seed, context)
          : undefined;
        outcome = previous
          ? await writeOutcome(experiment, dir, previous)
          : await runInto(
              experiment,
              {
                dir,
                config,
                seed,
                ...(workers !== undefined ? { workers } : {}),
                preset: options.preset,
                resume: Boolean(options.resume),
                resumeHint: `rectify repro --preset ${options.preset} --out ${options.out} --resume`,
              },
              context,
            );
      } finally {
        await release();
      }
    } catch (error) {
      if (error instanceof InterruptedError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      failures.push(`${experiment}: ${message}`);
      context.stderr(`rectify: ${experiment} failed: ${message.split('\n')[0]}\n`);
      continue;
    }
    const mod = await loadExperiments();
    sections.push(mod.reportSection(outcome, experiment, (Date.now() - started) / 1000));
    context.stderr(claimsText(outcome.claims));
  }
  const html = buildReportHtml({
    preset: options.preset,
    seed,
    createdAt: new Date().toISOString(),
    cliVersion: CLI_VERSION,
    sections,
  });
  const reportPath = join(options.out, 'report.html');
  const { writeFileAtomic } = await loadExperiments();
  await cliErrors(() => writeFileAtomic(reportPath, html));
  const claims = sections.flatMap((s) => s.claims.map((c) => ({ experiment: s.experiment, ...c })));
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
