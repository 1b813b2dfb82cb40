/**
 * The storage and kernels of the line algebra: lines in flat typed arrays, an open-addressing
 * hash accumulator keyed by the packed integer combination, and the product kernel, run in row
 * chunks so that a long expansion can stop between them.
 *
 * A line is a key (the integer combination k packed in balanced base `radix`:
 * `key = Σ_i k_i · radix^i`, an exact integer below 2^52) and a complex amplitude `re + i·im`
 * standing for `Re((re + i·im) · e^{i Σ k_i θ_i})`. Keys are canonical (>= 0): a line with a
 * negative key is stored at −key with the conjugate amplitude, and the line at key 0 (DC) is real.
 *
 * @internal
 */

/** Lines as parallel arrays of one length: canonical keys and complex amplitudes. @internal */
export interface RawLines {
  readonly keys: Float64Array;
  readonly re: Float64Array;
  readonly im: Float64Array;
}

/** 2^−26: multiplying by it is exact. */
const TWO_POW_MINUS_26 = 1.4901161193847656e-8;
const TWO_POW_26 = 67108864;

/**
 * The table slot of an integer key in [0, 2^53): Fibonacci hashing (Knuth) of its low 26 bits
 * XOR a multiple of its high bits, keeping the top `32 − shift` bits of the product, so that
 * keys that differ only in high digits spread well. The split is exact float arithmetic, which
 * keeps both halves in int32 range (a `| 0` of a larger double takes V8's slow path).
 */
function slotOf(key: number, shift: number): number {
  const high = Math.floor(key * TWO_POW_MINUS_26);
  const low = key - high * TWO_POW_26;
  return Math.imul((low | 0) ^ Math.imul(high | 0, 0x85ebca6b), 0x9e3779b1) >>> shift;
}

/**
 * Sums (key, re, im) triples into distinct canonical keys: an open-addressing table (linear
 * probing, load <= 1/2) of indices into dense typed arrays, both grown by doubling. Lines keep
 * the order in which their keys first arrived. @internal
 */
export class LineAccumulator {
  keys: Float64Array;
  re: Float64Array;
  im: Float64Array;
  size = 0;
  private table: Int32Array;
  private mask: number;
  private shift: number;

  /** @param expected - a guess of the number of distinct keys (sizes the first allocation). */
  constructor(expected = 8) {
    let slots = 16;
    let shift = 28;
    while (slots < 2 * expected && shift > 2) {
      slots *= 2;
      shift--;
    }
    this.table = new Int32Array(slots).fill(-1);
    this.mask = slots - 1;
    this.shift = shift;
    const dense = Math.max(8, expected);
    this.keys = new Float64Array(dense);
    this.re = new Float64Array(dense);
    this.im = new Float64Array(dense);
  }

  add(key: number, re: number, im: number): void {
    if (key <= 0) {
      if (key === 0) {
        im = 0;
      } else {
        key = -key;
        im = -im;
      }
    }
    const table = this.table;
    const mask = this.mask;
    let slot = slotOf(key, this.shift);
    for (;;) {
      const at = table[slot] as number;
      if (at < 0) break;
      if (this.keys[at] === key) {
        this.re[at] = (this.re[at] as number) + re;
        this.im[at] = (this.im[at] as number) + im;
        return;
      }
      slot = (slot + 1) & mask;
    }
    const at = this.size;
    if (at === this.keys.length) this.growDense();
    this.keys[at] = key;
    this.re[at] = re;
    this.im[at] = im;
    table[slot] = at;
    this.size = at + 1;
    if (2 * this.size > table.length) this.rehash();
  }

  /** The index of a canonical key (>= 0) in insertion order, or −1 when absent. */
  indexOf(key: number): number {
    const table = this.table;
    const mask = this.mask;
    let slot = slotOf(key, this.shift);
    for (;;) {
      const at = table[slot] as number;
      if (at < 0 || this.keys[at] === key) return at;
      slot = (slot + 1) & mask;
    }
  }

