import { describe, expect, it } from 'vitest';
import { type Ui, useBrowser } from '../test/browser';
import { parseHash } from './router';

const browser = useBrowser();
declare const ui: Ui;

describe('parseHash', () => {
  it('splits #/name?query, and an empty hash names the default page', () => {
    const lab = parseHash('#/lab?seed=3&x=a%20b', 'home');
    expect(lab.name).toBe('lab');
    expect([...lab.query]).toEqual([
      ['seed', '3'],
      ['x', 'a b'],
    ]);
    expect(parseHash('', 'home').name).toBe('home');
    expect(parseHash('#/', 'home').name).toBe('home');
    expect(parseHash('#/?a=1', 'home').query.get('a')).toBe('1');
  });
});

/** Starts a router over two pages and a failing one, recording mounts, updates and unmounts. */
function mountApp(): void {
  const log: string[] = [];
  const page = (name: string) => async () => (root: HTMLElement, query: URLSearchParams) => {
    log.push(`mount ${name} ${query.toString()}`);
    root.textContent = `${name} page`;
    return {
      update: (q: URLSearchParams) => log.push(`update ${name} ${q.toString()}`),
      unmount: () => log.push(`unmount ${name}`),
    };
  };
  const nav = document.createElement('nav');
  nav.innerHTML =
    '<a data-page="home" href="#/home">home</a><a data-page="lab" href="#/lab">lab</a>';
  document.body.prepend(nav);
  const router = ui.startRouter({
    outlet: document.getElementById('root')!,
    defaultPage: 'home',
    pages: {
      home: { title: 'Home', load: page('home') },
      lab: { title: 'Lab', load: page('lab') },
      broken: {
        title: 'Broken',
        load: async () => {
          throw new Error('chunk failed to load');
        },
      },
    },
  });
  Object.assign(window, { log, router });
}

const logOf = () => (window as unknown as { log: string[] }).log;

describe('startRouter in Chromium', () => {
  it('mounts the page a hash names, updates it on a new query, unmounts it on leaving', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(mountApp);
    await page.getByTestId('page-home').waitFor();
    expect(await page.title()).toBe('Home — Rectify');
    expect(await page.locator('a[data-page="home"]').getAttribute('aria-current')).toBe('');

    await page.evaluate(() => {
      location.hash = '#/home?x=1';
    });
    await page.waitForFunction(() => (window as unknown as { log: string[] }).log.length >= 2);
    await page.evaluate(() => {
      location.hash = '#/lab?seed=2';
    });
    await page.getByTestId('page-lab').waitFor();
    expect(await page.getByTestId('page-lab').getAttribute('class')).toBe('page page-lab');
    expect(await page.locator('a[data-page="lab"]').getAttribute('aria-current')).toBe('');
    expect(await page.locator('a[data-page="home"]').getAttribute('aria-current')).toBeNull();
    expect(await page.evaluate(logOf)).toEqual([
      'mount home ',
      'update home x=1',
      'unmount home',
      'mount lab seed=2',
    ]);

    // An unknown page goes to the default one; a page that fails to load says why.
    await page.evaluate(() => {
      location.hash = '#/nowhere';
    });
    await page.getByTestId('page-home').waitFor();
    expect(page.url()).toMatch(/#\/home$/);
    await page.evaluate(() => {
      location.hash = '#/broken';
    });
    await page.locator('[role="alert"]').waitFor();
    expect(await page.locator('#root').textContent()).toBe(
      'Could not open Broken: chunk failed to load',
    );
    await page.evaluate(() =>
      (window as unknown as { router: ReturnType<Ui['startRouter']> }).router.stop(),
    );
    expect(errors).toEqual([]);
  });

  it('refuses a default page that is not one of the pages', async () => {
    const { page } = await browser.open();
    const message = await page.evaluate(() => {
      try {
        ui.startRouter({
          outlet: document.body,
          defaultPage: 'home',
          pages: { lab: { title: 'Lab', load: async () => () => ({ unmount() {} }) } },
        });
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(message).toBe(
      'RangeError: startRouter: defaultPage must name one of the pages (lab), got "home"',
    );
  });

  it('showUncaughtErrors puts an unhandled rejection in the box, which Dismiss hides', async () => {
    const { page } = await browser.open();
    await page.evaluate(() => {
      const box = document.createElement('div');
      box.id = 'fatal';
      box.hidden = true;
      document.body.append(box);
      ui.showUncaughtErrors(box);
      void Promise.reject(new Error('worker crashed'));
    });
    await page.locator('#fatal:not([hidden])').waitFor();
    expect(await page.locator('#fatal').textContent()).toBe(
      'Something went wrong: worker crashed Dismiss',
    );
    await page.locator('#fatal button').click();
    expect(await page.locator('#fatal').isHidden()).toBe(true);
  });
});
