import { type FilterPoolResponse, filterReluPool, parseFilterPoolFields } from '@rectify/theory';
import {
  type ChartData,
  controlsForm,
  createChart,
  createFields,
  errorBox,
  errorMessage,
  fieldset,
  fillTable,
  formatNumber,
  formatPercent,
  h,
  joinSeries,
  type Page,
  replaceChildren,
  valueCell,
} from '@rectify/ui';
import { filterFormFromQuery, filterFormToQuery } from './state';

const PRESETS: readonly (readonly [string, string])[] = [
  ['0.6, -0.4', 'V.D-like 2-tap'],
  ['1, -1', 'difference'],
  ['0.5, 0.5', 'average'],
  ['0.25, 0.5, 0.25', 'smoothing 3-tap'],
];

/** Mounts the filter → ReLU → pool page: the V.D mechanism in one picture. */
export function mountFilter(root: HTMLElement, query: URLSearchParams): Page {
  const form = filterFormFromQuery(query);
  const group = createFields(
    [
      {
        key: 'kernel',
        label: 'kernel taps',
        hint: 'Keras order: y[t] = Σ_k w[k]·x[t − K + 1 + k] (causal cross-correlation)',
      },
      { key: 'fs', label: 'fs', unit: 'Hz' },
      { key: 'n', label: 'samples' },
      {
        key: 'freqs',
        label: 'tone freqs',
        unit: 'Hz',
        hint: 'one single-tone signal per frequency',
      },
      { key: 'amp', label: 'amplitude' },
    ],
    form,
    changed,
    'filter-',
  );
  const { kernel, fs, n, freqs, amp } = group.fields;
  const presets = PRESETS.map(([taps, name]) =>
    h(
      'button',
      {
        type: 'button',
        'data-testid': `filter-preset-${name.replace(/\W+/g, '-')}`,
        onclick: () => {
          form.kernel = taps;
          kernel.input.value = taps;
          changed();
        },
      },
      name,
    ),
  );
  const controls = controlsForm(
    {},
    fieldset(
      'Conv1D kernel (1 filter, causal, no bias)',
      kernel.root,
      h('div', { class: 'inline' }, ...presets),
    ),
    fieldset('Inputs: amp·cos(2π f t)', fs.root, n.root, freqs.root, amp.root),
    h(
      'p',
      { class: 'notes' },
      'Each tone passes through the filter, then ReLU, then global average pooling. The pooled value is the DC of the rectified, filtered tone: amp·|H(f)|/π. Without the ReLU the filtered tone stays zero-mean, so the pooled value carries no information about f.',
    ),
  );

  const status = errorBox('filter-status');
  const table = h('table', { class: 'data', 'data-testid': 'filter-table' });
  const response = createChart({
    testId: 'chart-response',
    title: 'Filter response |H(f)|',
    xLabel: 'f (Hz)',
    yLabel: '|H(f)|',
    series: [
      { label: '|H(f)|', stroke: '#1f6feb', width: 1.5 },
      { label: 'tones', stroke: '#e8590c', stems: true },
    ],
    height: 240,
    yMin: 0,
  });
  const pooled = createChart({
    testId: 'chart-pooled',
    title: 'Pooled value against frequency',
    xLabel: 'f (Hz)',
    yLabel: 'pooled value',
    series: [
      { label: 'predicted amp·|H(f)|/π', stroke: '#1f6feb', width: 1.5 },
      { label: 'measured with ReLU', stroke: '#e8590c', stems: true },
      { label: 'measured without ReLU', stroke: '#2e7d32', stems: true },
    ],
    height: 240,
    yMin: 0,
  });
  replaceChildren(
    root,
    controls,
    h(
      'div',
      { class: 'outputs' },
      status.root,
      table,
      h('div', { class: 'charts-row' }, response.root, pooled.root),
    ),
  );

  function draw(view: FilterPoolResponse): void {
    // The response grid and the tones on one frequency axis (nulls where a series has no point).
    const tones = [...view.tones].sort((a, b) => a.freq - b.freq);
    const [f, gain, predicted, toneGain, relu, linear] = joinSeries([
      [view.freqs, view.gain, view.predictedCurve] as unknown as ChartData,
      [
        tones.map((t) => t.freq),
        tones.map((t) => t.gain),
        tones.map((t) => t.measuredRelu),
        tones.map((t) => t.measuredLinear),
      ],
    ]);
    response.setData([f, gain, toneGain] as ChartData);
    pooled.setData([f, predicted, relu, linear] as ChartData);
    fillTable(
      table,
      [
        { head: 'f (Hz)', cell: (t) => formatNumber(t.freq, 6) },
        { head: '|H(f)|', cell: (t, i) => valueCell(`filter-gain-${i}`, t.gain) },
        {
          head: 'pooled, ReLU (measured)',
          cell: (t, i) => valueCell(`filter-measured-${i}`, t.measuredRelu),
        },
        {
          head: 'amp·|H(f)|/π (predicted)',
          cell: (t, i) => valueCell(`filter-predicted-${i}`, t.predictedRelu),
        },
        {
          head: 'difference',
          cell: (t) =>
            t.predictedRelu !== 0
              ? formatPercent((t.measuredRelu - t.predictedRelu) / t.predictedRelu, 2)
              : '—',
        },
        {
          head: 'pooled, no ReLU (measured)',
          cell: (t, i) => valueCell(`filter-linear-${i}`, t.measuredLinear),
        },
      ],
      view.tones,
      (_, i) => ({ 'data-testid': `filter-row-${i}` }),
    );
  }

  function changed(): void {
    history.replaceState(null, '', `#/filter?${filterFormToQuery(form).toString()}`);
    const parsed = parseFilterPoolFields(form);
    group.showErrors(parsed.errors);
    root.dataset.valid = String(parsed.ok);
    if (!parsed.ok) {
      status.show('Fix the highlighted field; the plots show the last valid input.');
      return;
    }
    try {
      draw(filterReluPool(parsed.value));
      status.show(null);
      root.dataset.renders = String(Number(root.dataset.renders ?? 0) + 1);
    } catch (error) {
      status.show(errorMessage(error));
    }
  }

  changed();
  return {
    update(next) {
      const nextForm = filterFormFromQuery(next);
      if (filterFormToQuery(nextForm).toString() === filterFormToQuery(form).toString()) return;
      Object.assign(form, nextForm);
      group.setValues(form);
      changed();
    },
    unmount() {
      response.destroy();
      pooled.destroy();
    },
  };
}
