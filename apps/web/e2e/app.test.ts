import { copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DcAblationResult,
  type MinimalDcResult,
  experiments,
  minimalDc,
  minimalDcPresets,
} from '@rectify/experiments';
import { encodeWav } from '@rectify/signal';
import { analyzeActivation } from '@rectify/theory';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectClose } from '@rectify/test-utils';
import { formatNumber } from '@rectify/ui';
import { APP_DIR, ARTIFACTS_DIR, collectErrors, readValue, useSiteAndBrowser } from './harness';

const e2e = useSiteAndBrowser();

/** Opens a page of the app and collects its console errors. */
async function open(hash: string): Promise<{ page: Page; errors: string[] }> {
  const page = await e2e.browser.context.newPage();
  const errors = collectErrors(page);
  await page.goto(`${e2e.server.url}${hash}`);
  return { page, errors };
}

/** Waits until the explorer has rendered at least `count` times. */
async function waitForRenders(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Number(
        document.querySelector('[data-testid="page-explorer"]')?.getAttribute('data-renders') ?? 0,
      ) >= n,
    count,
  );
}

async function renders(page: Page): Promise<number> {
  return Number((await page.getByTestId('page-explorer').getAttribute('data-renders')) ?? 0);
}

/** Types into a field and waits for the render it triggers. */
async function edit(page: Page, testId: string, value: string): Promise<void> {
  const before = await renders(page);
  await page.getByTestId(testId).fill(value);
  await waitForRenders(page, before + 1);
}

