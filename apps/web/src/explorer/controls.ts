import { type ActivationName, activationNames, type ExpansionMethod } from '@rectify/theory';
import { controlsForm, errorLine, fieldset, h, replaceChildren } from '../ui/dom';
import { createFields } from '../ui/field';
import { DEFAULT_FORM, EXPANSIONS, type ExplorerForm, MAX_TERMS, MAX_TONES } from './state';

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
const TONE_KEYS = [
  ['freq', 'f (Hz)', 'frequency'],
  ['amp', 'a', 'amplitude'],
  ['phase', 'φ (rad)', 'phase'],
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

  const tonesBody = h('tbody');
  const tonesError = errorLine('tones-error');
  const addTone = h(
    'button',
    {
      type: 'button',
      'data-testid': 'tone-add',
      onclick: edited(() => {
        const used = new Set(form.tones.map((t) => t.freq));
        let freq = 1;
        while (used.has(String(freq))) freq += 1;
        form.tones.push({ freq: String(freq), amp: '1', phase: '0' });
        renderTones();
      }),
    },
    '+ Add tone',
  );
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
        choices: EXPANSIONS.map((e) => [e, EXPANSION_LABELS[e]]),
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
      h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...TONE_KEYS.map(([, head]) => h('th', {}, head)), h('th'))),
        tonesBody,
      ),
      tonesError,
      h('div', { class: 'inline' }, addTone),
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

  function toneInput(i: number, key: 'freq' | 'amp' | 'phase', name: string): HTMLElement {
    const id = `tone-${i}-${key}`;
    const input = h('input', {
      type: 'text',
      id,
      'data-testid': id,
      inputmode: 'decimal',
      'aria-label': `${name} of tone ${i + 1}`,
      'aria-describedby': `tone-${i}-error`,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    input.value = form.tones[i]?.[key] ?? '';
    input.addEventListener(
      'input',
      edited(() => {
        (form.tones[i] as ExplorerForm['tones'][number])[key] = input.value;
      }),
    );
    return h('td', {}, input);
  }

  function renderTones(): void {
    const rows = form.tones.flatMap((_, i) => [
      h(
        'tr',
        { 'data-testid': `tone-${i}` },
        ...TONE_KEYS.map(([key, , name]) => toneInput(i, key, name)),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'icon',
              title: `remove tone ${i + 1}`,
              'data-testid': `tone-${i}-remove`,
              onclick: edited(() => {
                form.tones.splice(i, 1);
                renderTones();
              }),
            },
            '×',
          ),
        ),
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
    ]);
    replaceChildren(tonesBody, ...rows);
    addTone.disabled = form.tones.length >= MAX_TONES;
  }

  function setForm(next: ExplorerForm): void {
    Object.assign(form, next);
    text.setValues(form);
    sync();
    logToggle.checked = form.log;
    events.logChanged(form.log);
    renderTones();
  }

  renderTones();
  return {
    root,
    form,
    setForm,
    showErrors(errors) {
      text.showErrors(errors);
      tonesError.textContent = errors.tones ?? '';
      form.tones.forEach((_, i) => {
        const messages = TONE_KEYS.flatMap(([key]) => {
          const message = errors[`tone-${i}-${key}`];
          root
            .querySelector(`#tone-${i}-${key}`)
            ?.toggleAttribute('aria-invalid', message !== undefined);
          return message ? [message] : [];
        });
        const cell = root.querySelector(`#tone-${i}-error`);
        if (cell) cell.textContent = messages.join('; ');
      });
    },
    setSamples(text) {
      samples.textContent = text;
    },
  };
}
