import { describe, expect, it } from 'vitest';
import { type Ui, useBrowser } from '../test/browser';
import { joinSeries } from './chart';

const browser = useBrowser();
declare const ui: Ui;

/** Pixels of the plot's canvas drawn in `rgb` (±8 per channel, anti-aliasing aside). */
function countPixels([testId, rgb]: readonly [string, readonly [number, number, number]]): number {
  const canvas = document.querySelector<HTMLCanvasElement>(`[data-testid="${testId}"] canvas`);
  const ctx = canvas?.getContext('2d');
  if (!canvas || !ctx) return -1;
  const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let n = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (
      Math.abs(data[i]! - rgb[0]) <= 8 &&
      Math.abs(data[i + 1]! - rgb[1]) <= 8 &&
      Math.abs(data[i + 2]! - rgb[2]) <= 8
    )
      n += 1;
  }
  return n;
}

describe('joinSeries', () => {
  it('puts tables on the union of their x values, with no value where a table has no point', () => {
    expect(
      joinSeries([
        [
          [0, 2],
          [1, 1],
        ],
        [[1], [5]],
      ]),
    ).toEqual([
      [0, 1, 2],
      [1, undefined, 1],
      [undefined, 5, undefined],
    ]);
  });
});

describe('createChart in Chromium', () => {
  it('draws its data, counts updates and points, and hides a legend row on request', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const chart = ui.createChart({
        testId: 'demo',
        title: 'Amplitude spectrum',
        xLabel: 'f (Hz)',
        yLabel: 'amplitude',
        series: [
          { label: 'output', stroke: '#1f6feb', width: 2 },
          { label: 'lines', stroke: '#e8590c', stems: true },
          { label: 'again', stroke: '#2e7d32', legend: false },
        ],
        yMin: 0,
      });
      document.getElementById('root')?.append(chart.root);
      chart.setData([
        [0, 1, 2, 3],
        [null, null, null, null],
        [null, null, null, null],
        [null, null, null, null],
      ]);
      Object.assign(window, { chart });
    });
    const chart = page.getByTestId('demo');
    expect(await chart.locator('figcaption').textContent()).toBe('Amplitude spectrum');
    expect(await chart.getAttribute('data-updates')).toBe('1');
    expect(await chart.getAttribute('data-points')).toBe('4');
    expect(JSON.parse((await chart.getAttribute('data-strokes')) ?? '')).toEqual([
      { label: 'output', stroke: '#1f6feb', legend: true },
      { label: 'lines', stroke: '#e8590c', legend: true },
      { label: 'again', stroke: '#2e7d32', legend: false },
    ]);
    // Nothing to draw yet: no pixel in either colour.
    expect(await page.evaluate(countPixels, ['demo', [31, 111, 235]] as const)).toBe(0);
    expect(await page.evaluate(countPixels, ['demo', [232, 89, 12]] as const)).toBe(0);

    await page.evaluate(() => {
      const { chart } = window as unknown as { chart: ReturnType<Ui['createChart']> };
      chart.setData([
        [0, 1, 2, 3, 4],
        [0, 1, 0.5, 1, 0],
        [null, 2, null, 1, null],
        [0, 0, 0, 0, 0],
      ]);
      chart.setCaption('hovered: nothing');
    });
    expect(await chart.getAttribute('data-updates')).toBe('2');
    expect(await chart.getAttribute('data-points')).toBe('5');
    expect(await page.evaluate(countPixels, ['demo', [31, 111, 235]] as const)).toBeGreaterThan(50);
    expect(await page.evaluate(countPixels, ['demo', [232, 89, 12]] as const)).toBeGreaterThan(20);
    expect(await page.getByTestId('demo-caption').textContent()).toBe('hovered: nothing');
    // uPlot's legend: the x series, then ours; the repeated line's row is hidden.
    const rows = chart.locator('.u-legend .u-series');
    expect(await rows.count()).toBe(4);
    expect(await rows.nth(3).isVisible()).toBe(false);
    expect(await rows.nth(1).textContent()).toContain('output');

    // A log axis rebuilds the plot with the same data.
    await page.evaluate(() =>
      (window as unknown as { chart: ReturnType<Ui['createChart']> }).chart.setYLog(true),
    );
    expect(await chart.locator('canvas').count()).toBe(1);
    await page.evaluate(() =>
      (window as unknown as { chart: ReturnType<Ui['createChart']> }).chart.destroy(),
    );
    expect(await chart.locator('canvas').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('reports the x value under the cursor, and null when it leaves', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const seen: (number | null)[] = [];
      const chart = ui.createChart({
        testId: 'hover',
        title: 'hover',
        xLabel: 'f (Hz)',
        yLabel: 'amplitude',
        series: [{ label: 'y', stroke: '#1f6feb' }],
        onCursor: (x) => seen.push(x),
      });
      document.getElementById('root')?.append(chart.root);
      chart.setData([
        [0, 10, 20, 30, 40],
        [1, 2, 3, 2, 1],
      ]);
      Object.assign(window, { seen });
    });
    const box = await page.getByTestId('hover').locator('.u-over').boundingBox();
    if (!box) throw new Error('the plot has no cursor overlay');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const seen = await page.evaluate(() => (window as unknown as { seen: number[] }).seen);
    // The middle of the plot area is the middle of the x range, 20 Hz (to a pixel).
    expect(Math.abs((seen.at(-1) ?? Number.NaN) - 20)).toBeLessThan(40 / box.width + 1e-9);
    await page.mouse.move(1, 1);
    expect(await page.evaluate(() => (window as unknown as { seen: unknown[] }).seen.at(-1))).toBe(
      null,
    );
    expect(errors).toEqual([]);
  });

  it('refuses a height that is not a positive number of pixels', async () => {
    const { page } = await browser.open();
    const message = await page.evaluate(() => {
      try {
        ui.createChart({
          testId: 'x',
          title: 'x',
          xLabel: 'x',
          yLabel: 'y',
          series: [],
          height: 0,
        });
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(message).toBe('RangeError: createChart: height must be a positive number of px, got 0');
  });
});

describe('createLiveChart in Chromium', () => {
  it('counts the points of every unit, keeps one legend entry per group, and clears', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const live = ui.createLiveChart('live', 'Training loss (live)', 'loss');
      document.getElementById('root')?.append(live.root);
      // Two repetitions of one variant and one of another, 3 epochs each, epochs 1–2 arrived.
      for (const [unit, group] of [
        ['rep0/relu', 'relu'],
        ['rep1/relu', 'relu'],
        ['rep0/linear', 'linear'],
      ] as const) {
        live.add(unit, group, 1, 3, 1);
        live.add(unit, group, 2, 3, 0.5);
      }
      Object.assign(window, { live });
    });
    const live = page.getByTestId('live');
    expect(await live.getAttribute('data-points')).toBe('6');
    const plot = page.getByTestId('live-plot');
    // Epochs 1…3 on the x axis (the run's length, known from the first event).
    expect(await plot.getAttribute('data-points')).toBe('3');
    const strokes = JSON.parse((await plot.getAttribute('data-strokes')) ?? '') as {
      label: string;
      stroke: string;
      legend: boolean;
    }[];
    expect(strokes.map((s) => [s.label, s.legend])).toEqual([
      ['relu', true],
      ['relu', false],
      ['linear', true],
    ]);
    expect(strokes[0]?.stroke).toBe(strokes[1]?.stroke);
    expect(strokes[2]?.stroke).not.toBe(strokes[0]?.stroke);
    await page.evaluate(() => {
      const { live } = window as unknown as { live: ReturnType<Ui['createLiveChart']> };
      live.add('rep0/relu', 'relu', 3, 3, 0.25);
    });
    expect(await live.getAttribute('data-points')).toBe('7');
    await page.evaluate(() =>
      (window as unknown as { live: ReturnType<Ui['createLiveChart']> }).live.clear(),
    );
    expect(await page.getByTestId('live-plot').getAttribute('data-strokes')).toBe('[]');
    expect(errors).toEqual([]);
  });

  it('refuses an epoch that is not an integer ≥ 1 (it would be drawn nowhere)', async () => {
    const { page } = await browser.open();
    const messages = await page.evaluate(() => {
      const live = ui.createLiveChart('live', 'loss', 'loss');
      return [
        [0, 3],
        [1.5, 3],
        [1, 0],
      ].map(([epoch, epochs]) => {
        try {
          live.add('u', 'g', epoch!, epochs!, 0.5);
          return 'no error';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      });
    });
    expect(messages).toEqual([
      'RangeError: LiveChart.add: epoch must be an integer ≥ 1, got 0',
      'RangeError: LiveChart.add: epoch must be an integer ≥ 1, got 1.5',
      'RangeError: LiveChart.add: epochs must be an integer ≥ 1, got 0',
    ]);
  });
});
