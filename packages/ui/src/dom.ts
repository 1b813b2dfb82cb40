/** Attributes accepted by {@link h}: plain attributes, `dataset` entries, and event listeners. */
export type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

/** A child of {@link h}: an element, text, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element: `h('label', { for: 'fs' }, 'fs (Hz)')`. Attributes named `on…` with a
 * function value become event listeners; `true` sets an empty attribute, `false`/`undefined`
 * attributes are left out; children skip `null`, `undefined` and `false`.
 *
 * @param tag - the element's tag name.
 * @param attrs - attributes and `on…` listeners.
 * @param children - elements, text or numbers, appended in order.
 * @returns the new element.
 * @example
 * h('button', { type: 'button', onclick: () => run() }, 'Run');
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
    else if (value === true) el.setAttribute(name, '');
    else el.setAttribute(name, String(value));
  }
  append(el, children);
  return el;
}

/**
 * Appends children to `parent`, skipping empty ones (`null`, `undefined`, `false`); text and
 * numbers become text nodes.
 *
 * @param parent - the node to append to.
 * @param children - what to append, in order.
 * @example
 * append(list, [h('li', {}, 'one'), error && h('li', {}, error)]);
 */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * Replaces all children of `parent` with `children` (as {@link append} adds them).
 *
 * @param parent - the element to refill.
 * @param children - its new content.
 * @example
 * replaceChildren(output, h('p', {}, 'No result open yet.'));
 */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.textContent = '';
  append(parent, children);
}

/**
 * The message of anything thrown: an `Error`'s `message`, else the value as text.
 *
 * @param error - what a `catch` caught.
 * @returns the text to show.
 * @example
 * errorMessage(new RangeError('fs must be > 0')); // 'fs must be > 0'
 */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * A `<fieldset>` with its `<legend>`.
 *
 * @param legend - the group's title.
 * @param children - the group's controls.
 * @returns the fieldset.
 * @example
 * fieldset('Activation', activation.root, alpha.root);
 */
export function fieldset(legend: string, ...children: Child[]): HTMLFieldSetElement {
  return h('fieldset', {}, h('legend', {}, legend), ...children);
}

/**
 * A page's `<form class="controls">`, which never submits (Enter in a field would reload the
 * page; `onsubmit` prevents it).
 *
 * @param attrs - further attributes (a `data-testid`).
 * @param children - the form's fieldsets and buttons.
 * @returns the form.
 * @example
 * controlsForm({ 'data-testid': 'explorer-controls' }, fieldset('Input', fs.root));
 */
export function controlsForm(attrs: Attrs, ...children: Child[]): HTMLFormElement {
  return h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault(), ...attrs },
    ...children,
  );
}

/** A message element that is hidden while it has nothing to say. */
export interface MessageBox {
  /** The box element. */
  readonly root: HTMLElement;
  /** Shows `text`, or hides the box with `null`. */
  show(text: string | null): void;
}

/**
 * An error box (`div.error-box`, `role="alert"`, hidden until it has a message).
 *
 * @param testId - the box's `data-testid`.
 * @returns the box and its `show`.
 * @example
 * const status = errorBox('explorer-status');
 * status.show('Fix the highlighted field; the plots show the last valid input.');
 */
export function errorBox(testId: string): MessageBox {
  const root = h('div', { class: 'error-box', role: 'alert', 'data-testid': testId, hidden: true });
  return {
    root,
    show(text) {
      root.hidden = text === null;
      root.textContent = text ?? '';
    },
  };
}

/**
 * An inline error line under a group of controls (`div.field-error`, `role="alert"`; empty, and
 * so invisible, until its text is set).
 *
 * @param testId - its `data-testid`.
 * @param id - its element id (for `aria-describedby`), if any.
 * @returns the element; set its `textContent` to show a message.
 * @example
 * const error = errorLine('report-error', 'report-error');
 */
export function errorLine(testId: string, id?: string): HTMLElement {
  return h('div', { class: 'field-error', id, 'data-testid': testId, role: 'alert' });
}

/**
 * A drop zone (`div.readout` with `text`) that hands the files dropped on it to `onFiles`.
 *
 * @param testId - its `data-testid`.
 * @param text - what it says, e.g. `'Or drop result files here.'`.
 * @param onFiles - called with the dropped files (`null` when the drop carried none).
 * @returns the zone.
 * @example
 * dropZone('report-drop', 'Or drop result files here.', (files) => void read(files));
 */
export function dropZone(
  testId: string,
  text: string,
  onFiles: (files: FileList | null) => void,
): HTMLElement {
  const zone = h('div', { class: 'readout', 'data-testid': testId }, text);
  zone.addEventListener('dragover', (e) => e.preventDefault());
  zone.addEventListener('drop', (e) => {
    e.preventDefault();
    onFiles(e.dataTransfer?.files ?? null);
  });
  return zone;
}
