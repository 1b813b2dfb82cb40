import { link, lstat, mkdir, readFile, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RuntimeError, UsageError } from './errors';
import { escapeHtml, markdownTable } from './format';
import { renderSvg, svgToPng, type VegaLiteSpec } from './plot/render';

/** A paper statement tested by a run, as experiments report it. */
export interface ClaimRow {
  /** Stable identifier. */
  id: string;
  /** The statement. */
  statement: string;
  /** The measured figure(s) in words. */
  measured: string;
  /** `holds`, `does not hold` or `inconclusive`. */
  verdict: string;
  /** The verdict's rule in words (result format 2). */
  rule?: string;
  /** What the paper reports, with its section or figure (format 2). */
  paper?: string;
  /** `'reproduction'` or `'finding'` (a test of the paper's own approximation; format 2). */
  kind?: string;
  /** Accuracy of every variant the claim names (format 2). */
  variants?: { name: string; accuracy: number; std?: number }[];
  /** Why the verdict is inconclusive or does not hold (format 2). */
  reason?: string;
  /** A finding's relative error (format 2). */
  error?: { relative: number; of: string };
}

/** Where a result's inputs are stand-ins for the paper's (result format 2). */
export interface ProvenanceRow {
  /** True when any input is a stand-in. */
  standIn: boolean;
  /** One line per stand-in. */
  notes: string[];
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;

/**
 * The measured text of a claim with its context: every named variant's accuracy, a finding's
 * error and why the verdict is not "holds".
 *
 * @param c - the claim.
 * @returns one paragraph.
 */
export function measuredWithContext(c: ClaimRow): string {
  const parts = [/[.!?]$/.test(c.measured) || c.measured === '' ? c.measured : `${c.measured}.`];
  if (c.variants?.length)
    parts.push(
      `Accuracy: ${c.variants.map((v) => `${v.name} ${pct(v.accuracy)}${v.std !== undefined ? ` ± ${pct(v.std)}` : ''}`).join(', ')}.`,
    );
  if (c.kind === 'finding' && c.error)
    parts.push(`Finding: the paper's approximation is ${pct(c.error.relative)} off ${c.error.of}.`);
  if (c.reason) parts.push(`Why ${c.verdict}: ${c.reason}.`);
  return parts.join(' ');
}

/**
 * Claims split into reproductions (does the software reproduce the paper?) and findings (tests
 * of the paper's own approximations).
 *
 * @param claims - the claims.
 * @returns both lists, in order.
 */
export function splitFindings<T extends ClaimRow>(
  claims: readonly T[],
): { reproductions: T[]; findings: T[] } {
  return {
    reproductions: claims.filter((c) => c.kind !== 'finding'),
    findings: claims.filter((c) => c.kind === 'finding'),
  };
}

/**
 * The stand-in lines of a result, for banners; empty when nothing stands in.
 *
 * @param result - a parsed result.json.
 * @returns one line per stand-in.
 */
export function provenanceNotes(result: Record<string, unknown>): string[] {
  const p = result.provenance as ProvenanceRow | undefined;
  return p?.standIn ? [...p.notes] : [];
}

/** One named chart of a result. */
export interface NamedChart {
  /** File-name stem, e.g. `spectra`. */
  name: string;
  /** Title for reports. */
  title: string;
  /** The Vega-Lite spec. */
  spec: VegaLiteSpec;
}

/** A rendered chart: the SVG text plus where its files went. */
export interface RenderedChart extends NamedChart {
  /** The SVG document. */
  svg: string;
  /** Paths of the SVG and PNG files, relative to the run's directory. */
  files: string[];
}

/**
 * Create a directory (with parents) and prove it is writable, so a run fails before it starts
 * rather than after hours of work.
 *
 * @param dir - the `--out` directory.
 * @throws RuntimeError naming the directory and the system's reason.
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.rectify-write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new RuntimeError(`--out '${dir}' cannot be written: ${err.code ?? err.message}`);
  }
  await refuseSymlinkedFolders(dir);
}

/** The subfolders a run writes into; none may be a symbolic link. */
export const OUTPUT_SUBFOLDERS = [
  'plots',
  'checkpoint',
  'checkpoint/units',
  'checkpoint/partial',
  'checkpoint/shards',
] as const;

/**
 * Refuses an `--out` whose output subfolders (`plots/`, `checkpoint/`, …) are symbolic links: a
 * run would otherwise write (and replace files) wherever the link points.
 *
 * @param dir - the `--out` directory.
 * @throws UsageError naming the link and where it points.
 */
export async function refuseSymlinkedFolders(dir: string): Promise<void> {
  for (const sub of OUTPUT_SUBFOLDERS) {
    const path = join(dir, sub);
    const info = await lstat(path).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      const target = await readlink(path).catch(() => '?');
      throw new UsageError(
        `--out '${dir}' holds '${sub}' as a symbolic link (to '${target}'); rectify does not write through links: remove it or choose another --out`,
      );
    }
  }
}

/** The lock file a run or resume holds in its `--out` while it writes there. */
export const LOCK_FILE = '.rectify.lock';

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Locks `--out` for this process: creates `dir/.rectify.lock` holding the pid, exclusively. A
 * lock whose pid is no longer running is stale and taken over.
 *
 * @param dir - the `--out` directory (it must exist).
 * @returns a function that releases the lock.
 * @throws UsageError naming the lock file and the pid holding it when another live process does.
 */