describe('web app in Chromium', () => {
  it('explorer: a single tone gives the closed-form DC and lines', async () => {
    const { page, errors } = await open('#/explorer');
    await waitForRenders(page, 1);
    expect(await page.getByTestId('samples').textContent()).toContain('8192 samples');
    // The V.A signal: four tones, so the first-order DC is sqrt(A)/2 with A = (Σ|a_i|)²/2 = 8.
    expectClose(await readValue(page, 'dc-first-order'), Math.sqrt(8) / 2, {
      rtol: 1e-12,
      label: 'first-order DC of V.A',
    });

    // Change the tones to a single cosine a·cos(2π·10t) with a = 2.
    for (let i = 3; i >= 1; i--) {
      const before = await renders(page);
      await page.getByTestId(`tone-${i}-remove`).click();
      await waitForRenders(page, before + 1);
    }
    await edit(page, 'tone-0-amp', '2');
    await page.getByTestId('chart-spectrum').scrollIntoViewIfNeeded();

    const a = 2;
    // Half-wave rectified cosine: DC a/π exactly, fundamental a/2, second harmonic 2a/(3π).
    expectClose(await readValue(page, 'dc-exact'), a / Math.PI, {
      rtol: 1e-9,
      label: 'exact DC of ReLU(2cos)',
    });
    // Sampling at 102.4 samples per period aliases high harmonics onto bin 0: a few 1e-6 relative.
    expectClose(await readValue(page, 'dc-measured'), a / Math.PI, {
      rtol: 1e-4,
      label: 'measured DC',
    });
    expect((await page.getByTestId('dc-exact').textContent())?.trim()).toBe('0.63662');
    expectClose(await readValue(page, 'line-predicted-10'), a / 2, {
      rtol: 1e-9,
      label: 'predicted line f1',
    });
    expectClose(await readValue(page, 'line-predicted-20'), (2 * a) / (3 * Math.PI), {
      rtol: 2e-2,
      label: 'predicted line 2·f1 (20 terms)',
    });
    expectClose(await readValue(page, 'line-measured-20'), (2 * a) / (3 * Math.PI), {
      rtol: 1e-4,
      label: 'measured line 2·f1',
    });
    // Odd harmonics of a single tone are absent from both the prediction and the measurement.
    expect(await page.getByTestId('line-predicted-30').count()).toBe(0);
    expect(page.url()).toContain('tones=10%3A2%3A0');
    // Hovering the spectrum labels the nearest predicted line by its origin. The plot opens on
    // 0 … 4·f1 = 0 … 40 Hz, so 20 Hz sits in the middle of the plotting area.
    const area = await page.getByTestId('chart-spectrum').locator('.u-over').boundingBox();
    if (!area) throw new Error('spectrum plot area not found');
    await page.mouse.move(area.x + area.width * 0.5, area.y + area.height * 0.5);
    const predicted20 = await readValue(page, 'line-predicted-20');
    const measured20 = await readValue(page, 'line-measured-20');
    await expect
      .poll(() => page.getByTestId('chart-spectrum-caption').textContent())
      .toBe(
        `2·f1 at 20 Hz: predicted ${formatNumber(predicted20)}, measured ${formatNumber(measured20)}`,
      );
    await page.screenshot({
      path: join(ARTIFACTS_DIR, 'explorer-single-tone.png'),
      fullPage: true,
    });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explorer: more terms lower the error readout (V.A signal)', async () => {
    const { page, errors } = await open('#/explorer?terms=5');
    await waitForRenders(page, 1);
    const at5 = await readValue(page, 'error-rrmse');
    await edit(page, 'terms', '40');
    const at40 = await readValue(page, 'error-rrmse');
    expect(await page.getByTestId('terms-value').textContent()).toBe('40');
    expect(at5).toBeGreaterThan(0);
    expect(at40).toBeLessThan(at5 * 0.8);
    // Waits for the convergence study so that the screenshot shows every plot.
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid="chart-convergence"]')?.getAttribute('data-updates'),
        ) >= 1,
    );
    const shot = join(ARTIFACTS_DIR, 'explorer.png');
    await page.screenshot({ path: shot, fullPage: true });
    // The README's screenshot is tracked: only `npm run screenshot` (this test alone) rewrites it,
    // so a test run leaves the tree as it was.
    if (process.env.RECTIFY_UPDATE_SCREENSHOT === '1') {
      await copyFile(shot, join(APP_DIR, 'docs', 'explorer.png'));
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explorer: invalid input is shown inline and the plots stay', async () => {
    const { page, errors } = await open('#/explorer');
    await waitForRenders(page, 1);
    await page.getByTestId('fs').fill('abc');
    await expect
      .poll(() => page.getByTestId('fs-error').textContent())
      .toBe('fs must be a number > 0 Hz, got "abc"');
    await page.getByTestId('fs').fill('1024');
    await expect.poll(() => page.getByTestId('fs-error').textContent()).toBe('');
    await page.getByTestId('tone-0-freq').fill('600');
    await expect
      .poll(() => page.getByTestId('tone-0-error').textContent())
      .toContain(
        'f1 frequency must be a number > 0 Hz and ≤ 512 Hz (the Nyquist frequency fs/2), got "600"',
      );
    await page.getByTestId('tone-0-freq').fill('10');
    await page.getByTestId('fs').fill('-1');
    await expect.poll(() => page.getByTestId('fs-error').textContent()).toContain('got "-1"');
    await page.getByTestId('fs').fill('1024');
    for (let i = 3; i >= 0; i--) await page.getByTestId(`tone-${i}-remove`).click();
    await expect
      .poll(() => page.getByTestId('tones-error').textContent())
      .toBe('tones must list at least one tone, got none');
    expect(await page.getByTestId('page-explorer').getAttribute('data-valid')).toBe('false');
    expect(await page.getByTestId('chart-spectrum').isVisible()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'explorer-invalid.png'), fullPage: true });
    expect(await page.getByTestId('fatal-error').textContent()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });
  it('explorer: activations and DC removal obey ReLU identities', async () => {
    const { page, errors } = await open('#/explorer?terms=30');
    await waitForRenders(page, 1);
    const reluDc = await readValue(page, 'dc-exact');
    const choose = async (testId: string, value: string) => {
      const before = await renders(page);
      await page.getByTestId(testId).selectOption(value);
      await waitForRenders(page, before + 1);
    };
    // |x| = 2·ReLU(x) − x and LeakyReLU_α = α·x + (1 − α)·ReLU(x); the tones have zero mean.
    await choose('activation', 'abs');
    expectClose(await readValue(page, 'dc-exact'), 2 * reluDc, { rtol: 1e-6, label: 'DC of |x|' });
    await choose('activation', 'leaky');
    expectClose(await readValue(page, 'dc-exact'), 0.9 * reluDc, {
      rtol: 1e-6,
      label: 'DC of leaky ReLU, α = 0.1',
    });
    expect(await readValue(page, 'error-rrmse')).toBeGreaterThan(0);
    for (const activation of ['gelu', 'silu', 'tanh']) {
      await choose('activation', activation);
      expect(Number.isFinite(await readValue(page, 'dc-exact')), activation).toBe(true);
      expect(await page.getByTestId('error-rrmse').getAttribute('data-value')).toBe('');
    }
    await choose('activation', 'relu');
    await choose('dc', 'remove');
    expect(await readValue(page, 'dc-measured')).toBeLessThan(1e-12);
    expect(await readValue(page, 'dc-series')).toBe(0);
    expect(await page.getByTestId('line-predicted-0').count()).toBe(0);
    await choose('expansion', 'chebyshev');
    expect(page.url()).toContain('exp=chebyshev');
    expect(await page.getByTestId('fatal-error').textContent()).toBe('');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('explorer: opens a WAV recording and analyses it with the same analysis as the CLI', async () => {
    const { page, errors } = await open('#/explorer');
    await waitForRenders(page, 1);
    // 0.8·cos(2π·2t) at 32 Hz for 8 s: ReLU keeps 0.4 at 2 Hz and adds its DC and even harmonics.
    const fs = 32;
    const x = Array.from({ length: 256 }, (_, i) => 0.8 * Math.cos((2 * Math.PI * 2 * i) / fs));
    const want = analyzeActivation(x, { fs, terms: 20 });
    const before = await renders(page);
    await page.getByTestId('recording').setInputFiles({
      name: 'tone.wav',
      mimeType: 'audio/wav',
      buffer: Buffer.from(encodeWav([x], fs, 'float32')),
    });
    await waitForRenders(page, before + 1);
    expect(await page.getByTestId('samples').textContent()).toContain(
      'tone.wav (channel 0 (float32)): 256 samples',
    );
    expectClose(await readValue(page, 'dc-measured'), want.dc.measured, { rtol: 1e-6 });
    expectClose(await readValue(page, 'line-measured-2'), 0.4, { rtol: 1e-6 });
    expectClose(await readValue(page, 'error-rrmse'), want.seriesError!.relativeRmse, {
      rtol: 1e-6,
    });
    const back = await renders(page);
    await page.getByTestId('recording-close').click();
    await waitForRenders(page, back + 1);
    expect(await page.getByTestId('samples').textContent()).toContain('8192 samples');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('filter → ReLU → pool: pooled values follow amp·|H(f)|/π, and are ≈ 0 without ReLU', async () => {
    const { page, errors } = await open('#/filter');
    await page.waitForFunction(
      () =>
        Number(
          document.querySelector('[data-testid="page-filter"]')?.getAttribute('data-renders'),
        ) >= 1,
    );
    // Keras causal cross-correlation y[t] = w0·x[t−1] + w1·x[t]: |H(f)|² = w0² + w1² + 2·w0·w1·cos(2πf/fs).
    const gain = (w0: number, w1: number, f: number) =>
      Math.sqrt(w0 * w0 + w1 * w1 + 2 * w0 * w1 * Math.cos((2 * Math.PI * f) / 32));
    const check = async (w0: number, w1: number) => {
      for (const [i, f] of [3, 5, 10].entries()) {
        const expected = gain(w0, w1, f);
        expectClose(await readValue(page, `filter-gain-${i}`), expected, {
          rtol: 1e-12,
          label: `|H(${f} Hz)|`,
        });
        expectClose(await readValue(page, `filter-predicted-${i}`), expected / Math.PI, {
          rtol: 1e-12,
          label: `amp·|H|/π at ${f} Hz`,
        });
        // 256 samples: whole periods, but the causal zero padding perturbs the first output sample.
        expectClose(await readValue(page, `filter-measured-${i}`), expected / Math.PI, {
          rtol: 2e-2,
          label: `pooled ReLU at ${f} Hz`,
        });
        expect(Math.abs(await readValue(page, `filter-linear-${i}`))).toBeLessThan(0.01);
      }
    };
    await check(0.6, -0.4);
    const before = Number(await page.getByTestId('page-filter').getAttribute('data-renders'));
    await page.getByTestId('filter-preset-difference').click();
    await page.waitForFunction(
      (n) =>
        Number(
          document.querySelector('[data-testid="page-filter"]')?.getAttribute('data-renders'),
        ) > n,
      before,
    );
    await check(1, -1);
    await page.getByTestId('filter-kernel').fill('1, x');
    await expect
      .poll(() => page.getByTestId('filter-kernel-error').textContent())
      .toBe('kernel[1] must be a finite number, got "x"');
    await page.getByTestId('filter-freqs').fill('3, 20');
    await expect
      .poll(() => page.getByTestId('filter-freqs-error').textContent())
      .toBe('frequencies[1] must be > 0 Hz and ≤ 16 Hz (the Nyquist frequency fs/2), got 20');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'filter.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('lab: the quick minimalDc trains in the browser and shows its accuracy, claims and report', async () => {
    const { page, errors } = await open('#/lab');
    await page.getByTestId('lab-run-minimal-dc').click();
    await expect
      .poll(() => page.getByTestId('lab-status').getAttribute('data-state'), {
        timeout: 150_000,
        interval: 500,
      })
      .toBe('done');
    expect(await page.getByTestId('page-lab').getAttribute('data-backend')).toBe('wasm');
    // The fixed first-difference kernel: the pooled DC separates 3, 5 and 10 Hz; without ReLU it is chance.
    expect(await readValue(page, 'lab-accuracy-relu-fixed')).toBeGreaterThanOrEqual(0.95);
    expect(await readValue(page, 'lab-accuracy-linear-fixed')).toBeLessThan(0.6);
    const final = await readValue(page, 'lab-final-accuracy');
    expect(final).toBeGreaterThanOrEqual(0.95);
    expect(await page.getByTestId('lab-final-accuracy').textContent()).toBe(
      `${(final * 100).toFixed(1)} %`,
    );
    // The same config, seed and backend in Node give the same run: same config hash (the browser's
    // SHA-256 stand-in), the same trained kernel and the same accuracies.
    const browserRun = (await page.evaluate(() => window.__rectifyLabResult)) as MinimalDcResult;
    const nodeRun = await minimalDc.run(minimalDcPresets.quick, {
      seed: 0,
      backend: 'wasm',
      workers: 1,
    });
    expect(browserRun.configHash).toBe(nodeRun.configHash);
    for (const [i, kernel] of nodeRun.kernels.entries()) {
      const seen = browserRun.kernels[i]!;
      expectClose(seen.kernel, kernel.kernel, {
        rtol: 1e-6,
        label: `${kernel.mode} kernel, browser vs Node`,
      });
      expect([seen.accuracyRelu, seen.accuracyLinear]).toEqual([
        kernel.accuracyRelu,
        kernel.accuracyLinear,
      ]);
      expectClose(seen.pooledRelu, kernel.pooledRelu, {
        rtol: 1e-5,
        atol: 1e-7,
        label: `${kernel.mode} pooled values, browser vs Node`,
      });
    }
    expect(final).toBe(nodeRun.kernels.find((k) => k.mode === 'trained')!.accuracyRelu);
    expect(
      Number(await page.getByTestId('lab-live-loss').getAttribute('data-points')),
    ).toBeGreaterThan(0);
    expect(await page.getByTestId('lab-claims').locator('tbody tr').count()).toBeGreaterThan(0);
    await page.waitForSelector('[data-testid="vega-charts"] figure[data-rendered="true"]');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'lab.png'), fullPage: true });

    await page.getByTestId('lab-open-report').click();
    await page.waitForSelector(
      '[data-testid="report-minimal-dc"] [data-testid="vega-charts"] figure[data-rendered="true"]',
    );
    expect(
      await page.getByTestId('report-claims-minimal-dc').locator('tbody tr').count(),
    ).toBeGreaterThan(0);
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'report.png'), fullPage: true });
    await page.getByTestId('report-files').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"experiment":"mnist"}'),
    });
    await expect
      .poll(() => page.getByTestId('report-error').textContent())
      .toBe(
        'broken.json: experiment must be one of approximation, example-networks, real-world, dc-ablation, minimal-dc, dc-in-trained-models, got "mnist"',
      );
    // A `rectify repro` folder: <out>/<experiment>/result.json beside checkpoints and other files.
    const repro = join(ARTIFACTS_DIR, 'repro-folder');
    await rm(repro, { recursive: true, force: true });
    await mkdir(join(repro, 'minimal-dc', 'checkpoints'), { recursive: true });
    await writeFile(join(repro, 'minimal-dc', 'result.json'), JSON.stringify(browserRun));
    await writeFile(
      join(repro, 'minimal-dc', 'checkpoints', 'fixed.json'),
      JSON.stringify({ experiment: 'minimal-dc', unitId: 'fixed', output: {} }),
    );
    await writeFile(join(repro, 'summary.md'), '# claims\n');
    // A result whose folder sorts after minimal-dc's, but which the report shows first.
    const approximationRun = await experiments.approximation.run(
      experiments.approximation.presets.quick,
      { seed: 0, workers: 1 },
    );
    await mkdir(join(repro, 'z-approximation'), { recursive: true });
    await writeFile(
      join(repro, 'z-approximation', 'result.json'),
      JSON.stringify(approximationRun),
    );
    await page.getByTestId('report-folder').setInputFiles(repro);
    await expect.poll(() => page.getByTestId('page-report').getAttribute('data-results')).toBe('2');
    expect(
      await page
        .getByTestId('report-output')
        .locator(':scope > section')
        .evaluateAll((sections) => sections.map((s) => s.getAttribute('data-testid'))),
    ).toEqual(['report-approximation', 'report-minimal-dc']);
    // Every skipped file is named, with its reason, without unfolding anything.
    const skippedFiles = await page
      .getByTestId('report-skipped')
      .locator('li')
      .evaluateAll((items) => items.map((li) => li.getAttribute('data-source')));
    expect(skippedFiles.sort()).toEqual([
      'repro-folder/minimal-dc/checkpoints/fixed.json',
      'repro-folder/summary.md',
    ]);
    expect(await page.getByTestId('report-skipped').getAttribute('open')).toBe('');
    expect(await page.getByTestId('report-skipped').textContent()).toContain(
      'repro-folder/summary.md is not a result file (results are .json)',
    );
    expect(await page.getByTestId('report-minimal-dc').locator('h2').textContent()).toBe(
      'minimal-dc — repro-folder/minimal-dc/result.json',
    );
    expect(await page.getByTestId('report-skipped').textContent()).toContain(
      'a checkpoint unit record',
    );
    expect(errors).toEqual([]);
    await page.close();
  }, 180_000);

  it('lab: dcAblation shows live curves and the stop button ends the run', async () => {
    const { page, errors } = await open('#/lab');
    await page.getByTestId('lab-da-epochs').fill('40');
    await page.getByTestId('lab-da-reps').fill('0');
    await expect
      .poll(() => page.getByTestId('lab-da-reps-error').textContent())
      .toBe('repetitions must be an integer ≥ 1 and ≤ 20, got "0"');
    expect(await page.getByTestId('lab-run-dc-ablation').isDisabled()).toBe(true);
    await page.getByTestId('lab-da-reps').fill('1');
    await page.getByTestId('lab-run-dc-ablation').click();
    await expect
      .poll(() => page.getByTestId('lab-live-loss').getAttribute('data-points'), {
        timeout: 60_000,
      })
      .not.toBe('0');
    await page.getByTestId('lab-stop').click();
    await expect
      .poll(() => page.getByTestId('lab-status').getAttribute('data-state'), { timeout: 15_000 })
      .toBe('stopped');
    const stopped = (await page.getByTestId('lab-status').textContent()) ?? '';
    expect(stopped).toMatch(/^Stopped after \d+\.\d s/);
    // It names only flags `rectify run` has (it once named a --checkpoint-dir that never existed).
    expect(stopped.match(/--[a-z-]+/g)).toEqual(['--resume']);
    expect(await page.getByTestId('lab-run-dc-ablation').isEnabled()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  }, 120_000);
  it('lab: a small dcAblation finishes with per-variant accuracies, claims and charts', async () => {
    const { page, errors } = await open('#/lab');
    await page.getByTestId('lab-da-reps').fill('2');
    await page.getByTestId('lab-da-epochs').fill('2');
    await page.getByTestId('lab-da-signals').fill('32');
    for (const variant of ['linear-input-dc', 'relu-dc-removed', 'linear-dc'])
      await page.getByTestId(`lab-variant-${variant}`).uncheck();
    await page.getByTestId('lab-run-dc-ablation').click();
    await expect
      .poll(() => page.getByTestId('lab-status').getAttribute('data-state'), {
        timeout: 120_000,
        interval: 500,
      })
      .toBe('done');
    const result = (await page.evaluate(() => window.__rectifyLabResult)) as DcAblationResult;
    expect(result.variants.map((v) => v.variant)).toEqual(['relu', 'linear']);
    for (const v of result.variants) {
      expect(await readValue(page, `lab-accuracy-${v.variant}`)).toBe(v.finalAccuracy.mean);
      expect(v.loss).toHaveLength(2);
    }
    expect(Number(await page.getByTestId('lab-live-loss').getAttribute('data-points'))).toBe(8);
    // Live curves: a thin line per repetition in its variant's colour, one legend entry per
    // variant, and each legend marker in the colour of that variant's lines.
    for (const chart of ['lab-live-loss-plot', 'lab-live-accuracy-plot']) {
      const legend = await liveLegend(page, chart);
      expect(legend.series.map((s) => s.label).sort()).toEqual([
        'linear',
        'linear',
        'relu',
        'relu',
      ]);
      expect(legend.rows.map((r) => r.label)).toEqual(['relu', 'linear']);
      for (const row of legend.rows) {
        const strokes = new Set(
          legend.series.filter((s) => s.label === row.label).map((s) => s.rgb),
        );
        expect([...strokes], `${chart} ${row.label}`).toEqual([row.marker]);
      }
      expect(new Set(legend.rows.map((r) => r.marker)).size).toBe(2);
    }
    expect(await page.getByTestId('lab-claims').locator('tbody tr').count()).toBe(
      result.claims.length,
    );
    await page.waitForSelector('[data-testid="vega-charts"] figure[data-rendered="true"]');
    await page.waitForSelector('[data-testid="vega-accuracy"][data-rendered="true"]');
    // The report's band charts: each legend swatch is an opaque stroke in its line's colour.
    for (const id of ['vega-loss', 'vega-accuracy']) {
      const { symbols, lines } = await vegaLegend(page, id);
      expect(symbols.map((s) => s.stroke).sort(), id).toEqual([...lines].sort());
      for (const s of symbols) expect(s.opacity, id).toBe(1);
    }
    expect(await duplicateTitles(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  }, 150_000);

  it('layout: no control text overflows its box and no chart title is shown twice, on any page', async () => {
    for (const hash of ['#/explorer', '#/filter', '#/lab', '#/report', '#/model']) {
      const { page, errors } = await open(hash);
      await page.waitForSelector('form.controls');
      await page.waitForTimeout(300);
      expect(await overflowingControls(page), hash).toEqual([]);
      expect(await duplicateTitles(page), hash).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    }
  }, 120_000);
});

/** The series of a uPlot chart (label, stroke as rgb) and its visible legend rows with their marker colour. */
async function liveLegend(page: Page, testId: string) {
  return page.evaluate((id) => {
    const figure = document.querySelector(`[data-testid="${id}"]`) as HTMLElement;
    const probe = document.createElement('span');
    document.body.append(probe);
    const rgb = (colour: string) => {
      probe.style.color = colour;
      return getComputedStyle(probe).color;
    };
    const series = (
      JSON.parse(figure.dataset.strokes ?? '[]') as { label: string; stroke: string }[]
    ).map((s) => ({ label: s.label, rgb: rgb(s.stroke) }));
    probe.remove();
    const rows = [...figure.querySelectorAll<HTMLElement>('.u-legend .u-series')]
      .slice(1)
      .filter((row) => getComputedStyle(row).display !== 'none')
      .map((row) => ({
        label: row.querySelector('.u-label')?.textContent ?? '',
        marker: getComputedStyle(row.querySelector('.u-marker') as HTMLElement).borderLeftColor,
      }));
    return { series, rows };
  }, testId);
}

/** The legend symbols (stroke, opacity) and the distinct line strokes of a rendered Vega figure. */
async function vegaLegend(page: Page, testId: string) {
  return page.evaluate((id) => {
    const figure = document.querySelector(`[data-testid="${id}"]`) as HTMLElement;
    const symbols = [...figure.querySelectorAll('.role-legend-symbol path')].map((p) => ({
      stroke: p.getAttribute('stroke') ?? '',
      opacity: Number(p.getAttribute('opacity') ?? 1),
    }));
    const lines = [
      ...new Set(
        [...figure.querySelectorAll('.mark-line path')].map((p) => p.getAttribute('stroke') ?? ''),
      ),
    ];
    return { symbols, lines };
  }, testId);
}

/** Chart titles that appear more than once inside their own figure. */
async function duplicateTitles(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('figure')].flatMap((figure) => {
      const title = figure.querySelector('figcaption')?.textContent?.trim();
      if (!title) return [];
      const count = (figure.textContent ?? '').split(title).length - 1;
      return count > 1 ? [`${title} (${count}×)`] : [];
    }),
  );
}

/**
 * Visible controls whose text does not fit their box: a select whose chosen option's text (plus
 * its padding and the arrow) is wider than the select, or a button, label or legend whose content
 * is wider than the element.
 */
async function overflowingControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const ctx = document.createElement('canvas').getContext('2d')!;
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'select, button, label, legend, summary',
    )) {
      if (el.offsetParent === null) continue;
      const style = getComputedStyle(el);
      if (el instanceof HTMLSelectElement) {
        ctx.font = style.font;
        const text = el.options[el.selectedIndex]?.text ?? '';
        const need =
          ctx.measureText(text).width +
          Number.parseFloat(style.paddingLeft) +
          Number.parseFloat(style.paddingRight) +
          20; // the drop-down arrow
        if (need > el.clientWidth)
          out.push(`select#${el.id} "${text}" needs ${Math.ceil(need)} px, has ${el.clientWidth}`);
      } else if (el.scrollWidth > el.clientWidth + 1 && style.display !== 'inline') {
        out.push(
          `${el.tagName.toLowerCase()} "${el.textContent?.trim()}" needs ${el.scrollWidth} px, has ${el.clientWidth}`,
        );
      }
    }
    return out;
  });
}
