import {
  type Chart,
  createChart,
  createReadouts,
  errorBox,
  h,
  type MessageBox,
  type Readout,
} from '@rectify/ui';

/** The readouts: key, `data-testid`, name and what the number is (the card's title). */
const READOUTS = [
  [
    'dcExact',
    'dc-exact',
    'DC exact',
    'mean of the activation output over a common period (reluDc / measured for non-ReLU)',
  ],
  ['dcFirst', 'dc-first-order', 'DC first order √A/2', 'the paper’s leading term, A = (Σ|a_i|)²/2'],
  ['dcSeries', 'dc-series', 'DC of the N-term series', 'the DC line of the truncated expansion'],
  [
    'dcMeasured',
    'dc-measured',
    'DC measured (FFT bin 0)',
    'amplitude spectrum of the sampled output at 0 Hz',
  ],
  ['errRrmse', 'error-rrmse', 'relative RMSE vs activation', '‖approx − f(x)‖ / ‖f(x)‖'],
  ['errMax', 'error-max', 'max |error|', 'largest pointwise error of the approximation'],
  [
    'errZero',
    'error-zero-crossing',
    'error at zero crossings',
    'where the series converges slowest (x = 0)',
  ],
  [
    'errPaper',
    'error-paper',
    'authors’ %RRMSE',
    'sqrt(mean((f(x) − approx)²)/Σx²), relative to the input, as printed in the paper',
  ],
  ['renderTime', 'render-ms', 'update time', 'input change → updated plots'],
] as const;

/** A readout's key, e.g. `'dcExact'`. */
type ReadoutKey = (typeof READOUTS)[number][0];

/** The explorer's output elements: status, readouts, charts, the lines table and notes. */
export interface ExplorerOutputs {
  /** The wrapper of every output. */
  readonly root: HTMLElement;
  /** Why the plots show an older input (or what failed); hidden when all is well. */
  readonly status: MessageBox;
  /** The readouts by key. */
  readonly readouts: Record<ReadoutKey, Readout>;
  readonly time: Chart;
  readonly spectrum: Chart;
  readonly convergence: Chart;
  /** Caption of the spectrum: what the hovered line is. */
  readonly lineCaption: HTMLElement;
  readonly linesTable: HTMLTableElement;
  readonly notes: HTMLElement;
  /** Releases the charts. */
  destroy(): void;
}

/**
 * Builds the explorer's outputs (empty until a view is rendered into them).
 *
 * @param options.yLog - whether the spectrum opens on a log amplitude axis.
 * @param options.onSpectrumCursor - called with the frequency (Hz) under the cursor, or null.
 */
export function createExplorerOutputs(options: {
  yLog: boolean;
  onSpectrumCursor: (freq: number | null) => void;
}): ExplorerOutputs {
  const status = errorBox('explorer-status');
  const readouts = createReadouts(READOUTS);
  const time = createChart({
    testId: 'chart-time',
    title: 'Time domain',
    xLabel: 't (s)',
    yLabel: 'amplitude',
    series: [
      { label: 'input x', stroke: '#8899aa', width: 1 },
      { label: 'activation f(x)', stroke: '#1f6feb', width: 1.5 },
      { label: 'N-term approximation', stroke: '#e8590c', width: 1.25, dash: [5, 3] },
    ],
  });
  const lineCaption = h(
    'span',
    {},
    'Hover the spectrum: predicted lines are labelled by their origin.',
  );
  const spectrum = createChart({
    testId: 'chart-spectrum',
    title: 'Amplitude spectrum (single-sided)',
    xLabel: 'f (Hz)',
    yLabel: 'amplitude',
    yLog: options.yLog,
    series: [
      { label: 'input', stroke: '#8899aa', width: 1 },
      { label: 'output', stroke: '#1f6feb', width: 1.5 },
      { label: 'predicted lines', stroke: '#e8590c', stems: true },
    ],
    onCursor: (f) => options.onSpectrumCursor(f),
  });
  spectrum.setCaption(lineCaption);
  const convergence = createChart({
    testId: 'chart-convergence',
    title: 'Error against terms',
    xLabel: 'terms N',
    yLabel: 'relative RMSE',
    yLog: true,
    series: [
      { label: 'relative RMSE vs f(x)', stroke: '#1f6feb', width: 1.5 },
      { label: 'current N', stroke: '#e8590c', stems: true },
    ],
    height: 220,
  });
  const linesTable = h('table', { class: 'data', 'data-testid': 'lines-table' });
  const notes = h('ul', { class: 'notes', 'data-testid': 'explorer-notes' });
  const root = h(
    'div',
    { class: 'outputs' },
    status.root,
    readouts.root,
    time.root,
    spectrum.root,
    h(
      'div',
      { class: 'charts-row' },
      convergence.root,
      h('div', {}, h('div', { class: 'chart-title' }, 'Largest predicted lines'), linesTable),
    ),
    notes,
  );
  return {
    root,
    status,
    readouts: readouts.byKey,
    time,
    spectrum,
    convergence,
    lineCaption,
    linesTable,
    notes,
    destroy() {
      time.destroy();
      spectrum.destroy();
      convergence.destroy();
    },
  };
}
