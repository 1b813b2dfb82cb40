import { mkdir, readFile, stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserSession, launchBrowser as launchChromium } from '@rectify/test-utils/browser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

/** apps/web. */
export const APP_DIR = resolve(fileURLToPath(new URL('..', import.meta.url)));
/** Where screenshots and the e2e build go (gitignored). */
export const ARTIFACTS_DIR = join(APP_DIR, 'test-artifacts');

/**
 * The static site under test: `E2E_DIST` when set (an existing `vite build` output), otherwise a
 * fresh production build of this app into `test-artifacts/site`, so a concurrent `vite build`
 * of `dist/` cannot race with the test.
 *
 * @param name - the build folder under test-artifacts (default `site`).
 */
export async function prepareSite(name = 'site'): Promise<string> {
  const given = process.env.E2E_DIST;
  if (given) {
    await stat(join(given, 'index.html'));
    return resolve(given);
  }
  // One folder per test file (`name`): test files run in parallel and must not share a build.
  const outDir = join(ARTIFACTS_DIR, name);
  const { build } = await import('vite');
  await build({
    root: APP_DIR,
    configFile: join(APP_DIR, 'vite.config.ts'),
    logLevel: 'error',
    build: { outDir, emptyOutDir: true },
  });
  return outDir;
}

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** A static file server on 127.0.0.1 and a free port. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/`. */
  url: string;
  close(): Promise<void>;
}

/** Serves `root` read-only on 127.0.0.1 (port chosen by the OS). */
export async function serveStatic(root: string): Promise<StaticServer> {
  const base = resolve(root);
  const server: Server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
      let file = normalize(join(base, path));
      if (file !== base && !file.startsWith(base + sep)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((done, fail) => server.close((e) => (e ? fail(e) : done()))),
  };
}

export {
  type BrowserSession,
  CHROMIUM,
  CHROMIUM_ARGS,
  collectErrors,
} from '@rectify/test-utils/browser';

/** A headless Chromium (test-utils' `launchBrowser`) with the site's viewport, in a fresh profile. */
export function launchBrowser(): Promise<BrowserSession> {
  return launchChromium({
    profilePrefix: 'rectify-web-e2e-',
    viewport: { width: 1400, height: 1000 },
    deviceScaleFactor: 1,
  });
}

/** Reads a readout's number: the `data-value` attribute of the element with that `data-testid`. */
export async function readValue(page: Page, testId: string): Promise<number> {
  const raw = await page.getByTestId(testId).getAttribute('data-value');
  if (raw === null) throw new Error(`readout ${testId} has no data-value`);
  return Number(raw);
}

/** What {@link useSiteAndBrowser} gives a test file once its `beforeAll` has run. */
export interface E2eSession {
  /** The built site, served from its own copy. */
  server: StaticServer;
  /** Chromium with a fresh profile. */
  browser: BrowserSession;
}

/**
 * Registers the hooks every e2e file needs: before all its tests, the artifacts folder, a copy of
 * the built site served over HTTP and a fresh Chromium; after them, both closed.
 *
 * @param site - the name of the site copy (one per test file, so files can run side by side).
 * @returns the session, whose fields are set once the `beforeAll` hook has run.
 */
export function useSiteAndBrowser(site?: string): E2eSession {
  const session = {} as E2eSession;
  beforeAll(async () => {
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    session.server = await serveStatic(await prepareSite(site));
    session.browser = await launchBrowser();
  }, 300_000);
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}
