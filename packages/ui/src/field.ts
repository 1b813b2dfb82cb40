import { h } from './dom';

/** One labelled control (a text input or a select) with its inline error message. */
export interface Field {
  /** The wrapper: label, control, unit and error. */
  readonly root: HTMLElement;
  /** The control. */
  readonly input: HTMLInputElement | HTMLSelectElement;
  /** Shows `message` next to the field (or clears it with `null`) and marks the control invalid. */
  setError(message: string | null): void;
}

/** One control of a form, bound to the form's key `key` (see {@link createFields}). */
export interface FieldSpec<K extends string> {
  /** The form's key the field edits. */
  key: K;
  /** Element id, also the stem of the `data-testid`s (`<id>`, `<id>-error`); default the group's `idPrefix` + `key`. */
  id?: string;
  /** Visible label. */
  label: string;
  /** A `<select>` of these choices (value, visible text) instead of a text input. */
  choices?: readonly (readonly [string, string])[];
  /** Unit shown after the input, e.g. `Hz`. */
  unit?: string;
  /** A short hint shown as the input's title. */
  hint?: string;
  /** Input type; numbers are typed as text so that bad input reaches the validator verbatim. */
  type?: 'text' | 'range';
  /** Extra attributes of the input (min, max, step, class). */
  attrs?: Record<string, string | number>;
}

/** The input (or select) of a spec, without its label. */
function control(spec: FieldSpec<string>, id: string, errorId: string) {
  if (spec.choices) {
    return h(
      'select',
      { id, 'data-testid': id },
      ...spec.choices.map(([value, text]) => h('option', { value }, text)),
    );
  }
  return h('input', {
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
}

/** A labelled control; a text input's validation message appears inline, in `<id>-error`. */
function createField(spec: FieldSpec<string>, id: string, value: string): Field {
  const errorId = `${id}-error`;
  const input = control(spec, id, errorId);
  input.value = value;
  const error =
    !spec.choices &&
    h('span', { id: errorId, class: 'field-error', 'data-testid': errorId, role: 'alert' });
  const root = spec.choices
    ? labelled(id, spec.label, input)
    : h(
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
      if (error) error.textContent = message ?? '';
      input.toggleAttribute('aria-invalid', message !== null);
      root.classList.toggle('invalid', message !== null);
    },
  };
}

/** Controls bound to a form's keys. */
export interface FieldGroup<K extends string> {
  /** The fields by key. */
  readonly fields: Record<K, Field>;
  /** Puts each key's value into its control (after the form was replaced). */
  setValues(values: Readonly<Record<K, string>>): void;
  /** Shows each key's message beside its field; keys without one are cleared. */
  showErrors(errors: Readonly<Record<string, string>>): void;
}

/**
 * Creates one labelled control per spec (a select where it has `choices`, else a text input),
 * showing `values[key]` and writing every edit back into `values[key]` before calling `changed`.
 * Numbers are typed as text, so the caller's validator sees exactly what was typed.
 *
 * @param specs - the fields, in order.
 * @param values - the form, keyed like the specs; edited in place.
 * @param changed - called after every edit.
 * @param idPrefix - prefix of each field's id and `data-testid` (`<prefix><key>`), default none.
 * @returns the fields by key, `setValues` and `showErrors`.
 * @example
 * const form = { fs: '1024' };
 * const group = createFields([{ key: 'fs', label: 'fs', unit: 'Hz' }], form, redraw);
 * group.showErrors({ fs: 'fs must be > 0 Hz, got -1' });
 */
export function createFields<K extends string>(
  specs: readonly FieldSpec<K>[],
  values: Record<K, string>,
  changed: () => void = () => undefined,
  idPrefix = '',
): FieldGroup<K> {
  const fields = {} as Record<K, Field>;
  for (const spec of specs) {
    const field = createField(spec, spec.id ?? `${idPrefix}${spec.key}`, values[spec.key]);
    field.input.addEventListener(spec.choices ? 'change' : 'input', () => {
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

/**
 * A control in a field row (`div.field`) under its label.
 *
 * @param id - the control's id, which the label points at.
 * @param label - the visible label.
 * @param control - the input, select or other control.
 * @returns the field row.
 * @example
 * labelled('backend', 'backend', h('select', { id: 'backend' }));
 */
export function labelled(id: string, label: string, control: HTMLElement): HTMLElement {
  return h('div', { class: 'field' }, h('label', { for: id }, label), control);
}

/**
 * A file input in a field row under its label, with `id` as its id and `data-testid`.
 *
 * @param id - the input's id and `data-testid`.
 * @param label - the visible label.
 * @param attrs - further attributes of the input (`accept`, `multiple`, `webkitdirectory`).
 * @returns the input and its field row.
 * @example
 * const files = fileField('report-files', 'result.json', { accept: '.json', multiple: true });
 * files.input.addEventListener('change', () => read(files.input.files));
 */
export function fileField(
  id: string,
  label: string,
  attrs: Record<string, string | boolean> = {},
): { input: HTMLInputElement; root: HTMLElement } {
  const input = h('input', { type: 'file', id, 'data-testid': id, ...attrs });
  return { input, root: labelled(id, label, input) };
}
