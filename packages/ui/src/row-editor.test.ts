import { describe, expect, it } from 'vitest';
import { type Ui, useBrowser } from '../test/browser';

const browser = useBrowser();
declare const ui: Ui;

/** Mounts a tone editor over `window.rows` (at most 3 rows) that counts its `changed` calls. */
function mountTones(initial: { freq: string; amp: string }[]): void {
  const state = { rows: initial, changes: 0 };
  const editor = ui.createRowEditor({
    stem: 'tone',
    item: 'tone',
    columns: [
      { key: 'freq', head: 'f (Hz)', name: 'frequency' },
      { key: 'amp', head: 'a', name: 'amplitude' },
    ],
    maxRows: 3,
    addLabel: '+ Add tone',
    rows: () => state.rows,
    newRow: (rows) => ({ freq: String(rows.length + 100), amp: '1' }),
    changed: () => {
      state.changes += 1;
    },
  });
  document.getElementById('root')?.append(editor.table, editor.error, editor.actions);
  Object.assign(window, { state, editor });
}

type State = { state: { rows: { freq: string; amp: string }[]; changes: number } };
const rowsOf = () => (window as unknown as State).state;

describe('createRowEditor in Chromium', () => {
  it('edits, adds up to maxRows and removes rows, calling changed each time', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(mountTones, [
      { freq: '10', amp: '1' },
      { freq: '5', amp: '2' },
    ]);
    expect(await page.locator('th').allTextContents()).toEqual(['f (Hz)', 'a', '']);
    expect(await page.getByTestId('tone-1-amp').inputValue()).toBe('2');
    expect(await page.getByTestId('tone-1-amp').getAttribute('aria-label')).toBe(
      'amplitude of tone 2',
    );

    await page.getByTestId('tone-0-freq').fill('12');
    expect(await page.evaluate(rowsOf)).toEqual({
      rows: [
        { freq: '12', amp: '1' },
        { freq: '5', amp: '2' },
      ],
      changes: 1,
    });

    const add = page.getByTestId('tone-add');
    await add.click();
    expect(await page.getByTestId('tone-2-freq').inputValue()).toBe('102');
    expect(await add.isDisabled()).toBe(true);
    expect((await page.evaluate(rowsOf)).changes).toBe(2);

    // Removing the first row renumbers the others; the add button comes back.
    await page.getByTestId('tone-0-remove').click();
    expect(await page.evaluate(rowsOf)).toEqual({
      rows: [
        { freq: '5', amp: '2' },
        { freq: '102', amp: '1' },
      ],
      changes: 3,
    });
    expect(await page.getByTestId('tone-0-freq').inputValue()).toBe('5');
    expect(await page.getByTestId('tone-2').count()).toBe(0);
    expect(await add.isDisabled()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('shows the list error and each row’s messages, marks those inputs, and clears them', async () => {
    const { page, errors } = await browser.open();
    await page.evaluate(mountTones, [
      { freq: '600', amp: 'x' },
      { freq: '5', amp: '1' },
    ]);
    await page.evaluate(() =>
      (window as unknown as { editor: ReturnType<Ui['createRowEditor']> }).editor.showErrors({
        tones: 'tones must be distinct',
        'tone-0-freq': 'f must be ≤ fs/2 = 512 Hz, got 600',
        'tone-0-amp': 'a must be a number, got "x"',
      }),
    );
    expect(await page.getByTestId('tones-error').textContent()).toBe('tones must be distinct');
    expect(await page.getByTestId('tone-0-error').textContent()).toBe(
      'f must be ≤ fs/2 = 512 Hz, got 600; a must be a number, got "x"',
    );
    expect(await page.getByTestId('tone-0-freq').getAttribute('aria-invalid')).toBe('');
    expect(await page.getByTestId('tone-1-freq').getAttribute('aria-invalid')).toBeNull();
    expect(await page.getByTestId('tone-1-error').textContent()).toBe('');

    await page.evaluate(() =>
      (window as unknown as { editor: ReturnType<Ui['createRowEditor']> }).editor.showErrors({}),
    );
    expect(await page.getByTestId('tones-error').textContent()).toBe('');
    expect(await page.getByTestId('tone-0-error').textContent()).toBe('');
    expect(await page.getByTestId('tone-0-freq').getAttribute('aria-invalid')).toBeNull();
    expect(errors).toEqual([]);
  });

  it('refuses a maxRows that is not an integer ≥ 1, naming it and the value', async () => {
    const { page } = await browser.open();
    const message = await page.evaluate(() => {
      try {
        ui.createRowEditor({
          stem: 's',
          item: 'row',
          columns: [],
          maxRows: 0,
          addLabel: '+',
          rows: () => [],
          newRow: () => ({}),
          changed: () => undefined,
        });
        return 'no error';
      } catch (error) {
        return `${(error as Error).name}: ${(error as Error).message}`;
      }
    });
    expect(message).toBe('RangeError: createRowEditor: maxRows must be an integer ≥ 1, got 0');
  });
});
