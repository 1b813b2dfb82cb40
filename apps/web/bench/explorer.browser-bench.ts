import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ARTIFACTS_DIR,
  type BrowserSession,
  launchBrowser,
  prepareSite,
  type StaticServer,
  serveStatic,
} from '../e2e/harness';

// Browser benchmark (not a test gate): the time from an input change in the explorer to the
// updated plots, measured inside the page (performance.now() before dispatching the input event,
// until the frame after the plots were redrawn), on the paper's V.A signal at 8192 samples.
// Goal: < 100 ms. Results go to the console and test-artifacts/bench-explorer.json.
// Run with `npm run bench` (vitest with bench/vitest.config.ts; this file is not part of `npm test`).

let server: StaticServer;
let browser: BrowserSession;
let page: Page;
const samples: Record<string, number[]> = {};

/** Changes one input and resolves with the in-page milliseconds until the charts named have redrawn. */
async function change(testId: string, values: [string, string], charts: string[]): Promise<number> {
  return page.evaluate(
    ({ testId, values, charts }) =>
      new Promise<number>((resolve) => {
        const root = document.querySelector('[data-testid="page-explorer"]')!;
        const count = () => Number(root.getAttribute('data-renders'));
        const updates = () =>
          charts.map((c) =>
            Number(document.querySelector(`[data-testid="${c}"]`)?.getAttribute('data-updates')),
          );
        const before = count();
        const chartsBefore = updates();
        const input = document.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
        const started = performance.now();
        input.value = input.value === values[0] ? values[1] : values[0];
        input.dispatchEvent(new Event('input', { bubbles: true }));
        const check = () => {
          const done = count() > before && updates().every((u, i) => u > chartsBefore[i]!);
          if (done) resolve(performance.now() - started);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { testId, values, charts },
  );
}

function record(name: string, ms: number): void {
  samples[name] ??= [];
  samples[name].push(ms);
}

function summary(values: number[]): { n: number; median: number; p95: number; min: number } {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
  return { n: s.length, median: at(0.5), p95: at(0.95), min: s[0]! };
}

describe('explorer at 8192 samples (V.A signal)', () => {
  beforeAll(async () => {
    server = await serveStatic(await prepareSite());
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await page.goto(`${server.url}#/explorer`);
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid="page-explorer"]')?.getAttribute('data-renders'),
        ) >= 1,
    );
  }, 240_000);

  afterAll(async () => {
    const report = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summary(v)]));
    console.log(JSON.stringify(report, null, 2));
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    await writeFile(
      join(ARTIFACTS_DIR, 'bench-explorer.json'),
      `${JSON.stringify({ date: new Date().toISOString(), report }, null, 2)}\n`,
    );
    await browser?.close();
    await server?.close();
  });

  const ITERATIONS = 40;
  const WARMUP = 5;

  it('terms slider 20 ↔ 21 → time and spectrum plots, readouts', async () => {
    for (let i = 0; i < WARMUP; i++)
      await change('terms', ['20', '21'], ['chart-time', 'chart-spectrum']);
    for (let i = 0; i < ITERATIONS; i++)
      record(
        'terms slider → plots',
        await change('terms', ['20', '21'], ['chart-time', 'chart-spectrum']),
      );
    expect(samples['terms slider → plots']?.every(Number.isFinite)).toBe(true);
  });

  it('tone amplitude 1 ↔ 0.8 → every plot, including error against terms', async () => {
    const charts = ['chart-time', 'chart-spectrum', 'chart-convergence'];
    for (let i = 0; i < WARMUP; i++) await change('tone-0-amp', ['1', '0.8'], charts);
    for (let i = 0; i < ITERATIONS; i++)
      record('tone amplitude → all plots', await change('tone-0-amp', ['1', '0.8'], charts));
    expect(samples['tone amplitude → all plots']?.every(Number.isFinite)).toBe(true);
  });
});
