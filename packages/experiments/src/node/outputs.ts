// A finished run's files: result.json, plots/<name>.svg and .png, summary.md; and a whole run
// into a run directory (checkpoint, outputs, checkpoint removed), as `rectify run`, `repro` and
// `merge` write them, for any caller (a library user, a Kubernetes job).
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Experiment } from '../core/define';
import type { ExperimentName } from '../core/types';
import type { RunOptions } from '../core/runner';
import { resultCharts } from '../report/charts';
import { type NamedChart, namedCharts } from '../report/chart-files';
import type { ReportSection } from '../report/html';
import { type ClaimRow, summaryMarkdown } from '../report/text';
import { experiments } from '../registry';
import { ensureWritableDir, refuseSymlinkedFolders, writeFileAtomic } from './out-dir';
import { renderSvg, svgToPng } from './plot';
import { startRunDirectory } from './run-directory';

/** A chart as written: its SVG text plus its files. */
export interface RenderedChart extends NamedChart {
  /** The SVG document. */
  svg: string;
  /** Paths of the SVG and PNG files, relative to the run directory. */
  files: string[];
}

/** What a finished run left in its directory. */
export interface RunOutputs {
  /** Registry name. */
  experiment: ExperimentName;
  /** The run directory. */
  dir: string;
  /** The result as written to result.json. */
  result: Record<string, unknown>;
  /** The result's claims. */
  claims: ClaimRow[];
  /** The charts as rendered. */
  charts: RenderedChart[];
  /** Files written, relative to `dir`: result.json, summary.md, then each chart's SVG and PNG. */
  files: string[];
}

/**
 * Renders charts to `<dir>/plots/<name>.svg` and `.png` (atomically, through no symbolic link).
 *
 * @param dir - the run directory.
 * @param charts - named charts (see `namedCharts`).
 * @returns the rendered charts (the SVG text kept for report.html).
 * @throws {RunDirectoryError} `symlinked` or `unwritable`.
 */
export async function writeRunCharts(
  dir: string,
  charts: readonly NamedChart[],
): Promise<RenderedChart[]> {
  if (charts.length === 0) return [];
  await refuseSymlinkedFolders(dir);
  await mkdir(join(dir, 'plots'), { recursive: true });
  const out: RenderedChart[] = [];
  for (const chart of charts) {
    const svg = await renderSvg(chart.spec);
    const files = [join('plots', `${chart.name}.svg`), join('plots', `${chart.name}.png`)];
    await writeFileAtomic(join(dir, files[0] as string), svg);
    await writeFileAtomic(join(dir, files[1] as string), svgToPng(svg));
    out.push({ ...chart, svg, files });
  }
  return out;
}

/**
 * Writes a finished result's files into its run directory: `result.json`, the experiment's charts
 * as `plots/<name>.svg` and `.png`, and `summary.md` with the claims table.
 *
 * @param experiment - registry name.
 * @param dir - the run directory (it must exist).
 * @param result - the experiment's result.
 * @returns what was written.
 * @throws {RunDirectoryError} `symlinked` or `unwritable`.
 * @example
 * ```ts
 * const result = await experiments['minimal-dc'].run(config, { seed: 0 });
 * const { files } = await writeRunOutputs('minimal-dc', 'out/minimal-dc', result);
 * ```
 */
export async function writeRunOutputs(
  experiment: ExperimentName,
  dir: string,
  result: Record<string, unknown>,
): Promise<RunOutputs> {
  await writeFileAtomic(join(dir, 'result.json'), `${JSON.stringify(result, null, 2)}\n`);
  const charts = await writeRunCharts(dir, namedCharts(resultCharts(experiment, result)));
  const claims = ((result.claims ?? []) as ClaimRow[]).map((c) => ({ ...c }));
  await writeFileAtomic(
    join(dir, 'summary.md'),
    summaryMarkdown(experiment, result, claims, charts),
  );
  const files = ['result.json', 'summary.md', ...charts.flatMap((c) => c.files)];
  return { experiment, dir, result, claims, charts, files };
}

/** Options of {@link runIntoDirectory}. */
export interface RunIntoOptions extends Pick<RunOptions, 'workers' | 'signal' | 'onProgress'> {
  /** The run directory (made when missing). */
  dir: string;
  /** The config (validated by the experiment). */
  config: unknown;
  /** The run's seed. */
  seed: number;
  /** The preset the config came from, recorded in run.json. */
  preset: 'quick' | 'paper';
  /** Continue the checkpoint in `dir` instead of refusing it. */
  resume?: boolean;
  /** Called once the run directory is ready, with its checkpoint folder. */
  onStart?: (checkpointDir: string) => void;
}

/**
 * Runs one experiment into a run directory: checks it is writable, records run.json, runs with
 * the checkpoint in `<dir>/checkpoint` (finished units survive an interrupt; `resume` continues
 * them), writes the outputs ({@link writeRunOutputs}) and removes the checkpoint. It does not lock
 * the directory: hold `lockRunDirectory(dir)` around it when other processes may write there.
 *
 * @param experiment - registry name.
 * @param options - directory, config, seed, preset, resume, and the run's workers, signal, progress.
 * @returns what was written.
 * @throws {RunDirectoryError} `unfinished-run` when `dir` holds a checkpoint and `resume` is not
 *   set; `symlinked`/`unwritable`; the run's own errors (an abort leaves the checkpoint in place).
 * @example
 * ```ts
 * const config = resolveConfig('minimal-dc', { preset: 'quick' });
 * const out = await runIntoDirectory('minimal-dc', { dir: 'out/minimal-dc', config, seed: 0, preset: 'quick' });
 * console.log(out.files);
 * ```
 */
export async function runIntoDirectory(
  experiment: ExperimentName,
  options: RunIntoOptions,
): Promise<RunOutputs> {
  const { dir, config, seed, preset } = options;
  await ensureWritableDir(dir);
  const { checkpoint } = startRunDirectory(
    dir,
    { experiment, preset, config, seed },
    { resume: Boolean(options.resume) },
  );
  options.onStart?.(checkpoint);
  const run = experiments[experiment] as unknown as Experiment<unknown, unknown, object>;
  const result = (await run.run(config, {
    seed,
    checkpointDir: checkpoint,
    ...(options.workers !== undefined ? { workers: options.workers } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  })) as Record<string, unknown>;
  const outputs = await writeRunOutputs(experiment, dir, result);
  await rm(checkpoint, { recursive: true, force: true });
  return outputs;
}

/**
 * One experiment's section of report.html, from what its run wrote.
 *
 * @param outputs - the run's outputs.
 * @param folder - the run directory relative to report.html.
 * @param seconds - the run's wall time, s.
 * @returns the section.
 */
export function reportSection(outputs: RunOutputs, folder: string, seconds: number): ReportSection {
  const { result } = outputs;
  return {
    experiment: outputs.experiment,
    folder,
    claims: outputs.claims,
    charts: outputs.charts,
    config: result.config,
    meta: {
      seed: result.seed,
      backend: result.backend,
      configHash: result.configHash,
      units: result.units,
    },
    versions: (result.versions ?? {}) as Record<string, string>,
    seconds,
    provenance: result.provenance as ReportSection['provenance'],
  };
}
