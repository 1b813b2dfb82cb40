import { checkFinite, checkOutBuffer, describeValue } from '@rectify/signal';
import { checkTones, type Tone } from './tones';
import { checkInteger, checkOneOf, checkArray } from '@rectify/signal/validate';

/** An exact rational number `numerator / denominator` (denominator > 0, fraction in lowest terms). */
export interface ExactRational {
  numerator: bigint;
  denominator: bigint;
}

/** Which polynomial in `m = x²/A − 1` approximates `sqrt(1 + m)`. */
export type ExpansionMethod = 'binomial' | 'chebyshev';

/** Every {@link ExpansionMethod}: the paper's binomial (Taylor) series first, then the Chebyshev fit. */
export const expansionMethods: readonly ExpansionMethod[] = ['binomial', 'chebyshev'];

/**
 * The expansion constant A (signal units squared): a number > 0, `'tones'` for the authors'
 * `(Σ|a_i|)²/2` of `options.tones`, or `'peak'` for `max(x²)/2` of the samples.
 */
export type AChoice = number | 'tones' | 'peak';

/** Options of {@link reluSeries}, {@link absSeries} and {@link absApproximation}. */
export interface SeriesOptions {
  /** Number of terms N (n = 0 … N−1), an integer >= 1. */
  terms: number;
  /** Expansion constant; default `'tones'` when `tones` is given, else `'peak'`. */
  A?: AChoice;
  /** The tone list behind `x`, needed for `A: 'tones'`. */
  tones?: readonly Tone[];
  /** Polynomial family; default `'binomial'` (`'chebyshev'` for {@link absApproximation}). */
  method?: ExpansionMethod;
  /** Caller-owned output buffer of the length of `x`. */
  out?: Float64Array;
}

const MAX_TERMS = 100_000;
const METHODS: readonly ExpansionMethod[] = ['binomial', 'chebyshev'];

function bigGcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * Coefficients of the binomial series `sqrt(1 + m) = Σ_k c_k m^k`, `c_k = binom(1/2, k)`,
 * computed by the recurrence `c_{k+1} = c_k · (1/2 − k) / (k + 1)` (c_0 = 1): every step
 * multiplies by a ratio of small exact integers, so the relative error grows only like k·ε.
 *
 * @param n - number of coefficients, integer in [1, 100000].
 * @param options - `{ exact: true }` returns exact rationals as BigInt pairs instead.
 * @returns c_0 … c_{n−1} as a `Float64Array`, or as `ExactRational[]` when `exact` is true.
 * @throws RangeError when `n` is not an integer in [1, 100000].
 * @example
 * ```ts
 * sqrtSeriesCoefficients(3); // Float64Array [1, 0.5, -0.125]
 * sqrtSeriesCoefficients(3, { exact: true })[2]; // { numerator: -1n, denominator: 8n }
 * ```
 */
export function sqrtSeriesCoefficients(n: number): Float64Array;
export function sqrtSeriesCoefficients(n: number, options: { exact: false }): Float64Array;
export function sqrtSeriesCoefficients(n: number, options: { exact: true }): ExactRational[];
export function sqrtSeriesCoefficients(
  n: number,
  options: { exact?: boolean } = {},
): Float64Array | ExactRational[] {
  checkInteger('n (number of coefficients)', n, 1, MAX_TERMS);
  if (options.exact === true) {
    const out: ExactRational[] = [{ numerator: 1n, denominator: 1n }];
    let num = 1n;
    let den = 1n;
    for (let k = 0; k < n - 1; k++) {
      num *= BigInt(1 - 2 * k);
      den *= BigInt(2 * (k + 1));
      const g = bigGcd(num, den);
      num /= g;
      den /= g;
      out.push({ numerator: num, denominator: den });
    }
    return out;
  }
  const c = new Float64Array(n);
  c[0] = 1;
  for (let k = 0; k < n - 1; k++) c[k + 1] = ((c[k] as number) * (1 - 2 * k)) / (2 * (k + 1));
  return c;
}

