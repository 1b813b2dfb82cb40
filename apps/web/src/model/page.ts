import { ablationStudy } from '@rectify/experiments';
import { activationLayerNames, analyzeKerasModel, loadModelFiles } from '@rectify/layers/keras';
import * as tf from '@tensorflow/tfjs';
import { errorMessage, h, type Page, replaceChildren } from '@rectify/ui';
import { createModelControls } from './controls';
import { renderAblation, renderAnalysis } from './render';

interface Opened {
  name: string;
  model: tf.LayersModel;
  /** Layers with a non-linear activation on a time axis. */
  layers: string[];
}

/**
 * Mounts "Open a model": a Keras `.keras`/`.h5` file or a tfjs `model.json` (+ weights) is read in
 * this browser (nothing is uploaded), probed with synthetic PPG at a heart rate or with tones,
 * and each ReLU layer's channels are shown before and after the activation: DC and harmonics,
 * dead channels, the representative live channel, and the model's own output. The analysis is
 * @rectify/layers' `analyzeKerasModel`; this page only reads the form and formats the result.
 */
export function mountModel(root: HTMLElement, _query: URLSearchParams): Page {
  const controls = createModelControls({
    open: (files) => void open(files),
    probe: () => void probe(),
    ablate: () => void ablate(),
  });
  const { status, error } = controls;
  const output = h('div', { class: 'outputs', 'data-testid': 'model-output' });
  const ablateOutput = h('div', { class: 'outputs', 'data-testid': 'model-ablate-output' });
  replaceChildren(root, controls.root, ablateOutput, output);
  let opened: Opened | null = null;
  let generation = 0;

  async function open(list: FileList | null): Promise<void> {
    const files = [...(list ?? [])];
    const ticket = ++generation;
    error.textContent = '';
    if (files.length === 0) return;
    opened?.model.dispose();
    opened = null;
    controls.disable();
    replaceChildren(ablateOutput);
    root.dataset.state = 'loading';
    status.textContent = `Reading ${files.map((f) => f.name).join(', ')}…`;
    try {
      await tf.setBackend('cpu');
      const { model } = await loadModelFiles(files);
      if (ticket !== generation) {
        model.dispose();
        return;
      }
      const layers = activationLayerNames(model);
      const named = files.find((f) => f.name.endsWith('.json')) ?? files[0];
      opened = { name: named?.name ?? 'model', model, layers };
      controls.setLayers(layers);
      const steps = model.inputs[0]?.shape[1];
      status.textContent = `${opened.name}: ${model.layers.length} layers, input ${JSON.stringify(model.inputs[0]?.shape)}, ${layers.length} ReLU layer(s) to probe${typeof steps === 'number' ? '' : ' (input length free: 256 samples used)'}.`;
      root.dataset.layers = String(layers.length);
      root.dataset.state = 'open';
    } catch (e) {
      if (ticket !== generation) return;
      root.dataset.state = 'error';
      status.textContent = 'No model open.';
      error.textContent = errorMessage(e);
    }
  }

  /** Runs `work` on the open model, with the page's state `busy` meanwhile and `done` after. */
  async function attempt(busy: string, done: string, work: (o: Opened) => Promise<void> | void) {
    if (!opened) return;
    error.textContent = '';
    try {
      root.dataset.state = busy;
      await work(opened);
      root.dataset.state = done;
    } catch (e) {
      root.dataset.state = 'error';
      error.textContent = errorMessage(e);
    }
  }

  /** The model's output with the chosen ReLUs ablated, next to the unablated output. */
  const ablate = () =>
    attempt('ablating', 'ablated', ({ model }) => {
      const probe = controls.readProbe(model);
      const chosen = controls.layer();
      const study = ablationStudy(
        model,
        [
          {
            x: probe.x,
            heartRate: probe.kind === 'ppg' ? probe.heartRate : null,
            group: 0,
            label: 'probe',
          },
        ],
        { modes: [controls.ablationMode()], layers: chosen ? [chosen] : 'all' },
      );
      replaceChildren(ablateOutput, renderAblation(study));
    });

  /** Each chosen ReLU layer's channels before and after the activation, and the model's output. */
  const probe = () =>
    attempt('probing', 'done', async ({ model, layers }) => {
      const { n, fs, heartRate, x } = controls.readProbe(model);
      const chosen = controls.layer();
      const analysis = await analyzeKerasModel(model, {
        heartRate,
        layers: chosen ? [chosen] : layers,
        fs,
        n,
        input: x,
      });
      replaceChildren(output, ...renderAnalysis(analysis));
    });

  return {
    unmount() {
      generation++;
      opened?.model.dispose();
      opened = null;
    },
  };
}