  private growDense(): void {
    const n = 2 * this.keys.length;
    const grow = (a: Float64Array): Float64Array => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.keys = grow(this.keys);
    this.re = grow(this.re);
    this.im = grow(this.im);
  }

  private rehash(): void {
    const slots = 2 * this.table.length;
    const table = new Int32Array(slots).fill(-1);
    const mask = slots - 1;
    const shift = this.shift - 1;
    for (let at = 0; at < this.size; at++) {
      let slot = slotOf(this.keys[at] as number, shift);
      while ((table[slot] as number) >= 0) slot = (slot + 1) & mask;
      table[slot] = at;
    }
    this.table = table;
    this.mask = mask;
    this.shift = shift;
  }

  /** The accumulated lines, copied to arrays of exact length. */
  toLines(): RawLines {
    const n = this.size;
    return { keys: this.keys.slice(0, n), re: this.re.slice(0, n), im: this.im.slice(0, n) };
  }

  /** The accumulated lines as views of the accumulator's arrays (no copy; the end of its use). */
  view(): RawLines {
    const n = this.size;
    return {
      keys: this.keys.subarray(0, n),
      re: this.re.subarray(0, n),
      im: this.im.subarray(0, n),
    };
  }
}

/**
 * The accumulator of fundamental keying, where keys are small integers (multiples of f0): the
 * sums live at their key in dense arrays, and the keys in the order they first arrived. @internal
 */
export class DenseLineAccumulator {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly seen: Uint8Array;
  readonly order: Int32Array;
  size = 0;

  /** @param maxKey - the largest |key| that will be added. */
  constructor(maxKey: number) {
    this.re = new Float64Array(maxKey + 1);
    this.im = new Float64Array(maxKey + 1);
    this.seen = new Uint8Array(maxKey + 1);
    this.order = new Int32Array(maxKey + 1);
  }

  add(key: number, re: number, im: number): void {
    if (key < 0) {
      key = -key;
      im = -im;
    }
    if (this.seen[key] === 0) {
      this.seen[key] = 1;
      this.order[this.size++] = key;
    }
    this.re[key] = (this.re[key] as number) + re;
    this.im[key] = (this.im[key] as number) + im;
  }

  /** Empties the accumulator for reuse (clears only the keys it holds). */
  reset(): void {
    for (let j = 0; j < this.size; j++) {
      const key = this.order[j] as number;
      this.re[key] = 0;
      this.im[key] = 0;
      this.seen[key] = 0;
    }
    this.size = 0;
  }

  /** The accumulated lines in first-arrival order (the DC line real). */
  toLines(): RawLines {
    const n = this.size;
    const keys = new Float64Array(n);
    const re = new Float64Array(n);
    const im = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const key = this.order[j] as number;
      keys[j] = key;
      re[j] = this.re[key] as number;
      im[j] = key === 0 ? 0 : (this.im[key] as number);
    }
    return { keys, re, im };
  }
}

/**
 * {@link multiplyRows} for fundamental keying: keys are multiples n >= 0 of f0, the degree is
 * the key, and product lines above `cut` are not formed. @internal
 */
export function multiplyRowsDense(
  acc: DenseLineAccumulator,
  a: RawLines,
  b: RawLines,
  factor: number,
  from: number,
  to: number,
  cut = Number.POSITIVE_INFINITY,
): void {
  const ak = a.keys;
  const ar = a.re;
  const ai = a.im;
  const bk = b.keys;
  const br = b.re;
  const bi = b.im;
  const nb = bk.length;
  const half = 0.5 * factor;
  const sumRe = acc.re;
  const sumIm = acc.im;
  const seen = acc.seen;
  const order = acc.order;
  for (let p = from; p < to; p++) {
    const sa = ak[p] as number;
    const xr = half * (ar[p] as number);
    const xi = half * (ai[p] as number);
    for (let q = 0; q < nb; q++) {
      const sb = bk[q] as number;
      const yr = br[q] as number;
      const yi = bi[q] as number;
      const up = sa + sb;
      if (up <= cut) {
        if (seen[up] === 0) {
          seen[up] = 1;
          order[acc.size++] = up;
        }
        sumRe[up] = (sumRe[up] as number) + (xr * yr - xi * yi);
        sumIm[up] = (sumIm[up] as number) + (xr * yi + xi * yr);
      }
      let down = sa - sb;
      let conj = 1;
      if (down < 0) {
        down = -down;
        conj = -1;
      }
      if (down <= cut) {
        if (seen[down] === 0) {
          seen[down] = 1;
          order[acc.size++] = down;
        }
        sumRe[down] = (sumRe[down] as number) + (xr * yr + xi * yi);
        sumIm[down] = (sumIm[down] as number) + conj * (xi * yr - xr * yi);
      }
    }
  }
}

