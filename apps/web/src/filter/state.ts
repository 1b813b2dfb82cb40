import type { FilterPoolFields } from '@rectify/theory';

/** The paper's V.D setting: a 2-tap filter, tones at 3, 5 and 10 Hz, fs = 32 Hz, 256 samples. */
export const DEFAULT_FILTER_FORM: Readonly<FilterPoolFields> = {
  kernel: '0.6, -0.4',
  fs: '32',
  n: '256',
  freqs: '3, 5, 10',
  amp: '1',
};

/** Reads theory's filter-pool fields from URL query parameters of the same names (defaults for missing ones). */
export function filterFormFromQuery(query: URLSearchParams): FilterPoolFields {
  const read = (key: keyof FilterPoolFields) => query.get(key) ?? DEFAULT_FILTER_FORM[key];
  return {
    kernel: read('kernel'),
    fs: read('fs'),
    n: read('n'),
    freqs: read('freqs'),
    amp: read('amp'),
  };
}

/** Writes the fields as URL query parameters of the same names. */
export function filterFormToQuery(form: FilterPoolFields): URLSearchParams {
  return new URLSearchParams({ ...form });
}
