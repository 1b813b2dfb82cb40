import { checkFinite, describeValue } from '@rectify/signal';
import { type ActivationName, activationNames } from './activations';
import { LineBudgetError } from './errors';
import {
  type AbortSignalLike,
  checkMaxOrder,
  type ExpansionPlan,
  expandActivation,
  lineCountBound,
  maxMultipleOf,
  resolveKeyBy,
  runAsync,
  runSync,
} from './expansion';
import { forEachCombination, formatLabel, type LineSpectrum } from './line-spectrum';
import type { ExpansionMethod } from './series';
import { checkTones, type ResolvedTone, type Tone } from './tones';
import { checkInteger, checkNonNegative, checkOneOf } from '@rectify/signal/validate';

/** Options of {@link predictRelu}, {@link predictAbs} and {@link predictLeakyRelu}. */
export interface PredictOptions {
  /** Number of terms N of the expansion (n = 0 … N−1), integer >= 1; default 50. */
  terms?: number;
  /** Expansion constant: a number >= (Σ a_i)²/2 or `'tones'` for exactly that; default `'tones'`. */
  A?: number | 'tones';
  /**
   * Amplitude floor (signal units, >= 0): lines of |x|'s expansion below `floor / sqrt(A)` are
   * dropped after every Horner step, and lines of the result below `floor` at the end. Default
   * `1e-9 · Σ a_i`. What it drops is bounded in the result's {@link LineSpectrum.truncation}.
   */
  floor?: number;
  /**
   * Drop lines above this frequency (Hz) after every step and at the end; default Infinity.
   * Counted in the truncation bound like the floor.
   */
  maxFreq?: number;
  /**
   * The order cut: product lines whose order Σ|k_i| exceeds it are never formed (the input's
   * own lines, order 1, always stay). In fundamental keying, where a line has no single order,
   * lines above `maxOrder · max n_i` multiples of f0 (the highest a combination of that order
   * reaches) are cut. Integer >= 0 or Infinity; default Infinity (no cut). The cost of many
   * incommensurate tones falls from ~(2N)^d/d! lines to ~maxOrder^d/d! (see
   * {@link estimateLineCount}); what the cut leaves out is bounded in
   * {@link LineSpectrum.truncation} (see {@link TruncationReport}).
   */
  maxOrder?: number;
  /**
   * The line budget: when {@link estimateLineCount} for these tones, terms and maxOrder exceeds
   * it, the predictor throws a {@link LineBudgetError} (with the estimate and a `maxOrder` and a
   * `terms` that fit) before any work, instead of running for minutes and out of memory. A line
   * costs about 100 bytes at the peak of a step. Integer >= 1 or Infinity; default 1 000 000.
   */
  maxLines?: number;
  /**
   * Stops the expansion between chunks of about 2^15 line products: the predictor throws (the
   * async ones reject with) an {@link ExpansionAbortedError}. Only the `…Async` predictors
   * return to the event loop, so only they see an abort fired while they run.
   */
  signal?: AbortSignalLike;
  /** `'binomial'` (the paper's series, default) or `'chebyshev'` (the better expansion). */
  method?: ExpansionMethod;
  /**
   * Line keying (see {@link LineSpectrum.fromTones}): `'auto'` (default) uses `'fundamental'`
   * when the tones are commensurate, else `'combination'`. Cost: fundamental keying stays at a
   * few hundred lines (V.A, 50 terms: 238 lines, ~2 ms); combination keying grows like
   * terms^d for d tones (3 incommensurate tones, 20 terms: ~7000 lines, ~80 ms) — set
   * `maxOrder` (with a stated bound) or raise `floor` for many tones or many terms.
   */
  keyBy?: 'auto' | 'combination' | 'fundamental';
}

/** The default line budget of the predictors (lines). */
export const defaultMaxLines = 1_000_000;

