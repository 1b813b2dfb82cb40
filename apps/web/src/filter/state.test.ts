import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER_FORM, filterFormFromQuery, filterFormToQuery } from './state';

describe('filter page state', () => {
  it('defaults to the V.D setting and round-trips through the URL', () => {
    const form = filterFormFromQuery(new URLSearchParams());
    expect(form).toEqual(DEFAULT_FILTER_FORM);
    const edited = { ...form, kernel: '1, -1', freqs: '2.5 7' };
    expect(filterFormFromQuery(new URLSearchParams(filterFormToQuery(edited).toString()))).toEqual(
      edited,
    );
  });
});
