import { describeValue } from '@rectify/signal';
import { absApproximation, type AChoice, type ExpansionMethod, resolveA } from './series';
import type { Tone } from './tones';
import { checkInteger, checkOneOf, checkArray } from '@rectify/signal/validate';

/** Options of {@link seriesError} and {@link convergenceStudy}. */
export interface SeriesErrorOptions {
  /** Expansion constant; default `'tones'` when `tones` is given, else `'peak'`. */
  A?: AChoice;
  /** The tone list behind x, for `A: 'tones'`. */
  tones?: readonly Tone[];
  /** `'binomial'` (default) or `'chebyshev'`. */
  method?: ExpansionMethod;
}

/** Errors of the truncated ReLU expansion on one signal. */
export interface SeriesError {
  /** Number of terms N. */
  terms: number;
  /** The A used (signal units squared). */
  A: number;
  /** ‖approx − ReLU(x)‖₂ / ‖ReLU(x)‖₂ (dimensionless). */
  relativeRmse: number;
  /** max_i |approx_i − ReLU(x_i)| (signal units). */
  maxAbsError: number;
  /**
   * max |approx − ReLU(x)| over the samples on either side of each sign change of x (signal
   * units): where the branch point of sqrt(1 + m) sits; 0 when x never changes sign.
   */
  errorAtZeroCrossing: number;
  /**
   * The authors' printed "%RRMSE": 100·sqrt(mean((x − approx)²) / Σ x²), with x the **input**
   * (not ReLU(x)). Reported for comparison with the paper only; it does not measure the
   * approximation error.
   */
  authorsPercentRrmse: number;
}

