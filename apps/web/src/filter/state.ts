import type { FilterPoolFields } from '@rectify/theory';

/** The filter page's form as typed (theory's fields); this is what the URL stores. */
export type FilterForm = FilterPoolFields;

/** The paper's V.D setting: a 2-tap filter, tones at 3, 5 and 10 Hz, fs = 32 Hz, 256 samples. */
export const DEFAULT_FILTER_FORM: Readonly<FilterForm> = {
  kernel: '0.6, -0.4',
  fs: '32',
  n: '256',
  freqs: '3, 5, 10',
  amp: '1',
};

/** Reads the form from URL query parameters (defaults for missing ones). */
export function filterFormFromQuery(query: URLSearchParams): FilterForm {
  return {
    kernel: query.get('kernel') ?? DEFAULT_FILTER_FORM.kernel,
    fs: query.get('fs') ?? DEFAULT_FILTER_FORM.fs,
    n: query.get('n') ?? DEFAULT_FILTER_FORM.n,
    freqs: query.get('freqs') ?? DEFAULT_FILTER_FORM.freqs,
    amp: query.get('amp') ?? DEFAULT_FILTER_FORM.amp,
  };
}

/** Writes the form as URL query parameters. */
export function filterFormToQuery(form: FilterForm): URLSearchParams {
  return new URLSearchParams({
    kernel: form.kernel,
    fs: form.fs,
    n: form.n,
    freqs: form.freqs,
    amp: form.amp,
  });
}