/** Validates a predictor's tones and options, checks the budget, and plans the expansion. @internal */
export function resolve(tones: unknown, options: unknown, what: string): ExpansionPlan {
  const list = checkTones('tones', tones);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object { terms?, A?, floor?, maxFreq?, maxOrder?, maxLines?, signal?, method?, keyBy? }, got ${describeValue(options)}`,
    );
  }
  const o = options as PredictOptions;
  const terms = checkInteger('terms', o.terms ?? 50, 1, 10_000);
  const method = checkOneOf('method', o.method ?? 'binomial', ['binomial', 'chebyshev'] as const);
  let sum = 0;
  for (const t of list) sum += t.amp;
  const minimum = (sum * sum) / 2;
  let A: number;
  if (o.A === undefined || o.A === 'tones') {
    A = minimum;
    if (!(A > 0))
      throw new RangeError(
        `A = 'tones' needs a tone with amp > 0 (A = (Σ|a_i|)²/2 must be > 0), got A = 0`,
      );
  } else if (typeof o.A === 'number') {
    A = checkFinite('A', o.A);
    if (!(A > 0)) throw new RangeError(`A must be a finite number > 0, got ${A}`);
    if (A < minimum * (1 - 1e-12)) {
      throw new RangeError(
        `A must be >= (Σ|a_i|)²/2 = ${minimum} so that x² <= 2A for every phase (the series diverges beyond), got A = ${A}`,
      );
    }
  } else {
    throw new TypeError(`A must be a number or 'tones', got ${describeValue(o.A)}`);
  }
  const floor = checkNonNegative('floor', o.floor ?? 1e-9 * sum);
  const maxFreq = o.maxFreq ?? Number.POSITIVE_INFINITY;
  if (typeof maxFreq !== 'number' || Number.isNaN(maxFreq) || !(maxFreq > 0)) {
    throw new RangeError(`maxFreq must be a number > 0 (Hz), got ${describeValue(maxFreq)}`);
  }
  const maxOrder = checkMaxOrder(o.maxOrder);
  const maxLines =
    o.maxLines === Number.POSITIVE_INFINITY
      ? Number.POSITIVE_INFINITY
      : checkInteger('maxLines', o.maxLines ?? defaultMaxLines, 1);
  const signal = o.signal;
  if (
    signal !== undefined &&
    (typeof signal !== 'object' || signal === null || !('aborted' in signal))
  ) {
    throw new TypeError(`signal must be an AbortSignal, got ${describeValue(signal)}`);
  }
  const keyBy = resolveKeyBy(list, o.keyBy);
  const maxMultiple = maxMultipleOf(list, keyBy);
  const d = list.length;
  // Keys pack k_i in balanced base 2^⌊52/d⌋ (at most 2^26): the highest order must fit a digit.
  const capacity = 2 ** (Math.min(26, Math.floor(52 / (maxMultiple === null ? d : 1))) - 1) - 1;
  const reach = Math.min(2 * (terms - 1), maxOrder) * (maxMultiple ?? 1);
  if (reach > capacity) {
    throw new RangeError(
      `terms and maxOrder must keep the expansion's order min(2(terms − 1), maxOrder)${maxMultiple === null ? '' : ` · ${maxMultiple}`} <= ${capacity} for ${d} tones in ${maxMultiple === null ? 'combination' : 'fundamental'} keying, got ${reach}; lower terms or set maxOrder`,
    );
  }
  const lineEstimate = lineCountBound(d, maxMultiple, terms, maxOrder);
  if (lineEstimate > maxLines)
    throw budgetError(what, d, maxMultiple, terms, maxOrder, maxLines, lineEstimate);
  return { tones: list, terms, A, floor, maxFreq, maxOrder, method, keyBy, lineEstimate };
}

