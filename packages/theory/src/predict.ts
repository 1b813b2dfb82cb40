import { checkFinite, describeValue } from '@rectify/signal';
import { type ActivationName, activationNames } from './activations';
import { forEachCombination, formatLabel, LineSpectrum } from './line-spectrum';
import { chebyshevSqrtCoefficients, type ExpansionMethod, sqrtSeriesCoefficients } from './series';
import { checkTones, commonFundamental, type ResolvedTone, type Tone } from './tones';
import { checkInteger, checkNonNegative, checkOneOf } from './validate';

/** Options of {@link predictRelu}, {@link predictAbs} and {@link predictLeakyRelu}. */
export interface PredictOptions {
  /** Number of terms N of the expansion (n = 0 … N−1), integer >= 1; default 50. */
  terms?: number;
  /** Expansion constant: a number >= (Σ a_i)²/2 or `'tones'` for exactly that; default `'tones'`. */
  A?: number | 'tones';
  /**
   * Amplitude floor (signal units, >= 0): lines of |x|'s expansion below `floor / sqrt(A)` are
   * dropped after every Horner step, and lines of the result below `floor` at the end. Default
   * `1e-9 · Σ a_i`.
   */
  floor?: number;
  /** Drop lines above this frequency (Hz) as they appear; default Infinity. */
  maxFreq?: number;
  /** `'binomial'` (the paper's series, default) or `'chebyshev'` (the better expansion). */
  method?: ExpansionMethod;
  /**
   * Line keying (see {@link LineSpectrum.fromTones}): `'auto'` (default) uses `'fundamental'`
   * when the tones are commensurate, else `'combination'`. Cost: fundamental keying stays at a
   * few hundred lines (V.A, 50 terms: 238 lines, ~10 ms); combination keying grows like
   * terms^d for d tones (3 incommensurate tones, 20 terms: ~7000 lines, ~0.2 s) — raise
   * `floor` or lower `maxFreq` for many tones or many terms.
   */
  keyBy?: 'auto' | 'combination' | 'fundamental';
}

interface Resolved {
  tones: ResolvedTone[];
  terms: number;
  A: number;
  floor: number;
  maxFreq: number;
  method: ExpansionMethod;
  keyBy: 'combination' | 'fundamental';
}

function resolve(tones: unknown, options: unknown): Resolved {
  const list = checkTones('tones', tones);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object { terms?, A?, floor?, maxFreq?, method? }, got ${describeValue(options)}`,
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
  const keyChoice = checkOneOf('keyBy', o.keyBy ?? 'auto', [
    'auto',
    'combination',
    'fundamental',
  ] as const);
  const keyBy =
    keyChoice === 'auto'
      ? commonFundamental(list.map((t) => t.freq)) === null
        ? 'combination'
        : 'fundamental'
      : keyChoice;
  return { tones: list, terms, A, floor, maxFreq, method, keyBy };
}

/** The line spectrum of |x| ≈ sqrt(A)·P_N(x²/A − 1) and of x itself. */
function absSpectrum(r: Resolved): { x: LineSpectrum; abs: LineSpectrum } {
  const x = LineSpectrum.fromTones(r.tones, { keyBy: r.keyBy });
  const sqrtA = Math.sqrt(r.A);
  const m = x
    .multiply(x)
    .scale(1 / r.A)
    .addConstant(-1)
    .prune({ maxFreq: r.maxFreq });
  const inner = { floor: r.floor / sqrtA, maxFreq: r.maxFreq };
  let poly: LineSpectrum;
  if (r.method === 'binomial') {
    const c = sqrtSeriesCoefficients(r.terms);
    poly = x.constantLike(c[r.terms - 1] as number);
    for (let k = r.terms - 2; k >= 0; k--) {
      poly = poly
        .multiply(m)
        .addConstant(c[k] as number)
        .prune(inner);
    }
  } else {
    // Clenshaw: b_k = 2m·b_{k+1} − b_{k+2} + c_k, result c_0 + m·b_1 − b_2.
    const c = chebyshevSqrtCoefficients(r.terms);
    const zero = x.constantLike(0);
    let b1 = zero;
    let b2 = zero;
    for (let k = r.terms - 1; k >= 1; k--) {
      const next = b1
        .multiply(m)
        .scale(2)
        .add(b2.scale(-1))
        .addConstant(c[k] as number)
        .prune(inner);
      b2 = b1;
      b1 = next;
    }
    poly = b1
      .multiply(m)
      .add(b2.scale(-1))
      .addConstant(c[0] as number)
      .prune(inner);
  }
  return { x, abs: poly.scale(sqrtA) };
}

/**
 * Predicts the line spectrum of |x| for a tone sum x, from the truncated expansion
 * `|x| ≈ sqrt(A) · P_N(m)`, `m = x²/A − 1`, evaluated by Horner's rule (binomial) or Clenshaw's
 * recurrence (Chebyshev) in the algebra of line spectra.
 *
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - see {@link PredictOptions}.
 * @returns the predicted spectrum; lines tagged with the integer combinations that produce them.
 * @throws RangeError for an empty/bad tone list, terms < 1, or A < (Σ a_i)²/2.
 * @example
 * ```ts
 * predictAbs([{ freq: 5, amp: 1 }], { terms: 30 }).dc; // ≈ 2/π
 * ```
 */
export function predictAbs(tones: readonly Tone[], options: PredictOptions = {}): LineSpectrum {
  const r = resolve(tones, options);
  return absSpectrum(r).abs.prune({ floor: r.floor });
}

/**
 * Predicts the line spectrum of ReLU(x) = x/2 + |x|/2 for a tone sum x: the input at half
 * amplitude, a DC, even harmonics and intermodulation lines `Σ k_i f_i` with Σ|k_i| even.
 *
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - see {@link PredictOptions} (`terms` default 50, `A` default `'tones'`).
 * @returns the predicted {@link LineSpectrum}; `.dc` is the predicted mean, `.byFrequency()`
 *   the lines merged per frequency.
 * @throws RangeError for an empty/bad tone list, terms < 1, A <= 0 or A < (Σ a_i)²/2.
 * @example
 * ```ts
 * const s = predictRelu([{ freq: 10, amp: 1 }, { freq: 5, amp: 1 }], { terms: 50 });
 * s.byFrequency().map((l) => [l.freq, l.amplitude, l.labels]);
 * ```
 */
export function predictRelu(tones: readonly Tone[], options: PredictOptions = {}): LineSpectrum {
  return predictLeaky(tones, options, 0);
}

/** Options of {@link predictLeakyRelu}. */
export interface PredictLeakyOptions extends PredictOptions {
  /** Negative slope α, finite; default 0.01. */
  alpha?: number;
}

function predictLeaky(
  tones: readonly Tone[],
  options: PredictOptions,
  alpha: number,
): LineSpectrum {
  const r = resolve(tones, options);
  const { x, abs } = absSpectrum(r);
  return x
    .scale((1 + alpha) / 2)
    .add(abs.scale((1 - alpha) / 2))
    .prune({ floor: r.floor, maxFreq: r.maxFreq });
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
  return predictLeaky(tones, options, alpha);
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
  switch (checkOneOf('name', name, activationNames)) {
    case 'relu':
      return predictRelu(tones, options);
    case 'leaky':
      return predictLeakyRelu(tones, options);
    case 'abs':
      return predictAbs(tones, options);
    default:
      return null;
  }
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
