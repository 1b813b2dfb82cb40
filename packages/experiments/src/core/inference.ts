import { createRng } from '@rectify/signal';

/**
 * Statistical inference for claims: paired bootstrap intervals, exact sign and Wilcoxon
 * signed-rank tests, Pearson's r with its Fisher interval and least-squares slopes with their
 * Student-t interval. Conventions follow scipy.stats (named per function); the oracle is
 * `tools/fixtures/experiments/gen_inference.py`.
 */

/** Which side a one- or two-sided test looks at (scipy's `alternative`). */
export type Alternative = 'greater' | 'less' | 'two-sided';

function checkValues(name: string, x: ArrayLike<number>, min = 1): void {
  if (x.length < min)
    throw new RangeError(`${name} must hold at least ${min} value(s), got ${x.length}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i] as number))
      throw new RangeError(`${name}[${i}] must be a finite number, got ${String(x[i])}`);
  }
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`confidence must be in (0, 1), got ${String(confidence)}`);
}

function checkAlternative(alternative: string): void {
  if (alternative !== 'greater' && alternative !== 'less' && alternative !== 'two-sided')
    throw new RangeError(
      `alternative must be one of greater, less, two-sided, got ${JSON.stringify(alternative)}`,
    );
}

/**
 * numpy's default (`method='linear'`) percentile of sorted values: position q·(m − 1), linear
 * interpolation between neighbours.
 */
function percentileSorted(sorted: Float64Array, q: number): number {
  const position = q * (sorted.length - 1);
  const lo = Math.floor(position);
  const hi = Math.min(lo + 1, sorted.length - 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (b - a) * (position - lo);
}

/** Options of {@link pairedBootstrap}. */
export interface BootstrapOptions {
  /** Number of resamples (integer ≥ 1); default 10 000. */
  resamples?: number;
  /** Seed of the resampling (any safe integer, recorded in the result); default 0. */
  seed?: number;
  /** Confidence level in (0, 1); default 0.95. */
  confidence?: number;
}

/** A percentile bootstrap interval of the mean, with what it takes to redraw it. */
export interface BootstrapInterval {
  /** Lower end, in the unit of the values. */
  low: number;
  /** Upper end, in the unit of the values. */
  high: number;
  /** Confidence level, e.g. 0.95. */
  confidence: number;
  /** Number of resamples. */
  resamples: number;
  /** Seed of `createRng` that drew the resample indices. */
  seed: number;
}

/**
 * Resample indices of the bootstrap: resample r, position j is `createRng(seed).int(n)` drawn
 * in row-major order (all n of resample 0, then resample 1, …).
 *
 * @param n - sample size (integer ≥ 1).
 * @param resamples - number of resamples (integer ≥ 1).
 * @param seed - RNG seed.
 * @returns `resamples × n` indices in [0, n), row-major.
 */
export function bootstrapIndices(n: number, resamples: number, seed: number): Uint32Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new RangeError(`resamples must be an integer ≥ 1, got ${resamples}`);
  const rng = createRng(seed);
  const out = new Uint32Array(n * resamples);
  for (let k = 0; k < out.length; k++) out[k] = rng.int(n);
  return out;
}

/**
 * Percentile bootstrap interval of the mean of paired differences (scipy.stats.bootstrap with
 * `method='percentile'`, the statistic `np.mean`): the means of `resamples` resamples drawn with
 * replacement ({@link bootstrapIndices}), then their (1 − c)/2 and (1 + c)/2 percentiles (numpy's
 * linear rule). The pairs are resampled whole, so each difference keeps its pairing.
 *
 * @param differences - one paired difference per repetition (finite, at least two, as scipy asks).
 * @param options - resamples, seed, confidence.
 * @returns the interval and the resampling it came from.
 * @throws RangeError for no or non-finite values, a bad count, seed or confidence.
 * @example
 * ```ts
 * pairedBootstrap([0.1, 0.2, 0.05, 0.15, 0.3], { seed: 7 }); // { low ≈ 0.09, high ≈ 0.25, … }
 * ```
 */
export function pairedBootstrap(
  differences: ArrayLike<number>,
  options: BootstrapOptions = {},
): BootstrapInterval {
  const { resamples = 10_000, seed = 0, confidence = 0.95 } = options;
  checkValues('differences', differences, 2);
  checkConfidence(confidence);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const n = differences.length;
  const indices = bootstrapIndices(n, resamples, seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += differences[indices[r * n + j] as number] as number;
    means[r] = s / n;
  }
  means.sort();
  return {
    low: percentileSorted(means, (1 - confidence) / 2),
    high: percentileSorted(means, (1 + confidence) / 2),
    confidence,
    resamples,
    seed,
  };
}

/** Result of an exact one-sample test on paired differences. */
export interface ExactTest {
  /** `'sign'` or `'wilcoxon'`. */
  test: 'sign' | 'wilcoxon';
  /** The side tested. */
  alternative: Alternative;
  /** Differences that are not zero (zeros are dropped, scipy's `zero_method='wilcox'`). */
  n: number;
  /** Sign test: positive differences; Wilcoxon: R⁺, the sum of the (mid)ranks of |d| with d > 0. */
  statistic: number;
  /** Exact p-value (1 when no difference is non-zero). */
  pValue: number;
}

function binomialPmf(n: number): Float64Array {
  const p = new Float64Array(n + 1);
  p[0] = 0.5 ** n;
  for (let k = 1; k <= n; k++) p[k] = ((p[k - 1] as number) * (n - k + 1)) / k;
  return p;
}

function tails(pmf: Float64Array, observed: number, alternative: Alternative): number {
  let upper = 0;
  let lower = 0;
  for (let k = 0; k < pmf.length; k++) {
    if (k >= observed) upper += pmf[k] as number;
    if (k <= observed) lower += pmf[k] as number;
  }
  const p =
    alternative === 'greater' ? upper : alternative === 'less' ? lower : 2 * Math.min(upper, lower);
  return Math.min(1, p);
}

/**
 * Exact sign test (scipy.stats.binomtest(k, n, 0.5)): k positive differences among the n
 * non-zero ones, Binomial(n, ½) under the null. For p = ½ the two-sided p-value is twice the
 * smaller tail, capped at 1.
 *
 * @param differences - paired differences (finite).
 * @param alternative - `'greater'` (differences tend to be positive, the default), `'less'` or `'two-sided'`.
 * @returns the count and the exact p-value.
 * @throws RangeError for no or non-finite values or a bad alternative.
 * @example
 * ```ts
 * signTest([1, 2, 3, 4, 5]).pValue; // 1/32
 * ```
 */
export function signTest(
  differences: ArrayLike<number>,
  alternative: Alternative = 'greater',
): ExactTest {
  checkValues('differences', differences);
  checkAlternative(alternative);
  let n = 0;
  let positive = 0;
  for (let i = 0; i < differences.length; i++) {
    const d = differences[i] as number;
    if (d !== 0) n += 1;
    if (d > 0) positive += 1;
  }
  const pValue = n === 0 ? 1 : tails(binomialPmf(n), positive, alternative);
  return { test: 'sign', alternative, n, statistic: positive, pValue };
}

/**
 * Exact Wilcoxon signed-rank test: zeros dropped (`zero_method='wilcox'`), |d| ranked with
 * midranks for ties, statistic R⁺. The null distribution of R⁺ (each rank's sign a fair coin)
 * is counted exactly on the doubled ranks, so ties are handled exactly too; without ties this
 * is scipy.stats.wilcoxon(method='exact'), with ties the exact permutation test
 * (scipy.stats.permutation_test, `permutation_type='samples'`).
 *
 * @param differences - paired differences (finite).
 * @param alternative - `'greater'` (the default), `'less'` or `'two-sided'`.
 * @returns R⁺ and the exact p-value.
 * @throws RangeError for no or non-finite values or a bad alternative.
 * @example
 * ```ts
 * wilcoxonSignedRank([0.1, 0.2, -0.05, 0.3, 0.4, 0.25]).pValue; // 2/64
 * ```
 */
export function wilcoxonSignedRank(
  differences: ArrayLike<number>,
  alternative: Alternative = 'greater',
): ExactTest {
  checkValues('differences', differences);
  checkAlternative(alternative);
  const nonZero: number[] = [];
  for (let i = 0; i < differences.length; i++) {
    const d = differences[i] as number;
    if (d !== 0) nonZero.push(d);
  }
  const n = nonZero.length;
  if (n === 0) return { test: 'wilcoxon', alternative, n, statistic: 0, pValue: 1 };
  const order = nonZero
    .map((_, i) => i)
    .sort((a, b) => Math.abs(nonZero[a] as number) - Math.abs(nonZero[b] as number));
  // Doubled midranks are integers: ranks i+1 … j share (i + 1 + j), i.e. twice their mean.
  const doubled = new Array<number>(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (
      j + 1 < n &&
      Math.abs(nonZero[order[j + 1] as number] as number) ===
        Math.abs(nonZero[order[i] as number] as number)
    )
      j += 1;
    for (let k = i; k <= j; k++) doubled[order[k] as number] = i + 1 + j + 1;
    i = j + 1;
  }
  let observed = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    total += doubled[i] as number;
    if ((nonZero[i] as number) > 0) observed += doubled[i] as number;
  }
  // P(2R⁺ = s) by adding one rank at a time, each in or out with probability ½.
  let dist = new Float64Array(total + 1);
  dist[0] = 1;
  let reach = 0;
  for (const r of doubled) {
    const next = new Float64Array(total + 1);
    for (let s = 0; s <= reach; s++) {
      const p = (dist[s] as number) / 2;
      if (p === 0) continue;
      next[s] = (next[s] as number) + p;
      next[s + r] = (next[s + r] as number) + p;
    }
    reach += r;
    dist = next;
  }
  return {
    test: 'wilcoxon',
    alternative,
    n,
    statistic: observed / 2,
    pValue: tails(dist, observed, alternative),
  };
}

/** Natural log of Γ(x), x > 0 (Lanczos, g = 7, 9 terms; relative error ≈ 1e-15). */
function logGamma(x: number): number {
  const c = [
    0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
    -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
    1.5056327351493116e-7,
  ];
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const y = x - 1;
  let a = c[0] as number;
  const t = y + 7.5;
  for (let i = 1; i < 9; i++) a += (c[i] as number) / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Continued fraction of the incomplete beta (modified Lentz). */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 500; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/** Regularised incomplete beta I_x(a, b) (scipy.special.betainc). */
function betainc(a: number, b: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(
    logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x),
  );
  return x < (a + 1) / (a + b + 2)
    ? (front * betaContinuedFraction(a, b, x)) / a
    : 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Student t CDF with `df` degrees of freedom (scipy.stats.t.cdf). */
function studentTCdf(t: number, df: number): number {
  const tail = 0.5 * betainc(df / 2, 0.5, df / (df + t * t));
  return t >= 0 ? 1 - tail : tail;
}

/**
 * Quantile of Student's t (scipy.stats.t.ppf), by bisection on the CDF to machine precision.
 *
 * @param p - probability in (0, 1).
 * @param df - degrees of freedom > 0.
 * @returns t with P(T ≤ t) = p.
 * @throws RangeError for p outside (0, 1) or df ≤ 0.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${String(p)}`);
  if (!(df > 0)) throw new RangeError(`df must be > 0, got ${String(df)}`);
  let lo = -1;
  let hi = 1;
  while (studentTCdf(lo, df) > p) lo *= 2;
  while (studentTCdf(hi, df) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15 * Math.max(1, Math.abs(lo)); i++) {
    const mid = (lo + hi) / 2;
    if (studentTCdf(mid, df) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * Quantile of the standard normal (scipy.special.ndtri): Acklam's rational approximation
 * (relative error < 1.2e-9).
 *
 * @param p - probability in (0, 1).
 * @returns z with Φ(z) = p.
 * @throws RangeError for p outside (0, 1).
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`p must be in (0, 1), got ${String(p)}`);
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972,
    -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734,
    4.374664141464968, 2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const poly = (k: number[], x: number) => k.reduce((acc, v) => acc * x + v, 0);
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(c, q) / (poly(d, q) * q + 1);
  }
  if (p > 1 - low) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(c, q) / (poly(d, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(a, r) * q) / (poly(b, r) * r + 1);
}

/** Pearson's r with its p-value and Fisher-z interval. */
export interface PearsonResult {
  /** Correlation coefficient in [−1, 1]. */
  r: number;
  /** Number of pairs. */
  n: number;
  /** Two-sided p-value of r = 0 (scipy.stats.pearsonr). */
  pValue: number;
  /** Fisher-z interval of r (scipy's `confidence_interval`). */
  low: number;
  high: number;
  /** Confidence level of the interval. */
  confidence: number;
}

/** Means and centred sums of squares and products of two equal-length samples. */
function centredSums(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
): { n: number; mx: number; my: number; sxx: number; sxy: number; syy: number } {
  const n = x.length;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += x[i] as number;
    my += y[i] as number;
  }
  mx /= n;
  my /= n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - mx;
    const dy = (y[i] as number) - my;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  return { n, mx, my, sxx, sxy, syy };
}

