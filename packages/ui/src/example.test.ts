import { readFileSync } from 'node:fs';
import { bundleForBrowser, collectErrors, launchBrowser } from '@rectify/test-utils/browser';
import { describe, expect, it } from 'vitest';
import { requireChromium } from '../test/browser';

const example = new URL('../examples/quick-start.ts', import.meta.url).pathname;

describe('the README example (examples/quick-start.ts) in Chromium', () => {
  it('is printed whole in the README', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(readFileSync(example, 'utf8').trim());
  });

  it('runs: the field checks its input, the chart gets the samples, the readout the DC a/π', async () => {
    requireChromium();
    const code = await bundleForBrowser(example);
    const browser = await launchBrowser({ profilePrefix: 'rectify-ui-example-' });
    try {
      const page = await browser.context.newPage();
      const errors = collectErrors(page);
      await page.setContent('<!doctype html><title>example</title><body></body>');
      await page.addScriptTag({ content: code });
      expect(await page.getByTestId('signal').getAttribute('data-points')).toBe('200');
      // 40 samples per period: the sampled mean is a/π to 0.21 % (numpy: 0.317655 for a = 1).
      const dcOver = async (amp: number) =>
        (Number(await page.getByTestId('dc').getAttribute('data-value')) * Math.PI) / amp - 1;
      expect(Math.abs(await dcOver(1))).toBeLessThan(0.003);
      await page.getByTestId('amp').fill('2');
      expect(Math.abs(await dcOver(2))).toBeLessThan(0.003);
      expect(await page.locator('.readout .note').textContent()).toBe('a/π = 0.63662');
      expect(await page.getByTestId('signal').getAttribute('data-updates')).toBe('2');
      await page.getByTestId('amp').fill('-1');
      expect(await page.getByTestId('amp-error').textContent()).toBe(
        'a must be a number ≥ 0, got "-1"',
      );
      expect(await page.getByTestId('status').isVisible()).toBe(true);
      expect(await page.getByTestId('signal').getAttribute('data-updates')).toBe('2');
      expect(errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
