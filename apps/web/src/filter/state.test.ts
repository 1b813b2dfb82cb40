import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FILTER_FORM,
  filterFormFromQuery,
  filterFormToQuery,
  parseFilterForm,
} from './state';

describe('filter page state', () => {
  it('defaults to the V.D setting and round-trips through the URL', () => {
    const form = filterFormFromQuery(new URLSearchParams());
    expect(form).toEqual(DEFAULT_FILTER_FORM);
    const edited = { ...form, kernel: '1, -1', freqs: '2.5 7' };
    expect(filterFormFromQuery(new URLSearchParams(filterFormToQuery(edited).toString()))).toEqual(
      edited,
    );
    expect(parseFilterForm(form)).toMatchObject({
      ok: true,
      value: { kernel: [0.6, -0.4], fs: 32, n: 256, freqs: [3, 5, 10], amp: 1 },
    });
  });

  it('names the field, the rule and the value received', () => {
    const parsed = parseFilterForm({ kernel: '1 2 3', fs: '32', n: '2', freqs: '3, 17', amp: '0' });
    expect(parsed.ok).toBe(false);
    expect(parsed.errors).toEqual({
      n: 'samples must be an integer ≥ 8 and ≤ 65536, got "2"',
      amp: 'amplitude must be a number > 0, got "0"',
      freqs: 'frequencies[1] must be > 0 Hz and ≤ 16 Hz (the Nyquist frequency fs/2), got 17',
    });
    expect(
      parseFilterForm({ ...DEFAULT_FILTER_FORM, n: '8', kernel: '1 1 1 1 1 1 1 1 1' }).errors
        .kernel,
    ).toBe('kernel must be no longer than the signal (8 samples), got 9 taps');
  });
});
