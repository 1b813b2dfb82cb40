import { parseProbeFields, type ProbeFields, type ProbeInput } from '@rectify/layers';
import { parseNumberText } from '@rectify/signal';
import type * as tf from '@tensorflow/tfjs';
import {
  controlsForm,
  createFields,
  dropZone,
  errorLine,
  fieldset,
  h,
  labelled,
  replaceChildren,
} from '@rectify/ui';

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
   * The probe the form describes (layers' `parseProbeFields`) at the model's input length (256
   * samples when the length is free); each field's problem is shown beside it.
   *
   * @throws RangeError with the first field's problem.
   */
  readProbe(model: tf.LayersModel): ProbeInput & { n: number; fs: number };
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

/** Builds the model page's form. */
export function createModelControls(events: ModelControlsEvents): ModelControls {
  const file = h('input', {
    type: 'file',
    id: 'model-file',
    'data-testid': 'model-file',
    accept: '.h5,.hdf5,.keras,.json,.bin',
    multiple: true,
    onchange: () => events.open(file.files),
  });
  const status = h('p', { class: 'notes', 'data-testid': 'model-status' }, 'No model open yet.');
  const error = errorLine('model-error');
  const text = {
    layer: '',
    probe: 'ppg',
    heartRate: '72',
    tones: '1.2, 2.4',
    fs: '32',
    mode: 'remove-dc',
    k: '0.5',
  };
  const { fields, showErrors } = createFields(
    [
      { key: 'layer', label: 'layer', choices: [] },
      {
        key: 'probe',
        label: 'input',
        choices: [
          ['ppg', 'synthetic PPG at a heart rate'],
          ['tones', 'tones'],
        ],
      },
      { key: 'heartRate', id: 'model-heart-rate', label: 'heart rate', unit: 'bpm' },
      { key: 'tones', label: 'tones (unit amplitude)', unit: 'Hz' },
      { key: 'fs', label: 'fs', unit: 'Hz' },
      {
        key: 'mode',
        id: 'model-ablate-mode',
        label: 'replace the chosen layer’s ReLUs by',
        choices: [
          ['remove-dc', 'remove the DC: relu(x) − mean relu(x)'],
          ['remove-harmonics', 'remove the harmonics: x/2 + mean |x|/2'],
          ['dc-only', 'keep only the DC: mean relu(x)'],
          ['scale-dc', 'scale the DC by k'],
        ],
      },
      { key: 'k', id: 'model-ablate-k', label: 'k (scale the DC)' },
    ],
    text,
    undefined,
    'model-',
  );
  const run = h('button', { type: 'submit', 'data-testid': 'model-run', disabled: true }, 'Probe');
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
  const root = controlsForm(
    {
      onsubmit: (e: Event) => {
        e.preventDefault();
        events.probe();
      },
    },
    fieldset(
      'Open a model',
      labelled('model-file', '.keras / .h5 / model.json', file),
      dropZone(
        'model-drop',
        'Or drop a .keras, .h5 or model.json (with its weight files) here.',
        events.open,
      ),
      status,
    ),
    fieldset(
      'Probe',
      fields.layer.root,
      fields.probe.root,
      fields.heartRate.root,
      fields.tones.root,
      fields.fs.root,
      error,
      run,
    ),
    fieldset('Ablate: is it the DC?', fields.mode.root, fields.k.root, ablateRun),
    h(
      'p',
      { class: 'notes' },
      'The file is read in this browser and goes nowhere else. Layers are those whose output passes a non-linear activation (a ReLU) and keeps a time axis.',
    ),
  );

  const enable = (on: boolean) => {
    run.disabled = !on;
    ablateRun.disabled = !on;
  };
  return {
    root,
    status,
    error,
    setLayers(layers) {
      replaceChildren(
        fields.layer.input,
        h('option', { value: '' }, `every ReLU layer (${layers.length})`),
        ...layers.map((l) => h('option', { value: l }, l)),
      );
      enable(layers.length > 0);
    },
    disable: () => enable(false),
    layer: () => fields.layer.input.value,
    readProbe(model) {
      const steps = model.inputs[0]?.shape[1];
      const n = typeof steps === 'number' ? steps : 256;
      const parsed = parseProbeFields(
        { ...text, probe: text.probe as ProbeFields['probe'] },
        { n },
      );
      showErrors(parsed.errors);
      if (!parsed.ok) throw new RangeError(parsed.error);
      return { ...parsed.value, n };
    },
    ablationMode() {
      if (text.mode !== 'scale-dc') return text.mode;
      const parsed = parseNumberText('k', text.k, {});
      fields.k.setError(parsed.ok ? null : parsed.error);
      if (!parsed.ok) throw new RangeError(parsed.error);
      return `scale-dc:${parsed.value}`;
    },
  };
}
