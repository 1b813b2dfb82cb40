import {
  type ApproximationResult,
  type Claim,
  experiments,
  isResultFile,
  parseResultText,
  type ResultFile,
  resultCharts,
} from '@rectify/experiments';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Ui, useBrowser } from '../test/browser';

const browser = useBrowser();
declare const ui: Ui;

/** A real result: the approximation experiment at its quick scale (pure maths, ~0.2 s). */
let result: ApproximationResult;
let entry: ResultFile;
beforeAll(async () => {
  result = await experiments.approximation.run(experiments.approximation.presets.quick, {
    seed: 0,
    workers: 1,
  });
  const read = parseResultText('out/approximation/result.json', JSON.stringify(result));
  if (!isResultFile(read)) throw new Error(`not a result file: ${read.reason}`);
  entry = read;
});

describe('report figures in Chromium', () => {
  it('renderCharts draws every Vega-Lite spec of a result as an <svg>, and a broken spec as its error', async () => {
    const { page, errors } = await browser.open();
    const charts = resultCharts('approximation', result);
    const broken = { id: 'broken', title: 'Broken', spec: { mark: 'no-such-mark' } };
    await page.evaluate(
      async (specs) => {
        document.getElementById('root')?.append(await ui.renderCharts(specs));
      },
      [...charts, broken],
    );
    for (const chart of charts) {
      const figure = page.getByTestId(`vega-${chart.id}`);
      expect(await figure.getAttribute('data-rendered'), chart.id).toBe('true');
      expect(await figure.locator('figcaption').textContent()).toBe(chart.title);
      expect(await figure.locator('svg.marks').count(), chart.id).toBe(1);
      // Marks were drawn from the data, not just axes.
      expect(await figure.locator('svg path, svg line, svg rect').count()).toBeGreaterThan(10);
    }
    const failed = page.getByTestId('vega-broken');
    expect(await failed.getAttribute('data-rendered')).toBeNull();
    // vega-lite's own words for the bad mark follow the prefix.
    expect(await failed.locator('.error-box').textContent()).toMatch(
      /^Could not draw this chart: \S/,
    );
    expect(await failed.locator('svg').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it('claimsTable gives each verdict its class and test id, with the paper and the context lines', async () => {
    const { page, errors } = await browser.open();
    const claims: Claim[] = [
      ...result.claims,
      { ...result.claims[0]!, id: 'open-question', verdict: 'inconclusive', reason: 'n too small' },
    ];
    await page.evaluate((list) => {
      document.getElementById('root')?.append(ui.claimsTable(list, 'claims'));
    }, claims);
    const table = page.getByTestId('claims');
    expect(await table.locator('tbody tr').count()).toBe(claims.length);
    expect(await table.locator('th').allTextContents()).toEqual(['claim', 'measured', 'verdict']);
    for (const claim of claims) {
      const verdict = page.getByTestId(`claim-${claim.id}-verdict`);
      expect(await verdict.textContent()).toBe(claim.verdict);
      expect(await verdict.getAttribute('class')).toBe(
        `text verdict-${claim.verdict.replace(/ /g, '-')}`,
      );
      const row = page.getByTestId(`claim-${claim.id}`);
      expect(await row.locator('td').first().textContent()).toBe(
        `${claim.kind === 'finding' ? '[finding] ' : ''}${claim.statement}Paper: ${claim.paper}`,
      );
      expect(await row.locator('td').nth(1).textContent()).toContain(claim.measured);
      expect(await row.locator('td').nth(1).textContent()).toContain(`Rule: ${claim.rule}`);
    }
    expect(await page.locator('.verdict-does-not-hold').count()).toBe(
      claims.filter((c) => c.verdict === 'does not hold').length,
    );
    expect(await page.locator('.verdict-inconclusive').count()).toBe(1);
    expect(errors).toEqual([]);
  });

  it('resultSection shows a result file: run line, banners, claims and charts', async () => {
    const { page, errors } = await browser.open();
    const standIn: ResultFile = {
      ...entry,
      result: {
        ...entry.result,
        provenance: { standIn: true, notes: ['signals: synthetic', 'model: random weights'] },
      },
      notes: ['format 1: no statistics'],
    };
    await page.evaluate(async (file) => {
      document.getElementById('root')?.append(await ui.resultSection(file, 'report'));
    }, standIn);
    const section = page.getByTestId('report-approximation');
    expect(await section.locator('h2').textContent()).toBe(
      'approximation — out/approximation/result.json',
    );
    expect(await section.locator('p.notes').first().textContent()).toBe(
      `seed 0, backend ${String(result.backend)}, units ${String(result.units)}, config hash ${result.configHash.slice(0, 12)}…`,
    );
    expect(await page.getByTestId('report-provenance-approximation').textContent()).toBe(
      'Stand-ins, not the paper’s inputs: signals: synthetic; model: random weights',
    );
    expect(await page.getByTestId('report-format-approximation').textContent()).toBe(
      'format 1: no statistics',
    );
    expect(await page.getByTestId('report-claims-approximation').locator('tbody tr').count()).toBe(
      result.claims.length,
    );
    expect(await section.locator('figure[data-rendered="true"]').count()).toBe(
      resultCharts('approximation', result).length,
    );
    expect(errors).toEqual([]);
  });

  it('skippedFilesList names each file once, with the reason after its name', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      document.getElementById('root')?.append(
        ui.skippedFilesList(
          [
            { source: 'out/summary.md', reason: 'out/summary.md is not a result file' },
            { source: 'x.json', reason: 'no claims array' },
          ],
          'skipped',
        ),
      );
    });
    const list = page.getByTestId('skipped');
    expect(await list.getAttribute('open')).toBe('');
    expect(await list.locator('summary').textContent()).toBe(
      '2 file(s) skipped, each with the reason:',
    );
    expect(await list.locator('li').allTextContents()).toEqual([
      'out/summary.md is not a result file',
      'x.json no claims array',
    ]);
    expect(await list.locator('li').first().getAttribute('data-source')).toBe('out/summary.md');
    expect(errors).toEqual([]);
  });
});