/**
 * Chebyshev coefficients of `sqrt(1 + m)` on m ∈ [−1, 1]: `sqrt(1 + m) = Σ_k b_k T_k(m)` with
 * `b_0 = 2√2/π` and `b_k = (4√2/π) · (−1)^(k+1) / (4k² − 1)`. Because `m = 2(x/R)² − 1` with
 * `R = sqrt(2A)`, `T_k(m) = T_{2k}(x/R)`: this is exactly the Chebyshev expansion of |x| on
 * [−R, R], an even polynomial, i.e. a polynomial in x².
 *
 * @param n - number of coefficients, integer in [1, 100000].
 * @returns b_0 … b_{n−1} (the k = 0 term is used whole, not halved).
 * @throws RangeError when `n` is not an integer in [1, 100000].
 * @example
 * ```ts
 * chebyshevSqrtCoefficients(2); // [0.9003…, 0.6002…]
 * ```
 */
export function chebyshevSqrtCoefficients(n: number): Float64Array {
  checkInteger('n (number of coefficients)', n, 1, MAX_TERMS);
  const b = new Float64Array(n);
  const s = (4 * Math.SQRT2) / Math.PI;
  b[0] = s / 2;
  for (let k = 1; k < n; k++) b[k] = ((k % 2 === 1 ? 1 : -1) * s) / (4 * k * k - 1);
  return b;
}

/**
 * Resolves and checks the expansion constant for samples `x`.
 *
 * @internal
 */
export function resolveA(x: ArrayLike<number>, A: unknown, tones: unknown): number {
  let peak = 0;
  for (let i = 0; i < x.length; i++) {
    const v = (x[i] as number) * (x[i] as number);
    if (v > peak) peak = v;
  }
  let value: number;
  if (A === 'peak') {
    value = peak / 2;
    if (!(value > 0)) {
      throw new RangeError(
        `A = 'peak' needs a sample x != 0 (A = max(x²)/2 must be > 0), got all-zero x`,
      );
    }
  } else if (A === 'tones') {
    if (tones === undefined) {
      throw new TypeError(`tones must be given when A = 'tones' (A = (Σ|a_i|)²/2), got undefined`);
    }
    const list = checkTones('tones', tones);
    let s = 0;
    for (const t of list) s += t.amp;
    value = (s * s) / 2;
    if (!(value > 0)) {
      throw new RangeError(
        `A = 'tones' needs a tone with amp > 0 (A = (Σ|a_i|)²/2 must be > 0), got A = 0`,
      );
    }
  } else if (typeof A === 'number') {
    value = checkFinite('A', A);
    if (!(value > 0)) throw new RangeError(`A must be a finite number > 0, got ${value}`);
  } else {
    throw new TypeError(`A must be a number > 0, 'tones' or 'peak', got ${describeValue(A)}`);
  }
  if (peak > 2 * value * (1 + 1e-12)) {
    throw new RangeError(
      `A must be >= max(x²)/2 = ${peak / 2} so that m = x²/A − 1 <= 1 (the series diverges where x² > 2A), got A = ${value}`,
    );
  }
  return value;
}

/** Validated inputs common to the sampled-series evaluators. @internal */
interface Prepared {
  x: ArrayLike<number>;
  terms: number;
  A: number;
  method: ExpansionMethod;
  out: Float64Array;
}

