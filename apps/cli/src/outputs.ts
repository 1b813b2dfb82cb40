import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { NamedChart } from '@rectify/experiments/report';
import { RuntimeError, UsageError } from './errors';
import { loadExperiments } from './experiments-api';
import { renderSvg, svgToPng } from './plot/render';

/** A rendered chart: the SVG text plus where its files went. */
export interface RenderedChart extends NamedChart {
  /** The SVG document. */
  svg: string;
  /** Paths of the SVG and PNG files, relative to the run's directory. */
  files: string[];
}

/**
 * The experiments package's run-directory errors in the command's words (naming `--out`), with
 * the exit code their cause deserves: a link or a lock the user can remove is a usage error.
 */
async function asCliError(error: unknown): Promise<unknown> {
  const { RunDirectoryError } = await loadExperiments();
  if (!(error instanceof RunDirectoryError)) return error;
  const { dir, reason, subfolder, target, pid } = error.details;
  switch (error.code) {
    case 'unwritable':
      return new RuntimeError(`--out '${dir}' cannot be written: ${reason}`);
    case 'symlinked':
      return new UsageError(
        `--out '${dir}' holds '${subfolder}' as a symbolic link (to '${target}'); rectify does not write through links: remove it or choose another --out`,
      );
    case 'locked':
      return new UsageError(
        `--out '${dir}' is locked by another rectify (pid ${pid}, lock file ${error.path}); wait for it to finish or choose another --out`,
      );
    case 'lock-failed':
      return new RuntimeError(`--out '${dir}' cannot be locked (${error.path}): ${reason}`);
    default:
      return new RuntimeError(error.message);
  }
}

async function cliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw await asCliError(error);
  }
}

/**
 * Create `--out` (with parents), prove it is writable and refuse symlinked output subfolders
 * (experiments' `ensureWritableDir`), so a run fails before it starts.
 *
 * @param dir - the `--out` directory.
 * @throws RuntimeError when it cannot be written; UsageError naming a symlinked subfolder.
 */
export function ensureWritableDir(dir: string): Promise<void> {
  return cliErrors(async () => (await loadExperiments()).ensureWritableDir(dir));
}

/**
 * Locks `--out` for this process (experiments' `lockRunDirectory`; a stale lock is taken over).
 *
 * @param dir - the `--out` directory (it must exist).
 * @returns a function that releases the lock.
 * @throws UsageError naming the lock file and the pid holding it when another live process does.
 */
export function lockOutDir(dir: string): Promise<() => Promise<void>> {
  return cliErrors(async () => (await loadExperiments()).lockRunDirectory(dir));
}

/**
 * Write a file atomically (experiments' `writeFileAtomic`).
 *
 * @param path - target path.
 * @param body - contents.
 * @throws RuntimeError naming the file when it cannot be written.
 */
export function writeFileAtomic(path: string, body: string | Uint8Array): Promise<void> {
  return cliErrors(async () => (await loadExperiments()).writeFileAtomic(path, body));
}

/**
 * Render charts to `dir/plots/<name>.svg` and `.png`.
 *
 * @param dir - the run's directory.
 * @param charts - named charts (experiments' `namedCharts`).
 * @returns the rendered charts (SVG text kept for report.html).
 */
export async function writeCharts(
  dir: string,
  charts: readonly NamedChart[],
): Promise<RenderedChart[]> {
  if (charts.length === 0) return [];
  await cliErrors(async () => (await loadExperiments()).refuseSymlinkedFolders(dir));
  await mkdir(join(dir, 'plots'), { recursive: true });
  const out: RenderedChart[] = [];
  for (const chart of charts) {
    const svg = await renderSvg(chart.spec);
    const svgPath = join('plots', `${chart.name}.svg`);
    const pngPath = join('plots', `${chart.name}.png`);
    await writeFileAtomic(join(dir, svgPath), svg);
    await writeFileAtomic(join(dir, pngPath), svgToPng(svg));
    out.push({ ...chart, svg, files: [svgPath, pngPath] });
  }
  return out;
}
