import { type Progress, parseDcAblationUnitId } from '@rectify/experiments';
import { createLiveChart, formatNumber, h, type Page, replaceChildren } from '@rectify/ui';
import { createLabControls } from './controls';
import { showResult } from './outputs';
import type { LabBackend, LabExperiment, LabReply, LabRequest } from './protocol';

/** Seconds to wait for a stopped run to reach its next epoch boundary before the worker is ended. */
const STOP_GRACE_MS = 5000;

declare global {
  interface Window {
    /** The last finished lab result (for tests and the "open in report viewer" link). */
    __rectifyLabResult?: unknown;
  }
}

/** The line group of a unit in the live charts: a dcAblation unit's variant, else the unit itself. */
function groupOf(p: Progress): string {
  return p.experiment === 'dc-ablation' ? parseDcAblationUnitId(p.unitId).variant : p.unitId;
}

function describeProgress(p: Progress): string {
  const step = p.step !== undefined && p.steps !== undefined ? `, epoch ${p.step}/${p.steps}` : '';
  const metrics = p.metrics
    ? ` — ${Object.entries(p.metrics)
        .map(([k, v]) => `${k} ${formatNumber(v, 4)}`)
        .join(', ')}`
    : '';
  return `Running ${p.experiment}: unit ${p.unitId} (${p.unitsDone}/${p.unitsTotal} done)${step}${metrics}`;
}

/** Mounts the lab: quick `minimalDc` and a small `dcAblation`, trained in a Web Worker. */
export function mountLab(root: HTMLElement): Page {
  let worker: Worker | null = null;
  let workerBackend: LabBackend | null = null;
  let running: LabExperiment | null = null;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;

  const controls = createLabControls({
    isBusy: () => running !== null,
    onRun: (experiment) => start(experiment),
    onStop: () => requestStop(),
  });
  const status = h(
    'div',
    { class: 'status', 'data-testid': 'lab-status', 'data-state': 'idle' },
    'Idle.',
  );
  // One live chart per training metric, by the metric's name in the progress events.
  const live = {
    loss: createLiveChart('lab-live-loss', 'Training loss (live)', 'loss'),
    accuracy: createLiveChart(
      'lab-live-accuracy',
      'Training accuracy (live, on the training signals)',
      'accuracy',
    ),
  };
  const results = h('div', { class: 'outputs', 'data-testid': 'lab-results' });
  replaceChildren(
    root,
    controls.root,
    h(
      'div',
      { class: 'outputs' },
      status,
      h('div', { class: 'charts-row' }, live.loss.root, live.accuracy.root),
      results,
    ),
  );

  const setStatus = (state: string, text: string) => {
    status.dataset.state = state;
    status.textContent = text;
  };

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
    const checked = controls.validate();
    const config = experiment === 'minimal-dc' ? checked.md : checked.da;
    if (running || checked.seed === undefined || !config) return;
    running = experiment;
    controls.validate();
    controls.setStoppable(true);
    for (const chart of Object.values(live)) chart.clear();
    replaceChildren(results);
    window.__rectifyLabResult = undefined;
    const backend = controls.backend();
    setStatus('running', `Starting ${experiment} on ${backend}…`);
    const request: LabRequest = { type: 'run', experiment, config, seed: checked.seed, backend };
    ensureWorker(backend).postMessage(request);
  }

  function requestStop(): void {
    if (!running || !worker) return;
    worker.postMessage({ type: 'stop' } satisfies LabRequest);
    setStatus('stopping', 'Stopping at the next epoch…');
    controls.setStoppable(false);
    stopTimer = setTimeout(() => {
      worker?.terminate();
      worker = null;
      finish('stopped', 'Stopped (the worker was ended).');
    }, STOP_GRACE_MS);
  }

  function finish(state: string, text: string): void {
    clearTimeout(stopTimer);
    running = null;
    controls.setStoppable(false);
    setStatus(state, text);
    controls.validate();
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
        if (p.kind !== 'unit-step' || p.step === undefined || p.steps === undefined) return;
        for (const [metric, chart] of Object.entries(live)) {
          const value = p.metrics?.[metric];
          if (value !== undefined) chart.add(p.unitId, groupOf(p), p.step, p.steps, value);
        }
        return;
      }
      case 'aborted':
        finish(
          'stopped',
          `Stopped after ${(reply.elapsedMs / 1000).toFixed(1)} s; the units of this run are discarded (the CLI keeps finished units: Ctrl-C, then rectify run … --resume).`,
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
        await showResult(results, experiment ?? 'minimal-dc', reply.result);
        return;
      }
    }
  }

  controls.validate();
  return {
    unmount() {
      clearTimeout(stopTimer);
      worker?.terminate();
      for (const chart of Object.values(live)) chart.destroy();
    },
  };
}
