import { describeValue } from '@rectify/signal';
import { ExpansionAbortedError } from './errors';
import {
  addLines,
  BallOperator,
  type CutOperand,
  cutOperand,
  DenseLineAccumulator,
  energyAbove,
  filterLines,
  frequenciesOf,
  type Keying,
  LineAccumulator,
  lineEnergy,
  multiplyRows,
  multiplyRowsDense,
  type RawLines,
  scaleLines,
} from './line-kernels';
import { forEachCombination, LineSpectrum } from './line-spectrum';
import { chebyshevSqrtCoefficients, type ExpansionMethod, sqrtSeriesCoefficients } from './series';
import { checkTones, commonFundamental, type ResolvedTone, type Tone } from './tones';
import { checkInteger } from '@rectify/signal/validate';

/**
 * What an `AbortSignal` offers that the expansion reads (the DOM's and Node's `AbortSignal`
 * both fit; theory itself imports neither).
 */
export interface AbortSignalLike {
  /** True once the signal fired. */
  readonly aborted: boolean;
  /** Why it fired; kept as the `cause` of the {@link ExpansionAbortedError}. */
  readonly reason?: unknown;
}

/**
 * What a predictor's truncation left out, and a proven bound on it.
 *
 * The **untruncated result** is the same N-term expansion (same `terms`, `method`, `A`)
 * evaluated exactly in the line algebra, with `floor = 0` and no `maxOrder` or `maxFreq`. The
 * **energy** of a spectrum is its mean square over the torus of the base phases,
 * `E = c_0² + Σ_{k≠0} |c_k|²/2` (signal units²): the time-average power of the signal whenever
 * distinct keys are distinct frequencies (fundamental keying; incommensurate tones). The bound
 * is `energyBound >= E(untruncated − truncated)`, i.e. on the energy of everything the
 * truncation changed (lines dropped, and kept lines whose value moved).
 *
 * **Why it holds.** m = x²/A − 1 lies in [−1, 1] at every phase, because A >= (Σa_i)²/2 >= x²/2.
 * Write e_k for what step k of the evaluation drops (lines cut by `maxOrder`, lines under the
 * floor or above `maxFreq`). Horner (`p_k = m·p_{k+1} + c_k`) propagates it as
 * `p_0 − p̃_0 = Σ_k m^k e_k`; Clenshaw (`b_k = 2m·b_{k+1} − b_{k+2} + c_k`, result
 * `c_0 + m b_1 − b_2`) as `Σ_k T_k(m) e_k`, since `m·U_{k−1}(m) − U_{k−2}(m) = T_k(m)`. Both
 * factors are at most 1 in magnitude for |m| <= 1, and ‖f·g‖₂ <= ‖f‖₂·sup|g|, so the RMS of the
 * error is at most Σ_k ‖e_k‖₂ (triangle inequality). The floor and `maxFreq` parts of e_k are
 * measured exactly. The `maxOrder` part is never formed (that is the saving); it is the part of
 * `s·m·p` (s = 1 Horner, 2 Clenshaw) above the cut, an orthogonal projection of `s·m·p_hi`,
 * where p_hi holds the lines of p within max deg(m) of the cut (lower lines cannot cross it:
 * degrees are subadditive), so its RMS is at most `s·‖p_hi‖₂`. Since also
 * `m·p = x·(x·p)/A − p`, it is at most `s·(Σa_i)·‖q‖₂/A` with q the part of x·p above
 * `cut − max deg(x)` (computed, d lines of x per line of p_hi; sup|x| <= Σa_i); each step takes
 * the smaller of the two. The polynomial is then scaled
 * by `sqrt(A)` and, for ReLU, by (1 − α)/2; the lines the final floor / `maxFreq` pass drops
 * add their measured RMS. Hence
 * `rmsBound = |1−α|/2 · sqrt(A) · Σ_k (‖e_k^floor‖ + ‖e_k^freq‖ + cut_k) + ‖e_final‖`
 * (|1−α|/2 replaced by 1 for |x|) and `energyBound = rmsBound²`. Floating-point rounding
 * (about 1e-16 relative per operation) is not counted.
 */
export interface TruncationReport {
  /** The `maxOrder` used (Infinity: no order cut). */
  maxOrder: number;
  /** The amplitude floor used (signal units). */
  floor: number;
  /** The `maxFreq` used (Hz; Infinity: none). */
  maxFreq: number;
  /** Lines removed by the floor and `maxFreq` over all steps (the order cut forms none). */
  droppedLines: number;
  /** Upper bound on the RMS of (untruncated − this), signal units. */
  rmsBound: number;
  /** `rmsBound²`: upper bound on the energy of (untruncated − this), signal units². */
  energyBound: number;
  /** The estimate of {@link estimateLineCount} the budget was checked against (lines). */
  lineEstimate: number;
}

