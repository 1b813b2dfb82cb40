import {
  type ChartSpec,
  type Claim,
  claimContextLines,
  type Provenance,
  type ResultFile,
} from '@rectify/experiments';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { type Child, errorMessage, h } from '../ui/dom';
import { dataTable } from '../ui/table';

/**
 * Renders the Vega-Lite specs of `resultCharts` (the same specs the CLI's HTML report uses) as
 * SVG figures. A spec that fails to render shows its error in place of the figure.
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

/** The banners above a result's claims: its stand-ins, and what an older format lacks. */
export function resultBanners(entry: ResultFile): Child[] {
  const provenance = entry.result.provenance as Provenance | undefined;
  return [
    provenance?.standIn &&
      h(
        'div',
        {
          class: 'error-box',
          role: 'note',
          'data-testid': `report-provenance-${entry.experiment}`,
        },
        h('b', {}, 'Stand-ins, not the paper’s inputs: '),
        provenance.notes.join('; '),
      ),
    ...entry.notes.map((note) =>
      h('p', { class: 'notes', 'data-testid': `report-format-${entry.experiment}` }, note),
    ),
  ];
}

/** The claims of a result: statement (with the paper's line), measured figure (with its context) and verdict. */
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
