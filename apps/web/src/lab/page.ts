import {
  createEtaClock,
  createRunWorkerClient,
  type EtaClock,
  type Progress,
  parseDcAblationUnitId,
  progressText,
  type RunWorkerClient,
} from '@rectify/experiments';
import { createLiveChart, h, type Page, replaceChildren } from '@rectify/ui';
import { createLabControls } from './controls';
import { showResult } from './outputs';
import type { LabBackend, LabExperiment } from './protocol';

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

/** Mounts the lab: quick `minimalDc` and a small `dcAblation`, trained in a Web Worker. */
export function mountLab(root: HTMLElement): Page {
  let client: RunWorkerClient | null = null;
  let workerBackend: LabBackend | null = null;
  let running: LabExperiment | null = null;
  let eta: EtaClock = createEtaClock();

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

  function ensureClient(choice: LabBackend): RunWorkerClient {
    // A tfjs backend is chosen once per thread: a new backend needs a new worker.
    if (client && !client.ended && workerBackend === choice) return client;
    client?.terminate();
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    workerBackend = choice;
    client = createRunWorkerClient(worker, {
      onBackend: (name) => {
        root.dataset.backend = name;
      },
      onProgress: showProgress,
      onAborted: (elapsedMs) =>
        finish(
          'stopped',
          `Stopped after ${(elapsedMs / 1000).toFixed(1)} s; the units of this run are discarded (the CLI keeps finished units: Ctrl-C, then rectify run … --resume).`,
        ),
      onError: (error) => finish('error', `${error.name}: ${error.message}`),
      onDone: (result, elapsedMs) => void showDone(result, elapsedMs),
      onEnded: (reason, message) =>
        reason === 'stop-grace'
          ? finish('stopped', 'Stopped (the worker was ended).')
          : finish('error', `The lab worker failed: ${message}`),
    });
    return client;
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
    eta = createEtaClock();
    const backend = controls.backend();
    setStatus('running', `Starting ${experiment} on ${backend}…`);
    ensureClient(backend).run({ experiment, config, seed: checked.seed, backend });
  }

  function requestStop(): void {
    if (!running || !client?.stop()) return;
    setStatus('stopping', 'Stopping at the next epoch…');
    controls.setStoppable(false);
  }

  function finish(state: string, text: string): void {
    running = null;
    controls.setStoppable(false);
    setStatus(state, text);
    controls.validate();
  }

  function showProgress(p: Progress): void {
    eta.update(p, performance.now());
    if (running && status.dataset.state === 'running')
      setStatus(
        'running',
        progressText(p, { label: `Running ${p.experiment}`, secondsLeft: eta.secondsLeft() }),
      );
    if (p.kind !== 'unit-step' || p.step === undefined || p.steps === undefined) return;
    for (const [metric, chart] of Object.entries(live)) {
      const value = p.metrics?.[metric];
      if (value !== undefined) chart.add(p.unitId, groupOf(p), p.step, p.steps, value);
    }
  }

  async function showDone(result: unknown, elapsedMs: number): Promise<void> {
    const experiment = running;
    finish(
      'done',
      `Done in ${(elapsedMs / 1000).toFixed(1)} s on ${root.dataset.backend ?? 'tfjs'}.`,
    );
    window.__rectifyLabResult = result;
    await showResult(results, experiment ?? 'minimal-dc', result);
  }

  controls.validate();
  return {
    unmount() {
      client?.terminate();
      for (const chart of Object.values(live)) chart.destroy();
    },
  };
}