/** Options of {@link estimateLineCount}. */
export interface LineCountOptions {
  /** Number of terms N, integer >= 1; default 50. */
  terms?: number;
  /** The order cut (integer >= 0, or Infinity for none); default Infinity. */
  maxOrder?: number;
  /** Line keying, as in {@link PredictOptions}; default `'auto'`. */
  keyBy?: 'auto' | 'combination' | 'fundamental';
}

/** Number of vectors k ∈ Z^d with Σ|k_i| = r. */
function shellCount(d: number, r: number): number {
  if (r === 0) return 1;
  // Σ_j 2^j C(d, j) C(r−1, j−1): choose the j nonzero axes, their signs, and a composition of r.
  let total = 0;
  let cd = 1; // C(d, j)
  let cr = 1; // C(r − 1, j − 1)
  for (let j = 1; j <= Math.min(d, r); j++) {
    cd = (cd * (d - j + 1)) / j;
    if (j > 1) cr = (cr * (r - j + 1)) / (j - 1);
    total += 2 ** j * cd * cr;
  }
  return total;
}

/** Canonical (k ≡ −k) integer vectors of even order <= R in d dimensions. */
function evenLineCount(d: number, R: number): number {
  let vectors = 0;
  for (let r = 0; r <= R; r += 2) vectors += shellCount(d, r);
  return (vectors - 1) / 2 + 1;
}

/** The upper bound of {@link estimateLineCount} for resolved inputs. @internal */
export function lineCountBound(
  d: number,
  maxMultiple: number | null,
  terms: number,
  maxOrder: number,
): number {
  const R = Math.min(2 * (terms - 1), maxOrder);
  const even = R - (R % 2);
  if (maxMultiple !== null) return even * maxMultiple + 1 + d;
  return evenLineCount(d, even) + d;
}

/**
 * An upper bound on the number of lines the line expansion of ReLU, |x| or LeakyReLU holds at
 * its largest (every intermediate spectrum and the result), before any work: the number of
 * integer combinations it can reach.
 *
 * The polynomial in m = x²/A − 1 of degree N − 1 holds the combinations k with Σ|k_i| even and
 * <= R = min(2(N − 1), maxOrder); the input adds its d tones. In combination keying (d base
 * frequencies) that is `(#{k ∈ Z^d : Σ|k_i| even, <= R} − 1)/2 + 1 + d` (k and −k are one line),
 * which grows like R^d·2^(d−1)/d!; in fundamental keying (tone i at multiple n_i of f0) at most
 * `R·max n_i + 1 + d`. The floor usually keeps far fewer, but nothing smaller is guaranteed.
 *
 * @param tones - the input tones (freq Hz > 0, amp >= 0, phase rad).
 * @param options - `terms` (default 50), `maxOrder` (default Infinity), `keyBy` (default `'auto'`).
 * @returns the bound (lines); it can exceed 2^53 for many tones (then it is approximate).
 * @throws RangeError/TypeError for a bad tone list, terms, maxOrder or keyBy.
 * @example
 * ```ts
 * estimateLineCount([1, 2 ** 0.5, 3 ** 0.5].map((freq) => ({ freq, amp: 1 })), { terms: 20 }); // 19783
 * ```
 */
export function estimateLineCount(tones: readonly Tone[], options: LineCountOptions = {}): number {
  const list = checkTones('tones', tones);
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `options must be an object { terms?, maxOrder?, keyBy? }, got ${describeValue(options)}`,
    );
  }
  const terms = checkInteger('terms', options.terms ?? 50, 1, 10_000);
  const maxOrder = checkMaxOrder(options.maxOrder);
  const keyBy = resolveKeyBy(list, options.keyBy);
  return lineCountBound(list.length, maxMultipleOf(list, keyBy), terms, maxOrder);
}

