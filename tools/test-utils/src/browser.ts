// Browser tests: Debian's Chromium (never a downloaded browser) with a fresh profile, a page's
// errors, and a package entry bundled for a page. Shared by signal's and ui's Chromium tests and
// the web app's end-to-end harness; a subpath of its own, so tests without a browser never load
// playwright or esbuild.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

/** Debian's Chromium; never a downloaded browser. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The flags every run uses: headless-friendly, no network side channels. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/**
 * Throws, saying how to get one, when Chromium is not at {@link CHROMIUM}: browser tests fail
 * rather than skip.
 *
 * @param who - what needs it, the message's subject (e.g. `@rectify/ui's widget tests`).
 */
export function requireChromium(who: string): void {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${who} need Chromium at ${CHROMIUM} (Debian: apt-get install -y chromium, or set CHROMIUM_PATH); no browser is ever downloaded`,
    );
  }
}

/** A headless Chromium with a new, empty profile that is deleted on close. */
export interface BrowserSession {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Starts Chromium headless in a fresh user-data-dir.
 *
 * @param options - `profilePrefix` of the temporary profile folder, `viewport` (CSS pixels) and
 *   `deviceScaleFactor` of its pages.
 * @returns the context and how to close it (the profile is deleted).
 */
export async function launchBrowser(
  options: {
    profilePrefix?: string;
    viewport?: { width: number; height: number };
    deviceScaleFactor?: number;
  } = {},
): Promise<BrowserSession> {
  const userDataDir = await mkdtemp(join(tmpdir(), options.profilePrefix ?? 'rectify-browser-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    ...(options.viewport ? { viewport: options.viewport } : {}),
    ...(options.deviceScaleFactor ? { deviceScaleFactor: options.deviceScaleFactor } : {}),
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Console errors and uncaught page errors seen by a page, to fail a test on any of them. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console.error: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return errors;
}

/**
 * Bundles a file for a page as one script (esbuild, IIFE, ES2022), resolving the workspace's
 * packages from their TypeScript source as the web app's build does; stylesheets are left out.
 *
 * @param entry - the file's path.
 * @returns the script's text.
 */
export async function bundleForBrowser(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
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
