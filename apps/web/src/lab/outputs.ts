import { type DcAblationResult, type MinimalDcResult, resultCharts } from '@rectify/experiments';
import {
  claimsTable,
  createReadout,
  dataTable,
  formatNumber,
  formatPercent,
  h,
  renderCharts,
  replaceChildren,
  valueCell,
} from '@rectify/ui';
import { HANDOFF_KEY, type LabExperiment } from './protocol';

const accuracy = (testId: string, value: number) => valueCell(testId, value, formatPercent(value));

/** minimalDc's final accuracy, then each kernel's accuracies with and without ReLU. */
function minimalDcSections(r: MinimalDcResult): HTMLElement[] {
  const trained = r.kernels.find((k) => k.mode === 'trained')?.accuracyRelu ?? null;
  const final = createReadout(
    'lab-final-accuracy',
    'final accuracy: nearest centroid of the pooled DC (trained kernel, with ReLU)',
  );
  final.set(trained, undefined, formatPercent(trained));
  return [
    h('div', { class: 'readouts' }, final.root),
    dataTable(
      { 'data-testid': 'lab-accuracy-table' },
      [
        { head: 'kernel', text: true, cell: (k) => k.mode },
        { head: 'w0, w1', cell: (k) => k.kernel.map((w) => formatNumber(w, 4)).join(', ') },
        {
          head: 'accuracy with ReLU',
          cell: (k) => accuracy(`lab-accuracy-relu-${k.mode}`, k.accuracyRelu),
        },
        {
          head: 'without ReLU',
          cell: (k) => accuracy(`lab-accuracy-linear-${k.mode}`, k.accuracyLinear),
        },
        {
          head: 'median |pooled − amp·|H|/π| / pred.',
          cell: (k) => formatPercent(k.medianPredictionError, 2),
        },
      ],
      r.kernels,
    ),
  ];
}

/** dcAblation's final accuracy of each variant. */
function dcAblationSections(r: DcAblationResult): HTMLElement[] {
  return [
    dataTable(
      { 'data-testid': 'lab-accuracy-table' },
      [
        { head: 'variant', text: true, cell: (v) => v.variant },
        { head: 'conv activations', text: true, cell: (v) => v.description },
        {
          head: 'final accuracy (mean)',
          cell: (v) => accuracy(`lab-accuracy-${v.variant}`, v.finalAccuracy.mean),
        },
        { head: '± std', cell: (v) => formatPercent(v.finalAccuracy.std) },
      ],
      r.variants,
    ),
  ];
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
  const sections =
    experiment === 'minimal-dc'
      ? minimalDcSections(result as MinimalDcResult)
      : dcAblationSections(result as DcAblationResult);
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
    claimsTable((result as MinimalDcResult).claims ?? [], 'lab-claims'),
    h('div', { class: 'inline' }, download, openReport),
    h('p', { class: 'notes' }, 'Drawing the report charts…'),
  );
  const charts = await renderCharts(resultCharts(experiment, result));
  results.lastElementChild?.replaceWith(charts);
}