/** The largest key of some lines (0 when there are none). @internal */
export function maxKeyOf(lines: RawLines): number {
  let max = 0;
  for (const k of lines.keys) if (k > max) max = k;
  return max;
}

/** Copies lines into an accumulator sized for them plus `extra` keys. @internal */
export function accumulatorOf(lines: RawLines, extra = 0): LineAccumulator {
  const acc = new LineAccumulator(lines.keys.length + extra);
  addLines(acc, lines, 1);
  return acc;
}

/** Adds `factor` times every line into an accumulator. @internal */
export function addLines(
  acc: LineAccumulator | DenseLineAccumulator,
  lines: RawLines,
  factor: number,
): void {
  const { keys, re, im } = lines;
  for (let j = 0; j < keys.length; j++) {
    acc.add(keys[j] as number, factor * (re[j] as number), factor * (im[j] as number));
  }
}

/**
 * The mean square of the signal the lines stand for, over the torus of their base phases:
 * `Σ_{k≠0} |c_k|²/2 + c_0²` (signal units²). It is the signal's time-average power whenever
 * distinct keys are distinct frequencies (always in fundamental keying; for incommensurate base
 * frequencies in combination keying). @internal
 */
export function lineEnergy(lines: RawLines, from = 0, to = lines.keys.length): number {
  const { keys, re, im } = lines;
  let e = 0;
  for (let j = from; j < to; j++) {
    const r = re[j] as number;
    e += keys[j] === 0 ? r * r : 0.5 * (r * r + (im[j] as number) ** 2);
  }
  return e;
}

/**
 * How a keying measures the "degree" of a key for the `maxOrder` cut: in combination keying the
 * order Σ|k_i| (from the balanced digits), in fundamental keying the multiple |n| of f0 itself.
 * Both are subadditive: deg(a ± b) <= deg(a) + deg(b). @internal
 */
export interface Keying {
  /** Number of base frequencies d. */
  readonly d: number;
  /** The packing radix (a power of two). */
  readonly radix: number;
  /** True in fundamental keying (d = 1, the degree is the key). */
  readonly fundamental: boolean;
}

/** The balanced digits k_0 … k_{d−1} of every key, flat (line j at j·d). @internal */
export function digitsOf(keying: Keying, keys: Float64Array): Int32Array {
  const { d, radix } = keying;
  const half = radix / 2;
  const out = new Int32Array(keys.length * d);
  for (let j = 0; j < keys.length; j++) {
    let s = keys[j] as number;
    for (let i = 0; i < d; i++) {
      // radix is a power of two: the quotient is exact, and r in [0, radix) is then balanced
      let quotient = Math.floor(s / radix);
      let r = s - quotient * radix;
      if (r > half) {
        r -= radix;
        quotient += 1;
      }
      out[j * d + i] = r;
      s = quotient;
    }
  }
  return out;
}

/** The degree of every key (see {@link Keying}). @internal */
export function degreesOf(keying: Keying, keys: Float64Array, digits?: Int32Array): Int32Array {
  const out = new Int32Array(keys.length);
  if (keying.fundamental) {
    for (let j = 0; j < keys.length; j++) out[j] = keys[j] as number;
    return out;
  }
  const k = digits ?? digitsOf(keying, keys);
  const d = keying.d;
  for (let j = 0; j < keys.length; j++) {
    let s = 0;
    for (let i = 0; i < d; i++) s += Math.abs(k[j * d + i] as number);
    out[j] = s;
  }
  return out;
}

