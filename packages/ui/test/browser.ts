import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import type * as ui from '../src/index';

/** What the test page exposes: the package's `.` entry. */
export type Ui = typeof ui;

/** Debian's Chromium, as the web app's end-to-end tests use it; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Throws, saying how to get one, when Debian's Chromium is not at {@link CHROMIUM}: the widget
 * tests run in a real browser and never download one, so they fail rather than skip.
 */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `@rectify/ui's widget tests need Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium, or set CHROMIUM_PATH); no browser is ever downloaded`,
    );
  }
}

/**
 * Bundles `test/browser-entry.ts` (the `.` entry as `window.ui`) for a browser, as the web
 * app's Vite build would resolve it (packages from source); the tests assert on the DOM and the
 * charts' data, so uPlot's stylesheet is left out.
 */
export async function bundleUi(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./browser-entry.ts', import.meta.url).pathname],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    conditions: ['@rectify/source'],
    loader: { '.css': 'empty' },
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]?.text ?? '';
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
  let context: BrowserContext | undefined;
  let profile: string | undefined;
  beforeAll(async () => {
    requireChromium();
    code = await bundleUi();
    profile = await mkdtemp(join(tmpdir(), 'rectify-ui-test-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: 1000, height: 800 },
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });
  return {
    async open() {
      if (!context) throw new Error('useBrowser: the browser is not started (beforeAll failed)');
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console.error: ${m.text()}`);
      });
      await page.setContent(
        '<!doctype html><html><head><title>ui</title></head><body><main id="root" style="width: 900px"></main></body></html>',
      );
      await page.addScriptTag({ content: code });
      return { page, errors };
    },
  };
}
