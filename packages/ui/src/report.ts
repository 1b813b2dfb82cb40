import type {
  ChartSpec,
  Claim,
  Provenance,
  ResultFile,
  SkippedResultFile,
} from '@rectify/experiments';
// The pure report entry (no tfjs), so a page of widgets loads no training code.
import { claimContextLines, resultCharts } from '@rectify/experiments/report';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { type Child, errorMessage, h } from './dom';
import { dataTable } from './table';

/**
 * Renders the Vega-Lite specs of `resultCharts` (the same specs the CLI's HTML report uses) as
 * SVG figures, one `figure[data-testid="vega-<id>"]` each (`data-rendered="true"` once drawn),
 * in a `div[data-testid="vega-charts"]`. A spec that fails to render shows its error in place of
 * the figure; the others still render.
 *
 * @param charts - the named Vega-Lite specs (`@rectify/experiments`' `resultCharts`).
 * @returns the host element, once every chart has rendered or failed.
 * @example
 * output.append(await renderCharts(resultCharts('minimal-dc', result)));
 */
export async function renderCharts(charts: readonly ChartSpec[]): Promise<HTMLElement> {
  const host = h('div', { class: 'vega-charts', 'data-testid': 'vega-charts' });
  for (const chart of charts) {
    const figure = h(
      'figure',
      { class: 'chart vega-host', 'data-testid': `vega-${chart.id}` },
      h('figcaption', { class: 'chart-title' }, chart.title),
    );
    host.append(figure);
    try {
      // The figure's caption is the title; the spec's own title would print it a second time.
      const { title: _caption, ...untitled } = chart.spec;
      const { spec } = compile(untitled as unknown as TopLevelSpec);
      const target = h('div');
      figure.append(target);
      const view = new View(parse(spec), { renderer: 'svg', container: target, hover: true });
      await view.runAsync();
      figure.dataset.rendered = 'true';
    } catch (error) {
      figure.append(
        h('p', { class: 'error-box' }, `Could not draw this chart: ${errorMessage(error)}`),
      );
    }
  }
  return host;
}

/**
 * The banners above a result's claims: its stand-ins (`<stem>-provenance-<experiment>`, an
 * error box) and what an older format lacks (`<stem>-format-<experiment>`, one note each).
 *
 * @param entry - a result file read by `readResultFiles` / `parseResultText`.
 * @param stem - the stem of the banners' `data-testid`s; default `'report'`.
 * @returns the banners (nothing where the result has none).
 * @example
 * section.append(...resultBanners(entry).filter((b) => b instanceof Node));
 */
export function resultBanners(entry: ResultFile, stem = 'report'): Child[] {
  const provenance = entry.result.provenance as Provenance | undefined;
  return [
    provenance?.standIn &&
      h(
        'div',
        {
          class: 'error-box',
          role: 'note',
          'data-testid': `${stem}-provenance-${entry.experiment}`,
        },
        h('b', {}, 'Stand-ins, not the paper’s inputs: '),
        provenance.notes.join('; '),
      ),
    ...entry.notes.map((note) =>
      h('p', { class: 'notes', 'data-testid': `${stem}-format-${entry.experiment}` }, note),
    ),
  ];
}

/**
 * The claims of a result as a table: statement (with the paper's line), measured figure (with
 * its context from `claimContextLines`) and verdict, whose cell has the class
 * `verdict-<verdict>` (spaces as dashes) and the `data-testid` `claim-<id>-verdict`.
 *
 * @param claims - the result's claims.
 * @param testId - the table's `data-testid`.
 * @returns a new `table.data`, one row (`claim-<id>`) per claim.
 * @example
 * results.append(claimsTable(result.claims, 'lab-claims'));
 */
export function claimsTable(claims: readonly Claim[], testId: string): HTMLTableElement {
  return dataTable(
    { 'data-testid': testId },
    [
      {
        head: 'claim',
        text: true,
        cell: (c) => [
          c.kind === 'finding' ? '[finding] ' : '',
          c.statement,
          c.paper && h('div', { class: 'notes' }, `Paper: ${c.paper}`),
        ],
      },
      {
        head: 'measured',
        text: true,
        cell: (c) => [
          c.measured,
          ...claimContextLines(c).map((l) => h('div', { class: 'notes' }, l)),
        ],
      },
      {
        head: 'verdict',
        text: true,
        cell: (c) => ({
          content: c.verdict,
          attrs: {
            class: `text verdict-${c.verdict.replace(/\s+/g, '-')}`,
            'data-testid': `claim-${c.id}-verdict`,
          },
        }),
      },
    ],
    claims,
    (c) => ({ 'data-testid': `claim-${c.id}` }),
  );
}

/**
 * One result file as a section: a heading with the experiment and where it comes from, its seed,
 * backend, units and config hash, its banners ({@link resultBanners}), its claims
 * ({@link claimsTable}, `<stem>-claims-<experiment>`) and its charts ({@link renderCharts}). A
 * result whose charts cannot be built still shows its claims, with the reason under them.
 *
 * @param entry - a result file read by `readResultFiles` / `parseResultText`.
 * @param stem - the stem of the `data-testid`s: the section is `<stem>-<experiment>`.
 * @returns the section, once its charts have rendered.
 * @example
 * output.append(await resultSection(entry, 'report'));
 */
export async function resultSection(entry: ResultFile, stem: string): Promise<HTMLElement> {
  const r = entry.result;
  const section = h(
    'section',
    { class: 'outputs', 'data-testid': `${stem}-${entry.experiment}` },
    h('h2', {}, `${entry.experiment} — ${entry.source}`),
    h(
      'p',
      { class: 'notes' },
      `seed ${String(r.seed ?? '—')}, backend ${String(r.backend ?? '—')}, units ${String(r.units ?? '—')}, config hash ${String(r.configHash ?? '—').slice(0, 12)}…`,
    ),
    ...resultBanners(entry, stem),
    claimsTable(
      Array.isArray(r.claims) ? (r.claims as Claim[]) : [],
      `${stem}-claims-${entry.experiment}`,
    ),
  );
  try {
    section.append(await renderCharts(resultCharts(entry.experiment, r)));
  } catch (e) {
    section.append(
      h(
        'p',
        { class: 'error-box' },
        `Could not build the charts of ${entry.source}: ${errorMessage(e)}`,
      ),
    );
  }
  return section;
}

/**
 * The files a report could not read, unfolded, each named (`li[data-source]`) with its reason.
 *
 * @param skipped - the skipped files with their reasons (`readResultFiles`' `skipped`).
 * @param testId - the list's `data-testid`.
 * @returns a `<details open>` element.
 * @example
 * output.append(skippedFilesList(readResultFiles(files).skipped, 'report-skipped'));
 */
export function skippedFilesList(
  skipped: readonly SkippedResultFile[],
  testId: string,
): HTMLElement {
  // A reason starts with the file's name, which the list shows already.
  const reason = (s: SkippedResultFile) =>
    s.reason.startsWith(s.source)
      ? s.reason.slice(s.source.length).replace(/^[:\s]+/, '')
      : s.reason;
  return h(
    'details',
    { class: 'notes', 'data-testid': testId, open: true },
    h('summary', {}, `${skipped.length} file(s) skipped, each with the reason:`),
    h(
      'ul',
      {},
      ...skipped.map((s) =>
        h('li', { 'data-source': s.source }, h('code', {}, s.source), ` ${reason(s)}`),
      ),
    ),
  );
}
