// A reproduction's directory: every experiment in its own run directory `<out>/<experiment>/`,
// a finished result reused on resume, one experiment's failure recorded without stopping the
// others, and `<out>/report.html` over them all — as `rectify repro` writes it, for any caller.
import { join } from 'node:path';
import type { ExperimentName } from '../core/types';
import { buildReportHtml, type ReportSection } from '../report/html';
import type { ClaimRow } from '../report/text';
import { ensureWritableDir, lockRunDirectory, writeFileAtomic } from './out-dir';
import {
  type RunIntoOptions,
  type RunOutputs,
  reportSection,
  runIntoDirectory,
  writeRunOutputs,
} from './outputs';
import { type ResultReuse, reusableResult } from './run-directory';

/** What {@link reproIntoDirectory} tells its caller as it goes. */
export type ReproEvent =
  /** An experiment starts (`index` from 0, of `total`). */
  | { type: 'start'; experiment: ExperimentName; index: number; total: number }
  /** On resume, a result.json that is there but not reused (another format, or invalid). */
  | {
      type: 'not-reused';
      experiment: ExperimentName;
      reuse: Extract<ResultReuse, { status: 'old-format' | 'invalid' }>;
    }
  /** An experiment failed; the others go on. */
  | { type: 'failed'; experiment: ExperimentName; error: unknown }
  /** An experiment's outputs are written (run now, or reused on resume). */
  | { type: 'finished'; experiment: ExperimentName; outputs: RunOutputs; reused: boolean };

/** Options of {@link reproIntoDirectory}. */
export interface ReproIntoOptions {
  /** The experiments, in the report's order, each with its validated config. */
  experiments: readonly { name: ExperimentName; config: unknown }[];
  /** The seed of every run. */
  seed: number;
  /** The preset the configs came from (recorded in run.json and report.html). */
  preset: 'quick' | 'paper';
  /** Worker threads of each run (default: the package's default). */
  workers?: number;
  /** Reuse each finished result.json of the same config and seed, and continue checkpoints. */
  resume?: boolean;
  /** The calling tool's version, listed in report.html (e.g. the CLI's). */
  cliVersion: string;
  /** Runs one experiment into its directory (default {@link runIntoDirectory}); a caller passes its progress display here. */
  runOne?: (experiment: ExperimentName, options: RunIntoOptions) => Promise<RunOutputs>;
  /** Called for each {@link ReproEvent}, and awaited. */
  onEvent?: (event: ReproEvent) => void | Promise<void>;
  /**
   * Whether an error ends the whole reproduction instead of being recorded as one experiment's
   * failure (default: a cancellation, i.e. an error whose `code` is `aborted` or `interrupted`, or
   * an `AbortError`).
   */
  isFatal?: (error: unknown) => boolean;
}

/** What {@link reproIntoDirectory} wrote. */
export interface ReproOutputs {
  /** `<out>/report.html`. */
  reportPath: string;
  /** One section per experiment that finished, in order. */
  sections: ReportSection[];
  /** Every finished experiment's claims, each with its experiment's name. */
  claims: (ClaimRow & { experiment: ExperimentName })[];
  /** The experiments that failed, with what they threw. */
  failures: { experiment: ExperimentName; error: unknown }[];
}

function isCancellation(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown };
  return code === 'aborted' || code === 'interrupted' || name === 'AbortError';
}

/**
 * Reproduces several experiments into one directory: each runs into `<out>/<experiment>/` (made
 * writable and locked while it runs; on `resume` a finished result.json of the same config and
 * seed is reused and only its files are written again), a failure is recorded and the next
 * experiment runs, and `<out>/report.html` (self-contained: claims first, configs and versions
 * last) covers every experiment that finished. It does not lock `out` itself: hold
 * `lockRunDirectory(out)` around it when other processes may write there.
 *
 * @param out - the reproduction's directory (made when missing).
 * @param options - experiments with configs, seed, preset, workers, resume, and the hooks.
 * @returns the report's path, the sections, the claims and the failures.
 * @throws what `isFatal` accepts (a cancellation by default), and a report.html that cannot be
 *   written ({@link RunDirectoryError}).
 * @example
 * ```ts
 * const names = ['approximation', 'minimal-dc'] as const;
 * const { reportPath, failures } = await reproIntoDirectory('out/repro', {
 *   experiments: names.map((name) => ({ name, config: resolveConfig(name, { preset: 'quick' }) })),
 *   seed: 0,
 *   preset: 'quick',
 *   cliVersion: 'my-script',
 * });
 * ```
 */
export async function reproIntoDirectory(
  out: string,
  options: ReproIntoOptions,
): Promise<ReproOutputs> {
  const { seed, preset, resume = false } = options;
  const runOne = options.runOne ?? runIntoDirectory;
  const isFatal = options.isFatal ?? isCancellation;
  const emit = async (event: ReproEvent) => options.onEvent?.(event);
  const sections: ReportSection[] = [];
  const failures: ReproOutputs['failures'] = [];
  await ensureWritableDir(out);
  for (const [index, { name: experiment, config }] of options.experiments.entries()) {
    const dir = join(out, experiment);
    const started = Date.now();
    await emit({ type: 'start', experiment, index, total: options.experiments.length });
    let outputs: RunOutputs;
    let reused = false;
    try {
      // Each experiment's directory is locked too, so a run started beside this reproduction
      // into the same directory cannot write there at the same time.
      await ensureWritableDir(dir);
      const release = await lockRunDirectory(dir);
      try {
        const reuse = resume ? reusableResult(dir, { config, seed }) : undefined;
        if (reuse?.status === 'old-format' || reuse?.status === 'invalid')
          await emit({ type: 'not-reused', experiment, reuse });
        reused = reuse?.status === 'reusable';
        outputs =
          reuse?.status === 'reusable'
            ? await writeRunOutputs(experiment, dir, reuse.result)
            : await runOne(experiment, {
                dir,
                config,
                seed,
                preset,
                resume,
                ...(options.workers !== undefined ? { workers: options.workers } : {}),
              });
      } finally {
        await release();
      }
    } catch (error) {
      if (isFatal(error)) throw error;
      failures.push({ experiment, error });
      await emit({ type: 'failed', experiment, error });
      continue;
    }
    sections.push(reportSection(outputs, experiment, (Date.now() - started) / 1000));
    await emit({ type: 'finished', experiment, outputs, reused });
  }
  const html = buildReportHtml({
    preset,
    seed,
    createdAt: new Date().toISOString(),
    cliVersion: options.cliVersion,
    sections,
  });
  const reportPath = join(out, 'report.html');
  await writeFileAtomic(reportPath, html);
  const claims = sections.flatMap((s) =>
    s.claims.map((c) => ({ experiment: s.experiment as ExperimentName, ...c })),
  );
  return { reportPath, sections, claims, failures };
}