/** Frequencies (Hz, signed as keyed) of every key. @internal */
export function frequenciesOf(
  keying: Keying,
  base: Float64Array,
  keys: Float64Array,
  digits?: Int32Array,
): Float64Array {
  const out = new Float64Array(keys.length);
  if (keying.fundamental) {
    const f0 = base[0] as number;
    for (let j = 0; j < keys.length; j++) out[j] = (keys[j] as number) * f0;
    return out;
  }
  const k = digits ?? digitsOf(keying, keys);
  const d = keying.d;
  for (let j = 0; j < keys.length; j++) {
    let f = 0;
    for (let i = 0; i < d; i++) f += (k[j * d + i] as number) * (base[i] as number);
    out[j] = f;
  }
  return out;
}

/**
 * One operand of a product prepared for the degree cut: its degrees, and in combination keying
 * its digits, and the sparse support (nonzero digits) of each line. @internal
 */
export interface CutOperand {
  readonly degrees: Int32Array;
  readonly maxDegree: number;
  readonly digits: Int32Array | null;
  readonly supportStart: Int32Array | null;
  readonly supportAxis: Int32Array | null;
  readonly supportDigit: Int32Array | null;
}

/** Prepares lines for products with a degree cut. @internal */
export function cutOperand(keying: Keying, lines: RawLines): CutOperand {
  if (keying.fundamental) {
    const degrees = degreesOf(keying, lines.keys);
    let maxDegree = 0;
    for (const g of degrees) maxDegree = Math.max(maxDegree, g);
    return {
      degrees,
      maxDegree,
      digits: null,
      supportStart: null,
      supportAxis: null,
      supportDigit: null,
    };
  }
  const d = keying.d;
  const digits = digitsOf(keying, lines.keys);
  const degrees = degreesOf(keying, lines.keys, digits);
  const n = lines.keys.length;
  const supportStart = new Int32Array(n + 1);
  let count = 0;
  for (let j = 0; j < digits.length; j++) if (digits[j] !== 0) count++;
  const supportAxis = new Int32Array(count);
  const supportDigit = new Int32Array(count);
  let at = 0;
  let maxDegree = 0;
  for (let j = 0; j < n; j++) {
    supportStart[j] = at;
    maxDegree = Math.max(maxDegree, degrees[j] as number);
    for (let i = 0; i < d; i++) {
      const v = digits[j * d + i] as number;
      if (v !== 0) {
        supportAxis[at] = i;
        supportDigit[at] = v;
        at++;
      }
    }
  }
  supportStart[n] = at;
  return { degrees, maxDegree, digits, supportStart, supportAxis, supportDigit };
}

/**
 * Adds `factor · a_p · b` for the rows p in [from, to) of a into the accumulator, through
 * `Re(x e^{iθ})·Re(y e^{iφ}) = ½Re(xy e^{i(θ+φ)}) + ½Re(x ȳ e^{i(θ−φ)})`. With a cut, a product
 * line whose degree exceeds `cut` is not formed (the caller bounds what that leaves out); `ca`
 * and `cb` are then the operands prepared by {@link cutOperand}. @internal
 */
