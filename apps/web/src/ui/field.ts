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

/** Options of {@link createField}. */
export interface FieldOptions {
  /** Unique element id; also the stem of the `data-testid`s (`<id>` and `<id>-error`). */
  id: string;
  /** Visible label. */
  label: string;
  /** Initial raw text. */
  value: string;
  /** Unit shown after the input, e.g. `Hz`. */
  unit?: string;
  /** Input type; numbers are typed as text so that bad input reaches the validator verbatim. */
  type?: 'text' | 'range';
  /** Extra attributes of the input (min, max, step, inputmode, size). */
  attrs?: Record<string, string | number>;
  /** Called with the raw text on every edit. */
  onInput: (raw: string) => void;
  /** A short hint shown as the input's title. */
  hint?: string;
}

/**
 * Creates a labelled input whose validation message appears inline, next to the field, in an
 * element with `data-testid="<id>-error"`.
 */
export function createField(options: FieldOptions): Field {
  const errorId = `${options.id}-error`;
  const input = h('input', {
    id: options.id,
    type: options.type ?? 'text',
    value: options.value,
    'data-testid': options.id,
    'aria-describedby': errorId,
    title: options.hint,
    spellcheck: 'false',
    autocomplete: 'off',
    ...(options.type === 'range' ? {} : { inputmode: 'decimal' }),
    ...options.attrs,
  });
  input.value = options.value;
  input.addEventListener('input', () => options.onInput(input.value));
  const error = h('span', {
    id: errorId,
    class: 'field-error',
    'data-testid': errorId,
    role: 'alert',
  });
  const root = h(
    'div',
    { class: 'field' },
    h('label', { for: options.id }, options.label),
    h(
      'span',
      { class: 'field-input' },
      input,
      options.unit ? h('span', { class: 'unit' }, options.unit) : null,
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
  /** Called with the chosen value. */
  onChange: (value: T) => void;
}

/** Creates a labelled `<select>`. */
export function createSelect<T extends string>(
  options: SelectOptions<T>,
): { root: HTMLElement; select: HTMLSelectElement } {
  const select = h('select', { id: options.id, 'data-testid': options.id });
  for (const [value, text] of options.choices) {
    select.appendChild(h('option', { value, selected: value === options.value }, text));
  }
  select.value = options.value;
  select.addEventListener('change', () => options.onChange(select.value as T));
  return {
    root: h('div', { class: 'field' }, h('label', { for: options.id }, options.label), select),
    select,
  };
}

/** One text field of a form, bound to the form's key `key` (see {@link createFields}). */
export interface FieldSpec<K extends string> {
  /** The form's key the field edits. */
  key: K;
  /** Element id and `data-testid` stem; default the group's `idPrefix` + `key`. */
  id?: string;
  /** Visible label. */
  label: string;
  /** Unit shown after the input. */
  unit?: string;
  /** Short hint (the input's title). */
  hint?: string;
  /** Input type (default text). */
  type?: FieldOptions['type'];
  /** Extra attributes of the input. */
  attrs?: FieldOptions['attrs'];
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
 * Creates one {@link createField} per spec, reading its first text from `values` and writing
 * every edit back into `values[key]` before calling `changed`.
 */
export function createFields<K extends string>(
  specs: readonly FieldSpec<K>[],
  values: Record<K, string>,
  changed: () => void,
  idPrefix = '',
): FieldGroup<K> {
  const fields = {} as Record<K, Field>;
  for (const spec of specs) {
    fields[spec.key] = createField({
      id: spec.id ?? `${idPrefix}${spec.key}`,
      label: spec.label,
      unit: spec.unit,
      hint: spec.hint,
      type: spec.type,
      attrs: spec.attrs,
      value: values[spec.key],
      onInput: (raw) => {
        values[spec.key] = raw;
        changed();
      },
    });
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
