/** Attributes accepted by {@link h}: plain attributes, `dataset` entries, and event listeners. */
export type Attrs = Record<string, string | number | boolean | undefined | EventListener>;

/** A child of {@link h}: an element, text, or nothing. */
export type Child = Node | string | number | null | undefined | false;

/**
 * Creates an element: `h('label', { for: 'fs' }, 'fs (Hz)')`. Attributes named `on…` with a
 * function value become event listeners; `false`/`undefined` attributes are left out.
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

/** Appends children, skipping empty ones. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces all children of `parent`. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.textContent = '';
  append(parent, children);
}

/** The message of anything thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** A `<fieldset>` with its `<legend>`. */
export function fieldset(legend: string, ...children: Child[]): HTMLFieldSetElement {
  return h('fieldset', {}, h('legend', {}, legend), ...children);
}

/** A page's `<form class="controls">`, which never submits (`onsubmit` replaces that default). */
export function controlsForm(attrs: Attrs, ...children: Child[]): HTMLFormElement {
  return h(
    'form',
    { class: 'controls', onsubmit: (e: Event) => e.preventDefault(), ...attrs },
    ...children,
  );
}

/** A message element that is hidden while it has nothing to say. */
export interface MessageBox {
  readonly root: HTMLElement;
  /** Shows `text`, or hides the box with `null`. */
  show(text: string | null): void;
}

/** An error box (`role="alert"`, hidden until it has a message) with a stable `data-testid`. */
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

/** An inline error line under a group of controls (empty, and so invisible, until set). */
export function errorLine(testId: string, id?: string): HTMLElement {
  return h('div', { class: 'field-error', id, 'data-testid': testId, role: 'alert' });
}

/** A drop zone that hands the dropped files to `onFiles`. */
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
