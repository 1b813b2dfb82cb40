import { loadLayersModelWithCausal, probeSignal } from '@rectify/layers';
import {
  activationLayerNames,
  analyzeKerasModel,
  type KerasModelAnalysis,
  loadKeras,
} from '@rectify/layers/keras';
import { ablationStudy } from '@rectify/experiments';
import * as tf from '@tensorflow/tfjs';
import type { Page } from '../main';
import { parseNumberListText, parseNumberText } from '@rectify/signal';
import { errorMessage, h, replaceChildren } from '../ui/dom';
import { formatNumber, formatPercent } from '../ui/format';

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
  const file = h('input', {
    type: 'file',
    id: 'model-file',
    'data-testid': 'model-file',
    accept: '.h5,.hdf5,.keras,.json,.bin',
    multiple: true,
  });
  const status = h('p', { class: 'notes', 'data-testid': 'model-status' }, 'No model open yet.');
  const error = h('div', {
    class: 'field-error',
    'data-testid': 'model-error',
    role: 'alert',
  });
  const drop = h(
    'div',
    { class: 'readout', 'data-testid': 'model-drop' },
    'Or drop a .keras, .h5 or model.json (with its weight files) here.',
  );
  const layerSelect = h('select', { id: 'model-layer', 'data-testid': 'model-layer' });
  const probeSelect = h(
    'select',
    { id: 'model-probe', 'data-testid': 'model-probe' },
    h('option', { value: 'ppg' }, 'synthetic PPG at a heart rate'),
    h('option', { value: 'tones' }, 'tones'),
  );
  const heartRate = h('input', {
    id: 'model-heart-rate',
    'data-testid': 'model-heart-rate',
    value: '72',
    inputmode: 'decimal',
  });
  const toneList = h('input', {
    id: 'model-tones',
    'data-testid': 'model-tones',
    value: '1.2, 2.4',
    spellcheck: 'false',
  });
  const fs = h('input', { id: 'model-fs', 'data-testid': 'model-fs', value: '32' });
  const run = h('button', { type: 'submit', 'data-testid': 'model-run', disabled: true }, 'Probe');
  const output = h('div', { class: 'outputs', 'data-testid': 'model-output' });
  const ablateMode = h(
    'select',
    { id: 'model-ablate-mode', 'data-testid': 'model-ablate-mode' },
    h('option', { value: 'remove-dc' }, 'remove the DC: relu(x) − mean relu(x)'),
    h('option', { value: 'remove-harmonics' }, 'remove the harmonics: x/2 + mean |x|/2'),
    h('option', { value: 'dc-only' }, 'keep only the DC: mean relu(x)'),
    h('option', { value: 'scale-dc' }, 'scale the DC by k'),
  );
  const ablateK = h('input', {
    id: 'model-ablate-k',
    'data-testid': 'model-ablate-k',
    value: '0.5',
    inputmode: 'decimal',
  });
  const ablateRun = h(
    'button',
    {
      type: 'button',
      'data-testid': 'model-ablate',
      disabled: true,
      onclick: () => void ablate(),
    },
    'Ablate',
  );
  const ablateOutput = h('div', { class: 'outputs', 'data-testid': 'model-ablate-output' });
  const field = (id: string, label: string, input: HTMLElement, unit = '') =>
    h('div', { class: 'field' }, h('label', { for: id }, label), input, unit);
  const controls = h(
    'form',
    {
      class: 'controls',
      onsubmit: (e: Event) => {
        e.preventDefault();
        void probe();
      },
    },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Open a model'),
      field('model-file', '.keras / .h5 / model.json', file),
      drop,
      status,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Probe'),
      field('model-layer', 'layer', layerSelect),
      field('model-probe', 'input', probeSelect),
      field('model-heart-rate', 'heart rate', heartRate, ' bpm'),
      field('model-tones', 'tones (unit amplitude)', toneList, ' Hz'),
      field('model-fs', 'fs', fs, ' Hz'),
      error,
      run,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Ablate: is it the DC?'),
      field('model-ablate-mode', 'replace the chosen layer’s ReLUs by', ablateMode),
      field('model-ablate-k', 'k (scale the DC)', ablateK),
      ablateRun,
    ),
    h(
      'p',
      { class: 'notes' },
      'The file is read in this browser and goes nowhere else. Layers are those whose output passes a non-linear activation (a ReLU) and keeps a time axis.',
    ),
  );
  replaceChildren(root, controls, ablateOutput, output);
  let opened: Opened | null = null;
  let generation = 0;

  async function open(list: FileList | null): Promise<void> {
    const files = [...(list ?? [])];
    const ticket = ++generation;
    error.textContent = '';
    if (files.length === 0) return;
    opened?.model.dispose();
    opened = null;
    run.disabled = true;
    ablateRun.disabled = true;
    replaceChildren(ablateOutput);
    root.dataset.state = 'loading';
    status.textContent = `Reading ${files.map((f) => f.name).join(', ')}…`;
    try {
      await tf.setBackend('cpu');
      const json = files.find((f) => f.name.endsWith('.json'));
      const model = json
        ? await loadLayersModelWithCausal(
            tf.io.browserFiles([json, ...files.filter((f) => f !== json)]),
          )
        : (await loadKeras(new Uint8Array(await (files[0] as File).arrayBuffer()))).model;
      if (ticket !== generation) {
        model.dispose();
        return;
      }
      const layers = activationLayerNames(model);
      opened = { name: (json ?? files[0])?.name ?? 'model', model, layers };
      replaceChildren(
        layerSelect,
        h('option', { value: '' }, `every ReLU layer (${layers.length})`),
        ...layers.map((l) => h('option', { value: l }, l)),
      );
      const steps = model.inputs[0]?.shape[1];
      status.textContent = `${opened.name}: ${model.layers.length} layers, input ${JSON.stringify(model.inputs[0]?.shape)}, ${layers.length} ReLU layer(s) to probe${typeof steps === 'number' ? '' : ' (input length free: 256 samples used)'}.`;
      root.dataset.layers = String(layers.length);
      run.disabled = layers.length === 0;
      ablateRun.disabled = layers.length === 0;
      root.dataset.state = 'open';
    } catch (e) {
      if (ticket !== generation) return;
      root.dataset.state = 'error';
      status.textContent = 'No model open.';
      error.textContent = errorMessage(e);
    }
  }

  /** The probe the form describes (layers' `probeSignal`), at the model's input length. */
  function readProbe(model: tf.LayersModel) {
    const steps = model.inputs[0]?.shape[1];
    const n = typeof steps === 'number' ? steps : 256;
    const rate = value(
      parseNumberText('fs', fs.value, { min: 0, minInclusive: false, unit: 'Hz' }),
    );
    const probe =
      probeSelect.value === 'tones'
        ? probeSignal({
            tones: value(parseNumberListText('tones', toneList.value)).map((freq) => ({
              freq,
              amp: 1,
            })),
            fs: rate,
            n,
          })
        : probeSignal({
            heartRate: value(
              parseNumberText('heart rate', heartRate.value, {
                min: 0,
                minInclusive: false,
                unit: 'bpm',
              }),
            ),
            fs: rate,
            n,
          });
    return { n, rate, probe };
  }

  /** The model's output with the chosen ReLUs ablated, next to the unablated output. */
  async function ablate(): Promise<void> {
    if (!opened) return;
    error.textContent = '';
    try {
      const { probe } = readProbe(opened.model);
      const mode =
        ablateMode.value === 'scale-dc'
          ? `scale-dc:${value(parseNumberText('k', ablateK.value, {}))}`
          : ablateMode.value;
      const chosen = layerSelect.value;
      root.dataset.state = 'ablating';
      const study = ablationStudy(
        opened.model,
        [
          {
            x: probe.x,
            heartRate: probe.kind === 'ppg' ? probe.heartRate : null,
            group: 0,
            label: 'probe',
          },
        ],
        { modes: [mode], layers: chosen ? [chosen] : 'all' },
      );
      const before = study.baseline[0] ?? [];
      const after = study.runs[0]?.outputs[0] ?? [];
      const show = (v: number[]) =>
        `${v
          .slice(0, 8)
          .map((y) => formatNumber(y))
          .join(', ')}${v.length > 8 ? ', …' : ''}`;
      replaceChildren(
        ablateOutput,
        h(
          'p',
          {
            'data-testid': 'model-ablated',
            'data-value': String(after[0] ?? ''),
            'data-baseline': String(before[0] ?? ''),
          },
          `${study.runs[0]?.mode} at ${study.chosen.join(', ')}: output ${show(before)} → ${show(after)}`,
        ),
      );
      root.dataset.state = 'ablated';
    } catch (e) {
      root.dataset.state = 'error';
      error.textContent = errorMessage(e);
    }
  }

  async function probe(): Promise<void> {
    if (!opened) return;
    error.textContent = '';
    const { model, layers } = opened;
    try {
      const { n, rate, probe } = readProbe(model);
      const chosen = layerSelect.value;
      root.dataset.state = 'probing';
      const analysis = await analyzeKerasModel(model, {
        heartRate: probe.heartRate,
        layers: chosen ? [chosen] : layers,
        fs: rate,
        n,
        input: probe.x,
      });
      replaceChildren(output, ...render(analysis));
      root.dataset.state = 'done';
    } catch (e) {
      root.dataset.state = 'error';
      error.textContent = errorMessage(e);
    }
  }

  file.addEventListener('change', () => void open(file.files));
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    void open(e.dataTransfer?.files ?? null);
  });
  return {
    unmount() {
      generation++;
      opened?.model.dispose();
      opened = null;
    },
  };
}