export function multiplyRows(
  acc: LineAccumulator,
  a: RawLines,
  b: RawLines,
  factor: number,
  from: number,
  to: number,
  cut = Number.POSITIVE_INFINITY,
  ca: CutOperand | null = null,
  cb: CutOperand | null = null,
  keying: Keying | null = null,
): void {
  const ak = a.keys;
  const ar = a.re;
  const ai = a.im;
  const bk = b.keys;
  const br = b.re;
  const bi = b.im;
  const nb = bk.length;
  const half = 0.5 * factor;
  for (let p = from; p < to; p++) {
    const sa = ak[p] as number;
    const xr = half * (ar[p] as number);
    const xi = half * (ai[p] as number);
    const degree = ca === null ? 0 : (ca.degrees[p] as number);
    if (ca === null || cb === null || keying === null || degree + cb.maxDegree <= cut) {
      for (let q = 0; q < nb; q++) {
        const sb = bk[q] as number;
        const yr = br[q] as number;
        const yi = bi[q] as number;
        acc.add(sa + sb, xr * yr - xi * yi, xr * yi + xi * yr);
        acc.add(sa - sb, xr * yr + xi * yi, xi * yr - xr * yi);
      }
      continue;
    }
    const bDegrees = cb.degrees;
    if (keying.fundamental) {
      for (let q = 0; q < nb; q++) {
        const sb = bk[q] as number;
        const yr = br[q] as number;
        const yi = bi[q] as number;
        if (sa + sb <= cut) acc.add(sa + sb, xr * yr - xi * yi, xr * yi + xi * yr);
        if (Math.abs(sa - sb) <= cut) acc.add(sa - sb, xr * yr + xi * yi, xi * yr - xr * yi);
      }
      continue;
    }
    const d = keying.d;
    const digits = ca.digits as Int32Array;
    const start = cb.supportStart as Int32Array;
    const axis = cb.supportAxis as Int32Array;
    const digit = cb.supportDigit as Int32Array;
    for (let q = 0; q < nb; q++) {
      const sb = bk[q] as number;
      const yr = br[q] as number;
      const yi = bi[q] as number;
      let sumDegree = degree;
      let diffDegree = degree;
      if (degree + (bDegrees[q] as number) > cut) {
        for (let s = start[q] as number; s < (start[q + 1] as number); s++) {
          const ka = digits[p * d + (axis[s] as number)] as number;
          const kb = digit[s] as number;
          const old = Math.abs(ka);
          sumDegree += Math.abs(ka + kb) - old;
          diffDegree += Math.abs(ka - kb) - old;
        }
      }
      if (sumDegree <= cut) acc.add(sa + sb, xr * yr - xi * yi, xr * yi + xi * yr);
      if (diffDegree <= cut) acc.add(sa - sb, xr * yr + xi * yi, xi * yr - xr * yi);
    }
  }
}

/** Lines times a real factor. @internal */
export function scaleLines(lines: RawLines, factor: number): RawLines {
  const re = lines.re.slice();
  const im = lines.im.slice();
  for (let j = 0; j < re.length; j++) {
    re[j] = factor * (re[j] as number);
    im[j] = factor * (im[j] as number);
  }
  return { keys: lines.keys.slice(), re, im };
}

/** Lines plus a constant (added to the DC line, or a DC line appended). @internal */
export function addConstantToLines(lines: RawLines, value: number): RawLines {
  const at = lines.keys.indexOf(0);
  if (at >= 0) {
    const re = lines.re.slice();
    re[at] = (re[at] as number) + value;
    return { keys: lines.keys.slice(), re, im: lines.im.slice() };
  }
  const n = lines.keys.length;
  const keys = new Float64Array(n + 1);
  const re = new Float64Array(n + 1);
  const im = new Float64Array(n + 1);
  keys.set(lines.keys);
  re.set(lines.re);
  im.set(lines.im);
  re[n] = value;
  return { keys, re, im };
}

/**
 * The lines kept by `keep(j)`, and the energy ({@link lineEnergy}) of those dropped. With
 * `inPlace`, the kept lines are moved to the front of the given arrays and returned as views of
 * them (the caller gives up the input); else they are copied. @internal
 */
export function filterLines(
  lines: RawLines,
  keep: (j: number) => boolean,
  inPlace = false,
): { lines: RawLines; dropped: number; droppedEnergy: number } {
  const n = lines.keys.length;
  const keys = inPlace ? lines.keys : new Float64Array(n);
  const re = inPlace ? lines.re : new Float64Array(n);
  const im = inPlace ? lines.im : new Float64Array(n);
  let m = 0;
  let droppedEnergy = 0;
  for (let j = 0; j < n; j++) {
    const key = lines.keys[j] as number;
    const r = lines.re[j] as number;
    const i = lines.im[j] as number;
    if (keep(j)) {
      keys[m] = key;
      re[m] = r;
      im[m] = i;
      m++;
    } else {
      droppedEnergy += key === 0 ? r * r : 0.5 * (r * r + i * i);
    }
  }
  const cut = inPlace
    ? { keys: keys.subarray(0, m), re: re.subarray(0, m), im: im.subarray(0, m) }
    : { keys: keys.slice(0, m), re: re.slice(0, m), im: im.slice(0, m) };
  return {
    lines: cut,
    dropped: n - m,
    droppedEnergy,
  };
}

