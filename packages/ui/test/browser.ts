import {
  type BrowserSession as Chromium,
  bundleForBrowser,
  collectErrors,
  launchBrowser,
  requireChromium as requireBrowser,
} from '@rectify/test-utils/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type * as ui from '../src/index';

/** What the test page exposes: the package's `.` entry. */
export type Ui = typeof ui;

/** Throws, saying how to get one, when Debian's Chromium is missing: the widgets are only tested in a real browser. */
export function requireChromium(): void {
  requireBrowser("@rectify/ui's widget tests");
}

/**
 * Bundles `test/browser-entry.ts` (the `.` entry as `window.ui`) for a browser, as the web
 * app's Vite build would resolve it (packages from source); the tests assert on the DOM and the
 * charts' data, so uPlot's stylesheet is left out.
 */
export function bundleUi(): Promise<string> {
  return bundleForBrowser(new URL('./browser-entry.ts', import.meta.url).pathname);
}

/** A page of the widget tests: the Playwright page and the errors it has thrown so far. */
export interface TestPage {
  page: Page;
  errors: string[];
}

/** What {@link useBrowser} gives a test file once its `beforeAll` has run. */
export interface BrowserSession {
  /** A fresh page with the bundle loaded and an empty `<main id="root">` 900 px wide. */
  open(): Promise<TestPage>;
}

/**
 * Registers the hooks of a widget test file: before all its tests, the bundle and a headless
 * Chromium in a new profile; after them, both gone. Fails with what to do when Chromium is
 * missing, instead of skipping: the widgets are only tested in a real browser.
 *
 * @returns the session, usable once the `beforeAll` hook has run.
 */
export function useBrowser(): BrowserSession {
  let code = '';
  let browser: Chromium | undefined;
  beforeAll(async () => {
    requireChromium();
    code = await bundleUi();
    browser = await launchBrowser({
      profilePrefix: 'rectify-ui-test-',
      viewport: { width: 1000, height: 800 },
    });
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });
  return {
    async open() {
      if (!browser) throw new Error('useBrowser: the browser is not started (beforeAll failed)');
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      await page.setContent(
        '<!doctype html><html><head><title>ui</title></head><body><main id="root" style="width: 900px"></main></body></html>',
      );
      await page.addScriptTag({ content: code });
      return { page, errors };
    },
  };
}
