import type { Page } from '../main';
import { createChart } from '../ui/chart';
import { errorMessage, h, replaceChildren } from '../ui/dom';
import { createField, createSelect } from '../ui/field';
import { formatHz, formatNumber, formatPercent } from '../ui/format';
import { createReadout } from '../ui/readout';
import {
  type ConvergenceView,
  computeConvergence,
  computeExplorer,
  type ExplorerView,
  type PredictedLine,
} from './model';
import {
  ACTIVATIONS,
  type ActivationName,
  DEFAULT_FORM,
  type ExplorerForm,
  type ExplorerParams,
  type ExpansionName,
  formFromQuery,
  formToQuery,
  MAX_TERMS,
  MAX_TONES,
  parseExplorerForm,
} from './state';

const ACTIVATION_LABELS: Record<ActivationName, string> = {
  relu: 'ReLU',
  leaky: 'Leaky ReLU (α)',
  gelu: 'GELU',
  silu: 'SiLU',
  tanh: 'tanh',
  abs: '|x|',
};

const EXPANSION_LABELS: Record<ExpansionName, string> = {
  binomial: 'binomial (paper)',
  chebyshev: 'Chebyshev (better)',
};

/** Seconds of signal the time plot shows at first (drag to zoom, double-click for all). */
const TIME_WINDOW_S = 0.5;
/** The spectrum plot opens on 0 … this multiple of the highest tone frequency (at most fs/2). */
const SPECTRUM_SPAN = 4;

declare global {
  interface Window {
    /** Milliseconds from each input change to the updated plots, newest last (read by the benchmark). */
    __rectifyRenderTimes?: number[];
  }
}

