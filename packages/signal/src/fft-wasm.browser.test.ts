import { bundleForBrowser, collectErrors, launchBrowser } from '@rectify/test-utils/browser';
import { describe, expect, it } from 'vitest';
import type { BrowserFftReport } from '../test/browser-entry';
import { signalA } from '../test/inputs';
import { rfft } from './fft';

describe('the WebAssembly FFT in Chromium (main thread)', () => {
  it('compiles synchronously and gives the bits of the JS passes', async () => {
    const code = await bundleForBrowser(
      new URL('../test/browser-entry.ts', import.meta.url).pathname,
    );
    // The browser bundle must not reach for Node (Buffer, process) on signal's `.` path.
    expect(code).not.toMatch(/\bBuffer\.|\brequire\(|\bprocess\./);
    const browser = await launchBrowser({ profilePrefix: 'rectify-signal-browser-' });
    try {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
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
      await browser.close();
    }
  }, 120_000);
});