function budgetError(
  what: string,
  d: number,
  maxMultiple: number | null,
  terms: number,
  maxOrder: number,
  maxLines: number,
  estimate: number,
): LineBudgetError {
  const count = (t: number, order: number) => lineCountBound(d, maxMultiple, t, order);
  let order = Math.min(2 * (terms - 1), maxOrder);
  order -= order % 2;
  while (order >= 0 && count(terms, order) > maxLines) order -= 2;
  let lo = 0;
  let hi = terms;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (count(mid, maxOrder) <= maxLines) lo = mid;
    else hi = mid - 1;
  }
  const keying = maxMultiple === null ? 'combination keying' : 'fundamental keying';
  const ways = [
    order >= 0 ? `maxOrder: ${order} (at most ${count(terms, order)} lines)` : null,
    lo >= 1 ? `terms: ${lo} (at most ${count(lo, maxOrder)} lines)` : null,
    'a larger maxLines',
  ].filter((w) => w !== null);
  return new LineBudgetError(
    `${what} would hold up to ${estimate.toPrecision(4).replace(/\.?0+$/, '')} lines (${d} tones, ${keying}, terms ${terms}, maxOrder ${maxOrder}), more than maxLines = ${maxLines}; lower the work with ${ways.join(', or ')}`,
    estimate,
    maxLines,
    order,
    lo,
  );
}

/**
 * Predicts the line spectrum of |x| for a tone sum x, from the truncated expansion
 * `|x| ≈ sqrt(A) · P_N(m)`, `m = x²/A − 1`, evaluated by Horner's rule (binomial) or Clenshaw's
 * recurrence (Chebyshev) in the algebra of line spectra.
 *
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - see {@link PredictOptions}.
 * @returns the predicted spectrum; lines tagged with the integer combinations that produce them,
 *   and `.truncation` the bound on what `floor`, `maxOrder` and `maxFreq` left out.
 * @throws RangeError for an empty/bad tone list, terms < 1, or A < (Σ a_i)²/2;
 *   {@link LineBudgetError} past `maxLines`; {@link ExpansionAbortedError} when `signal` fires.
 * @example
 * ```ts
 * predictAbs([{ freq: 5, amp: 1 }], { terms: 30 }).dc; // ≈ 2/π
 * ```
 */
export function predictAbs(tones: readonly Tone[], options: PredictOptions = {}): LineSpectrum {
  const plan = resolve(tones, options, 'predictAbs');
  return runSync(expandActivation(plan, 0, 1), options.signal, 'predictAbs');
}

/**
 * Predicts the line spectrum of ReLU(x) = x/2 + |x|/2 for a tone sum x: the input at half
 * amplitude, a DC, even harmonics and intermodulation lines `Σ k_i f_i` with Σ|k_i| even.
 *
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - see {@link PredictOptions} (`terms` default 50, `A` default `'tones'`,
 *   `maxOrder` default Infinity, `maxLines` default 1 000 000).
 * @returns the predicted {@link LineSpectrum}; `.dc` is the predicted mean, `.byFrequency()`
 *   the lines merged per frequency, `.truncation` the bound on what the truncation left out.
 * @throws RangeError for an empty/bad tone list, terms < 1, A <= 0 or A < (Σ a_i)²/2;
 *   {@link LineBudgetError} past `maxLines`; {@link ExpansionAbortedError} when `signal` fires.
 * @example
 * ```ts
 * const s = predictRelu([{ freq: 10, amp: 1 }, { freq: 5, amp: 1 }], { terms: 50 });
 * s.byFrequency().map((l) => [l.freq, l.amplitude, l.labels]);
 * ```
 */
export function predictRelu(tones: readonly Tone[], options: PredictOptions = {}): LineSpectrum {
  const plan = resolve(tones, options, 'predictRelu');
  return runSync(expandActivation(plan, 0.5, 0.5), options.signal, 'predictRelu');
}

/**
 * {@link predictRelu} that returns to the event loop every ~20 ms of work, so that its
 * `signal` can stop it while it runs (the promise then rejects with an
 * {@link ExpansionAbortedError}); same options, result and errors.
 *
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - see {@link PredictOptions}.
 * @returns a promise of the predicted {@link LineSpectrum}.
 * @throws (rejects with) as {@link predictRelu}.
 * @example
 * ```ts
 * const controller = new AbortController();
 * process.once('SIGINT', () => controller.abort());
 * const s = await predictReluAsync(tones, { terms: 20, maxOrder: 8, signal: controller.signal });
 * ```
 */
