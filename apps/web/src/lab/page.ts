import {
  DC_ABLATION_VARIANTS,
  type DcAblationResult,
  type DcAblationVariant,
  dcAblationPresets,
  type MinimalDcResult,
  minimalDcPresets,
  type Progress,
  resultCharts,
} from '@rectify/experiments';
import type { Page } from '../main';
import { claimsTable, renderCharts } from '../report/vega';
import { parseNumber } from '../state/parse';
import { h, replaceChildren } from '../ui/dom';
import { createField, createSelect, type Field } from '../ui/field';
import { formatNumber, formatPercent } from '../ui/format';
import { createLiveChart } from './live';
import {
  HANDOFF_KEY,
  type LabBackend,
  type LabExperiment,
  type LabReply,
  type LabRequest,
} from './protocol';

/** Seconds to wait for a stopped run to reach its next epoch boundary before the worker is ended. */
const STOP_GRACE_MS = 5000;

declare global {
  interface Window {
    /** The last finished lab result (for tests and the "open in report viewer" link). */
    __rectifyLabResult?: unknown;
  }
}

/** Mounts the lab: quick `minimalDc` and a small `dcAblation`, trained in the browser. */
export function mountLab(root: HTMLElement): Page {
  let worker: Worker | null = null;
  let workerBackend: LabBackend | null = null;
  let running: LabExperiment | null = null;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;

  const backend = createSelect<LabBackend>({
    id: 'lab-backend',
    label: 'tfjs backend',
    choices: [
      ['wasm', 'wasm (our training kernels)'],
      ['cpu', 'cpu (slow)'],
    ],
    value: 'wasm',
    onChange: () => undefined,
  });
  const seed = createField({
    id: 'lab-seed',
    label: 'seed',
    value: '0',
    onInput: () => validate(),
  });
  const mdSignals = createField({
    id: 'lab-md-signals',
    label: 'signals / class',
    value: String(minimalDcPresets.quick.signalsPerClass),
    onInput: () => validate(),
  });
  const mdEpochs = createField({
    id: 'lab-md-epochs',
    label: 'train epochs',
    value: String(minimalDcPresets.quick.trainEpochs),
    onInput: () => validate(),
  });
  const daReps = createField({
    id: 'lab-da-reps',
    label: 'repetitions',
    value: String(dcAblationPresets.quick.repetitions),
    onInput: () => validate(),
  });
  const daEpochs = createField({
    id: 'lab-da-epochs',
    label: 'epochs',
    value: String(dcAblationPresets.quick.epochs),
    onInput: () => validate(),
  });
  const daSignals = createField({
    id: 'lab-da-signals',
    label: 'signals / class',
    value: String(dcAblationPresets.quick.signalsPerClass),
    onInput: () => validate(),
  });
  const variantBoxes = DC_ABLATION_VARIANTS.map((variant) => {
    const box = h('input', {
      type: 'checkbox',
      id: `lab-variant-${variant}`,
      'data-testid': `lab-variant-${variant}`,
      checked: true,
    });
    box.addEventListener('change', () => validate());
    return { variant, box, root: h('label', { class: 'inline' }, box, variant) };
  });
  const variantsError = h('div', {
    class: 'field-error',
    'data-testid': 'lab-variants-error',
    role: 'alert',
  });

  const runMd = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-testid': 'lab-run-minimal-dc',
      onclick: () => start('minimal-dc'),
    },
    'Run minimalDc (quick)',
  );
  const runDa = h(
    'button',
    {
      type: 'button',
      class: 'primary',
      'data-testid': 'lab-run-dc-ablation',
      onclick: () => start('dc-ablation'),
    },
    'Run dcAblation (small)',
  );
  const stop = h(
    'button',
    { type: 'button', 'data-testid': 'lab-stop', disabled: true, onclick: () => requestStop() },
    'Stop',
  );

  const controls = h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault() },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Run'),
      backend.root,
      seed.root,
      h('div', { class: 'inline' }, stop),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'minimalDc (V.D): 2-tap conv → ReLU → GAP'),
      mdSignals.root,
      mdEpochs.root,
      runMd,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'dcAblation (V.C, extended)'),
      daReps.root,
      daEpochs.root,
      daSignals.root,
      ...variantBoxes.map((v) => v.root),
      variantsError,
      runDa,
    ),
    h(
      'p',
      { class: 'notes' },
      'Runs train in a Web Worker with tfjs and @rectify/layers’ kernels, one unit after another; Stop ends the run at the next epoch. The same seed and backend give the same numbers as the CLI.',
    ),
  );

  const status = h(
    'div',
    { class: 'status', 'data-testid': 'lab-status', 'data-state': 'idle' },
    'Idle.',
  );
  const lossChart = createLiveChart('lab-live-loss', 'Training loss (live)', 'loss');
  const accuracyChart = createLiveChart(
    'lab-live-accuracy',
    'Training accuracy (live)',
    'accuracy',
  );
  const results = h('div', { class: 'outputs', 'data-testid': 'lab-results' });
  replaceChildren(
    root,
    controls,
    h(
      'div',
      { class: 'outputs' },
      status,
      h('div', { class: 'charts-row' }, lossChart.root, accuracyChart.root),
      results,
    ),
  );

  const setStatus = (state: string, text: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };

  function intField(field: Field, name: string, min: number, max: number): number | undefined {
    const parsed = parseNumber(name, field.input.value, { min, max, integer: true });
    field.setError(parsed.ok ? null : parsed.error);
    return parsed.ok ? parsed.value : undefined;
  }

  function validate(): {
    seed?: number;
    md?: Record<string, unknown>;
    da?: Record<string, unknown>;
  } {
    const s = intField(seed, 'seed', 0, 0xffffffff);
    const signals = intField(mdSignals, 'signals per class', 2, 4096);
    const trainEpochs = intField(mdEpochs, 'train epochs', 1, 200);
    const repetitions = intField(daReps, 'repetitions', 1, 20);
    const epochs = intField(daEpochs, 'epochs', 1, 60);
    const perClass = intField(daSignals, 'signals per class', 1, 1024);
    const variants = variantBoxes.filter((v) => v.box.checked).map((v) => v.variant);
    variantsError.textContent =
      variants.length === 0 ? 'variants must include at least one variant, got none' : '';
    const busy = running !== null;
    runMd.disabled = busy || s === undefined || signals === undefined || trainEpochs === undefined;
    runDa.disabled =
      busy ||
      s === undefined ||
      repetitions === undefined ||
      epochs === undefined ||
      perClass === undefined ||
      variants.length === 0;
    return {
      seed: s,
      md:
        signals !== undefined && trainEpochs !== undefined
          ? { ...minimalDcPresets.quick, signalsPerClass: signals, trainEpochs }
          : undefined,
      da:
        repetitions !== undefined &&
        epochs !== undefined &&
        perClass !== undefined &&
        variants.length > 0
          ? { ...dcAblationPresets.quick, repetitions, epochs, signalsPerClass: perClass, variants }
          : undefined,
    };
  }

  function ensureWorker(choice: LabBackend): Worker {
    // A tfjs backend is chosen once per thread: a new backend needs a new worker.
    if (worker && workerBackend === choice) return worker;
    worker?.terminate();
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    workerBackend = choice;
    worker.addEventListener('message', (event: MessageEvent<LabReply>) => void onReply(event.data));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      finish('error', `The lab worker failed: ${event.message || 'unknown error'}`);
      worker?.terminate();
      worker = null;
    });
    return worker;
  }

  function start(experiment: LabExperiment): void {
    const checked = validate();
    const config = experiment === 'minimal-dc' ? checked.md : checked.da;
    if (running || checked.seed === undefined || !config) return;
    running = experiment;
    validate();
    stop.disabled = false;
    lossChart.clear();
    accuracyChart.clear();
    replaceChildren(results);
    window.__rectifyLabResult = undefined;
    setStatus('running', `Starting ${experiment} on ${backend.select.value}…`);
    const request: LabRequest = {
      type: 'run',
      experiment,
      config,
      seed: checked.seed,
      backend: backend.select.value as LabBackend,
    };
    ensureWorker(request.backend).postMessage(request);
  }

  function requestStop(): void {
    if (!running || !worker) return;
    worker.postMessage({ type: 'stop' } satisfies LabRequest);
    setStatus('stopping', 'Stopping at the next epoch…');
    stop.disabled = true;
    stopTimer = setTimeout(() => {
      worker?.terminate();
      worker = null;
      finish('stopped', 'Stopped (the worker was ended).');
    }, STOP_GRACE_MS);
  }

  function finish(state: string, text: string): void {
    clearTimeout(stopTimer);
    running = null;
    stop.disabled = true;
    setStatus(state, text);
    validate();
  }

  function describeProgress(p: Progress): string {
    const step =
      p.step !== undefined && p.steps !== undefined ? `, epoch ${p.step}/${p.steps}` : '';
    const metrics = p.metrics
      ? ` — ${Object.entries(p.metrics)
          .map(([k, v]) => `${k} ${formatNumber(v, 4)}`)
          .join(', ')}`
      : '';
    return `Running ${p.experiment}: unit ${p.unitId} (${p.unitsDone}/${p.unitsTotal} done)${step}${metrics}`;
  }

  async function onReply(reply: LabReply): Promise<void> {
    switch (reply.type) {
      case 'backend':
        root.dataset.backend = reply.name;
        return;
      case 'progress': {
        const p = reply.progress;
        if (running && status.dataset.state === 'running')
          setStatus('running', describeProgress(p));
        if (p.kind === 'unit-step' && p.metrics && p.step !== undefined && p.steps !== undefined) {
          if (p.metrics.loss !== undefined)
            lossChart.add(p.unitId, p.step, p.steps, p.metrics.loss);
          if (p.metrics.accuracy !== undefined)
            accuracyChart.add(p.unitId, p.step, p.steps, p.metrics.accuracy);
        }
        return;
      }
      case 'aborted':
        finish(
          'stopped',
          `Stopped after ${(reply.elapsedMs / 1000).toFixed(1)} s; finished units are discarded (the CLI keeps them with --checkpoint-dir).`,
        );
        return;
      case 'error':
        finish('error', `${reply.name}: ${reply.message}`);
        return;
      case 'done': {
        const experiment = running;
        finish(
          'done',
          `Done in ${(reply.elapsedMs / 1000).toFixed(1)} s on ${root.dataset.backend ?? 'tfjs'}.`,
        );
        window.__rectifyLabResult = reply.result;
        await showResult(experiment ?? 'minimal-dc', reply.result);
        return;
      }
    }
  }

  function accuracyCell(testId: string, value: number): HTMLElement {
    return h('td', { 'data-testid': testId, 'data-value': value }, formatPercent(value));
  }

  async function showResult(experiment: LabExperiment, result: unknown): Promise<void> {
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
                accuracyCell(
                  `lab-accuracy-${v.variant as DcAblationVariant}`,
                  v.finalAccuracy.mean,
                ),
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

  validate();
  return {
    unmount() {
      clearTimeout(stopTimer);
      worker?.terminate();
      lossChart.destroy();
      accuracyChart.destroy();
    },
  };
}
