import { errorMessage, h, replaceChildren } from './dom';

/** A mounted page: `update` receives a new URL query for the same page; `unmount` releases it. */
export interface Page {
  /** Called when only the query of the current page's URL changed (the page stays mounted). */
  update?(query: URLSearchParams): void;
  /** Releases what the page holds (charts, workers, timers). */
  unmount(): void;
}

/** Mounts a page into `root`, reading its state from `query`. */
export type PageFactory = (root: HTMLElement, query: URLSearchParams) => Page | Promise<Page>;

/** One page of a {@link startRouter} app. */
export interface PageEntry {
  /** The page's title, shown in the document title and the loading line. */
  title: string;
  /** Loads the page's code (a dynamic `import()`, so each page is its own chunk). */
  load(): Promise<PageFactory>;
}

/** What {@link startRouter} needs. */
export interface RouterOptions {
  /** The element each page is mounted into (its content is replaced). */
  outlet: HTMLElement;
  /** The pages by name, the first segment of `#/<name>?<query>`. */
  pages: Readonly<Record<string, PageEntry>>;
  /** The page an empty hash opens and an unknown name is redirected to. */
  defaultPage: string;
  /** Suffix of the document title after the page's title; default `' — Rectify'`. */
  titleSuffix?: string;
}

/** A running router. */
export interface Router {
  /** Mounts the page the current hash names (called on every `hashchange`). */
  route(): Promise<void>;
  /** Stops listening to the hash and unmounts the current page. */
  stop(): void;
}

/**
 * Splits a location hash `#/page?query` into its page name and query.
 *
 * @param hash - `location.hash`, e.g. `'#/explorer?fs=1024'`.
 * @param defaultPage - the name an empty hash gives.
 * @returns the page name and its query parameters.
 * @example
 * parseHash('#/lab?seed=3', 'explorer'); // { name: 'lab', query: URLSearchParams { seed: '3' } }
 */
export function parseHash(
  hash: string,
  defaultPage: string,
): { name: string; query: URLSearchParams } {
  const body = hash.replace(/^#\/?/, '');
  const q = body.indexOf('?');
  const name = (q < 0 ? body : body.slice(0, q)) || defaultPage;
  return { name, query: new URLSearchParams(q < 0 ? '' : body.slice(q + 1)) };
}

/**
 * Starts a hash router: each `#/<name>?<query>` mounts `pages[name]` into a new
 * `section.page.page-<name>` (`data-testid="page-<name>"`) inside `outlet`, marks the
 * `nav a[data-page]` links with `aria-current`, and hands a new query of the same page to its
 * `update`. A page that fails to load shows its error in `outlet`; a navigation that is
 * overtaken by a newer one while loading is dropped.
 *
 * @param options - the outlet, the pages and the default page.
 * @returns the router; it has already routed the current hash.
 * @throws RangeError when `defaultPage` is not one of `pages`.
 * @example
 * startRouter({ outlet, defaultPage: 'home', pages: { home: { title: 'Home', load: async () => mountHome } } });
 */
export function startRouter(options: RouterOptions): Router {
  const { outlet, pages, defaultPage, titleSuffix = ' — Rectify' } = options;
  if (!(defaultPage in pages)) {
    throw new RangeError(
      `startRouter: defaultPage must name one of the pages (${Object.keys(pages).join(', ')}), got ${JSON.stringify(defaultPage)}`,
    );
  }
  let current: { name: string; page: Page } | null = null;
  let navigation = 0;

  async function route(): Promise<void> {
    const { name, query } = parseHash(location.hash, defaultPage);
    const entry = pages[name];
    if (!entry) {
      location.replace(`#/${defaultPage}`);
      return;
    }
    for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a[data-page]')) {
      link.toggleAttribute('aria-current', link.dataset.page === name);
    }
    document.title = `${entry.title}${titleSuffix}`;
    if (current?.name === name) {
      current.page.update?.(query);
      return;
    }
    const ticket = ++navigation;
    current?.page.unmount();
    current = null;
    replaceChildren(outlet, h('p', { class: 'loading' }, `Loading ${entry.title}…`));
    try {
      const factory = await entry.load();
      if (ticket !== navigation) return;
      const root = h('section', { class: `page page-${name}`, 'data-testid': `page-${name}` });
      replaceChildren(outlet, root);
      current = { name, page: await factory(root, query) };
    } catch (error) {
      replaceChildren(
        outlet,
        h(
          'p',
          { class: 'error-box', role: 'alert' },
          `Could not open ${entry.title}: ${errorMessage(error)}`,
        ),
      );
    }
  }

  const onHashChange = () => void route();
  window.addEventListener('hashchange', onHashChange);
  void route();
  return {
    route,
    stop() {
      window.removeEventListener('hashchange', onHashChange);
      navigation += 1;
      current?.page.unmount();
      current = null;
    },
  };
}

/**
 * Shows every error no page handled (uncaught exceptions and unhandled rejections) in `box`,
 * with a Dismiss button, without blanking what is already on screen.
 *
 * @param box - the element that shows the message (hidden until an error arrives).
 * @returns a function that stops listening.
 * @example
 * showUncaughtErrors(document.getElementById('fatal')!);
 */
export function showUncaughtErrors(box: HTMLElement): () => void {
  const show = (message: string) => {
    box.hidden = false;
    replaceChildren(
      box,
      h('strong', {}, 'Something went wrong: '),
      message,
      ' ',
      h(
        'button',
        {
          type: 'button',
          onclick: () => {
            box.hidden = true;
          },
        },
        'Dismiss',
      ),
    );
  };
  const onError = (event: ErrorEvent) => {
    event.preventDefault();
    show(event.error instanceof Error ? event.error.message : String(event.message));
  };
  const onRejection = (event: PromiseRejectionEvent) => {
    event.preventDefault();
    show(errorMessage(event.reason));
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  return () => {
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  };
}
