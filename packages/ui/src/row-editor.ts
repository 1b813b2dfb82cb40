import { errorLine, h, replaceChildren } from './dom';

/** One text column of a {@link createRowEditor} table. */
export interface RowColumn<K extends string> {
  /** The row's key the column edits. */
  key: K;
  /** Header text (with unit), e.g. `'f (Hz)'`. */
  head: string;
  /** What a cell's value is, for its accessible label (`'<name> of <item> <n>'`). */
  name: string;
}

/** What {@link createRowEditor} builds. */
export interface RowEditorSpec<K extends string> {
  /**
   * Stem of every id and `data-testid`: `<stem>-<i>` (row), `<stem>-<i>-<key>` (input),
   * `<stem>-<i>-remove`, `<stem>-<i>-error`, `<stem>-add` and `<stem>s-error` (the list's error).
   */
  stem: string;
  /** What one row is called in labels, e.g. `'tone'` (`remove tone 2`). */
  item: string;
  /** The columns, in order. */
  columns: readonly RowColumn<K>[];
  /** Largest number of rows; the add button is disabled there. An integer ≥ 1. */
  maxRows: number;
  /** The add button's text, e.g. `'+ Add tone'`. */
  addLabel: string;
  /** The rows being edited: read on every render, so the owner may replace the array. */
  rows(): Record<K, string>[];
  /** The row the add button appends, given the rows there are. */
  newRow(rows: readonly Record<K, string>[]): Record<K, string>;
  /** Called after every edit, addition and removal. */
  changed(): void;
}

/** An editable list of rows of text inputs (tones, taps, …) with add and remove buttons. */
export interface RowEditor {
  /** The `<table>` of rows: a header row, then each row of inputs followed by its error row. */
  readonly table: HTMLTableElement;
  /** The list's own error line (`<stem>s-error`), e.g. "at least one tone". */
  readonly error: HTMLElement;
  /** A `div.inline` holding the add button (`<stem>-add`). */
  readonly actions: HTMLElement;
  /** Rebuilds the rows from `rows()` (after the owner replaced them). */
  render(): void;
  /**
   * Shows validation messages: `errors['<stem>s']` under the list, and under row `i` the
   * messages of `errors['<stem>-<i>-<key>']` joined by `; `, with `aria-invalid` on those inputs.
   */
  showErrors(errors: Readonly<Record<string, string>>): void;
}

/**
 * Creates a row editor. Typing writes into `rows()[i][key]` and calls `changed`; the ×
 * button of a row removes it, the add button appends `newRow(rows())`.
 *
 * @param spec - ids, labels, columns and the rows' owner.
 * @returns the editor, already rendered.
 * @throws RangeError when `maxRows` is not an integer ≥ 1.
 * @example
 * const tones = [{ freq: '10', amp: '1' }];
 * const editor = createRowEditor({
 *   stem: 'tone', item: 'tone', maxRows: 8, addLabel: '+ Add tone',
 *   columns: [{ key: 'freq', head: 'f (Hz)', name: 'frequency' }, { key: 'amp', head: 'a', name: 'amplitude' }],
 *   rows: () => tones, newRow: () => ({ freq: '1', amp: '1' }), changed: () => redraw(),
 * });
 * form.append(editor.table, editor.error, editor.actions);
 */
export function createRowEditor<K extends string>(spec: RowEditorSpec<K>): RowEditor {
  if (!Number.isInteger(spec.maxRows) || spec.maxRows < 1) {
    throw new RangeError(`createRowEditor: maxRows must be an integer ≥ 1, got ${spec.maxRows}`);
  }
  const { stem, item, columns } = spec;
  const body = h('tbody');
  const table = h(
    'table',
    {},
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', {}, c.head)), h('th'))),
    body,
  );
  const error = errorLine(`${stem}s-error`);
  const add = h(
    'button',
    {
      type: 'button',
      'data-testid': `${stem}-add`,
      onclick: () => {
        spec.rows().push(spec.newRow(spec.rows()));
        render();
        spec.changed();
      },
    },
    spec.addLabel,
  );

  function input(i: number, column: RowColumn<K>): HTMLElement {
    const id = `${stem}-${i}-${column.key}`;
    const field = h('input', {
      type: 'text',
      id,
      'data-testid': id,
      inputmode: 'decimal',
      'aria-label': `${column.name} of ${item} ${i + 1}`,
      'aria-describedby': `${stem}-${i}-error`,
      spellcheck: 'false',
      autocomplete: 'off',
    });
    field.value = spec.rows()[i]?.[column.key] ?? '';
    field.addEventListener('input', () => {
      const row = spec.rows()[i];
      if (row) row[column.key] = field.value;
      spec.changed();
    });
    return h('td', {}, field);
  }

  function render(): void {
    const rows = spec.rows().flatMap((_, i) => [
      h(
        'tr',
        { 'data-testid': `${stem}-${i}` },
        ...columns.map((c) => input(i, c)),
        h(
          'td',
          {},
          h(
            'button',
            {
              type: 'button',
              class: 'icon',
              title: `remove ${item} ${i + 1}`,
              'data-testid': `${stem}-${i}-remove`,
              onclick: () => {
                spec.rows().splice(i, 1);
                render();
                spec.changed();
              },
            },
            '×',
          ),
        ),
      ),
      h(
        'tr',
        { class: 'row-error' },
        h('td', {
          colspan: columns.length + 1,
          class: `${stem}-error`,
          id: `${stem}-${i}-error`,
          'data-testid': `${stem}-${i}-error`,
          role: 'alert',
        }),
      ),
    ]);
    replaceChildren(body, ...rows);
    add.disabled = spec.rows().length >= spec.maxRows;
  }

  render();
  return {
    table,
    error,
    actions: h('div', { class: 'inline' }, add),
    render,
    showErrors(errors) {
      error.textContent = errors[`${stem}s`] ?? '';
      spec.rows().forEach((_, i) => {
        const messages = columns.flatMap(({ key }) => {
          const message = errors[`${stem}-${i}-${key}`];
          table
            .querySelector(`#${stem}-${i}-${key}`)
            ?.toggleAttribute('aria-invalid', message !== undefined);
          return message ? [message] : [];
        });
        const cell = table.querySelector(`#${stem}-${i}-error`);
        if (cell) cell.textContent = messages.join('; ');
      });
    },
  };
}