export async function predictReluAsync(
  tones: readonly Tone[],
  options: PredictOptions = {},
): Promise<LineSpectrum> {
  const plan = resolve(tones, options, 'predictRelu');
  return runAsync(expandActivation(plan, 0.5, 0.5), options.signal, 'predictRelu');
}

/** Options of {@link predictLeakyRelu}. */
export interface PredictLeakyOptions extends PredictOptions {
  /** Negative slope α, finite; default 0.01. */
  alpha?: number;
}

/**
 * Predicts the line spectrum of LeakyReLU_α(x) = ((1+α)/2)·x + ((1−α)/2)·|x| for a tone sum.
 *
 * @param tones - the input tones.
 * @param options - {@link PredictOptions} plus `alpha` (negative slope, finite, default 0.01).
 * @returns the predicted {@link LineSpectrum}.
 * @throws RangeError as {@link predictRelu}, or for a non-finite alpha.
 * @example
 * ```ts
 * predictLeakyRelu([{ freq: 5, amp: 1 }], { alpha: 0.2 }).dc; // ≈ 0.8/π
 * ```
 */
export function predictLeakyRelu(
  tones: readonly Tone[],
  options: PredictLeakyOptions = {},
): LineSpectrum {
  const alpha = checkFinite('alpha', options.alpha ?? 0.01);
  const plan = resolve(tones, options, 'predictLeakyRelu');
  return runSync(
    expandActivation(plan, (1 + alpha) / 2, (1 - alpha) / 2),
    options.signal,
    'predictLeakyRelu',
  );
}

/**
 * Predicts the output line spectrum of a named activation for a tone sum, where the theory has a
 * series for it: {@link predictRelu} for `'relu'`, {@link predictLeakyRelu} for `'leaky'`,
 * {@link predictAbs} for `'abs'`. GELU, SiLU and tanh have none: their spectrum can only be
 * measured (see {@link activationSpectrum}).
 *
 * @param name - one of {@link activationNames}.
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - {@link PredictOptions}, plus `alpha` (the negative slope, used by `'leaky'`).
 * @returns the predicted {@link LineSpectrum}, or null for `'gelu'`, `'silu'` and `'tanh'`.
 * @throws RangeError for an unknown name, or as the predictor chosen.
 * @example
 * ```ts
 * predictActivation('abs', [{ freq: 5, amp: 1 }], { terms: 30 })?.dc; // ≈ 2/π
 * predictActivation('gelu', [{ freq: 5, amp: 1 }]); // null
 * ```
 */
export function predictActivation(
  name: ActivationName,
  tones: readonly Tone[],
  options: PredictLeakyOptions = {},
): LineSpectrum | null {
  const work = activationWork(name, tones, options);
  return work === null ? null : runSync(work.run, options.signal, work.what);
}

/**
 * {@link predictActivation} that returns to the event loop every ~20 ms of work, so that its
 * `signal` can stop it while it runs (the promise rejects with an {@link ExpansionAbortedError}).
 *
 * @param name - one of {@link activationNames}.
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - {@link PredictOptions}, plus `alpha` (used by `'leaky'`).
 * @returns a promise of the predicted {@link LineSpectrum}, or of null for `'gelu'`, `'silu'`
 *   and `'tanh'`.
 * @throws (rejects with) as {@link predictActivation}.
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = predictActivationAsync('abs', tones, { terms: 20, signal: controller.signal });
 * ```
 */
export async function predictActivationAsync(
  name: ActivationName,
  tones: readonly Tone[],
  options: PredictLeakyOptions = {},
): Promise<LineSpectrum | null> {
  const work = activationWork(name, tones, options);
  return work === null ? null : runAsync(work.run, options.signal, work.what);
}

