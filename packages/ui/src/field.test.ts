import { describe, expect, it } from 'vitest';
import { type Ui, useBrowser } from '../test/browser';

const browser = useBrowser();
declare const ui: Ui;

describe('createFields in Chromium', () => {
  it('writes edits into the values, shows and clears a field error, and refills from values', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const values = { fs: '1024', window: 'hann' };
      const changes: string[] = [];
      const group = ui.createFields(
        [
          { key: 'fs', label: 'fs', unit: 'Hz', hint: 'sampling rate' },
          {
            key: 'window',
            label: 'window',
            choices: [
              ['hann', 'Hann'],
              ['boxcar', 'rectangular'],
            ],
          },
        ],
        values,
        () => changes.push(JSON.stringify(values)),
        'demo-',
      );
      document.getElementById('root')?.append(group.fields.fs.root, group.fields.window.root);
      Object.assign(window, { group, values, changes });
    });
    // The ids and test ids come from the prefix and the key; the unit sits beside the input.
    const fs = page.getByTestId('demo-fs');
    expect(await fs.inputValue()).toBe('1024');
    expect(await page.locator('label[for="demo-fs"]').textContent()).toBe('fs');
    expect(await page.locator('.field-input .unit').textContent()).toBe('Hz');
    expect(await fs.getAttribute('title')).toBe('sampling rate');
    expect(await fs.getAttribute('aria-describedby')).toBe('demo-fs-error');

    await fs.fill('-3');
    await page.getByTestId('demo-window').selectOption('boxcar');
    expect(await page.evaluate(() => (window as unknown as { changes: string[] }).changes)).toEqual(
      ['{"fs":"-3","window":"hann"}', '{"fs":"-3","window":"boxcar"}'],
    );

    await page.evaluate(() =>
      (window as unknown as { group: ReturnType<Ui['createFields']> }).group.showErrors({
        fs: 'fs must be > 0 Hz, got -3',
      }),
    );
    expect(await page.getByTestId('demo-fs-error').textContent()).toBe('fs must be > 0 Hz, got -3');
    expect(await fs.getAttribute('aria-invalid')).toBe('');
    expect(await page.locator('.field.invalid').count()).toBe(1);

    await page.evaluate(() => {
      const { group } = window as unknown as { group: ReturnType<Ui['createFields']> };
      group.showErrors({});
      group.setValues({ fs: '48000', window: 'hann' });
    });
    expect(await page.getByTestId('demo-fs-error').textContent()).toBe('');
    expect(await fs.getAttribute('aria-invalid')).toBeNull();
    expect(await fs.inputValue()).toBe('48000');
    expect(await page.getByTestId('demo-window').inputValue()).toBe('hann');
    expect(errors).toEqual([]);
  });

  it('fileField labels a file input that hands over the chosen files', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(() => {
      const field = ui.fileField('upload', 'result.json', { accept: '.json', multiple: true });
      field.input.addEventListener('change', () => {
        document.body.dataset.files = [...(field.input.files ?? [])].map((f) => f.name).join(',');
      });
      document.getElementById('root')?.append(field.root);
    });
    expect(await page.locator('label[for="upload"]').textContent()).toBe('result.json');
    await page.getByTestId('upload').setInputFiles([
      { name: 'a.json', mimeType: 'application/json', buffer: Buffer.from('{}') },
      { name: 'b.json', mimeType: 'application/json', buffer: Buffer.from('[]') },
    ]);
    expect(await page.locator('body').getAttribute('data-files')).toBe('a.json,b.json');
    expect(errors).toEqual([]);
  });
});