/** Mounts the explorer: tones, activation and expansion in; time, spectrum, DC and error out. */
export function mountExplorer(root: HTMLElement, query: URLSearchParams): Page {
  let form: ExplorerForm = formFromQuery(query);
  let lastView: ExplorerView | null = null;
  let convergenceKey = '';
  let convergenceTimer: ReturnType<typeof setTimeout> | undefined;

  // ---- controls
  const tonesBody = h('tbody');
  const tonesError = h('div', {
    class: 'field-error',
    'data-testid': 'tones-error',
    role: 'alert',
  });
  const addTone = h(
    'button',
    {
      type: 'button',
      'data-testid': 'tone-add',
      onclick: () => {
        const used = new Set(form.tones.map((t) => t.freq));
        let freq = 1;
        while (used.has(String(freq))) freq += 1;
        form.tones.push({ freq: String(freq), amp: '1', phase: '0' });
        renderTones();
        changed();
      },
    },
    '+ Add tone',
  );

  const fs = createField({
    id: 'fs',
    label: 'fs',
    unit: 'Hz',
    value: form.fs,
    onInput: (v) => {
      form.fs = v;
      changed();
    },
  });
  const duration = createField({
    id: 'duration',
    label: 'duration',
    unit: 's',
    value: form.duration,
    onInput: (v) => {
      form.duration = v;
      changed();
    },
  });
  const samples = h('div', { class: 'notes', 'data-testid': 'samples' });

  const activation = createSelect({
    id: 'activation',
    label: 'activation',
    choices: ACTIVATIONS.map((a) => [a, ACTIVATION_LABELS[a]] as const),
    value: form.activation,
    onChange: (v) => {
      form.activation = v;
      alpha.root.hidden = v !== 'leaky';
      changed();
    },
  });
  const alpha = createField({
    id: 'alpha',
    label: 'α (leak)',
    value: form.alpha,
    onInput: (v) => {
      form.alpha = v;
      changed();
    },
    hint: 'negative slope, 0 ≤ α ≤ 1',
  });
  alpha.root.hidden = form.activation !== 'leaky';

  const expansion = createSelect({
    id: 'expansion',
    label: 'expansion',
    choices: (['binomial', 'chebyshev'] as const).map((e) => [e, EXPANSION_LABELS[e]] as const),
    value: form.expansion,
    onChange: (v) => {
      form.expansion = v;
      changed();
    },
  });
  const termsValue = h('span', { class: 'unit', 'data-testid': 'terms-value' }, form.terms);
  const terms = createField({
    id: 'terms',
    label: 'terms N',
    type: 'range',
    value: form.terms,
    attrs: { min: 1, max: MAX_TERMS, step: 1, class: 'slider' },
    onInput: (v) => {
      form.terms = v;
      termsValue.textContent = v;
      changed();
    },
  });
  terms.root.querySelector('.field-input')!.append(termsValue);
  const dc = createSelect({
    id: 'dc',
    label: 'DC',
    choices: [
      ['keep', 'keep'],
      ['remove', 'remove (subtract the mean)'],
    ] as const,
    value: form.dc,
    onChange: (v) => {
      form.dc = v;
      changed();
    },
  });
  const logToggle = h('input', {
    type: 'checkbox',
    id: 'log',
    'data-testid': 'log',
    checked: form.log,
  });
  logToggle.addEventListener('change', () => {
    form.log = logToggle.checked;
    spectrum.setYLog(form.log);
    changed();
  });
  const reset = h(
    'button',
    {
      type: 'button',
      'data-testid': 'reset',
      onclick: () => {
        setForm(structuredClone(DEFAULT_FORM) as ExplorerForm);
        changed();
      },
    },
    'Reset to the paper’s V.A signal',
  );

  const controls = h(
    'form',
    {
      class: 'controls',
      'data-testid': 'explorer-controls',
      onsubmit: (e: Event) => e.preventDefault(),
    },
    h(
      'fieldset',
      { class: 'tones' },
      h('legend', {}, 'Input: Σ a·cos(2π f t + φ)'),
      h(
        'table',
        {},
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'f (Hz)'), h('th', {}, 'a'), h('th', {}, 'φ (rad)'), h('th', {})),
        ),
        tonesBody,
      ),
      tonesError,
      h('div', { class: 'inline' }, addTone),
      fs.root,
      duration.root,
      samples,
    ),
    h('fieldset', {}, h('legend', {}, 'Activation'), activation.root, alpha.root, dc.root),
    h('fieldset', {}, h('legend', {}, 'Approximation of |x|'), expansion.root, terms.root),
    h(
      'div',
      { class: 'inline' },
      h('label', { for: 'log' }, logToggle, ' log amplitude axis'),
      reset,
    ),
  );

  // ---- outputs
  const status = h('div', {
    class: 'error-box',
    role: 'alert',
    'data-testid': 'explorer-status',
    hidden: true,
  });
  const dcExact = createReadout(
    'dc-exact',
    'DC exact',
    'mean of the activation output over a common period (reluDc / measured for non-ReLU)',
  );
  const dcFirst = createReadout(
    'dc-first-order',
    'DC first order √A/2',
    'the paper’s leading term, A = (Σ|a_i|)²/2',
  );
  const dcSeries = createReadout(
    'dc-series',
    'DC of the N-term series',
    'the DC line of the truncated expansion',
  );
  const dcMeasured = createReadout(
    'dc-measured',
    'DC measured (FFT bin 0)',
    'amplitude spectrum of the sampled output at 0 Hz',
  );
  const errRrmse = createReadout(
    'error-rrmse',
    'relative RMSE vs activation',
    '‖approx − f(x)‖ / ‖f(x)‖',
  );
  const errMax = createReadout(
    'error-max',
    'max |error|',
    'largest pointwise error of the approximation',
  );
  const errZero = createReadout(
    'error-zero-crossing',
    'error at zero crossings',
    'where the series converges slowest (x = 0)',
  );
  const errPaper = createReadout(
    'error-paper',
    'authors’ %RRMSE',
    'sqrt(mean((f(x) − approx)²)/Σx²), relative to the input, as printed in the paper',
  );
  const renderTime = createReadout('render-ms', 'update time', 'input change → updated plots');

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
    yLog: form.log,
    series: [
      { label: 'input', stroke: '#8899aa', width: 1 },
      { label: 'output', stroke: '#1f6feb', width: 1.5 },
      { label: 'predicted lines', stroke: '#e8590c', stems: true },
    ],
    onCursor: (f) => showLineAt(f),
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

  const outputs = h(
    'div',
    { class: 'outputs' },
    status,
    h(
      'div',
      { class: 'readouts' },
      dcExact.root,
      dcFirst.root,
      dcSeries.root,
      dcMeasured.root,
      errRrmse.root,
      errMax.root,
      errZero.root,
      errPaper.root,
      renderTime.root,
    ),
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
  replaceChildren(root, controls, outputs);

  function toneInput(i: number, key: 'freq' | 'amp' | 'phase', label: string): HTMLInputElement {
    const id = `tone-${i}-${key}`;
    const input = h('input', {
      type: 'text',
      id,
      'data-testid': id,
      inputmode: 'decimal',
      'aria-label': `${label} of tone ${i + 1}`,
      'aria-describedby': `tone-${i}-error`,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    input.value = form.tones[i]![key];
    input.addEventListener('input', () => {
      form.tones[i]![key] = input.value;
      changed();
    });
    return input;
  }

  function renderTones(): void {
    const rows: HTMLElement[] = [];
    form.tones.forEach((_, i) => {
      const remove = h(
        'button',
        {
          type: 'button',
          class: 'icon',
          title: `remove tone ${i + 1}`,
          'data-testid': `tone-${i}-remove`,
          onclick: () => {
            form.tones.splice(i, 1);
            renderTones();
            changed();
          },
        },
        '×',
      );
      rows.push(
        h(
          'tr',
          { 'data-testid': `tone-${i}` },
          h('td', {}, toneInput(i, 'freq', 'frequency')),
          h('td', {}, toneInput(i, 'amp', 'amplitude')),
          h('td', {}, toneInput(i, 'phase', 'phase')),
          h('td', {}, remove),
        ),
        h(
          'tr',
          { class: 'row-error' },
          h('td', {
            colspan: 4,
            class: 'tone-error',
            id: `tone-${i}-error`,
            'data-testid': `tone-${i}-error`,
            role: 'alert',
          }),
        ),
      );
    });
    replaceChildren(tonesBody, ...rows);
    addTone.disabled = form.tones.length >= MAX_TONES;
  }

  function setForm(next: ExplorerForm): void {
    form = next;
    fs.input.value = form.fs;
    duration.input.value = form.duration;
    activation.select.value = form.activation;
    alpha.input.value = form.alpha;
    alpha.root.hidden = form.activation !== 'leaky';
    expansion.select.value = form.expansion;
    terms.input.value = form.terms;
    termsValue.textContent = form.terms;
    dc.select.value = form.dc;
    logToggle.checked = form.log;
    spectrum.setYLog(form.log);
    renderTones();
  }

  function showErrors(errors: Record<string, string>): void {
    fs.setError(errors.fs ?? null);
    duration.setError(errors.duration ?? null);
    alpha.setError(errors.alpha ?? null);
    terms.setError(errors.terms ?? null);
    tonesError.textContent = errors.tones ?? '';
    form.tones.forEach((_, i) => {
      const messages: string[] = [];
      for (const key of ['freq', 'amp', 'phase'] as const) {
        const message = errors[`tone-${i}-${key}`];
        root
          .querySelector(`#tone-${i}-${key}`)
          ?.toggleAttribute('aria-invalid', message !== undefined);
        if (message) messages.push(message);
      }
      const cell = root.querySelector(`#tone-${i}-error`);
      if (cell) cell.textContent = messages.join('; ');
    });
  }

  function showLineAt(freq: number | null): void {
    const lines = lastView?.lines;
    if (freq === null || !lines || lines.length === 0) return;
    let best: PredictedLine | null = null;
    for (const line of lines)
      if (!best || Math.abs(line.freq - freq) < Math.abs(best.freq - freq)) best = line;
    if (!best) return;
    lineCaption.dataset.testid = 'line-hover';
    lineCaption.textContent = `${best.label} at ${formatHz(best.freq)}: predicted ${formatNumber(best.amplitude)}, measured ${formatNumber(best.measured)}`;
  }

  function renderLines(lines: readonly PredictedLine[]): void {
    const top = [...lines].sort((a, b) => b.amplitude - a.amplitude).slice(0, 12);
    replaceChildren(
      linesTable,
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { class: 'text' }, 'origin'),
          h('th', {}, 'f (Hz)'),
          h('th', {}, 'predicted'),
          h('th', {}, 'measured'),
        ),
      ),
      h(
        'tbody',
        {},
        ...top.map((line) =>
          h(
            'tr',
            { 'data-testid': 'line-row', 'data-freq': line.freq },
            h('td', { class: 'text' }, line.label),
            h('td', {}, formatNumber(line.freq, 6)),
            h(
              'td',
              { 'data-testid': `line-predicted-${line.freq}`, 'data-value': line.amplitude },
              formatNumber(line.amplitude),
            ),
            h(
              'td',
              { 'data-testid': `line-measured-${line.freq}`, 'data-value': line.measured },
              formatNumber(line.measured),
            ),
          ),
        ),
      ),
    );
  }

  function renderConvergence(params: ExplorerParams, view: ExplorerView): void {
    const key = JSON.stringify([
      params.tones,
      params.fs,
      params.n,
      params.activation,
      params.alpha,
      params.expansion,
      params.dc,
    ]);
    const draw = (table: ConvergenceView | null) => {
      if (!table) {
        convergence.setData([[params.terms], [null], [null]]);
        convergence.setCaption('No series for this activation.');
        return;
      }
      const current = table.terms.map((t) =>
        t === params.terms ? (view.error?.relativeRmse ?? null) : null,
      );
      convergence.setData([table.terms, table.relativeRmse, current]);
      convergence.setCaption(table.law);
    };
    if (key === convergenceKey && lastConvergence !== undefined) {
      draw(lastConvergence);
      return;
    }
    clearTimeout(convergenceTimer);
    convergenceTimer = setTimeout(() => {
      try {
        lastConvergence = computeConvergence(params, view);
        convergenceKey = key;
        draw(lastConvergence);
      } catch (error) {
        convergence.setCaption(`Could not compute the convergence study: ${errorMessage(error)}`);
      }
    }, 0);
  }
  let lastConvergence: ConvergenceView | null | undefined;

  function render(params: ExplorerParams, started: number): void {
    const view = computeExplorer(params);
    lastView = view;
    time.setData(
      [view.time, view.input, view.output, view.approximation ?? view.time.map(() => Number.NaN)],
      [0, Math.min(params.duration, TIME_WINDOW_S)],
    );
    // Open on the band where the lines are (double-click the plot for 0 … fs/2).
    const highestTone = Math.max(...params.tones.map((t) => t.freq));
    spectrum.setData(view.spectrum, [0, Math.min(params.fs / 2, SPECTRUM_SPAN * highestTone)]);
    const seriesNote = view.error
      ? `${params.terms} terms, ${EXPANSION_LABELS[params.expansion]}`
      : 'no series for this activation';
    dcExact.set(view.dc.exact, view.dc.exactNote);
    dcFirst.set(view.dc.firstOrder);
    dcSeries.set(view.dc.series, seriesNote);
    dcMeasured.set(view.dc.measured);
    errRrmse.set(
      view.error?.relativeRmse ?? null,
      seriesNote,
      view.error ? formatPercent(view.error.relativeRmse, 3) : undefined,
    );
    errMax.set(view.error?.maxAbsError ?? null);
    errZero.set(view.error?.errorAtZeroCrossing ?? null);
    errPaper.set(
      view.error?.paperRrmse ?? null,
      undefined,
      view.error ? formatPercent(view.error.paperRrmse, 3) : undefined,
    );
    renderLines(view.lines);
    replaceChildren(notes, ...view.notes.map((n) => h('li', {}, n)));
    renderConvergence(params, view);
    requestAnimationFrame(() => {
      const ms = performance.now() - started;
      renderTime.set(ms, 'input change → plots', `${ms.toFixed(1)} ms`);
      window.__rectifyRenderTimes = [...(window.__rectifyRenderTimes ?? []), ms].slice(-1000);
      root.dataset.renders = String(Number(root.dataset.renders ?? 0) + 1);
    });
  }

  function changed(): void {
    const started = performance.now();
    history.replaceState(null, '', `#/explorer?${formToQuery(form).toString()}`);
    const parsed = parseExplorerForm(form);
    showErrors(parsed.errors);
    samples.textContent = parsed.ok
      ? `${parsed.value.n} samples, Nyquist ${formatHz(parsed.value.fs / 2)}`
      : '';
    root.dataset.valid = String(parsed.ok);
    if (!parsed.ok) {
      status.hidden = false;
      status.textContent = `Fix the highlighted field${Object.keys(parsed.errors).length > 1 ? 's' : ''}; the plots show the last valid input.`;
      return;
    }
    try {
      render(parsed.value, started);
      status.hidden = true;
    } catch (error) {
      status.hidden = false;
      status.textContent = errorMessage(error);
    }
  }

  renderTones();
  changed();

  return {
    update(next) {
      const nextForm = formFromQuery(next);
      if (formToQuery(nextForm).toString() === formToQuery(form).toString()) return;
      setForm(nextForm);
      changed();
    },
    unmount() {
      clearTimeout(convergenceTimer);
      time.destroy();
      spectrum.destroy();
      convergence.destroy();
    },
  };
}