/**
 * The energy ({@link lineEnergy}) of the part of `x·a` whose degree exceeds `threshold`: the
 * product lines of `a`'s lines with `x`'s, summed per key, keeping only keys above the
 * threshold. Only lines of `a` within `cx.maxDegree` of the threshold can contribute. @internal
 */
export function energyAbove(
  keying: Keying,
  a: RawLines,
  ca: CutOperand,
  x: RawLines,
  cx: CutOperand,
  threshold: number,
): number {
  const acc = new LineAccumulator(64);
  const d = keying.d;
  for (let p = 0; p < a.keys.length; p++) {
    const degree = ca.degrees[p] as number;
    if (degree + cx.maxDegree <= threshold) continue;
    const sa = a.keys[p] as number;
    const xr = 0.5 * (a.re[p] as number);
    const xi = 0.5 * (a.im[p] as number);
    for (let q = 0; q < x.keys.length; q++) {
      const sb = x.keys[q] as number;
      const yr = x.re[q] as number;
      const yi = x.im[q] as number;
      let sumDegree: number;
      let diffDegree: number;
      if (keying.fundamental) {
        sumDegree = sa + sb;
        diffDegree = Math.abs(sa - sb);
      } else {
        const digits = ca.digits as Int32Array;
        const start = cx.supportStart as Int32Array;
        const axis = cx.supportAxis as Int32Array;
        const digit = cx.supportDigit as Int32Array;
        sumDegree = degree;
        diffDegree = degree;
        for (let s = start[q] as number; s < (start[q + 1] as number); s++) {
          const ka = digits[p * d + (axis[s] as number)] as number;
          const kb = digit[s] as number;
          const old = Math.abs(ka);
          sumDegree += Math.abs(ka + kb) - old;
          diffDegree += Math.abs(ka - kb) - old;
        }
      }
      if (sumDegree > threshold) acc.add(sa + sb, xr * yr - xi * yi, xr * yi + xi * yr);
      if (diffDegree > threshold) acc.add(sa - sb, xr * yr + xi * yi, xi * yr - xr * yi);
    }
  }
  return lineEnergy(acc.view());
}

/**
 * Multiplication by a fixed spectrum m as a sparse linear map from a fixed set of lines (the
 * source, e.g. every canonical combination of even order <= `cut`: the "ball" of combination
 * keying) to a fixed set of lines (the target: the ball itself, or the shell just outside it).
 * Built once per expansion, it replaces the hashing of every product line at every step by
 * precomputed (target, m line) pairs; products outside the target are simply absent. @internal
 */
export class BallOperator {
  /** The source keys, and a hash from key to index. */
  readonly index: LineAccumulator;
  /** The target keys (the source's when they are the same set). */
  readonly targetIndex: LineAccumulator;
  /** CSR rows: the pairs of ball line s are `start[s] … start[s+1]−1`. */
  private readonly start: Int32Array;
  private readonly target: Int32Array;
  /** `q·4 + (x·conj(m_q) ? 2 : 0) + (conjugate the result ? 1 : 0)`. */
  private readonly code: Int32Array;
  private readonly m: RawLines;
  private readonly sumRe: Float64Array;
  private readonly sumIm: Float64Array;
  private readonly touched: Uint8Array;
  /** Digits and degrees of the ball's lines. */
  readonly operand: CutOperand;

