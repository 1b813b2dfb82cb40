import { freqz, checkFinite, describeValue } from '@rectify/signal';
import { meanAbsIndependent } from './bessel';
import { checkTones, commonFundamental, type ResolvedTone, type Tone } from './tones';
import { checkNonNegative, checkOneOf, checkPositive, checkArray } from '@rectify/signal/validate';

/** How {@link reluDc} computes the mean. */
export type DcMethod = 'auto' | 'exact' | 'period' | 'bessel';

/** Options of {@link reluDc}. */
export interface ReluDcOptions {
  /**
   * `'exact'`: a/π, one tone only. `'period'`: exact integration over the common period
   * (commensurate tones; uses the phases). `'bessel'`: the independent-phase Bessel integral
   * (incommensurate tones; phases do not matter). `'auto'` (default): exact for one tone, period
   * when the ratios are rational and the highest multiple of the fundamental is <= 10⁵,
   * Bessel otherwise.
   */
  method?: DcMethod;
  /** Largest denominator accepted for a frequency ratio (default 1000). */
  maxDenominator?: number;
}

const MAX_MULTIPLE = 100_000;

/** y(θ) = Σ a_i cos(n_i θ + φ_i) and derivatives for the period integration. */
function periodMeanAbs(amps: number[], multiples: number[], phases: number[]): number {
  const d = amps.length;
  const y = (theta: number): number => {
    let s = 0;
    for (let i = 0; i < d; i++)
      s += (amps[i] as number) * Math.cos((multiples[i] as number) * theta + (phases[i] as number));
    return s;
  };
  const dy = (theta: number): number => {
    let s = 0;
    for (let i = 0; i < d; i++) {
      const n = multiples[i] as number;
      s -= (amps[i] as number) * n * Math.sin(n * theta + (phases[i] as number));
    }
    return s;
  };
  const Y = (theta: number): number => {
    let s = 0;
    for (let i = 0; i < d; i++) {
      const n = multiples[i] as number;
      s += ((amps[i] as number) * Math.sin(n * theta + (phases[i] as number))) / n;
    }
    return s;
  };
  const K = Math.max(...multiples);
  const M = Math.max(512, 32 * K);
  const h = (2 * Math.PI) / M;
  const roots: number[] = [];
  let thetaLo = 0;
  let yLo = y(0);
  for (let j = 1; j <= M; j++) {
    const thetaHi = j * h;
    const yHi = y(thetaHi);
    if (yLo === 0) {
      roots.push(thetaLo);
    } else if ((yLo > 0 && yHi < 0) || (yLo < 0 && yHi > 0)) {
      roots.push(refineRoot(y, dy, thetaLo, thetaHi, yLo));
    }
    thetaLo = thetaHi;
    yLo = yHi;
  }
  if (roots.length === 0) return Math.abs(Y(2 * Math.PI) - Y(0)) / (2 * Math.PI);
  let total = 0;
  for (let j = 0; j < roots.length; j++) {
    const start = roots[j] as number;
    const end =
      j + 1 < roots.length ? (roots[j + 1] as number) : (roots[0] as number) + 2 * Math.PI;
    total += Math.abs(Y(end) - Y(start));
  }
  return total / (2 * Math.PI);
}

/** Safeguarded Newton on a sign-changing bracket [lo, hi]. */
function refineRoot(
  f: (t: number) => number,
  df: (t: number) => number,
  lo: number,
  hi: number,
  fLo: number,
): number {
  let t = 0.5 * (lo + hi);
  for (let iter = 0; iter < 100; iter++) {
    const ft = f(t);
    if (ft === 0) return t;
    if (ft > 0 === fLo > 0) lo = t;
    else hi = t;
    const slope = df(t);
    let next = slope !== 0 ? t - ft / slope : 0.5 * (lo + hi);
    if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
    if (Math.abs(next - t) <= 1e-15 * Math.max(1, Math.abs(t)) || hi - lo <= 1e-15) return next;
    t = next;
  }
  return t;
}

/**
 * The DC (time average) of ReLU of a tone sum x = Σ a_i cos(2π f_i t + φ_i). Because every tone
 * has zero mean, mean(ReLU(x)) = mean(x)/2 + mean(|x|)/2 = mean(|x|)/2.
 *
 * - one tone: exactly a/π;
 * - commensurate tones (f_i = n_i·f0): |x| integrated exactly over one common period — the
 *   zeros of x are found on a grid of 32·max n_i points per period and polished by safeguarded
 *   Newton, and x is integrated in closed form between them (error < 1e−12 relative);
 * - incommensurate tones: the phases are independent and uniform over a long time, so
 *   mean|x| = (2/π)∫_0^∞ (1 − Π J0(a_i u))/u² du (see {@link besselJ0}; error ~1e−10 relative).
 *
 * @param tones - non-empty; freq (Hz) finite > 0, distinct; amp finite >= 0; phase (rad).
 * @param options - `method` (default `'auto'`), `maxDenominator` for the ratio test.
 * @returns the DC of ReLU(x) in signal units.
 * @throws RangeError for a bad tone list, `'exact'` with several tones, or `'period'` with
 *   incommensurate tones.
 * @example
 * ```ts
 * reluDc([{ freq: 3, amp: 2 }]); // 2/π
 * ```
 */
