import { type Parsed, parseNumber, parseNumberList } from '../state/parse';

/** The filter page's form as typed; this is what the URL stores. */
export interface FilterForm {
  /** Conv kernel taps, comma separated (Keras order: cross-correlation, no flip). */
  kernel: string;
  /** Sampling rate (Hz). */
  fs: string;
  /** Samples per signal. */
  n: string;
  /** Tone frequencies (Hz), comma separated. */
  freqs: string;
  /** Amplitude of every tone. */
  amp: string;
}

/** Validated filter-page parameters. */
export interface FilterParams {
  kernel: number[];
  fs: number;
  n: number;
  freqs: number[];
  amp: number;
}

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

/** Validates the form; each message is keyed by its field. */
export function parseFilterForm(
  form: FilterForm,
): Parsed<FilterParams> & { errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const take = <T>(key: string, parsed: Parsed<T>): T | undefined => {
    if (parsed.ok) return parsed.value;
    errors[key] = parsed.error;
    return undefined;
  };
  const kernel = take(
    'kernel',
    parseNumberList('kernel', form.kernel, { minLength: 1, maxLength: 64 }),
  );
  const fs = take('fs', parseNumber('fs', form.fs, { min: 0, minInclusive: false, unit: 'Hz' }));
  const n = take('n', parseNumber('samples', form.n, { min: 8, max: 65_536, integer: true }));
  const amp = take('amp', parseNumber('amplitude', form.amp, { min: 0, minInclusive: false }));
  let freqs = take(
    'freqs',
    parseNumberList('frequencies', form.freqs, { minLength: 1, maxLength: 16 }),
  );
  if (freqs && fs !== undefined) {
    const bad = freqs.findIndex((f) => !(f > 0 && f <= fs / 2));
    if (bad >= 0) {
      errors.freqs = `frequencies[${bad}] must be > 0 Hz and ≤ ${fs / 2} Hz (the Nyquist frequency fs/2), got ${freqs[bad]}`;
      freqs = undefined;
    }
  }
  if (kernel && n !== undefined && kernel.length > n) {
    errors.kernel = `kernel must be no longer than the signal (${n} samples), got ${kernel.length} taps`;
  }
  if (
    Object.keys(errors).length > 0 ||
    !kernel ||
    fs === undefined ||
    n === undefined ||
    amp === undefined ||
    !freqs
  ) {
    return { ok: false, error: Object.values(errors)[0] ?? 'invalid input', errors };
  }
  return { ok: true, errors, value: { kernel, fs, n, freqs, amp } };
}
