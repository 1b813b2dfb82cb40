import { type FilterPoolResponse, filterReluPool, parseFilterPoolFields } from '@rectify/theory';
import type { Page } from '../main';
import { createChart } from '../ui/chart';
import { errorMessage, h, replaceChildren } from '../ui/dom';
import { createField } from '../ui/field';
import { formatNumber, formatPercent } from '../ui/format';
import { type FilterForm, filterFormFromQuery, filterFormToQuery } from './state';

const PRESETS: readonly (readonly [string, string])[] = [
  ['0.6, -0.4', 'V.D-like 2-tap'],
  ['1, -1', 'difference'],
  ['0.5, 0.5', 'average'],
  ['0.25, 0.5, 0.25', 'smoothing 3-tap'],
];

/** Mounts the filter → ReLU → pool page: the V.D mechanism in one picture. */
export function mountFilter(root: HTMLElement, query: URLSearchParams): Page {
  const form: FilterForm = filterFormFromQuery(query);
  const field = (id: keyof FilterForm, label: string, unit?: string, hint?: string) =>
    createField({
      id: `filter-${id}`,
      label,
      unit,
      hint,
      value: form[id],
      onInput: (v) => {
        form[id] = v;
        changed();
      },
    });
  const kernel = field(
    'kernel',
    'kernel taps',
    undefined,
    'Keras order: y[t] = Σ_k w[k]·x[t − K + 1 + k] (causal cross-correlation)',
  );
  const fs = field('fs', 'fs', 'Hz');
  const n = field('n', 'samples');
  const freqs = field('freqs', 'tone freqs', 'Hz', 'one single-tone signal per frequency');
  const amp = field('amp', 'amplitude');
  const fields = { kernel, fs, n, freqs, amp };

  const presets = h(
    'div',
    { class: 'inline' },
    ...PRESETS.map(([taps, name]) =>
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
    ),
  );
  const controls = h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Conv1D kernel (1 filter, causal, no bias)'),
      kernel.root,
      presets,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Inputs: amp·cos(2π f t)'),
      fs.root,
      n.root,
      freqs.root,
      amp.root,
    ),
    h(
      'p',
      { class: 'notes' },
      'Each tone passes through the filter, then ReLU, then global average pooling. The pooled value is the DC of the rectified, filtered tone: amp·|H(f)|/π. Without the ReLU the filtered tone stays zero-mean, so the pooled value carries no information about f.',
    ),
  );

  const status = h('div', {
    class: 'error-box',
    role: 'alert',
    'data-testid': 'filter-status',
    hidden: true,
  });
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
      status,
      table,
      h('div', { class: 'charts-row' }, response.root, pooled.root),
    ),
  );

  function draw(view: FilterPoolResponse): void {
    const toneFreqs = [...view.tones].sort((a, b) => a.freq - b.freq);
    const xs = Array.from(view.freqs);
    const merged = [...new Set([...xs, ...toneFreqs.map((t) => t.freq)])].sort((a, b) => a - b);
    const at = new Map(xs.map((f, i) => [f, i]));
    const byTone = new Map(toneFreqs.map((t) => [t.freq, t]));
    const curve = (values: ArrayLike<number | null>) =>
      merged.map((f) => {
        const i = at.get(f);
        return i === undefined ? null : (values[i] ?? null);
      });
    const toneValue = (pick: (t: (typeof toneFreqs)[number]) => number) =>
      merged.map((f) => {
        const t = byTone.get(f);
        return t ? pick(t) : null;
      });
    response.setData([merged, curve(view.gain), toneValue((t) => t.gain)]);
    pooled.setData([
      merged,
      curve(view.predictedCurve),
      toneValue((t) => t.measuredRelu),
      toneValue((t) => t.measuredLinear),
    ]);
    replaceChildren(
      table,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'f (Hz)'),
          h('th', {}, '|H(f)|'),
          h('th', {}, 'pooled, ReLU (measured)'),
          h('th', {}, 'amp·|H(f)|/π (predicted)'),
          h('th', {}, 'difference'),
          h('th', {}, 'pooled, no ReLU (measured)'),
        ),
      ),
      h(
        'tbody',
        {},
        ...view.tones.map((t, i) =>
          h(
            'tr',
            { 'data-testid': `filter-row-${i}` },
            h('td', {}, formatNumber(t.freq, 6)),
            h(
              'td',
              { 'data-testid': `filter-gain-${i}`, 'data-value': t.gain },
              formatNumber(t.gain),
            ),
            h(
              'td',
              { 'data-testid': `filter-measured-${i}`, 'data-value': t.measuredRelu },
              formatNumber(t.measuredRelu),
            ),
            h(
              'td',
              { 'data-testid': `filter-predicted-${i}`, 'data-value': t.predictedRelu },
              formatNumber(t.predictedRelu),
            ),
            h(
              'td',
              {},
              t.predictedRelu !== 0
                ? formatPercent((t.measuredRelu - t.predictedRelu) / t.predictedRelu, 2)
                : '—',
            ),
            h(
              'td',
              { 'data-testid': `filter-linear-${i}`, 'data-value': t.measuredLinear },
              formatNumber(t.measuredLinear),
            ),
          ),
        ),
      ),
    );
  }

  function changed(): void {
    history.replaceState(null, '', `#/filter?${filterFormToQuery(form).toString()}`);
    const parsed = parseFilterPoolFields(form);
    for (const [key, f] of Object.entries(fields)) f.setError(parsed.errors[key] ?? null);
    root.dataset.valid = String(parsed.ok);
    if (!parsed.ok) {
      status.hidden = false;
      status.textContent = 'Fix the highlighted field; the plots show the last valid input.';
      return;
    }
    try {
      draw(filterReluPool(parsed.value));
      status.hidden = true;
      root.dataset.renders = String(Number(root.dataset.renders ?? 0) + 1);
    } catch (error) {
      status.hidden = false;
      status.textContent = errorMessage(error);
    }
  }

  changed();
  return {
    update(next) {
      const nextForm = filterFormFromQuery(next);
      if (filterFormToQuery(nextForm).toString() === filterFormToQuery(form).toString()) return;
      Object.assign(form, nextForm);
      for (const [key, f] of Object.entries(fields)) f.input.value = form[key as keyof FilterForm];
      changed();
    },
    unmount() {
      response.destroy();
      pooled.destroy();
    },
  };
}
