import {
  type ActivationName,
  activationNames,
  type ExpansionMethod,
  expansionMethods,
} from '@rectify/theory';
import { controlsForm, createFields, createRowEditor, fieldset, h } from '@rectify/ui';
import { DEFAULT_FORM, type ExplorerForm, MAX_TERMS, MAX_TONES } from './state';

const ACTIVATION_LABELS: Record<ActivationName, string> = {
  relu: 'ReLU',
  leaky: 'Leaky ReLU (α)',
  gelu: 'GELU',
  silu: 'SiLU',
  tanh: 'tanh',
  abs: '|x|',
};

/** How the explorer names each expansion of |x|. */
export const EXPANSION_LABELS: Record<ExpansionMethod, string> = {
  binomial: 'binomial (paper)',
  chebyshev: 'Chebyshev (better)',
};

/** The tone table's columns: the form key, its header and how the input is named. */
const TONE_COLUMNS = [
  { key: 'freq', head: 'f (Hz)', name: 'frequency' },
  { key: 'amp', head: 'a', name: 'amplitude' },
  { key: 'phase', head: 'φ (rad)', name: 'phase' },
] as const;

/** The explorer's inputs: tones, sampling, activation and expansion, as a form. */
export interface ExplorerControls {
  /** The `<form>` element. */
  readonly root: HTMLElement;
  /** The form as typed now (the same object for the page's life). */
  readonly form: ExplorerForm;
  /** Replaces the whole form (URL change, reset) and redraws the inputs. */
  setForm(next: ExplorerForm): void;
  /** Shows each validation message next to its field (absent keys clear). */
  showErrors(errors: Readonly<Record<string, string>>): void;
  /** Sets the line under the sampling fields (samples and Nyquist), or clears it. */
  setSamples(text: string): void;
}

/** Callbacks of {@link createExplorerControls}. */
export interface ExplorerControlsEvents {
  /** Any field changed. */
  changed(): void;
  /** The log-axis toggle changed. */
  logChanged(log: boolean): void;
  /** A recording was chosen (with the channel or column typed), or closed (`null`). */
  recordingChosen(file: File | null, column: string): void;
}

/** Builds the explorer's form; every edit updates `form` and calls `changed`. */
export function createExplorerControls(
  form: ExplorerForm,
  events: ExplorerControlsEvents,
): ExplorerControls {
  const changed = () => events.changed();
  const edited = (apply: () => void) => () => {
    apply();
    changed();
  };

  const tones = createRowEditor({
    stem: 'tone',
    item: 'tone',
    columns: TONE_COLUMNS,
    maxRows: MAX_TONES,
    addLabel: '+ Add tone',
    rows: () => form.tones,
    newRow: (rows) => {
      const used = new Set(rows.map((t) => t.freq));
      let freq = 1;
      while (used.has(String(freq))) freq += 1;
      return { freq: String(freq), amp: '1', phase: '0' };
    },
    changed,
  });
  // What the other fields show follows the form: α only for the leaky ReLU, N beside its slider.
  const sync = () => {
    alpha.root.hidden = form.activation !== 'leaky';
    termsValue.textContent = form.terms;
  };
  const text = createFields(
    [
      { key: 'fs', label: 'fs', unit: 'Hz' },
      { key: 'duration', label: 'duration', unit: 's' },
      {
        key: 'activation',
        label: 'activation',
        choices: activationNames.map((a) => [a, ACTIVATION_LABELS[a]]),
      },
      { key: 'alpha', label: 'α (leak)', hint: 'negative slope, 0 ≤ α ≤ 1' },
      {
        key: 'dc',
        label: 'DC',
        choices: [
          ['keep', 'keep'],
          ['remove', 'remove (subtract the mean)'],
        ],
      },
      {
        key: 'expansion',
        label: 'expansion',
        choices: expansionMethods.map((e) => [e, EXPANSION_LABELS[e]]),
      },
      {
        key: 'terms',
        label: 'terms N',
        type: 'range',
        attrs: { min: 1, max: MAX_TERMS, step: 1, class: 'slider' },
      },
    ],
    form,
    edited(sync),
  );
  const { fs, duration, activation, alpha, dc, expansion, terms } = text.fields;
  const termsValue = h('span', { class: 'unit', 'data-testid': 'terms-value' });
  terms.root.querySelector('.field-input')?.append(termsValue);
  const samples = h('div', { class: 'notes', 'data-testid': 'samples' });
  sync();
  const logToggle = h('input', {
    type: 'checkbox',
    id: 'log',
    'data-testid': 'log',
    checked: form.log,
  });
  logToggle.addEventListener(
    'change',
    edited(() => {
      form.log = logToggle.checked;
      events.logChanged(form.log);
    }),
  );
  const reset = h(
    'button',
    {
      type: 'button',
      'data-testid': 'reset',
      onclick: edited(() => setForm(structuredClone(DEFAULT_FORM) as ExplorerForm)),
    },
    'Reset to the paper’s V.A signal',
  );

  const column = createFields(
    [
      {
        key: 'column',
        label: 'channel / column',
        hint: 'WAV channel or CSV column (index from 0, or a CSV header name)',
      },
    ],
    { column: '0' },
    () => {
      const file = recordingInput.files?.[0];
      if (file) events.recordingChosen(file, column.fields.column.input.value);
    },
  );
  const recordingInput = h('input', {
    type: 'file',
    id: 'recording',
    'data-testid': 'recording',
    accept: '.wav,.csv,.tsv,.txt',
  });
  recordingInput.addEventListener('change', () => {
    events.recordingChosen(recordingInput.files?.[0] ?? null, column.fields.column.input.value);
  });
  const closeRecording = h(
    'button',
    {
      type: 'button',
      'data-testid': 'recording-close',
      onclick: () => {
        recordingInput.value = '';
        events.recordingChosen(null, column.fields.column.input.value);
      },
    },
    'Back to the tones',
  );

  const root = controlsForm(
    { 'data-testid': 'explorer-controls' },
    h(
      'fieldset',
      { class: 'tones' },
      h('legend', {}, 'Input: Σ a·cos(2π f t + φ)'),
      tones.table,
      tones.error,
      tones.actions,
      fs.root,
      duration.root,
      samples,
    ),
    fieldset(
      'Or a recording (WAV, or CSV at fs)',
      h('label', { for: 'recording' }, recordingInput),
      column.fields.column.root,
      h('div', { class: 'inline' }, closeRecording),
    ),
    fieldset('Activation', activation.root, alpha.root, dc.root),
    fieldset('Approximation of |x|', expansion.root, terms.root),
    h(
      'div',
      { class: 'inline' },
      h('label', { for: 'log' }, logToggle, ' log amplitude axis'),
      reset,
    ),
  );

  function setForm(next: ExplorerForm): void {
    Object.assign(form, next);
    text.setValues(form);
    sync();
    logToggle.checked = form.log;
    events.logChanged(form.log);
    tones.render();
  }

  return {
    root,
    form,
    setForm,
    showErrors(errors) {
      text.showErrors(errors);
      tones.showErrors(errors);
    },
    setSamples(text) {
      samples.textContent = text;
    },
  };
}
