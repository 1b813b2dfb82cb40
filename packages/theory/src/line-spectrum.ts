import { checkFinite, describeValue } from '@rectify/signal';
import { commonFundamental, checkTones, type Tone } from './tones';
import type { TruncationReport } from './expansion';
import {
  accumulatorOf,
  addConstantToLines,
  addLines,
  DenseLineAccumulator,
  filterLines,
  frequenciesOf,
  type Keying,
  LineAccumulator,
  maxKeyOf,
  multiplyRows,
  multiplyRowsDense,
  type RawLines,
  scaleLines,
} from './line-kernels';
import { checkInteger, checkNonNegative, checkPositive } from '@rectify/signal/validate';

/**
 * One line of a {@link LineSpectrum}: the real component
 * `amplitude · cos(2π · freq · t + phase)`, produced by the integer combination
 * `freq = Σ_i k_i · f_i` of the base frequencies.
 */
export interface SpectralLine {
  /** Integer combination of the base frequencies, oriented so that `freq >= 0`. */
  k: number[];
  /** Frequency in Hz, >= 0. */
  freq: number;
  /** Cosine amplitude (signal units), >= 0. */
  amplitude: number;
  /** Phase in rad, in (−π, π]. */
  phase: number;
  /** Real part of the complex amplitude `amplitude · e^{i·phase}`. */
  re: number;
  /** Imaginary part of the complex amplitude. */
  im: number;
  /**
   * Σ|k_i|: the order of the product of cosines the line comes from (in fundamental keying,
   * the order of the labelled tone combination; NaN when none of order <= 12 was found).
   */
  order: number;
  /** Origin label such as `'DC'`, `'f1'`, `'2·f1'`, `'f1+f3'`, `'f3-f1'` (f_i 1-based). */
  label: string;
}

/** Lines that fall on the same frequency, summed. */
export interface MergedLine {
  /** Frequency in Hz, >= 0. */
  freq: number;
  /** Cosine amplitude of the sum (signal units); at DC the signed value's magnitude. */
  amplitude: number;
  /** Phase of the sum in rad (0 or π at DC). */
  phase: number;
  /** Real part of the summed complex amplitude (the signed value at DC). */
  re: number;
  /** Imaginary part of the summed complex amplitude (0 at DC). */
  im: number;
  /** Labels of the combinations that fall here, lowest order first. */
  labels: string[];
}

/** Options of {@link LineSpectrum.prune}. */
export interface PruneOptions {
  /** Drop lines whose amplitude is below this (signal units, >= 0); default 0. */
  floor?: number;
  /** Drop lines above this frequency (Hz, > 0); default Infinity. */
  maxFreq?: number;
}

function constantLines(value: number): RawLines {
  return { keys: new Float64Array(1), re: Float64Array.of(value), im: new Float64Array(1) };
}

