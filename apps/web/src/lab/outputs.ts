import {
  type DcAblationResult,
  type DcAblationVariant,
  type MinimalDcResult,
  resultCharts,
} from '@rectify/experiments';
import { claimsTable, renderCharts } from '../report/vega';
import { h, replaceChildren } from '../ui/dom';
import { formatNumber, formatPercent } from '../ui/format';
import { HANDOFF_KEY, type LabExperiment } from './protocol';

function accuracyCell(testId: string, value: number): HTMLElement {
  return h('td', { 'data-testid': testId, 'data-value': value }, formatPercent(value));
}

/**
 * Shows a finished run in `results`: the accuracy table, the claims, a download link, a link to
 * the report viewer and the report's charts.
 */
export async function showResult(
  results: HTMLElement,
  experiment: LabExperiment,
  result: unknown,
): Promise<void> {
  const sections: HTMLElement[] = [];
  if (experiment === 'minimal-dc') {
    const r = result as MinimalDcResult;
    const trained = r.kernels.find((k) => k.mode === 'trained');
    sections.push(
      h(
        'div',
        { class: 'readouts' },
        h(
          'div',
          { class: 'readout' },
          h(
            'div',
            { class: 'name' },
            'final accuracy: nearest centroid of the pooled DC (trained kernel, with ReLU)',
          ),
          h(
            'div',
            {
              class: 'value',
              'data-testid': 'lab-final-accuracy',
              'data-value': trained?.accuracyRelu ?? '',
            },
            formatPercent(trained?.accuracyRelu),
          ),
        ),
      ),
      h(
        'table',
        { class: 'data', 'data-testid': 'lab-accuracy-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'text' }, 'kernel'),
            h('th', {}, 'w0, w1'),
            h('th', {}, 'accuracy with ReLU'),
            h('th', {}, 'without ReLU'),
            h('th', {}, 'median |pooled − amp·|H|/π| / pred.'),
          ),
        ),
        h(
          'tbody',
          {},
          ...r.kernels.map((k) =>
            h(
              'tr',
              {},
              h('td', { class: 'text' }, k.mode),
              h('td', {}, k.kernel.map((w) => formatNumber(w, 4)).join(', ')),
              accuracyCell(`lab-accuracy-relu-${k.mode}`, k.accuracyRelu),
              accuracyCell(`lab-accuracy-linear-${k.mode}`, k.accuracyLinear),
              h('td', {}, formatPercent(k.medianPredictionError, 2)),
            ),
          ),
        ),
      ),
    );
  } else {
    const r = result as DcAblationResult;
    sections.push(
      h(
        'table',
        { class: 'data', 'data-testid': 'lab-accuracy-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { class: 'text' }, 'variant'),
            h('th', { class: 'text' }, 'conv activations'),
            h('th', {}, 'final accuracy (mean)'),
            h('th', {}, '± std'),
          ),
        ),
        h(
          'tbody',
          {},
          ...r.variants.map((v) =>
            h(
              'tr',
              {},
              h('td', { class: 'text' }, v.variant),
              h('td', { class: 'text' }, v.description),
              accuracyCell(`lab-accuracy-${v.variant as DcAblationVariant}`, v.finalAccuracy.mean),
              h('td', {}, formatPercent(v.finalAccuracy.std)),
            ),
          ),
        ),
      ),
    );
  }
  const claims = (result as { claims?: MinimalDcResult['claims'] }).claims ?? [];
  const download = h(
    'a',
    {
      'data-testid': 'lab-download',
      download: 'result.json',
      href: URL.createObjectURL(
        new Blob([JSON.stringify(result, null, 2)], { type: 'application/json' }),
      ),
    },
    'Download result.json',
  );
  const openReport = h(
    'button',
    {
      type: 'button',
      'data-testid': 'lab-open-report',
      onclick: () => {
        sessionStorage.setItem(HANDOFF_KEY, JSON.stringify(result));
        location.hash = '#/report?from=lab';
      },
    },
    'Open in the report viewer',
  );
  replaceChildren(
    results,
    ...sections,
    h('h3', {}, 'Claims'),
    claimsTable(claims, 'lab-claims'),
    h('div', { class: 'inline' }, download, openReport),
    h('p', { class: 'notes' }, 'Drawing the report charts…'),
  );
  const charts = await renderCharts(resultCharts(experiment, result));
  results.lastElementChild?.replaceWith(charts);
}