  private constructor(
    keying: Keying,
    index: LineAccumulator,
    targetIndex: LineAccumulator,
    start: Int32Array,
    target: Int32Array,
    code: Int32Array,
    m: RawLines,
  ) {
    this.index = index;
    this.targetIndex = targetIndex;
    this.start = start;
    this.target = target;
    this.code = code;
    this.m = m;
    const targets = targetIndex.size;
    this.sumRe = new Float64Array(targets);
    this.sumIm = new Float64Array(targets);
    this.touched = new Uint8Array(targets);
    const n = index.size;
    this.operand = cutOperand(keying, {
      keys: index.keys.subarray(0, n),
      re: new Float64Array(n),
      im: new Float64Array(n),
    });
  }

  /**
   * The {@link cutOperand} of lines whose keys are in the ball, gathered from the ball's
   * (no decoding), with `rows[j]` the ball index of line j.
   */
  operandOf(lines: RawLines, d: number): { operand: CutOperand; rows: Int32Array } {
    const n = lines.keys.length;
    const rows = new Int32Array(n);
    const degrees = new Int32Array(n);
    const digits = new Int32Array(n * d);
    const ballDigits = this.operand.digits as Int32Array;
    let maxDegree = 0;
    for (let j = 0; j < n; j++) {
      const s = this.index.indexOf(lines.keys[j] as number);
      rows[j] = s;
      const g = this.operand.degrees[s] as number;
      degrees[j] = g;
      if (g > maxDegree) maxDegree = g;
      digits.set(ballDigits.subarray(s * d, s * d + d), j * d);
    }
    const operand: CutOperand = {
      degrees,
      maxDegree,
      digits,
      supportStart: null,
      supportAxis: null,
      supportDigit: null,
    };
    return { operand, rows };
  }

  /**
   * The operator of multiplication by m on the ball of even order <= cut, or null when its
   * pair table would exceed `maxPairs` (the caller then hashes products as they come).
   */
  static build(
    keying: Keying,
    m: RawLines,
    maxPairs: number,
    source: LineAccumulator,
    targets: LineAccumulator = source,
  ): BallOperator | null {
    const index = source;
    const n = index.size;
    if (n * 2 * m.keys.length > maxPairs) return null;
    const start = new Int32Array(n + 1);
    const target = new Int32Array(n * 2 * m.keys.length);
    const code = new Int32Array(n * 2 * m.keys.length);
    let e = 0;
    for (let s = 0; s < n; s++) {
      start[s] = e;
      const ks = index.keys[s] as number;
      for (let q = 0; q < m.keys.length; q++) {
        const kq = m.keys[q] as number;
        for (let diff = 0; diff < 2; diff++) {
          let key = diff === 0 ? ks + kq : ks - kq;
          let conj = 0;
          if (key < 0) {
            key = -key;
            conj = 1;
          }
          const at = targets.indexOf(key);
          if (at < 0) continue;
          target[e] = at;
          code[e] = q * 4 + diff * 2 + conj;
          e++;
        }
      }
    }
    start[n] = e;
    return new BallOperator(keying, index, targets, start, target.slice(0, e), code.slice(0, e), m);
  }

  /**
   * Multiplication by x from the ball onto the lines of degree `degree` that it reaches (the
   * shell just outside an even ball), found while building; null past `maxPairs`.
   */
  static buildShell(
    keying: Keying,
    x: RawLines,
    cx: CutOperand,
    ball: BallOperator,
    degree: number,
    maxPairs: number,
  ): BallOperator | null {
    const source = ball.index;
    const n = source.size;
    const d = keying.d;
    if (n * 2 * x.keys.length > maxPairs) return null;
    const targets = new LineAccumulator(4 * n);
    const start = new Int32Array(n + 1);
    const target = new Int32Array(n * 2 * x.keys.length);
    const code = new Int32Array(n * 2 * x.keys.length);
    const digits = ball.operand.digits as Int32Array;
    const supportStart = cx.supportStart as Int32Array;
    const supportAxis = cx.supportAxis as Int32Array;
    const supportDigit = cx.supportDigit as Int32Array;
    let e = 0;
    for (let s = 0; s < n; s++) {
      start[s] = e;
      const ks = source.keys[s] as number;
      const ds = ball.operand.degrees[s] as number;
      if (ds + cx.maxDegree < degree) continue;
      for (let q = 0; q < x.keys.length; q++) {
        const kq = x.keys[q] as number;
        for (let diff = 0; diff < 2; diff++) {
          let g = ds;
          for (let t = supportStart[q] as number; t < (supportStart[q + 1] as number); t++) {
            const ka = digits[s * d + (supportAxis[t] as number)] as number;
            const kb = supportDigit[t] as number;
            g += Math.abs(diff === 0 ? ka + kb : ka - kb) - Math.abs(ka);
          }
          if (g !== degree) continue;
          let key = diff === 0 ? ks + kq : ks - kq;
          let conj = 0;
          if (key < 0) {
            key = -key;
            conj = 1;
          }
          let at = targets.indexOf(key);
          if (at < 0) {
            at = targets.size;
            targets.add(key, 0, 0);
          }
          target[e] = at;
          code[e] = q * 4 + diff * 2 + conj;
          e++;
        }
      }
    }
    start[n] = e;
    return new BallOperator(
      keying,
      source,
      targets,
      start,
      target.slice(0, e),
      code.slice(0, e),
      x,
    );
  }