function sameBase(a: Float64Array, b: Float64Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Calls `leaf(k, remaining)` for every integer combination k (length d) with Σ|k_i| <= order,
 * depth first with k_0 running from −order up, then k_1, …; `remaining` is order − Σ|k_i|. The
 * array `k` is reused between calls: copy it to keep it. @internal
 */
export function forEachCombination(
  d: number,
  order: number,
  leaf: (k: readonly number[], remaining: number) => void,
): void {
  const k = new Array<number>(d).fill(0);
  const visit = (i: number, remaining: number): void => {
    if (i === d) {
      leaf(k, remaining);
      return;
    }
    for (let v = -remaining; v <= remaining; v++) {
      k[i] = v;
      visit(i + 1, remaining - Math.abs(v));
    }
    k[i] = 0;
  };
  visit(0, order);
}

/** Formats an integer combination as `'DC'`, `'2·f1'`, `'f1+f3'`, `'f3-f1'`. @internal */
export function formatLabel(k: readonly number[]): string {
  const pos: string[] = [];
  const neg: string[] = [];
  k.forEach((ki, i) => {
    if (ki === 0) return;
    const mag = Math.abs(ki);
    const term = `${mag === 1 ? '' : `${mag}·`}f${i + 1}`;
    (ki > 0 ? pos : neg).push(term);
  });
  if (pos.length === 0 && neg.length === 0) return 'DC';
  const head = pos.length > 0 ? pos.join('+') : `-${neg.shift()}`;
  return neg.length > 0 ? `${head}-${neg.join('-')}` : head;
}

/**
 * A real signal as a sparse sum of cosine lines at integer combinations of a fixed set of base
 * frequencies f_1 … f_d: `s(t) = Σ_lines Re(c · e^{i 2π (Σ_i k_i f_i) t})`. Each line is keyed
 * by its integer vector k (so lines of commensurate tones that land on one frequency stay
 * apart, each with its origin) and holds a complex amplitude c = amplitude · e^{i·phase}.
 * Immutable: every operation returns a new spectrum. Products use
 * `Re(a e^{iθ}) · Re(b e^{iφ}) = ½ Re(ab e^{i(θ+φ)}) + ½ Re(a b̄ e^{i(θ−φ)})`.
 *
 * @example
 * ```ts
 * const x = LineSpectrum.fromTones([{ freq: 5, amp: 1 }, { freq: 10, amp: 1 }]);
 * const x2 = x.multiply(x); // DC, 2·f1, 2·f2, f1+f2, f2-f1
 * x2.toSignal(1024, 8192);
 * ```
 */
export class LineSpectrum {
  /** The base frequencies f_1 … f_d in Hz (do not mutate). */
  readonly baseFrequencies: Float64Array;
  /** An upper bound on the order Σ|k_i| of any line. */
  readonly maxOrder: number;
  /**
   * In `'fundamental'` keying (commensurate tones), the integer multiple of the single base
   * frequency (the common fundamental) of each tone, in tone order; `null` in `'combination'` keying.
   */
  readonly toneMultiples: readonly number[] | null;
  /**
   * What the predictor that made this spectrum left out (`maxOrder`, `floor`, `maxFreq`) and a
   * bound on its energy (see {@link TruncationReport}); null for spectra made by the algebra
   * itself (a product or sum of predicted spectra carries no report).
   */
  readonly truncation: TruncationReport | null;
  private readonly radix: number;
  private readonly keys: Float64Array;
  private readonly reParts: Float64Array;
  private readonly imParts: Float64Array;
  private originCache: Map<number, number[]> | null = null;

  private constructor(
    base: Float64Array,
    maxOrder: number,
    lines: RawLines,
    toneMultiples: readonly number[] | null,
    truncation: TruncationReport | null = null,
  ) {
    this.baseFrequencies = base;
    this.maxOrder = maxOrder;
    this.toneMultiples = toneMultiples;
    this.truncation = truncation;
    this.radix = 2 ** Math.min(26, Math.floor(52 / base.length));
    this.keys = lines.keys;
    this.reParts = lines.re;
    this.imParts = lines.im;
  }

  /**
   * A spectrum with the keying of `like` holding the given lines (taken, not copied).
   * @internal
   */
  static withLines(
    like: LineSpectrum,
    maxOrder: number,
    lines: RawLines,
    truncation: TruncationReport | null = null,
  ): LineSpectrum {
    return new LineSpectrum(like.baseFrequencies, maxOrder, lines, like.toneMultiples, truncation);
  }

  /** The lines in flat arrays (do not mutate). @internal */
  get rawLines(): RawLines {
    return { keys: this.keys, re: this.reParts, im: this.imParts };
  }

  /** How keys pack integer combinations, for the kernels. @internal */
  get keying(): Keying {
    return {
      d: this.baseFrequencies.length,
      radix: this.radix,
      fundamental: this.toneMultiples !== null,
    };
  }

  /**
   * The spectrum of a tone sum `Σ a_i cos(2π f_i t + φ_i)`.
   *
   * With `keyBy: 'combination'` (default) the base frequencies are the tone frequencies and
   * each tone is the line k = e_i, so every product line keeps its full integer combination.
   * With `keyBy: 'fundamental'` the tones must be commensurate (see {@link commonFundamental});
   * the only base frequency is their common fundamental f0 and tone i is the line k = [n_i].
   * Lines that land on one frequency then merge as they are produced — far fewer lines for
   * products of commensurate tones — and {@link lines} labels each with the lowest-order tone
   * combination that reaches it.
   *
   * @param tones - non-empty; freq (Hz) finite > 0, distinct; amp finite >= 0; phase (rad) finite.
   * @param options - `keyBy`: `'combination'` (default) or `'fundamental'`.
   * @returns the spectrum of the tone sum.
   * @throws RangeError/TypeError for a bad tone list, more than 17 tones in combination keying,
   *   or incommensurate tones in fundamental keying.
   * @example
   * ```ts
   * LineSpectrum.fromTones([{ freq: 5, amp: 1 }, { freq: 10, amp: 1 }], { keyBy: 'fundamental' });
   * ```
   */
  static fromTones(
    tones: readonly Tone[],
    options: { keyBy?: 'combination' | 'fundamental' } = {},
  ): LineSpectrum {
    const list = checkTones('tones', tones);
    const keyBy = options.keyBy ?? 'combination';
    if (keyBy === 'fundamental') {
      const common = commonFundamental(list.map((t) => t.freq));
      if (common === null) {
        throw new RangeError(
          `tones must have rational frequency ratios (denominators <= 1000) for keyBy = 'fundamental', got frequencies [${list.map((t) => t.freq).join(', ')}] Hz`,
        );
      }
      const acc = new LineAccumulator(list.length);
      list.forEach((t, i) => {
        acc.add(
          common.multiples[i] as number,
          t.amp * Math.cos(t.phase),
          t.amp * Math.sin(t.phase),
        );
      });
      const maxMultiple = Math.max(...common.multiples);
      return new LineSpectrum(
        Float64Array.of(common.fundamental),
        maxMultiple,
        acc.toLines(),
        common.multiples,
      );
    }
    if (keyBy !== 'combination') {
      throw new RangeError(
        `keyBy must be 'combination' or 'fundamental', got ${describeValue(keyBy)}`,
      );
    }
    const base = LineSpectrum.checkBase(list.map((t) => t.freq));
    const radix = 2 ** Math.min(26, Math.floor(52 / base.length));
    const acc = new LineAccumulator(list.length);
    list.forEach((t, i) => {
      acc.add(radix ** i, t.amp * Math.cos(t.phase), t.amp * Math.sin(t.phase));
    });
    return new LineSpectrum(base, 1, acc.toLines(), null);
  }

  /**
   * A constant signal `value` over the given base frequencies.
   *
   * @param value - the constant (signal units), finite.
   * @param baseFrequencies - base frequencies in Hz, each finite > 0, 1 to 17 of them.
   * @throws RangeError for a non-finite value or bad base frequencies.
   * @example
   * ```ts
   * LineSpectrum.constant(0.5, [5, 7]).dc; // 0.5
   * ```
   */
  static constant(value: number, baseFrequencies: ArrayLike<number>): LineSpectrum {
    checkFinite('value', value);
    const base = LineSpectrum.checkBase(Array.from(baseFrequencies));
    return new LineSpectrum(base, 0, constantLines(value), null);
  }

  /**
   * A constant signal with the same keying (base frequencies and tone multiples) as this one.
   *
   * @param value - the constant (signal units), finite.
   * @example
   * ```ts
   * x.constantLike(-1).add(x); // x − 1
   * ```
   * @example
   * ```ts
   * LineSpectrum.fromTones([{ freq: 5, amp: 1 }]).size; // 1
   * ```
   */
  constantLike(value: number): LineSpectrum {
    checkFinite('value', value);
    return this.build(0, constantLines(value));
  }

  private static checkBase(freqs: number[]): Float64Array {
    if (freqs.length < 1 || freqs.length > 17) {
      throw new RangeError(`baseFrequencies must hold 1 to 17 frequencies, got ${freqs.length}`);
    }
    for (let i = 0; i < freqs.length; i++) checkPositive(`baseFrequencies[${i}] (Hz)`, freqs[i]);
    return Float64Array.from(freqs);
  }

  /** Number of stored lines (keyed by integer combination). */
  get size(): number {
    return this.keys.length;
  }

  private capacity(): number {
    return this.radix / 2 - 1;
  }

  private decode(key: number): number[] {
    const d = this.baseFrequencies.length;
    const B = this.radix;
    const k = new Array<number>(d).fill(0);
    let s = key;
    for (let i = 0; i < d; i++) {
      let r = ((s % B) + B) % B;
      if (r > B / 2) r -= B;
      k[i] = r;
      s = (s - r) / B;
    }
    return k;
  }

  private frequencyOf(k: readonly number[]): number {
    let f = 0;
    for (let i = 0; i < k.length; i++) f += (k[i] as number) * (this.baseFrequencies[i] as number);
    return f;
  }

  private zeroTolerance(): number {
    let fmax = 0;
    for (const f of this.baseFrequencies) fmax = Math.max(fmax, f);
    return 1e-9 * fmax;
  }

  private build(maxOrder: number, lines: RawLines): LineSpectrum {
    return new LineSpectrum(this.baseFrequencies, maxOrder, lines, this.toneMultiples);
  }

  private checkOther(name: string, other: unknown): LineSpectrum {
    if (!(other instanceof LineSpectrum)) {
      throw new TypeError(`${name} must be a LineSpectrum, got ${describeValue(other)}`);
    }
    const multiplesDiffer =
      (this.toneMultiples === null) !== (other.toneMultiples === null) ||
      (this.toneMultiples?.join(',') ?? '') !== (other.toneMultiples?.join(',') ?? '');
    if (!sameBase(this.baseFrequencies, other.baseFrequencies) || multiplesDiffer) {
      throw new RangeError(
        `${name} must share the base frequencies [${Array.from(this.baseFrequencies).join(', ')}] Hz, got [${Array.from(other.baseFrequencies).join(', ')}] Hz`,
      );
    }
    return other;
  }

  /**
   * In fundamental keying: the origin of multiple n — the tone itself when n is a tone's
   * multiple, else the lowest even-order tone combination k (Σ k_i n_i = n) of order <= 12
   * (fewer for many tones), else the lowest odd-order one.
   */
  private originOf(n: number): number[] | undefined {
    const multiples = this.toneMultiples;
    if (multiples === null) return undefined;
    if (this.originCache === null) {
      const even = new Map<number, number[]>();
      const odd = new Map<number, number[]>();
      const d = multiples.length;
      let maxOrder = 12;
      while (maxOrder > 1 && (2 * maxOrder + 1) ** d > 4e6) maxOrder--;
      for (let order = 0; order <= maxOrder; order++) {
        const target = order % 2 === 0 ? even : odd;
        forEachCombination(d, order, (k, remaining) => {
          if (remaining !== 0) return;
          let m = 0;
          for (let j = 0; j < d; j++) m += (k[j] as number) * (multiples[j] as number);
          if (m >= 0 && !target.has(m)) target.set(m, k.slice());
        });
      }
      const cache = new Map<number, number[]>(odd);
      for (const [m, combo] of even) cache.set(m, combo);
      multiples.forEach((m, i) => {
        const unit = new Array<number>(d).fill(0);
        unit[i] = 1;
        cache.set(m, unit);
      });
      this.originCache = cache;
    }
    return this.originCache.get(n);
  }

  /**
   * Every line, oriented to `freq >= 0`, sorted by frequency then order. In fundamental keying
   * `k` is over the single base frequency f0 and `label`/`order` name a combination of the
   * tones (f1 … fd in tone order) that reaches the line: the tone itself at a tone's frequency,
   * else the lowest even-order combination (as ReLU creates them), else the lowest odd-order
   * one (`'n·f0'` when none of order <= 12 exists).
   *
   * @returns a fresh array of {@link SpectralLine}.
   * @example
   * ```ts
   * x.multiply(x).lines().map((l) => `${l.label} ${l.freq} Hz ${l.amplitude}`);
   * ```
   */
  lines(): SpectralLine[] {
    const tol = this.zeroTolerance();
    const out: SpectralLine[] = [];
    for (let j = 0; j < this.keys.length; j++) {
      let k = this.decode(this.keys[j] as number);
      let f = this.frequencyOf(k);
      const re = this.reParts[j] as number;
      let im = this.imParts[j] as number;
      if (f < -tol) {
        k = k.map((v) => -v);
        f = -f;
        im = -im;
      }
      if (Math.abs(f) <= tol) f = 0;
      let order = k.reduce((s, v) => s + Math.abs(v), 0);
      let label = formatLabel(k);
      if (this.toneMultiples !== null) {
        const origin = this.originOf(k[0] as number);
        order = origin === undefined ? Number.NaN : origin.reduce((s, v) => s + Math.abs(v), 0);
        label = origin === undefined ? `${k[0]}·f0` : formatLabel(origin);
      }
      out.push({
        k,
        freq: f,
        amplitude: Math.hypot(re, im),
        phase: Math.atan2(im, re),
        re,
        im,
        order,
        label,
      });
    }
    out.sort((a, b) => a.freq - b.freq || (a.order || 0) - (b.order || 0));
    return out;
  }

  /**
   * Sums the lines that fall on one frequency (commensurate base frequencies make different
   * combinations coincide). At DC only the real parts count.
   *
   * @returns merged lines sorted by frequency.
   * @example
   * ```ts
   * predictRelu(tones).byFrequency().filter((l) => l.amplitude > 0.01);
   * ```
   * @example
   * ```ts
   * LineSpectrum.fromTones([{ freq: 5, amp: 2 }]).power(2).dc; // 2
   * ```
   */
  byFrequency(): MergedLine[] {
    const tol = this.zeroTolerance();
    const merged: MergedLine[] = [];
    for (const line of this.lines()) {
      const last = merged[merged.length - 1];
      if (last !== undefined && Math.abs(line.freq - last.freq) <= tol) {
        last.re += line.re;
        last.im += line.freq === 0 ? 0 : line.im;
        last.labels.push(line.label);
      } else {
        merged.push({
          freq: line.freq,
          re: line.re,
          im: line.freq === 0 ? 0 : line.im,
          amplitude: 0,
          phase: 0,
          labels: [line.label],
        });
      }
    }
    for (const m of merged) {
      m.amplitude = Math.hypot(m.re, m.im);
      m.phase = Math.atan2(m.im, m.re);
    }
    return merged;
  }

  /** The mean of the signal (signal units): the real parts of every line at 0 Hz. */
  get dc(): number {
    const first = this.byFrequency()[0];
    return first !== undefined && first.freq === 0 ? first.re : 0;
  }

  /**
   * The merged cosine amplitude at a frequency.
   *
   * @param freq - frequency in Hz, finite >= 0.
   * @returns the amplitude (signal units; |DC| at 0 Hz), 0 when no line is there.
   * @example
   * ```ts
   * x.multiply(x).amplitudeAt(10); // 2nd harmonic of a 5 Hz tone
   * ```
   */
  amplitudeAt(freq: number): number {
    checkNonNegative('freq (Hz)', freq);
    const tol = this.zeroTolerance();
    const hit = this.byFrequency().find((m) => Math.abs(m.freq - freq) <= tol);
    return hit === undefined ? 0 : hit.amplitude;
  }

  /**
   * The sum of two spectra over the same base frequencies.
   *
   * @param other - a spectrum with identical base frequencies.
   * @throws RangeError when the base frequencies differ.
   * @example
   * ```ts
   * x.add(x.scale(-1)).prune({ floor: 1e-15 }).size; // 0
   * ```
   */
  add(other: LineSpectrum): LineSpectrum {
    this.checkOther('other', other);
    const acc = accumulatorOf(this.rawLines, other.size);
    addLines(acc, other.rawLines, 1);
    return this.build(Math.max(this.maxOrder, other.maxOrder), acc.toLines());
  }

  /**
   * This spectrum plus a constant.
   *
   * @param value - the constant (signal units), finite.
   * @example
   * ```ts
   * x.multiply(x).scale(1 / A).addConstant(-1); // m = x²/A − 1
   * ```
   */
  addConstant(value: number): LineSpectrum {
    checkFinite('value', value);
    return this.build(this.maxOrder, addConstantToLines(this.rawLines, value));
  }

  /**
   * Every amplitude times a real factor.
   *
   * @param factor - finite real number.
   * @example
   * ```ts
   * x.scale(0.5); // the x/2 part of ReLU
   * ```
   */
  scale(factor: number): LineSpectrum {
    checkFinite('factor', factor);
    return this.build(this.maxOrder, scaleLines(this.rawLines, factor));
  }

  /**
   * The spectrum of the pointwise product of the two signals: each pair of lines gives the sum
   * and the difference frequency, `Re(a e^{iθ})·Re(b e^{iφ}) = ½Re(ab e^{i(θ+φ)}) + ½Re(a b̄ e^{i(θ−φ)})`.
   *
   * @param other - a spectrum with identical base frequencies.
   * @throws RangeError when the base frequencies differ or the orders exceed the key capacity.
   * @example
   * ```ts
   * const x = LineSpectrum.fromTones([{ freq: 5, amp: 1 }, { freq: 7, amp: 1 }]);
   * x.multiply(x).lines().map((l) => l.label); // ['DC', 'f2-f1', '2·f1', 'f1+f2', '2·f2']
   * ```
   */
  multiply(other: LineSpectrum): LineSpectrum {
    this.checkOther('other', other);
    const order = this.maxOrder + other.maxOrder;
    if (order > this.capacity()) {
      throw new RangeError(
        `the product's order must be <= ${this.capacity()} for ${this.baseFrequencies.length} base frequencies, got ${order}`,
      );
    }
    const reach = maxKeyOf(this.rawLines) + maxKeyOf(other.rawLines);
    // dense arrays over 0 … reach, unless the keys are too sparse for them to pay
    if (this.toneMultiples !== null && reach <= 64 * this.size * other.size + 4096) {
      const dense = new DenseLineAccumulator(reach);
      multiplyRowsDense(dense, this.rawLines, other.rawLines, 1, 0, this.size);
      return this.build(order, dense.toLines());
    }
    const acc = new LineAccumulator(2 * Math.max(this.size, other.size));
    multiplyRows(acc, this.rawLines, other.rawLines, 1, 0, this.size);
    return this.build(order, acc.toLines());
  }

  /**
   * The spectrum of the signal raised to an integer power (binary exponentiation).
   *
   * @param exponent - integer >= 0 (0 gives the constant 1).
   * @param options - `floor`/`maxFreq` applied after every product (see {@link prune}).
   * @throws RangeError for a bad exponent or an order beyond the key capacity.
   * @example
   * ```ts
   * x.power(3, { floor: 1e-12 }); // x³
   * ```
   */
  power(exponent: number, options: PruneOptions = {}): LineSpectrum {
    checkInteger('exponent', exponent, 0, 100_000);
    let result = this.constantLike(1);
    let base: LineSpectrum = this;
    let e = exponent;
    while (e > 0) {
      if (e & 1) result = result.multiply(base).prune(options);
      e >>= 1;
      if (e > 0) base = base.multiply(base).prune(options);
    }
    return result;
  }

  /**
   * Drops small or high lines.
   *
   * @param options - `floor`: amplitude threshold (signal units, >= 0, default 0; lines with
   *   amplitude < floor go); `maxFreq`: lines above it (Hz, > 0, default Infinity) go.
   * @throws RangeError for a negative floor or a non-positive maxFreq.
   * @example
   * ```ts
   * spectrum.prune({ floor: 1e-6, maxFreq: 512 });
   * ```
   */
  prune(options: PruneOptions = {}): LineSpectrum {
    const floor = checkNonNegative('floor', options.floor ?? 0);
    const maxFreq = options.maxFreq ?? Number.POSITIVE_INFINITY;
    if (typeof maxFreq !== 'number' || Number.isNaN(maxFreq) || !(maxFreq > 0)) {
      throw new RangeError(`maxFreq must be a number > 0 (Hz), got ${describeValue(maxFreq)}`);
    }
    const freqs = Number.isFinite(maxFreq)
      ? frequenciesOf(this.keying, this.baseFrequencies, this.keys)
      : null;
    const re = this.reParts;
    const im = this.imParts;
    const kept = filterLines(
      this.rawLines,
      (j) =>
        !(Math.hypot(re[j] as number, im[j] as number) < floor) &&
        (freqs === null || Math.abs(freqs[j] as number) <= maxFreq),
    );
    return this.build(this.maxOrder, kept.lines);
  }

  /**
   * Samples the signal: `y[i] = Σ_lines |c| cos(2π f i / fs + arg c)`.
   *
   * @param fs - sampling rate in Hz, finite > 0.
   * @param n - number of samples, integer >= 1.
   * @param out - optional caller-owned buffer of length n (overwritten).
   * @returns the samples.
   * @throws RangeError for a bad fs, n or out.
   * @example
   * ```ts
   * const y = x.toSignal(1024, 8192); // 8 s at 1024 Hz
   * ```
   */
  toSignal(fs: number, n: number, out?: Float64Array): Float64Array {
    checkPositive('fs (Hz)', fs);
    checkInteger('n (samples)', n, 1);
    if (out !== undefined && (!(out instanceof Float64Array) || out.length !== n)) {
      throw new RangeError(
        `out must be a Float64Array of length n = ${n}, got ${describeValue(out)}`,
      );
    }
    const y = out ?? new Float64Array(n);
    y.fill(0);
    for (let j = 0; j < this.keys.length; j++) {
      const key = this.keys[j] as number;
      const re = this.reParts[j] as number;
      if (key === 0) {
        for (let i = 0; i < n; i++) y[i] = (y[i] as number) + re;
        continue;
      }
      const im = this.imParts[j] as number;
      const w = (2 * Math.PI * this.frequencyOf(this.decode(key))) / fs;
      for (let i = 0; i < n; i++) {
        const a = w * i;
        y[i] = (y[i] as number) + re * Math.cos(a) - im * Math.sin(a);
      }
    }
    return y;
  }
}
