import { probeInput, type ProbeInput } from '@rectify/layers';
import { parseNumberListText, parseNumberText } from '@rectify/signal';
import type * as tf from '@tensorflow/tfjs';
import { h, replaceChildren } from '../ui/dom';

/** The model page's form: the file, the probe and the ablation. */
export interface ModelControls {
  /** The `<form>` element. */
  readonly root: HTMLElement;
  /** The line under the file field (what is open). */
  readonly status: HTMLElement;
  /** Where a failure's message goes. */
  readonly error: HTMLElement;
  /** Lists the layers to choose from (none: every ReLU layer) and enables Probe and Ablate when there are any. */
  setLayers(layers: readonly string[]): void;
  /** Disables Probe and Ablate (while a model opens). */
  disable(): void;
  /** The chosen layer, or '' for every ReLU layer. */
  layer(): string;
  /**
   * The probe the form describes (layers' `probeInput`) at the model's input length (256 samples
   * when the length is free).
   *
   * @throws RangeError naming the field whose text breaks its rule.
   */
  readProbe(model: tf.LayersModel): { n: number; fs: number; probe: ProbeInput };
  /** The ablation mode the form names, e.g. `'remove-dc'` or `'scale-dc:0.5'`. */
  ablationMode(): string;
}

/** Callbacks of {@link createModelControls}. */
export interface ModelControlsEvents {
  /** Files were chosen or dropped. */
  open(files: FileList | null): void;
  /** Probe was pressed. */
  probe(): void;
  /** Ablate was pressed. */
  ablate(): void;
}

function value<T>(parsed: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!parsed.ok) throw new RangeError(parsed.error);
  return parsed.value;
}

/** Builds the model page's form. */
export function createModelControls(events: ModelControlsEvents): ModelControls {
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
      onclick: () => events.ablate(),
    },
    'Ablate',
  );
  const field = (id: string, label: string, input: HTMLElement, unit = '') =>
    h('div', { class: 'field' }, h('label', { for: id }, label), input, unit);
  const root = h(
    'form',
    {
      class: 'controls',
      onsubmit: (e: Event) => {
        e.preventDefault();
        events.probe();
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

  file.addEventListener('change', () => events.open(file.files));
  drop.addEventListener('dragover', (e) => e.preventDefault());
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    events.open(e.dataTransfer?.files ?? null);
  });

  return {
    root,
    status,
    error,
    setLayers(layers) {
      replaceChildren(
        layerSelect,
        h('option', { value: '' }, `every ReLU layer (${layers.length})`),
        ...layers.map((l) => h('option', { value: l }, l)),
      );
      run.disabled = layers.length === 0;
      ablateRun.disabled = layers.length === 0;
    },
    disable() {
      run.disabled = true;
      ablateRun.disabled = true;
    },
    layer: () => layerSelect.value,
    readProbe(model) {
      const steps = model.inputs[0]?.shape[1];
      const n = typeof steps === 'number' ? steps : 256;
      const rate = value(
        parseNumberText('fs', fs.value, { min: 0, minInclusive: false, unit: 'Hz' }),
      );
      const probe =
        probeSelect.value === 'tones'
          ? probeInput({
              tones: value(parseNumberListText('tones', toneList.value)).map((freq) => ({
                freq,
                amp: 1,
              })),
              fs: rate,
              n,
            })
          : probeInput({
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
      return { n, fs: rate, probe };
    },
    ablationMode: () =>
      ablateMode.value === 'scale-dc'
        ? `scale-dc:${value(parseNumberText('k', ablateK.value, {}))}`
        : ablateMode.value,
  };
}