export async function lockOutDir(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, LOCK_FILE);
  // The pid is written to a file of this process first, then linked into place (link fails if
  // the lock exists), so another process never reads a lock that is created but still empty
  // (which it would take for a stale one).
  const mine = `${path}.${process.pid}.tmp`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(mine, `${process.pid}\n`);
      await link(mine, path);
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new RuntimeError(
          `--out '${dir}' cannot be locked (${path}): ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      }
    } finally {
      await rm(mine, { force: true });
    }
    const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
      throw new UsageError(
        `--out '${dir}' is locked by another rectify (pid ${pid}, lock file ${path}); wait for it to finish or choose another --out`,
      );
    }
    await rm(path, { force: true });
  }
  throw new RuntimeError(`--out '${dir}' cannot be locked: ${path} keeps reappearing`);
}

/**
 * Write a file atomically (temp file, then rename).
 *
 * @param path - target path.
 * @param body - contents.
 * @throws RuntimeError naming the file when it cannot be written.
 */
export async function writeFileAtomic(path: string, body: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, body);
    await rename(temp, path);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new RuntimeError(`cannot write '${path}': ${err.code ?? err.message}`);
  }
}

/**
 * Normalise what `resultCharts` returns (an array of specs, of `{ name, title?, spec }`, or a
 * record name → spec) into named charts with file-safe names.
 *
 * @param charts - the charts as the experiments package returns them.
 * @returns named charts in order.
 */
export function normaliseCharts(charts: unknown): NamedChart[] {
  const safe = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart';
  const titleOf = (spec: unknown, fallback: string): string => {
    const t = (spec as { title?: unknown })?.title;
    if (typeof t === 'string') return t;
    if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string')
      return (t as { text: string }).text;
    return fallback;
  };
  const entries: [string, unknown][] = Array.isArray(charts)
    ? charts.map((c, i) => {
        const named = c as { name?: unknown; id?: unknown; spec?: unknown };
        if (named && typeof named === 'object' && 'spec' in named) {
          return [String(named.name ?? named.id ?? `chart-${i + 1}`), c];
        }
        return [`chart-${i + 1}`, { spec: c }];
      })
    : Object.entries((charts ?? {}) as Record<string, unknown>).map(([k, v]) => [k, { spec: v }]);
  const seen = new Set<string>();
  return entries.map(([name, value]) => {
    const v = value as { spec: VegaLiteSpec; title?: string };
    let stem = safe(name);
    while (seen.has(stem)) stem = `${stem}-2`;
    seen.add(stem);
    return { name: stem, title: v.title ?? titleOf(v.spec, name), spec: v.spec };
  });
}

/**
 * Render charts to `dir/plots/<name>.svg` and `.png`.
 *
 * @param dir - the run's directory.
 * @param charts - named charts.
 * @returns the rendered charts (SVG text kept for report.html).
 */
export async function writeCharts(
  dir: string,
  charts: readonly NamedChart[],
): Promise<RenderedChart[]> {
  if (charts.length === 0) return [];
  await refuseSymlinkedFolders(dir);
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

/**
 * The claims table as Markdown.
 *
 * @param claims - the result's claims.
 * @returns a Markdown table (or a note when there are none).
 */
export function claimsMarkdown(claims: readonly ClaimRow[]): string {
  if (claims.length === 0) return '_This run tests no claims._';
  const { reproductions, findings } = splitFindings(claims);
  const table = (rows: readonly ClaimRow[]) =>
    markdownTable(
      ['Claim', 'Measured', 'Verdict', 'Rule', 'Paper'],
      rows.map((c) => [
        c.statement,
        measuredWithContext(c),
        verdictMark(c.verdict),
        c.rule ?? '',
        c.paper ?? '',
      ]),
    );
  const out = reproductions.length ? [table(reproductions)] : [];
  if (findings.length)
    out.push(
      "**Findings** (the paper's own approximations tested; a failure here is a result about the approximation, not a reproduction failure):",
      table(findings),
    );
  return out.join('\n\n');
}

/**
 * A verdict with a mark in front: ✅ holds, ❌ does not hold, ❔ inconclusive.
 *
 * @param verdict - the verdict text.
 * @returns the marked verdict.
 */
export function verdictMark(verdict: string): string {
  if (verdict === 'holds') return '✅ holds';
  if (verdict === 'does not hold') return '❌ does not hold';
  return `❔ ${verdict}`;
}

/**
 * A verdict with a mark every common font has (✓, ✗, ?), for HTML pages where emoji fonts may be
 * missing.
 *
 * @param verdict - the verdict text.
 * @returns the marked verdict.
 */
export function plainVerdictMark(verdict: string): string {
  if (verdict === 'holds') return '✓ holds';
  if (verdict === 'does not hold') return '✗ does not hold';
  return `? ${verdict}`;
}

/**
 * The claims table as an HTML table.
 *
 * @param claims - claims with the experiment each came from.
 * @returns the `<table>` element.
 */
export function claimsHtml(
  claims: readonly (ClaimRow & { experiment?: string })[],
  id = 'claims-table',
): string {
  const rows = claims
    .map(
      (c) =>
        `<tr class="verdict-${escapeHtml(c.verdict.replace(/\s+/g, '-'))}">${c.experiment !== undefined ? `<td>${escapeHtml(c.experiment)}</td>` : ''}<td>${escapeHtml(c.statement)}${c.paper ? `<div class="paper">Paper: ${escapeHtml(c.paper)}</div>` : ''}</td><td>${escapeHtml(measuredWithContext(c))}${c.rule ? `<div class="rule">Rule: ${escapeHtml(c.rule)}</div>` : ''}</td><td>${escapeHtml(plainVerdictMark(c.verdict))}</td></tr>`,
    )
    .join('\n');
  const expHead = claims.some((c) => c.experiment !== undefined) ? '<th>Experiment</th>' : '';
  return `<table class="claims" id="${escapeHtml(id)}">\n<thead><tr>${expHead}<th>Claim</th><th>Measured</th><th>Verdict</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}