/**
 * Pearson's correlation (scipy.stats.pearsonr): r, the two-sided p-value from the exact
 * distribution of r under independence, r = ±1 aside (p = 0), and the interval
 * tanh(artanh r ± z/√(n − 3)) with z the normal (1 + c)/2 quantile.
 *
 * @param x - first variable (finite, n ≥ 4, not constant).
 * @param y - second variable, same length.
 * @param confidence - confidence level in (0, 1); default 0.95.
 * @returns r, p and the interval.
 * @throws RangeError for fewer than 4 pairs, unequal lengths, non-finite or constant input.
 * @example
 * ```ts
 * pearsonr([1, 2, 3, 4, 5], [2, 4, 5, 4, 5]).r; // 0.7746
 * ```
 */
export function pearsonr(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  confidence = 0.95,
): PearsonResult {
  checkValues('x', x, 4);
  checkValues('y', y, 4);
  checkConfidence(confidence);
  if (x.length !== y.length)
    throw new RangeError(`y must have the length of x (${x.length}), got ${y.length}`);
  const { n, sxx, sxy, syy } = centredSums(x, y);
  if (sxx === 0) throw new RangeError('x must not be constant (r is undefined)');
  if (syy === 0) throw new RangeError('y must not be constant (r is undefined)');
  const r = Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
  const pValue = Math.abs(r) === 1 ? 0 : betainc((n - 2) / 2, 0.5, 1 - r * r);
  const z = normalQuantile((1 + confidence) / 2);
  const centre = Math.atanh(r);
  const half = z / Math.sqrt(n - 3);
  return {
    r,
    n,
    pValue,
    low: Math.tanh(centre - half),
    high: Math.tanh(centre + half),
    confidence,
  };
}