function checkOptions(options: unknown): SeriesErrorOptions {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object { A?, tones?, method? }, got ${describeValue(options)}`,
    );
  }
  return options as SeriesErrorOptions;
}

/** Samples per block of the approximation inside {@link seriesError} (64 KiB). */
const ERROR_BLOCK = 8192;

function errorOf(
  x: ArrayLike<number>,
  terms: number,
  A: number,
  method: ExpansionMethod,
): SeriesError {
  // The approximation is evaluated block by block into one small buffer, so a long record
  // costs no second array of its length.
  const block = new Float64Array(Math.min(x.length, ERROR_BLOCK));
  let blockStart = -ERROR_BLOCK;
  let num = 0;
  let den = 0;
  let maxErr = 0;
  let inputDiff = 0;
  let inputEnergy = 0;
  let zeroErr = 0;
  const n = x.length;
  let previousErr = 0;
  for (let i = 0; i < n; i++) {
    if (i - blockStart >= ERROR_BLOCK) {
      blockStart = i;
      const end = Math.min(n, i + ERROR_BLOCK);
      const chunk = block.subarray(0, end - i);
      for (let j = i; j < end; j++) chunk[j - i] = x[j] as number;
      absApproximation(chunk, { terms, A, method, out: chunk });
    }
    const xi = x[i] as number;
    const approx = 0.5 * (xi + (block[i - blockStart] as number));
    const exact = Math.max(xi, 0);
    const e = Math.abs(approx - exact);
    num += e * e;
    den += exact * exact;
    if (e > maxErr) maxErr = e;
    inputDiff += (xi - approx) * (xi - approx);
    inputEnergy += xi * xi;
    if (i > 0 && xi > 0 !== (x[i - 1] as number) > 0) {
      zeroErr = Math.max(zeroErr, e, previousErr);
    }
    previousErr = e;
  }
  return {
    terms,
    A,
    relativeRmse: den > 0 ? Math.sqrt(num / den) : Math.sqrt(num),
    maxAbsError: maxErr,
    errorAtZeroCrossing: zeroErr,
    authorsPercentRrmse: inputEnergy > 0 ? 100 * Math.sqrt(inputDiff / n / inputEnergy) : 0,
  };
}

/**
 * Measures the error of the truncated ReLU expansion `x/2 + (sqrt(A)/2)·P_N(x²/A − 1)` against
 * the exact max(0, x) on samples.
 *
 * @param x - samples (signal units), finite, length >= 1.
 * @param terms - N, integer >= 1.
 * @param options - `A`, `tones`, `method` (see {@link SeriesErrorOptions}).
 * @returns {@link SeriesError}: relative RMSE, max error, error at zero crossings, and the
 *   authors' "%RRMSE" (separately labelled).
 * @throws RangeError for terms < 1, A <= 0 or some x² > 2A.
 * @example
 * ```ts
 * seriesError(x, 50, { A: 'tones', tones }).relativeRmse;
 * ```
 */
export function seriesError(
  x: ArrayLike<number>,
  terms: number,
  options: SeriesErrorOptions = {},
): SeriesError {
  const samples = checkArray('x', x);
  checkInteger('terms', terms, 1, 100_000);
  const o = checkOptions(options);
  const method = checkOneOf('method', o.method ?? 'binomial', ['binomial', 'chebyshev'] as const);
  const A = resolveA(samples, o.A ?? (o.tones === undefined ? 'peak' : 'tones'), o.tones);
  return errorOf(samples, terms, A, method);
}

/** A least-squares fit of log(error) against terms. */
export interface ConvergenceFit {
  /** `'power'`: error ≈ C·N^(−rate); `'exponential'`: error ≈ C·e^(−rate·N). */
  law: 'power' | 'exponential';
  /** C (units of the error). */
  coefficient: number;
  /** The fitted rate (the exponent p, or the decay per term). */
  rate: number;
  /** Coefficient of determination of the fit of log(error), in (−∞, 1]. */
  r2: number;
}

/** The fits of one error measure. */
export interface ConvergenceFits {
  powerLaw: ConvergenceFit;
  exponential: ConvergenceFit;
  /** The law with the larger r². */
  better: 'power' | 'exponential';
}

/** Result of {@link convergenceStudy}. */
export interface ConvergenceStudy {
  /** One row per entry of termsList, in the given order. */
  rows: SeriesError[];
  /** Fits of the relative RMSE. */
  relativeRmse: ConvergenceFits;
  /** Fits of the max abs error. */
  maxAbsError: ConvergenceFits;
}

function fitLine(u: number[], v: number[]): { slope: number; intercept: number; r2: number } {
  const n = u.length;
  const mu = u.reduce((s, a) => s + a, 0) / n;
  const mv = v.reduce((s, a) => s + a, 0) / n;
  let suu = 0;
  let suv = 0;
  let svv = 0;
  for (let i = 0; i < n; i++) {
    const du = (u[i] as number) - mu;
    const dv = (v[i] as number) - mv;
    suu += du * du;
    suv += du * dv;
    svv += dv * dv;
  }
  const slope = suv / suu;
  const intercept = mv - slope * mu;
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const r = (v[i] as number) - (intercept + slope * (u[i] as number));
    sse += r * r;
  }
  return { slope, intercept, r2: svv > 0 ? 1 - sse / svv : 1 };
}

function fitBoth(terms: number[], errors: number[]): ConvergenceFits {
  const logE = errors.map((e) => Math.log(e));
  const p = fitLine(
    terms.map((t) => Math.log(t)),
    logE,
  );
  const e = fitLine(terms, logE);
  const powerLaw: ConvergenceFit = {
    law: 'power',
    coefficient: Math.exp(p.intercept),
    rate: -p.slope,
    r2: p.r2,
  };
  const exponential: ConvergenceFit = {
    law: 'exponential',
    coefficient: Math.exp(e.intercept),
    rate: -e.slope,
    r2: e.r2,
  };
  return { powerLaw, exponential, better: p.r2 >= e.r2 ? 'power' : 'exponential' };
}

/**
 * Measures the series error for several term counts and fits both a power law
 * (log e = log C − p·log N) and an exponential (log e = log C − r·N) by least squares in log
 * space, reporting r² of each so the data say which law the error follows.
 *
 * @param x - samples (signal units), finite.
 * @param termsList - at least 3 distinct integers >= 1.
 * @param options - `A`, `tones`, `method`.
 * @returns the table and the fits for relative RMSE and max error.
 * @throws RangeError for fewer than 3 distinct term counts, a bad count, A <= 0 or x² > 2A,
 *   or an error that is exactly 0 (log undefined).
 * @example
 * ```ts
 * convergenceStudy(x, [5, 10, 20, 50, 100], { A: 'tones', tones }).relativeRmse.better;
 * ```
 */
export function convergenceStudy(
  x: ArrayLike<number>,
  termsList: readonly number[],
  options: SeriesErrorOptions = {},
): ConvergenceStudy {
  const samples = checkArray('x', x);
  if (!Array.isArray(termsList)) {
    throw new TypeError(
      `termsList must be an array of integers >= 1, got ${describeValue(termsList)}`,
    );
  }
  for (let i = 0; i < termsList.length; i++)
    checkInteger(`termsList[${i}]`, termsList[i], 1, 100_000);
  if (new Set(termsList).size < 3) {
    throw new RangeError(
      `termsList must hold at least 3 distinct term counts, got [${termsList.join(', ')}]`,
    );
  }
  const o = checkOptions(options);
  const method = checkOneOf('method', o.method ?? 'binomial', ['binomial', 'chebyshev'] as const);
  const A = resolveA(samples, o.A ?? (o.tones === undefined ? 'peak' : 'tones'), o.tones);
  const rows = termsList.map((t) => errorOf(samples, t, A, method));
  for (const r of rows) {
    if (!(r.relativeRmse > 0) || !(r.maxAbsError > 0)) {
      throw new RangeError(
        `the error must be > 0 for a log-space fit, got 0 at terms = ${r.terms}`,
      );
    }
  }
  const terms = rows.map((r) => r.terms);
  return {
    rows,
    relativeRmse: fitBoth(
      terms,
      rows.map((r) => r.relativeRmse),
    ),
    maxAbsError: fitBoth(
      terms,
      rows.map((r) => r.maxAbsError),
    ),
  };
}