function prepare(x: unknown, options: unknown, defaultMethod: ExpansionMethod): Prepared {
  const samples = checkArray('x', x);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object { terms, A?, tones?, method?, out? }, got ${describeValue(options)}`,
    );
  }
  const o = options as SeriesOptions;
  const terms = checkInteger('terms', o.terms, 1, MAX_TERMS);
  const method = checkOneOf('method', o.method ?? defaultMethod, METHODS);
  const A = resolveA(samples, o.A ?? (o.tones === undefined ? 'peak' : 'tones'), o.tones);
  const out =
    checkOutBuffer(o.out, samples.length, `${samples.length} (the length of x)`) ??
    new Float64Array(samples.length);
  return { x: samples, terms, A, method, out };
}

/**
 * Writes sqrt(A)·P(x²/A − 1) into out (P the truncated polynomial for sqrt(1 + m)), or
 * (x + sqrt(A)·P)/2 when `relu`; each x[i] is read before out[i] is written, so out may alias x.
 */
function evaluate(p: Prepared, relu: boolean): Float64Array {
  const { x, terms, A, method, out } = p;
  const sqrtA = Math.sqrt(A);
  const wx = relu ? 0.5 : 0;
  const wa = relu ? 0.5 * sqrtA : sqrtA;
  const invA = 1 / A;
  const n = x.length;
  // Several samples per pass: independent recurrences hide the multiply-add latency that a
  // single Horner/Clenshaw chain is bound by (the loop is latency-, not throughput-limited).
  // Each sample still sees exactly the operations of its own chain, so the output is the same.
  const n4 = n - (n % 4);
  if (method === 'binomial') {
    const c = sqrtSeriesCoefficients(terms);
    const last = c[terms - 1] as number;
    const n8 = n - (n % 8);
    for (let i = 0; i < n8; i += 8) {
      const x0 = x[i] as number;
      const x1 = x[i + 1] as number;
      const x2 = x[i + 2] as number;
      const x3 = x[i + 3] as number;
      const x4 = x[i + 4] as number;
      const x5 = x[i + 5] as number;
      const x6 = x[i + 6] as number;
      const x7 = x[i + 7] as number;
      const m0 = x0 * x0 * invA - 1;
      const m1 = x1 * x1 * invA - 1;
      const m2 = x2 * x2 * invA - 1;
      const m3 = x3 * x3 * invA - 1;
      const m4 = x4 * x4 * invA - 1;
      const m5 = x5 * x5 * invA - 1;
      const m6 = x6 * x6 * invA - 1;
      const m7 = x7 * x7 * invA - 1;
      let a0 = last;
      let a1 = last;
      let a2 = last;
      let a3 = last;
      let a4 = last;
      let a5 = last;
      let a6 = last;
      let a7 = last;
      for (let k = terms - 2; k >= 0; k--) {
        const ck = c[k] as number;
        a0 = a0 * m0 + ck;
        a1 = a1 * m1 + ck;
        a2 = a2 * m2 + ck;
        a3 = a3 * m3 + ck;
        a4 = a4 * m4 + ck;
        a5 = a5 * m5 + ck;
        a6 = a6 * m6 + ck;
        a7 = a7 * m7 + ck;
      }
      out[i] = wx * x0 + wa * a0;
      out[i + 1] = wx * x1 + wa * a1;
      out[i + 2] = wx * x2 + wa * a2;
      out[i + 3] = wx * x3 + wa * a3;
      out[i + 4] = wx * x4 + wa * a4;
      out[i + 5] = wx * x5 + wa * a5;
      out[i + 6] = wx * x6 + wa * a6;
      out[i + 7] = wx * x7 + wa * a7;
    }
    for (let i = n8; i < n; i++) {
      const xi = x[i] as number;
      const m = xi * xi * invA - 1;
      let acc = last;
      for (let k = terms - 2; k >= 0; k--) acc = acc * m + (c[k] as number);
      out[i] = wx * xi + wa * acc;
    }
  } else {
    const b = chebyshevSqrtCoefficients(terms);
    const b0 = b[0] as number;
    for (let i = 0; i < n4; i += 4) {
      const x0 = x[i] as number;
      const x1 = x[i + 1] as number;
      const x2 = x[i + 2] as number;
      const x3 = x[i + 3] as number;
      const m0 = x0 * x0 * invA - 1;
      const m1 = x1 * x1 * invA - 1;
      const m2 = x2 * x2 * invA - 1;
      const m3 = x3 * x3 * invA - 1;
      let p0 = 0;
      let p1 = 0;
      let p2 = 0;
      let p3 = 0;
      let q0 = 0;
      let q1 = 0;
      let q2 = 0;
      let q3 = 0;
      for (let k = terms - 1; k >= 1; k--) {
        const bk = b[k] as number;
        const t0 = 2 * m0 * p0 - q0 + bk;
        const t1 = 2 * m1 * p1 - q1 + bk;
        const t2 = 2 * m2 * p2 - q2 + bk;
        const t3 = 2 * m3 * p3 - q3 + bk;
        q0 = p0;
        q1 = p1;
        q2 = p2;
        q3 = p3;
        p0 = t0;
        p1 = t1;
        p2 = t2;
        p3 = t3;
      }
      out[i] = wx * x0 + wa * (b0 + m0 * p0 - q0);
      out[i + 1] = wx * x1 + wa * (b0 + m1 * p1 - q1);
      out[i + 2] = wx * x2 + wa * (b0 + m2 * p2 - q2);
      out[i + 3] = wx * x3 + wa * (b0 + m3 * p3 - q3);
    }
    for (let i = n4; i < n; i++) {
      const xi = x[i] as number;
      const m = xi * xi * invA - 1;
      let b1 = 0;
      let b2 = 0;
      for (let k = terms - 1; k >= 1; k--) {
        const t = 2 * m * b1 - b2 + (b[k] as number);
        b2 = b1;
        b1 = t;
      }
      out[i] = wx * xi + wa * (b0 + m * b1 - b2);
    }
  }
  return out;
}

/**
 * The truncated binomial expansion of |x| on samples:
 * `|x| ≈ sqrt(A) · Σ_{n<N} c_n m^n`, `m = x²/A − 1`, evaluated by Horner's rule in m.
 *
 * @param x - samples (signal units), finite.
 * @param options - `terms` N >= 1; `A` (number > 0, `'tones'` with `tones`, or `'peak'`); `out`.
 * @returns the approximation of |x| (same units as x).
 * @throws RangeError when `terms` < 1, A <= 0, or some x² > 2A (the series diverges there).
 * @example
 * ```ts
 * absSeries(new Float64Array([0.5, -1]), { terms: 50, A: 'peak' }); // ≈ [0.5, 1]
 * ```
 */
export function absSeries(x: ArrayLike<number>, options: SeriesOptions): Float64Array {
  const p = prepare(x, options, 'binomial');
  return evaluate({ ...p, method: 'binomial' }, false);
}

/**
 * Polynomial approximation of |x| in powers of x² behind one interface: `'binomial'` is the
 * paper's Taylor series of `sqrt(1 + m)` about m = 0, `'chebyshev'` the truncated Chebyshev
 * expansion of |x| on [−R, R], R = sqrt(2A) (evaluated by Clenshaw's recurrence in
 * m = x²/A − 1 ∈ [−1, 1]). Both have degree N − 1 in m, so both contain the same
 * frequencies; Chebyshev spreads the error evenly instead of piling it at the zero crossings.
 *
 * @param x - samples (signal units), finite.
 * @param options - `terms` N >= 1; `method` (default `'chebyshev'`); `A`; `tones`; `out`.
 * @returns the approximation of |x|.
 * @throws RangeError for terms < 1, an unknown method, A <= 0 or some x² > 2A.
 * @example
 * ```ts
 * absApproximation(x, { terms: 20, method: 'chebyshev', A: 'peak' });
 * ```
 */
export function absApproximation(x: ArrayLike<number>, options: SeriesOptions): Float64Array {
  return evaluate(prepare(x, options, 'chebyshev'), false);
}

/**
 * The truncated ReLU expansion on samples: `ReLU(x) ≈ x/2 + (sqrt(A)/2) · P_N(x²/A − 1)`
 * with P_N the binomial (default) or Chebyshev polynomial for `sqrt(1 + m)`.
 *
 * @param x - samples (signal units), finite.
 * @param options - `terms` N >= 1; `A`; `tones`; `method` (default `'binomial'`); `out`.
 * @returns the approximation of max(0, x).
 * @throws RangeError for terms < 1, A <= 0, or some x² > 2A.
 * @example
 * ```ts
 * const y = reluSeries(x, { terms: 50, A: 'tones', tones });
 * ```
 */
export function reluSeries(x: ArrayLike<number>, options: SeriesOptions): Float64Array {
  return evaluate(prepare(x, options, 'binomial'), true);
}
