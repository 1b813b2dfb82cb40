import { type Attrs, type Child, h, replaceChildren } from './dom';
import { formatNumber } from './format';

/** What a cell shows: a child or several. */
export type CellContent = Child | readonly Child[];

/** A cell with attributes (a `data-testid`, a `data-value`) besides its content. */
export interface Cell {
  /** What the cell shows. */
  content: CellContent;
  /** The cell's attributes. */
  attrs: Attrs;
}

/** One column of a {@link fillTable} table. */
export interface Column<T> {
  /** Header text. */
  head: string;
  /** A text column (left-aligned, class `text`); numbers are right-aligned. */
  text?: boolean;
  /** The cell of a row (numbered from 0). */
  cell(row: T, index: number): CellContent | Cell;
}

const isCell = (value: CellContent | Cell): value is Cell =>
  typeof value === 'object' && value !== null && !(value instanceof Node) && !Array.isArray(value);
const children = (content: CellContent): Child[] =>
  Array.isArray(content) ? [...content] : [content as Child];

/**
 * A number cell whose `data-value` holds the unrounded value (tests and tools read it) and whose
 * text is `text`, by default the value formatted (`null`: a dash and an empty `data-value`).
 *
 * @param testId - the cell's `data-testid`, if any.
 * @param value - the number, or `null` for none.
 * @param text - what the cell shows instead of `formatNumber(value)`.
 * @returns the cell, for a column's `cell`.
 * @example
 * { head: 'measured', cell: (l) => valueCell(`line-measured-${l.freq}`, l.measured) }
 */
export function valueCell(testId: string | undefined, value: number | null, text?: string): Cell {
  return {
    content: text ?? formatNumber(value),
    attrs: { 'data-testid': testId, 'data-value': value ?? '' },
  };
}

/**
 * Replaces a table's head and body with `columns` over `rows`.
 *
 * @param table - the table to refill.
 * @param columns - the columns, in order.
 * @param rows - one table row each.
 * @param rowAttrs - each row's attributes (a `data-testid`), default none.
 * @returns `table`.
 * @example
 * fillTable(table, [{ head: 'f (Hz)', cell: (l) => formatNumber(l.freq) }], lines);
 */
export function fillTable<T>(
  table: HTMLTableElement,
  columns: readonly Column<T>[],
  rows: readonly T[],
  rowAttrs: (row: T, index: number) => Attrs = () => ({}),
): HTMLTableElement {
  const textClass = (c: Column<T>) => (c.text ? 'text' : undefined);
  replaceChildren(
    table,
    h('thead', {}, h('tr', {}, ...columns.map((c) => h('th', { class: textClass(c) }, c.head)))),
    h(
      'tbody',
      {},
      ...rows.map((row, i) =>
        h(
          'tr',
          rowAttrs(row, i),
          ...columns.map((c) => {
            const cell = c.cell(row, i);
            return isCell(cell)
              ? h('td', { class: textClass(c), ...cell.attrs }, ...children(cell.content))
              : h('td', { class: textClass(c) }, ...children(cell));
          }),
        ),
      ),
    ),
  );
  return table;
}

/**
 * A new `<table>` with `attrs` (class `data` unless given), filled as {@link fillTable} does.
 *
 * @param attrs - the table's attributes.
 * @param columns - the columns, in order.
 * @param rows - one table row each.
 * @param rowAttrs - each row's attributes, default none.
 * @returns the table.
 * @example
 * dataTable({ 'data-testid': 'lab-accuracy-table' }, columns, result.variants);
 */
export function dataTable<T>(
  attrs: Attrs,
  columns: readonly Column<T>[],
  rows: readonly T[],
  rowAttrs?: (row: T, index: number) => Attrs,
): HTMLTableElement {
  return fillTable(h('table', { class: 'data', ...attrs }), columns, rows, rowAttrs);
}
