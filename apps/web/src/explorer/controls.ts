import { h, replaceChildren } from '../ui/dom';
import { createField, createSelect } from '../ui/field';
import {
  ACTIVATIONS,
  type ActivationName,
  DEFAULT_FORM,
  EXPANSIONS,
  type ExpansionName,
  type ExplorerErrors,
  type ExplorerForm,
  MAX_TERMS,
  MAX_TONES,
} from './state';

const ACTIVATION_LABELS: Record<ActivationName, string> = {
  relu: 'ReLU',
  leaky: 'Leaky ReLU (α)',
  gelu: 'GELU',
  silu: 'SiLU',
  tanh: 'tanh',
  abs: '|x|',
};

/** How the explorer names each expansion of |x|. */
export const EXPANSION_LABELS: Record<ExpansionName, string> = {
  binomial: 'binomial (paper)',
  chebyshev: 'Chebyshev (better)',
};

/** The explorer's inputs: tones, sampling, activation and expansion, as a form. */
export interface ExplorerControls {
  /** The `<form>` element. */
  readonly root: HTMLElement;
  /** The form as typed now. */
  readonly form: ExplorerForm;
  /** Replaces the whole form (URL change, reset) and redraws the inputs. */
  setForm(next: ExplorerForm): void;
  /** Shows each validation message next to its field (absent keys clear). */
  showErrors(errors: ExplorerErrors): void;
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
  initial: ExplorerForm,
  events: ExplorerControlsEvents,
): ExplorerControls {
  let form = initial;
  const changed = () => events.changed();

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
    choices: EXPANSIONS.map((e) => [e, EXPANSION_LABELS[e]] as const),
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
    events.logChanged(form.log);
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

  const column = createField({
    id: 'column',
    label: 'channel / column',
    value: '0',
    onInput: () => {
      const file = recordingInput.files?.[0];
      if (file) events.recordingChosen(file, column.input.value);
    },
    hint: 'WAV channel or CSV column (index from 0, or a CSV header name)',
  });
  const recordingInput = h('input', {
    type: 'file',
    id: 'recording',
    'data-testid': 'recording',
    accept: '.wav,.csv,.tsv,.txt',
  });
  recordingInput.addEventListener('change', () => {
    events.recordingChosen(recordingInput.files?.[0] ?? null, column.input.value);
  });
  const closeRecording = h(
    'button',
    {
      type: 'button',
      'data-testid': 'recording-close',
      onclick: () => {
        recordingInput.value = '';
        events.recordingChosen(null, column.input.value);
      },
    },
    'Back to the tones',
  );

  const root = h(
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
    h(
      'fieldset',
      {},
      h('legend', {}, 'Or a recording (WAV, or CSV at fs)'),
      h('label', { for: 'recording' }, recordingInput),
      column.root,
      h('div', { class: 'inline' }, closeRecording),
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
    events.logChanged(form.log);
    renderTones();
  }

  function showErrors(errors: ExplorerErrors): void {
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

  renderTones();
  return {
    root,
    get form() {
      return form;
    },
    setForm,
    showErrors,
    setSamples(text) {
      samples.textContent = text;
    },
  };
}
