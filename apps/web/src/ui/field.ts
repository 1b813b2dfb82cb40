import { h } from './dom';

/** One labelled input with its inline error message. */
export interface Field {
  /** The wrapper: label, input, unit and error. */
  readonly root: HTMLElement;
  /** The input element. */
  readonly input: HTMLInputElement;
  /** Shows `message` next to the field (or clears it with `null`) and marks the input invalid. */
  setError(message: string | null): void;
}

/** One text field of a form, bound to the form's key `key` (see {@link createFields}). */
export interface FieldSpec<K extends string> {
  /** The form's key the field edits. */
  key: K;
  /** Element id, also the stem of the `data-testid`s (`<id>`, `<id>-error`); default the group's `idPrefix` + `key`. */
  id?: string;
  /** Visible label. */
  label: string;
  /** Unit shown after the input, e.g. `Hz`. */
  unit?: string;
  /** A short hint shown as the input's title. */
  hint?: string;
  /** Input type; numbers are typed as text so that bad input reaches the validator verbatim. */
  type?: 'text' | 'range';
  /** Extra attributes of the input (min, max, step, class). */
  attrs?: Record<string, string | number>;
}

/** A labelled input whose validation message appears inline, in `data-testid="<id>-error"`. */
function createField(spec: FieldSpec<string>, id: string, value: string): Field {
  const errorId = `${id}-error`;
  const input = h('input', {
    id,
    type: spec.type ?? 'text',
    'data-testid': id,
    'aria-describedby': errorId,
    title: spec.hint,
    spellcheck: 'false',
    autocomplete: 'off',
    ...(spec.type === 'range' ? {} : { inputmode: 'decimal' }),
    ...spec.attrs,
  });
  input.value = value;
  const error = h('span', {
    id: errorId,
    class: 'field-error',
    'data-testid': errorId,
    role: 'alert',
  });
  const root = h(
    'div',
    { class: 'field' },
    h('label', { for: id }, spec.label),
    h(
      'span',
      { class: 'field-input' },
      input,
      spec.unit && h('span', { class: 'unit' }, spec.unit),
    ),
    error,
  );
  return {
    root,
    input,
    setError(message) {
      error.textContent = message ?? '';
      input.toggleAttribute('aria-invalid', message !== null);
      root.classList.toggle('invalid', message !== null);
    },
  };
}

/** Text fields bound to a form's keys. */
export interface FieldGroup<K extends string> {
  /** The fields by key. */
  readonly fields: Record<K, Field>;
  /** Puts each key's text into its input (after the form was replaced). */
  setValues(values: Readonly<Record<K, string>>): void;
  /** Shows each key's message beside its field; keys without one are cleared. */
  showErrors(errors: Readonly<Record<string, string>>): void;
}

/**
 * Creates one labelled input per spec, reading its first text from `values` and writing every
 * edit back into `values[key]` before calling `changed`.
 */
export function createFields<K extends string>(
  specs: readonly FieldSpec<K>[],
  values: Record<K, string>,
  changed: () => void,
  idPrefix = '',
): FieldGroup<K> {
  const fields = {} as Record<K, Field>;
  for (const spec of specs) {
    const field = createField(spec, spec.id ?? `${idPrefix}${spec.key}`, values[spec.key]);
    field.input.addEventListener('input', () => {
      values[spec.key] = field.input.value;
      changed();
    });
    fields[spec.key] = field;
  }
  return {
    fields,
    setValues(next) {
      for (const spec of specs) fields[spec.key].input.value = next[spec.key];
    },
    showErrors(errors) {
      for (const spec of specs) fields[spec.key].setError(errors[spec.key] ?? null);
    },
  };
}

/** Options of {@link createSelect}. */
export interface SelectOptions<T extends string> {
  /** Unique element id and `data-testid`. */
  id: string;
  /** Visible label. */
  label: string;
  /** The choices: value and visible text. */
  choices: readonly (readonly [T, string])[];
  /** Initially selected value. */
  value: T;
  /** Called with the chosen value (default: nothing; the page reads `select.value` when it needs it). */
  onChange?: (value: T) => void;
}

/** Creates a labelled `<select>`. */
export function createSelect<T extends string>(
  options: SelectOptions<T>,
): { root: HTMLElement; select: HTMLSelectElement } {
  const select = h(
    'select',
    { id: options.id, 'data-testid': options.id },
    ...options.choices.map(([value, text]) =>
      h('option', { value, selected: value === options.value }, text),
    ),
  );
  select.value = options.value;
  select.addEventListener('change', () => options.onChange?.(select.value as T));
  return { root: labelled(options.id, options.label, select), select };
}

/** A control in a field row under its label. */
export function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}
