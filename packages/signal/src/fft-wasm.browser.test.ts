import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { BrowserFftReport } from '../test/browser-entry';
import { signalA } from '../test/inputs';
import { rfft } from './fft';

/** Debian's Chromium, as the web app's end-to-end tests use it; never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('the WebAssembly FFT in Chromium (main thread)', () => {
  it('compiles synchronously and gives the bits of the JS passes', async () => {
    const bundle = await build({
      entryPoints: [new URL('../test/browser-entry.ts', import.meta.url).pathname],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      conditions: ['@rectify/source'],
      write: false,
      logLevel: 'silent',
    });
    const code = bundle.outputFiles[0]?.text ?? '';
    // The browser bundle must not reach for Node (Buffer, process) on signal's `.` path.
    expect(code).not.toMatch(/\bBuffer\.|\brequire\(|\bprocess\./);
    const profile = await mkdtemp(join(tmpdir(), 'rectify-signal-browser-'));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.setContent('<!doctype html><title>fft</title>');
      await page.addScriptTag({ content: code });
      for (const n of [1000, 20480, 146432]) {
        const report = await page.evaluate(
          (length) =>
            (
              globalThis as unknown as {
                rectifyFftCheck: (n: number) => Promise<BrowserFftReport>;
              }
            ).rectifyFftCheck(length),
          n,
        );
        // A 4.5 kB module: far under Chromium's limit for synchronous compilation (8 MB in 150).
        expect(report, `n = ${n}`).toEqual({
          readyAtOnce: true,
          readyLater: true,
          sameBits: true,
          dc: rfft(signalA(n))[0],
        });
      }
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    }
  }, 120_000);
});