export function reluDc(tones: readonly Tone[], options: ReluDcOptions = {}): number {
  const list = checkTones('tones', tones);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object { method?, maxDenominator? }, got ${describeValue(options)}`,
    );
  }
  const method = checkOneOf('method', options.method ?? 'auto', [
    'auto',
    'exact',
    'period',
    'bessel',
  ] as const);
  if (method === 'exact' || (method === 'auto' && list.length === 1)) {
    if (list.length !== 1) {
      throw new RangeError(
        `tones must hold exactly 1 tone for method = 'exact', got ${list.length}`,
      );
    }
    return (list[0] as ResolvedTone).amp / Math.PI;
  }
  if (method === 'bessel') return meanAbsIndependent(list.map((t) => t.amp)) / 2;
  const common = commonFundamental(
    list.map((t) => t.freq),
    { maxDenominator: options.maxDenominator ?? 1000 },
  );
  const usable = common !== null && Math.max(...common.multiples) <= MAX_MULTIPLE;
  if (method === 'period' && !usable) {
    throw new RangeError(
      `tones must be commensurate (rational frequency ratios, highest multiple <= ${MAX_MULTIPLE}) for method = 'period', got frequencies [${list.map((t) => t.freq).join(', ')}] Hz`,
    );
  }
  if (!usable || common === null) return meanAbsIndependent(list.map((t) => t.amp)) / 2;
  return (
    periodMeanAbs(
      list.map((t) => t.amp),
      common.multiples,
      list.map((t) => t.phase),
    ) / 2
  );
}

/**
 * The paper's first-order DC of ReLU: the constant term of the expansion, sqrt(A)/2, with the
 * authors' A = (Σ a_i)²/2 by default, i.e. Σ a_i / (2√2).
 *
 * @param tones - non-empty tone list.
 * @param options - `A`: a number > 0 (signal units squared) or `'tones'` (default).
 * @returns sqrt(A)/2 in signal units.
 * @throws RangeError for a bad tone list or A <= 0.
 * @example
 * ```ts
 * firstOrderDc([{ freq: 5, amp: 1 }]); // 1/(2√2) ≈ 0.354 (exact DC: 1/π ≈ 0.318)
 * ```
 */
export function firstOrderDc(
  tones: readonly Tone[],
  options: { A?: number | 'tones' } = {},
): number {
  const list = checkTones('tones', tones);
  let A: number;
  if (options.A === undefined || options.A === 'tones') {
    const s = list.reduce((acc, t) => acc + t.amp, 0);
    A = (s * s) / 2;
  } else {
    A = checkPositive('A', options.A);
  }
  return Math.sqrt(A) / 2;
}

/**
 * The pooled ReLU feature of the paper's minimal network (V.D): a filter with response H
 * followed by ReLU and global average pooling maps the tone amp·cos(2πft) to
 * amp·|H(f)|·cos(…) and then to the DC amp·|H(f)|/π. |H| is the same for convolution and for
 * Keras' cross-correlation (a reversed kernel only conjugates H up to a delay).
 *
 * @param kernel - FIR taps (finite, length >= 1).
 * @param freq - tone frequency in Hz, finite, 0 < freq <= fs/2.
 * @param amp - tone amplitude, finite >= 0.
 * @param fs - sampling rate in Hz, finite > 0.
 * @returns amp·|H(freq)|/π (signal units).
 * @throws RangeError/TypeError for a bad kernel, freq outside (0, fs/2], amp < 0 or fs <= 0.
 * @example
 * ```ts
 * dcAfterFilter([1, -1], 5, 1, 32); // 2·sin(π·5/32)/π
 * ```
 */
export function dcAfterFilter(
  kernel: ArrayLike<number>,
  freq: number,
  amp: number,
  fs: number,
): number {
  const taps = checkArray('kernel', kernel);
  const rate = checkPositive('fs (Hz)', fs);
  const f = checkFinite('freq (Hz)', freq);
  if (!(f > 0 && f <= rate / 2)) {
    throw new RangeError(`freq must be in (0, fs/2] = (0, ${rate / 2}] Hz, got ${f}`);
  }
  const a = checkNonNegative('amp', amp);
  const { h } = freqz(taps, [1], { worN: [f], fs: rate });
  return (a * Math.hypot(h[0] as number, h[1] as number)) / Math.PI;
}
