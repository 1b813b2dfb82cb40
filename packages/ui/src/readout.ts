import { h } from './dom';
import { formatNumber } from './format';

/** A named number on screen with a stable `data-testid` and its full-precision `data-value`. */
export interface Readout {
  /** The card: name, value and note. */
  readonly root: HTMLElement;
  /** Shows `value` (formatted) and stores it unrounded in `data-value`; `null` shows a dash. */
  set(value: number | null, note?: string, text?: string): void;
}

/**
 * Creates a readout card: name, value (`data-testid`, `data-value`), and a note under it.
 *
 * @param testId - the value's `data-testid`.
 * @param name - what the number is, with its unit.
 * @param title - a longer explanation (the card's tooltip).
 * @returns the readout, showing `—` until `set`.
 * @example
 * const dc = createReadout('dc-exact', 'DC exact');
 * dc.set(1 / Math.PI, 'closed form'); // shows 0.31831
 */
export function createReadout(testId: string, name: string, title?: string): Readout {
  const value = h('div', { class: 'value', 'data-testid': testId, 'data-value': '' }, '—');
  const note = h('div', { class: 'note' });
  const root = h(
    'div',
    { class: 'readout', title },
    h('div', { class: 'name' }, name),
    value,
    note,
  );
  return {
    root,
    set(v, n, text) {
      value.textContent = text ?? formatNumber(v);
      value.dataset.value = v === null || Number.isNaN(v) ? '' : String(v);
      note.textContent = n ?? '';
    },
  };
}

/**
 * Readout cards from `[key, testId, name, title]` rows, in a `div.readouts`, and by key.
 *
 * @param specs - one row per readout, in display order.
 * @returns the container and the readouts by key.
 * @example
 * const { root, byKey } = createReadouts([['dc', 'dc-exact', 'DC exact']] as const);
 * byKey.dc.set(0.5);
 */
export function createReadouts<K extends string>(
  specs: readonly (readonly [K, string, string, string?])[],
): { root: HTMLElement; byKey: Record<K, Readout> } {
  const byKey = {} as Record<K, Readout>;
  for (const [key, testId, name, title] of specs) byKey[key] = createReadout(testId, name, title);
  return {
    root: h('div', { class: 'readouts' }, ...Object.values<Readout>(byKey).map((r) => r.root)),
    byKey,
  };
}