  /** Starts a product: clears the sums. */
  begin(): void {
    this.sumRe.fill(0);
    this.sumIm.fill(0);
    this.touched.fill(0);
  }

  /**
   * Adds `factor · m · a_p` for the rows p in [from, to) of a, whose ball indices are `rows`
   * (see {@link operandOf}).
   */
  multiplyRows(a: RawLines, rows: Int32Array, factor: number, from: number, to: number): void {
    const { start, target, code, sumRe, sumIm, touched } = this;
    const mr = this.m.re;
    const mi = this.m.im;
    const half = 0.5 * factor;
    for (let p = from; p < to; p++) {
      const s = rows[p] as number;
      const xr = half * (a.re[p] as number);
      const xi = half * (a.im[p] as number);
      for (let e = start[s] as number; e < (start[s + 1] as number); e++) {
        const c = code[e] as number;
        const q = c >> 2;
        const yr = mr[q] as number;
        const yi = c & 2 ? -(mi[q] as number) : (mi[q] as number);
        const t = target[e] as number;
        sumRe[t] = (sumRe[t] as number) + (xr * yr - xi * yi);
        const im = xr * yi + xi * yr;
        sumIm[t] = (sumIm[t] as number) + (c & 1 ? -im : im);
        touched[t] = 1;
      }
    }
  }

  /** Adds `factor` times lines whose keys are in the target. */
  addLines(lines: RawLines, factor: number): void {
    for (let j = 0; j < lines.keys.length; j++) {
      const t = this.targetIndex.indexOf(lines.keys[j] as number);
      this.sumRe[t] = (this.sumRe[t] as number) + factor * (lines.re[j] as number);
      this.sumIm[t] = (this.sumIm[t] as number) + factor * (lines.im[j] as number);
      this.touched[t] = 1;
    }
  }

  /** The energy ({@link lineEnergy}) of the sums since {@link begin}. */
  energy(): number {
    let e = 0;
    const keys = this.targetIndex.keys;
    for (let t = 0; t < this.sumRe.length; t++) {
      const r = this.sumRe[t] as number;
      e += keys[t] === 0 ? r * r : 0.5 * (r * r + (this.sumIm[t] as number) ** 2);
    }
    return e;
  }

  /** The lines reached since {@link begin}, in target order (the DC line real). */
  toLines(): RawLines {
    const n = this.touched.length;
    let count = 0;
    for (let t = 0; t < n; t++) count += this.touched[t] as number;
    const keys = new Float64Array(count);
    const re = new Float64Array(count);
    const im = new Float64Array(count);
    let j = 0;
    for (let t = 0; t < n; t++) {
      if (this.touched[t] === 0) continue;
      const key = this.targetIndex.keys[t] as number;
      keys[j] = key;
      re[j] = this.sumRe[t] as number;
      im[j] = key === 0 ? 0 : (this.sumIm[t] as number);
      j++;
    }
    return { keys, re, im };
  }
}
