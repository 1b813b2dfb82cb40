import './styles.css';
import { h, replaceChildren, errorMessage } from './ui/dom';

/** A mounted page: `update` receives a new URL query for the same page; `unmount` releases it. */
export interface Page {
  update?(query: URLSearchParams): void;
  unmount(): void;
}

/** Mounts a page into `root`, reading its state from `query`. */
export type PageFactory = (root: HTMLElement, query: URLSearchParams) => Page | Promise<Page>;

const PAGES: Record<string, { title: string; load: () => Promise<PageFactory> }> = {
  explorer: {
    title: 'Explorer',
    load: async () => (await import('./explorer/page')).mountExplorer,
  },
  filter: {
    title: 'Filter → ReLU → pool',
    load: async () => (await import('./filter/page')).mountFilter,
  },
  lab: { title: 'Lab', load: async () => (await import('./lab/page')).mountLab },
  report: { title: 'Report viewer', load: async () => (await import('./report/page')).mountReport },
  model: { title: 'Open a model', load: async () => (await import('./model/page')).mountModel },
};

const app = document.getElementById('app')!;
const fatal = document.getElementById('fatal')!;

/** Shows an error the page did not handle, without blanking what is already on screen. */
function showFatal(message: string): void {
  fatal.hidden = false;
  replaceChildren(
    fatal,
    h('strong', {}, 'Something went wrong: '),
    message,
    ' ',
    h(
      'button',
      {
        type: 'button',
        onclick: () => {
          fatal.hidden = true;
        },
      },
      'Dismiss',
    ),
  );
}

window.addEventListener('error', (event) => {
  event.preventDefault();
  showFatal(event.error instanceof Error ? event.error.message : String(event.message));
});
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  showFatal(errorMessage(event.reason));
});

/** Splits `#/page?query` into its page name and query. */
function parseHash(hash: string): { name: string; query: URLSearchParams } {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const name = (q < 0 ? body : body.slice(0, q)) || 'explorer';
  return { name, query: new URLSearchParams(q < 0 ? '' : body.slice(q + 1)) };
}

let current: { name: string; page: Page } | null = null;
let navigation = 0;

async function route(): Promise<void> {
  const { name, query } = parseHash(location.hash);
  const entry = PAGES[name];
  if (!entry) {
    location.replace('#/explorer');
    return;
  }
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-page]')) {
    link.toggleAttribute('aria-current', link.dataset.page === name);
  }
  document.title = `${entry.title} — Rectify`;
  if (current?.name === name) {
    current.page.update?.(query);
    return;
  }
  const ticket = ++navigation;
  current?.page.unmount();
  current = null;
  replaceChildren(app, h('p', { class: 'loading' }, `Loading ${entry.title}…`));
  try {
    const factory = await entry.load();
    if (ticket !== navigation) return;
    const root = h('section', { class: `page page-${name}`, 'data-testid': `page-${name}` });
    replaceChildren(app, root);
    current = { name, page: await factory(root, query) };
  } catch (error) {
    replaceChildren(
      app,
      h(
        'p',
        { class: 'error-box', role: 'alert' },
        `Could not open ${entry.title}: ${errorMessage(error)}`,
      ),
    );
  }
}

window.addEventListener('hashchange', () => void route());
void route();