/** Checks `maxOrder`: an integer >= 0 or Infinity (default). @internal */
export function checkMaxOrder(value: unknown): number {
  if (value === undefined || value === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
  return checkInteger('maxOrder', value, 0, 1_000_000);
}

/** Resolves `keyBy: 'auto'` and checks the choice. @internal */
export function resolveKeyBy(
  list: readonly ResolvedTone[],
  value: unknown,
): 'combination' | 'fundamental' {
  const choice = value ?? 'auto';
  if (choice !== 'auto' && choice !== 'combination' && choice !== 'fundamental') {
    throw new RangeError(
      `keyBy must be one of 'auto', 'combination', 'fundamental', got ${describeValue(choice)}`,
    );
  }
  if (choice !== 'auto') return choice;
  return commonFundamental(list.map((t) => t.freq)) === null ? 'combination' : 'fundamental';
}

/** The largest tone multiple in fundamental keying, null in combination keying. @internal */
export function maxMultipleOf(
  list: readonly ResolvedTone[],
  keyBy: 'combination' | 'fundamental',
): number | null {
  if (keyBy === 'combination') return null;
  const common = commonFundamental(list.map((t) => t.freq));
  if (common === null) {
    throw new RangeError(
      `tones must have rational frequency ratios (denominators <= 1000) for keyBy = 'fundamental', got frequencies [${list.map((t) => t.freq).join(', ')}] Hz`,
    );
  }
  return Math.max(...common.multiples);
}

/** A validated expansion, as the predictors resolve their options. @internal */
export interface ExpansionPlan {
  tones: ResolvedTone[];
  terms: number;
  A: number;
  floor: number;
  maxFreq: number;
  maxOrder: number;
  method: ExpansionMethod;
  keyBy: 'combination' | 'fundamental';
  lineEstimate: number;
  /**
   * The largest pair table of the sparse order-cut operators (8 bytes a pair); past it, steps
   * hash their products. Default {@link MAX_BALL_PAIRS}; tests lower it to check one path
   * against the other.
   */
  maxBallPairs?: number;
}

/** The largest (line, m line) pair table of a {@link BallOperator} (8 bytes a pair). */
export const MAX_BALL_PAIRS = 8_000_000;

function constantLines(value: number): RawLines {
  return { keys: new Float64Array(1), re: Float64Array.of(value), im: new Float64Array(1) };
}

/** Rows of the product kernel between two chances to stop (about 2^15 line pairs). */
const CHUNK_PAIRS = 1 << 15;

/** Running totals of what the truncation dropped. */
interface Tally {
  rms: number;
  dropped: number;
}

interface StepContext {
  keying: Keying;
  base: Float64Array;
  cut: number;
  m: RawLines;
  mCut: CutOperand | null;
  innerFloor: number;
  maxFreq: number;
  tally: Tally;
  /** Fundamental keying: one dense accumulator reused by every step. */
  dense: DenseLineAccumulator | null;
  /** Combination keying with an order cut: multiplication by m on the ball of the cut. */
  ball: BallOperator | null;
  /** With the ball: multiplication by x from the ball onto the shell of order cut + 1. */
  outward: BallOperator | null;
  /** x itself, its degrees, a bound on sup|x| (Σ a_i) and A, for the tighter cut bound. */
  x: RawLines;
  xCut: CutOperand;
  supX: number;
  A: number;
}

/**
 * One step of the evaluation: `factor·m·poly − minus + constant`, cut at the degree `cut` and
 * pruned; adds the step's error bound to the tally. Yields between chunks of rows.
 */
function* step(
  ctx: StepContext,
  poly: RawLines,
  factor: number,
  minus: RawLines | null,
  constant: number,
): Generator<void, RawLines, void> {
  const { m, mCut, keying, cut } = ctx;
  const n = poly.keys.length;
  let polyCut: CutOperand | null = null;
  let ballRows: Int32Array | null = null;
  if (mCut !== null) {
    if (ctx.ball !== null) {
      const gathered = ctx.ball.operandOf(poly, keying.d);
      polyCut = gathered.operand;
      ballRows = gathered.rows;
    } else {
      polyCut = cutOperand(keying, poly);
    }
    const reach = cut - mCut.maxDegree;
    let high = 0;
    for (let j = 0; j < poly.keys.length; j++) {
      if ((polyCut.degrees[j] as number) > reach) high += lineEnergy(poly, j, j + 1);
    }
    // sup |m| <= 1, so the part of factor·m·p_hi above the cut has RMS <= |factor|·‖p_hi‖.
    // Also m·p = x·(x·p)/A − p, and only q = (x·p)_{deg > cut − U} (U = max deg of x) can cross
    // the cut after one more x, so that part has RMS <= |factor|·sup|x|·‖q‖/A. Take the smaller.
    const U = ctx.xCut.maxDegree;
    let q: number;
    if (ctx.outward !== null && ballRows !== null) {
      const outward = ctx.outward;
      outward.begin();
      outward.multiplyRows(poly, ballRows, 1, 0, n);
      q = outward.energy();
    } else {
      q = energyAbove(keying, poly, polyCut, ctx.x, ctx.xCut, cut - U);
    }
    const viaX = (ctx.supX * Math.sqrt(q)) / ctx.A;
    ctx.tally.rms += Math.abs(factor) * Math.min(Math.sqrt(high), viaX);
  }
  const rows = Math.max(1, Math.floor(CHUNK_PAIRS / Math.max(1, m.keys.length)));
  let acc: LineAccumulator | DenseLineAccumulator;
  if (ctx.ball !== null && ballRows !== null) {
    const ball = ctx.ball;
    ball.begin();
    for (let p = 0; p < n; p += rows) {
      ball.multiplyRows(poly, ballRows, factor, p, Math.min(n, p + rows));
      yield;
    }
    if (minus !== null) ball.addLines(minus, -1);
    ball.addLines(constantLines(constant), 1);
    const pruned = pruneMeasured(ctx, ball.toLines(), ctx.innerFloor, ctx.maxFreq, true);
    ctx.tally.rms += Math.sqrt(pruned.droppedEnergy);
    ctx.tally.dropped += pruned.dropped;
    return pruned.lines;
  }
  if (ctx.dense !== null) {
    const dense = ctx.dense;
    dense.reset();
    for (let p = 0; p < n; p += rows) {
      multiplyRowsDense(dense, poly, m, factor, p, Math.min(n, p + rows), cut);
      yield;
    }
    acc = dense;
  } else {
    const hashed = new LineAccumulator(2 * n + m.keys.length);
    for (let p = 0; p < n; p += rows) {
      multiplyRows(hashed, poly, m, factor, p, Math.min(n, p + rows), cut, polyCut, mCut, keying);
      yield;
    }
    acc = hashed;
  }
  if (minus !== null) addLines(acc, minus, -1);
  acc.add(0, constant, 0);
  const summed = acc instanceof DenseLineAccumulator ? acc.toLines() : acc.view();
  const pruned = pruneMeasured(ctx, summed, ctx.innerFloor, ctx.maxFreq, true);
  ctx.tally.rms += Math.sqrt(pruned.droppedEnergy);
  ctx.tally.dropped += pruned.dropped;
  return pruned.lines;
}

function pruneMeasured(
  ctx: { keying: Keying; base: Float64Array },
  lines: RawLines,
  floor: number,
  maxFreq: number,
  inPlace = false,
): { lines: RawLines; dropped: number; droppedEnergy: number } {
  const freqs = Number.isFinite(maxFreq) ? frequenciesOf(ctx.keying, ctx.base, lines.keys) : null;
  const { re, im } = lines;
  const floor2 = floor * floor;
  return filterLines(
    lines,
    (j) =>
      !((re[j] as number) ** 2 + (im[j] as number) ** 2 < floor2) &&
      (freqs === null || Math.abs(freqs[j] as number) <= maxFreq),
    inPlace,
  );
}

/** The spectrum of x and the truncated polynomial P_N(m) with the RMS bound of its error. */
function* expandPolynomial(
  plan: ExpansionPlan,
): Generator<void, { x: LineSpectrum; poly: RawLines; tally: Tally }, void> {
  const x = LineSpectrum.fromTones(plan.tones, { keyBy: plan.keyBy });
  const mSpectrum = x
    .multiply(x)
    .scale(1 / plan.A)
    .addConstant(-1);
  const keying = x.keying;
  const degreeUnit = keying.fundamental ? Math.max(...(x.toneMultiples as number[])) : 1;
  // No key of the degree-(N−1) polynomial in m exceeds 2(N−1) degree units.
  const cut = Math.min(plan.maxOrder, 2 * (plan.terms - 1)) * degreeUnit;
  const m = mSpectrum.rawLines;
  const tally: Tally = { rms: 0, dropped: 0 };
  const ctx: StepContext = {
    keying,
    base: x.baseFrequencies,
    cut,
    m,
    mCut: plan.maxOrder < 2 * (plan.terms - 1) ? cutOperand(keying, m) : null,
    innerFloor: plan.floor / Math.sqrt(plan.A),
    maxFreq: plan.maxFreq,
    tally,
    dense: keying.fundamental ? new DenseLineAccumulator(cut) : null,
    ball: null,
    outward: null,
    x: x.rawLines,
    xCut: cutOperand(keying, x.rawLines),
    supX: plan.tones.reduce((sum, t) => sum + t.amp, 0),
    A: plan.A,
  };
  if (!keying.fundamental && ctx.mCut !== null) {
    const { d, radix } = keying;
    const even = cut - (cut % 2);
    // the canonical keys (key >= 0) of the combinations of even order <= the cut
    const ball = new LineAccumulator(1024);
    forEachCombination(d, even, (k, remaining) => {
      if (remaining % 2 !== 0) return;
      let key = 0;
      for (let i = d - 1; i >= 0; i--) key = key * radix + (k[i] as number);
      if (key >= 0) ball.add(key, 0, 0);
    });
    const maxPairs = plan.maxBallPairs ?? MAX_BALL_PAIRS;
    ctx.ball = BallOperator.build(keying, m, maxPairs, ball);
    if (ctx.ball !== null) {
      ctx.outward = BallOperator.buildShell(
        keying,
        x.rawLines,
        ctx.xCut,
        ctx.ball,
        even + 1,
        maxPairs,
      );
    }
  }
  const constant = constantLines;
  const N = plan.terms;
  if (plan.method === 'binomial') {
    const c = sqrtSeriesCoefficients(N);
    let poly = constant(c[N - 1] as number);
    for (let k = N - 2; k >= 0; k--) poly = yield* step(ctx, poly, 1, null, c[k] as number);
    return { x, poly, tally };
  }
  const c = chebyshevSqrtCoefficients(N);
  const empty: RawLines = {
    keys: new Float64Array(0),
    re: new Float64Array(0),
    im: new Float64Array(0),
  };
  let b1 = empty;
  let b2 = empty;
  for (let k = N - 1; k >= 1; k--) {
    const next = yield* step(ctx, b1, 2, b2, c[k] as number);
    b2 = b1;
    b1 = next;
  }
  const poly = yield* step(ctx, b1, 1, b2, c[0] as number);
  return { x, poly, tally };
}

/**
 * The truncated expansion of `gain·x + slope·|x|` (ReLU: 1/2, 1/2; LeakyReLU: (1+α)/2,
 * (1−α)/2; |x|: 0, 1), with its {@link TruncationReport}. `gain = 0` gives |x| and prunes the
 * result by the floor only (as {@link predictAbs} always has). Yields between chunks. @internal
 */
export function* expandActivation(
  plan: ExpansionPlan,
  gain: number,
  slope: number,
): Generator<void, LineSpectrum, void> {
  const { x, poly, tally } = yield* expandPolynomial(plan);
  const sqrtA = Math.sqrt(plan.A);
  const abs = scaleLines(poly, sqrtA);
  let lines: RawLines;
  let maxFreq = plan.maxFreq;
  if (gain === 0) {
    lines = abs;
    maxFreq = Number.POSITIVE_INFINITY;
  } else {
    const acc = new LineAccumulator(abs.keys.length + x.size);
    addLines(acc, x.rawLines, gain);
    addLines(acc, abs, slope);
    lines = acc.toLines();
  }
  const final = pruneMeasured(
    { keying: x.keying, base: x.baseFrequencies },
    lines,
    plan.floor,
    maxFreq,
  );
  const rmsBound = Math.abs(slope) * sqrtA * tally.rms + Math.sqrt(final.droppedEnergy);
  const report: TruncationReport = {
    maxOrder: plan.maxOrder,
    floor: plan.floor,
    maxFreq: plan.maxFreq,
    droppedLines: tally.dropped + final.dropped,
    rmsBound,
    energyBound: rmsBound * rmsBound,
    lineEstimate: plan.lineEstimate,
  };
  const order = Math.min(2 * (plan.terms - 1), plan.maxOrder) * x.maxOrder;
  return LineSpectrum.withLines(x, Math.max(x.maxOrder, order), final.lines, report);
}

function checkSignal(signal: AbortSignalLike | undefined, what: string): void {
  if (signal?.aborted) throw new ExpansionAbortedError(what, signal.reason);
}

/** Runs a chunked computation to its end, checking the signal between chunks. @internal */
export function runSync<T>(
  work: Generator<void, T, void>,
  signal: AbortSignalLike | undefined,
  what: string,
): T {
  checkSignal(signal, what);
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
    checkSignal(signal, what);
  }
}

declare function setTimeout(callback: () => void, ms: number): unknown;

/** Milliseconds of work between two returns to the event loop. */
const SLICE_MS = 20;

/**
 * Runs a chunked computation, returning to the event loop (a zero-delay timer, in a browser and
 * in Node) after every ~20 ms of work so that an abort, a Ctrl-C handler or a repaint can run;
 * the signal is checked after every chunk. @internal
 */
export async function runAsync<T>(
  work: Generator<void, T, void>,
  signal: AbortSignalLike | undefined,
  what: string,
): Promise<T> {
  checkSignal(signal, what);
  let sliceStart = Date.now();
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
    if (Date.now() - sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    }
    checkSignal(signal, what);
  }
}
