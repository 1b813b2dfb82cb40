import { describe, expect, it } from 'vitest';
import { type Ui, useBrowser } from '../test/browser';

const browser = useBrowser();
declare const ui: Ui;

describe('tables and readouts in Chromium', () => {
  it('fillTable fills one row per item, numbers with their unrounded data-value, and refills', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const lines = [
        { label: 'f1', freq: 10, amplitude: 0.68157894736 },
        { label: 'DC', freq: 0, amplitude: null },
      ];
      const table = ui.dataTable(
        { 'data-testid': 'lines' },
        [
          { head: 'origin', text: true, cell: (l) => l.label },
          { head: 'f (Hz)', cell: (l) => ui.formatNumber(l.freq, 6) },
          { head: 'amplitude', cell: (l, i) => ui.valueCell(`amp-${i}`, l.amplitude) },
        ],
        lines,
        (l) => ({ 'data-freq': l.freq }),
      );
      document.getElementById('root')?.append(table);
      Object.assign(window, { table });
    });
    const table = page.getByTestId('lines');
    expect(await table.getAttribute('class')).toBe('data');
    expect(await table.locator('th').allTextContents()).toEqual(['origin', 'f (Hz)', 'amplitude']);
    expect(await table.locator('th.text').allTextContents()).toEqual(['origin']);
    expect(await table.locator('tbody tr').count()).toBe(2);
    expect(await table.locator('tbody tr').nth(0).getAttribute('data-freq')).toBe('10');
    expect(await page.getByTestId('amp-0').textContent()).toBe('0.68158');
    expect(await page.getByTestId('amp-0').getAttribute('data-value')).toBe('0.68157894736');
    // Not available: a dash on screen and an empty data-value.
    expect(await page.getByTestId('amp-1').textContent()).toBe('—');
    expect(await page.getByTestId('amp-1').getAttribute('data-value')).toBe('');

    await page.evaluate(() => {
      const { table } = window as unknown as { table: HTMLTableElement };
      ui.fillTable(table, [{ head: 'n', cell: (n: number) => String(n) }], [1, 2, 3]);
    });
    expect(await table.locator('thead th').allTextContents()).toEqual(['n']);
    expect(await table.locator('tbody td').allTextContents()).toEqual(['1', '2', '3']);
    expect(errors).toEqual([]);
  });

  it('readouts show a formatted value, keep it unrounded in data-value, and show a dash for null', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const { root, byKey } = ui.createReadouts([
        ['dc', 'dc-exact', 'DC exact', 'mean over a period'],
        ['err', 'error-rrmse', 'relative RMSE'],
      ] as const);
      document.getElementById('root')?.append(root);
      byKey.dc.set(1 / Math.PI, 'closed form');
      byKey.err.set(0.0123456, undefined, ui.formatPercent(0.0123456, 3));
      const single = ui.createReadout('none', 'nothing yet');
      single.set(null);
      document.getElementById('root')?.append(single.root);
    });
    expect(await page.locator('.readouts .readout').count()).toBe(2);
    expect(await page.getByTestId('dc-exact').textContent()).toBe('0.31831');
    expect(Number(await page.getByTestId('dc-exact').getAttribute('data-value'))).toBe(1 / Math.PI);
    expect(await page.locator('.readout[title="mean over a period"] .note').textContent()).toBe(
      'closed form',
    );
    expect(await page.getByTestId('error-rrmse').textContent()).toBe('1.235 %');
    expect(await page.getByTestId('none').textContent()).toBe('—');
    expect(await page.getByTestId('none').getAttribute('data-value')).toBe('');
    expect(errors).toEqual([]);
  });

  it('h sets attributes and listeners; errorBox hides while empty; dropZone hands over files', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const box = ui.errorBox('status');
      const clicks: string[] = [];
      const button = ui.h(
        'button',
        { type: 'button', disabled: false, 'data-n': 3, onclick: () => clicks.push('click') },
        'go',
        null,
        false,
        ' ',
        7,
      );
      const zone = ui.dropZone('drop', 'Drop files here.', (files) => {
        document.body.dataset.dropped = [...(files ?? [])].map((f) => f.name).join(',');
      });
      const form = ui.controlsForm({ 'data-testid': 'form' }, ui.fieldset('Inputs', button), zone);
      document.getElementById('root')?.append(box.root, form);
      Object.assign(window, { box, clicks });
    });
    const button = page.locator('button');
    expect(await button.textContent()).toBe('go 7');
    expect(await button.getAttribute('disabled')).toBeNull();
    expect(await button.getAttribute('data-n')).toBe('3');
    await button.click();
    expect(await page.evaluate(() => (window as unknown as { clicks: string[] }).clicks)).toEqual([
      'click',
    ]);
    expect(await page.locator('legend').textContent()).toBe('Inputs');

    const status = page.getByTestId('status');
    expect(await status.isHidden()).toBe(true);
    await page.evaluate(() =>
      (window as unknown as { box: ReturnType<Ui['errorBox']> }).box.show('fs must be > 0'),
    );
    expect(await status.isVisible()).toBe(true);
    expect(await status.textContent()).toBe('fs must be > 0');
    await page.evaluate(() =>
      (window as unknown as { box: ReturnType<Ui['errorBox']> }).box.show(null),
    );
    expect(await status.isHidden()).toBe(true);

    // A real drop event with a DataTransfer holding two files.
    await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(['{}'], 'a.json'));
      data.items.add(new File(['x'], 'b.wav'));
      document
        .querySelector('[data-testid="drop"]')
        ?.dispatchEvent(new DragEvent('drop', { dataTransfer: data, cancelable: true }));
    });
    expect(await page.locator('body').getAttribute('data-dropped')).toBe('a.json,b.wav');
    // The form never submits (Enter in a field would reload the page).
    expect(
      await page.evaluate(() =>
        document
          .querySelector('[data-testid="form"]')
          ?.dispatchEvent(new Event('submit', { cancelable: true })),
      ),
    ).toBe(false);
    expect(errors).toEqual([]);
  });
});
