import {
  type ChartSpec,
  type Claim,
  claimContextLines,
  type Provenance,
  type ResultFile,
} from '@rectify/experiments';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { errorMessage, h } from '../ui/dom';

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

/** A claim's context lines (experiments' `claimContextLines`), one block each. */
const claimContext = (claim: Claim): HTMLElement[] =>
  claimContextLines(claim).map((l) => h('div', { class: 'notes' }, l));

/** The banners above a result's claims: its stand-ins, and what an older format lacks. */
export function resultBanners(entry: ResultFile): HTMLElement[] {
  const provenance = entry.result.provenance as Provenance | undefined;
  const out: HTMLElement[] = [];
  if (provenance?.standIn)
    out.push(
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
    );
  for (const note of entry.notes)
    out.push(h('p', { class: 'notes', 'data-testid': `report-format-${entry.experiment}` }, note));
  return out;
}

/** The claims of a result: statement, measured figure and verdict. */
export function claimsTable(claims: readonly Claim[], testId = 'claims-table'): HTMLTableElement {
  return h(
    'table',
    { class: 'data', 'data-testid': testId },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { class: 'text' }, 'claim'),
        h('th', { class: 'text' }, 'measured'),
        h('th', { class: 'text' }, 'verdict'),
      ),
    ),
    h(
      'tbody',
      {},
      ...claims.map((claim) =>
        h(
          'tr',
          { 'data-testid': `claim-${claim.id}` },
          h(
            'td',
            { class: 'text' },
            claim.kind === 'finding' ? '[finding] ' : '',
            claim.statement,
            claim.paper ? h('div', { class: 'notes' }, `Paper: ${claim.paper}`) : '',
          ),
          h('td', { class: 'text' }, claim.measured, ...claimContext(claim)),
          h(
            'td',
            {
              class: `text verdict-${claim.verdict.replace(/\s+/g, '-')}`,
              'data-testid': `claim-${claim.id}-verdict`,
            },
            claim.verdict,
          ),
        ),
      ),
    ),
  );
}