function activationWork(
  name: ActivationName,
  tones: readonly Tone[],
  options: PredictLeakyOptions,
): { run: Generator<void, LineSpectrum, void>; what: string } | null {
  const kind = checkOneOf('name', name, activationNames);
  if (kind !== 'relu' && kind !== 'leaky' && kind !== 'abs') return null;
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object, got ${describeValue(options)}`);
  }
  const what =
    kind === 'relu' ? 'predictRelu' : kind === 'leaky' ? 'predictLeakyRelu' : 'predictAbs';
  const alpha = kind === 'leaky' ? checkFinite('alpha', options.alpha ?? 0.01) : 0;
  const plan = resolve(tones, options, what);
  const [gain, slope] = kind === 'abs' ? [0, 1] : [(1 + alpha) / 2, (1 - alpha) / 2];
  return { run: expandActivation(plan, gain, slope), what };
}

/** One frequency ReLU can create, with the combinations that land on it. */
export interface NewFrequency {
  /** Frequency in Hz, >= 0. */
  freq: number;
  /** True when it coincides with an input tone's frequency (commensurate tones). */
  coincidesWithInput: boolean;
  /** The integer combinations Σ k_i f_i (Σ|k_i| even, <= order) producing it, lowest order first. */
  combinations: { k: number[]; order: number; label: string }[];
}

/**
 * Lists the frequencies the expansion of ReLU can create up to an order: every m^n is a product
 * of 2n cosines, so the new lines are `Σ k_i f_i >= 0` with Σ|k_i| even and <= `order`
 * (DC, even harmonics, intermodulation).
 *
 * @param tones - the input tones (only freq is used).
 * @param order - the largest Σ|k_i|, integer in [0, 64].
 * @returns distinct frequencies sorted ascending, each with its combinations.
 * @throws RangeError for a bad tone list, a bad order, or more than 2·10⁶ combinations.
 * @example
 * ```ts
 * newFrequencies([{ freq: 5, amp: 1 }, { freq: 7, amp: 1 }], 2).map((f) => f.freq); // [0, 2, 10, 12, 14]
 * ```
 */
export function newFrequencies(tones: readonly Tone[], order: number): NewFrequency[] {
  const list = checkTones('tones', tones);
  checkInteger('order', order, 0, 64);
  const d = list.length;
  const combos: { k: number[]; order: number; f: number }[] = [];
  forEachCombination(d, order, (k, remaining) => {
    if (combos.length > 2_000_000) {
      throw new RangeError(
        `order must keep the number of combinations <= 2e6 for ${d} tones, got order ${order}`,
      );
    }
    const used = order - remaining;
    if (used % 2 !== 0) return;
    let f = 0;
    for (let j = 0; j < d; j++) f += (k[j] as number) * (list[j] as ResolvedTone).freq;
    let lastNonZero = 0;
    for (let j = d - 1; j >= 0; j--) {
      if (k[j] !== 0) {
        lastNonZero = k[j] as number;
        break;
      }
    }
    if (lastNonZero < 0) return;
    combos.push({ k: f < 0 ? k.map((v) => -v) : k.slice(), order: used, f: Math.abs(f) });
  });
  const fmax = Math.max(...list.map((t) => t.freq));
  const tol = 1e-9 * fmax;
  combos.sort((a, b) => a.f - b.f || a.order - b.order);
  const out: NewFrequency[] = [];
  for (const c of combos) {
    const label = formatLabel(c.k);
    const last = out[out.length - 1];
    if (last !== undefined && Math.abs(last.freq - c.f) <= tol) {
      last.combinations.push({ k: c.k, order: c.order, label });
    } else {
      out.push({
        freq: c.f <= tol ? 0 : c.f,
        coincidesWithInput: list.some((t) => Math.abs(t.freq - c.f) <= tol),
        combinations: [{ k: c.k, order: c.order, label }],
      });
    }
  }
  return out;
}