function value<T>(parsed: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!parsed.ok) throw new RangeError(parsed.error);
  return parsed.value;
}

function render(analysis: KerasModelAnalysis): HTMLElement[] {
  const values = analysis.output.values;
  const summary = h(
    'p',
    { 'data-testid': 'model-prediction', 'data-value': String(values[0] ?? '') },
    `Model output [${analysis.output.shape.join(', ')}]: ${values
      .slice(0, 8)
      .map((v) => formatNumber(v))
      .join(
        ', ',
      )}${values.length > 8 ? ', …' : ''} (probe at ${formatNumber(analysis.heartRate.hz)} Hz, ${analysis.n} samples at ${formatNumber(analysis.fs)} Hz)`,
  );
  return [
    summary,
    ...analysis.layers.map((l) => {
      const orders = l.channels[0]?.post.harmonics.map((k) => k.order) ?? [];
      const head = h(
        'tr',
        {},
        h('th', {}, 'channel'),
        h('th', {}, 'DC before'),
        h('th', {}, 'DC after'),
        ...orders.map((k) => h('th', {}, `${k === 1 ? '' : k}f before → after`)),
        h('th', {}, 'new-frequency energy'),
        h('th', {}, ''),
      );
      const rows = l.channels.map((c) => {
        const dead = l.deadChannels.includes(c.channel);
        return h(
          'tr',
          {
            'data-channel': c.channel,
            'data-pre-dc': c.pre.dc,
            'data-post-dc': c.post.dc,
            'data-dead': dead,
            class: dead ? 'dead' : undefined,
          },
          h('td', {}, String(c.channel)),
          h('td', {}, formatNumber(c.pre.dc)),
          h('td', {}, formatNumber(c.post.dc)),
          ...c.post.harmonics.map((k, i) =>
            h(
              'td',
              {},
              `${formatNumber(c.pre.harmonics[i]?.amplitude)} → ${formatNumber(k.amplitude)}`,
            ),
          ),
          h('td', {}, formatPercent(c.newFrequencyFraction)),
          h(
            'td',
            {},
            dead ? 'dead' : c.channel === l.representativeChannel ? 'representative' : '',
          ),
        );
      });
      return h(
        'section',
        { class: 'model-layer', 'data-testid': `model-layer-${l.layer}` },
        h(
          'h3',
          {},
          `${l.layer} (${l.className}, ${l.activation}, ${formatNumber(l.fs)} Hz, ${l.steps} steps): ${l.deadChannels.length}/${l.channels.length} channels dead, representative channel ${l.representativeChannel ?? '—'}`,
        ),
        h('table', { class: 'claims' }, h('thead', {}, head), h('tbody', {}, ...rows)),
      );
    }),
  ];
}