/** A least-squares line with the slope's Student-t interval. */
export interface LineFit {
  /** Slope, in units of y per unit of x. */
  slope: number;
  /** Intercept, in units of y. */
  intercept: number;
  /** Standard error of the slope (scipy.stats.linregress's `stderr`). */
  stderr: number;
  /** Coefficient of determination. */
  r2: number;
  /** Interval of the slope: slope ± t_{(1+c)/2, n−2}·stderr. */
  low: number;
  high: number;
  /** Confidence level. */
  confidence: number;
  /** Number of points. */
  n: number;
}

/**
 * Least-squares line y ≈ intercept + slope·x with the slope's interval (scipy.stats.linregress,
 * then `slope ± t.ppf((1 + c)/2, n − 2)·stderr`).
 *
 * @param x - abscissae (finite, n ≥ 3, not all equal).
 * @param y - ordinates, same length.
 * @param confidence - confidence level in (0, 1); default 0.95.
 * @returns the fit and its interval.
 * @throws RangeError for fewer than 3 points, unequal lengths, non-finite or constant x.
 * @example
 * ```ts
 * lineFit([1, 2, 3, 4], [2.1, 3.9, 6.2, 7.8]).slope; // 1.94
 * ```
 */
export function lineFit(x: ArrayLike<number>, y: ArrayLike<number>, confidence = 0.95): LineFit {
  checkValues('x', x, 3);
  checkValues('y', y, 3);
  checkConfidence(confidence);
  if (x.length !== y.length)
    throw new RangeError(`y must have the length of x (${x.length}), got ${y.length}`);
  const { n, mx, my, sxx, sxy, syy } = centredSums(x, y);
  if (sxx === 0) throw new RangeError('x must not be constant (the slope is undefined)');
  const slope = sxy / sxx;
  const r2 = syy === 0 ? 1 : Math.min(1, (sxy * sxy) / (sxx * syy));
  const stderr = Math.sqrt(((1 - r2) * syy) / sxx / (n - 2));
  const t = studentTQuantile((1 + confidence) / 2, n - 2);
  return {
    slope,
    intercept: my - slope * mx,
    stderr,
    r2,
    low: slope - t * stderr,
    high: slope + t * stderr,
    confidence,
    n,
  };
}
