import FFT from 'fft.js';
import {
  checkArray,
  checkArrayShape,
  checkInteger,
  checkLength,
  checkOutBuffer,
  isFloatArray,
} from './validate';

/**
 * Checks an FFT input's shape now and its values either now (plain arrays, which may hold
 * non-numbers) or after the transform (float typed arrays): bin 0 is the sum of all inputs, so a
 * NaN or ±Infinity anywhere makes it non-finite, and only then is the input scanned for the
 * exact error. This keeps the O(n) scan off the hot path.
 *
 * @returns whether the caller must call {@link verifyAfter} once the transform is done.
 */
function checkBefore(
  name: string,
  value: ArrayLike<number>,
  length: number,
  rule: string,
): boolean {
  checkArrayShape(name, value);
  checkLength(name, value, length, rule);
  if (isFloatArray(value)) return true;
  checkArray(name, value);
  return false;
}

/** Throws the exact error if bin 0 came out non-finite because of a non-finite input. */
function verifyAfter(name: string, input: ArrayLike<number>, out: Float64Array): void {
  if (!(Number.isFinite(out[0]) && Number.isFinite(out[1]))) checkArray(name, input);
}

/**
 * A precomputed FFT of one length `n` (any integer ≥ 1). Complex data use the repo-wide layout:
 * one interleaved `Float64Array` `[re0, im0, re1, im1, …]`.
 *
 * Conventions (numpy's): forward `X_k = Σ_j x_j e^{−2πi jk/n}`, inverse
 * `x_j = (1/n) Σ_k X_k e^{+2πi jk/n}`.
 *
 * Every method checks lengths and that the data are finite; `out`, when given, is written and
 * returned (and may be the input itself), otherwise a new array is returned. A plan keeps
 * scratch buffers, so one plan must not be used from two places at once re-entrantly (it never
 * is in single-threaded JS).
 *
 * @example
 * ```ts
 * const plan = createFft(8);
 * const X = plan.realForward([1, 0, 0, 0, 0, 0, 0, 0]); // 5 bins, all 1 + 0i
 * const x = plan.realInverse(X); // [1, 0, 0, 0, 0, 0, 0, 0]
 * ```
 */
export interface FftPlan {
  /** Transform length `n` (samples). */
  readonly size: number;
  /**
   * Forward complex DFT.
   *
   * @param input - interleaved complex, length `2n`.
   * @param out - optional interleaved output, length `2n`.
   * @returns `X`, interleaved, length `2n`.
   */
  forward(input: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * Inverse complex DFT, scaled by `1/n` like `numpy.fft.ifft`.
   *
   * @param input - interleaved complex spectrum, length `2n`.
   * @param out - optional interleaved output, length `2n`.
   * @returns `x`, interleaved, length `2n`.
   */
  inverse(input: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * Forward DFT of real input, bins `0 … ⌊n/2⌋` (like `numpy.fft.rfft`).
   *
   * @param x - real samples, length `n`.
   * @param out - optional interleaved output, length `2(⌊n/2⌋ + 1)`.
   * @returns interleaved half spectrum, `⌊n/2⌋ + 1` bins.
   */
  realForward(x: ArrayLike<number>, out?: Float64Array): Float64Array;
  /**
   * Inverse of {@link FftPlan.realForward} (like `numpy.fft.irfft` with this `n`): the imaginary
   * parts of the DC bin and (for even `n`) the Nyquist bin are ignored.
   *
   * @param spectrum - interleaved half spectrum, `⌊n/2⌋ + 1` bins (length `2(⌊n/2⌋ + 1)`).
   * @param out - optional real output, length `n`.
   * @returns real samples, length `n`.
   */
  realInverse(spectrum: ArrayLike<number>, out?: Float64Array): Float64Array;
}

/** The complex-to-complex core of a plan: no validation, `out` never aliases `input`. */
interface ComplexKernel {
  /** Writes the DFT (sign −1) or the inverse DFT (sign +1, scaled by 1/n) of `input` into `out`. */
  run(input: ArrayLike<number>, out: Float64Array, inverse: boolean): void;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && (n & (n - 1)) === 0;
}

/** fft.js radix-4 transform for n = 2^p, p ≥ 1 (its inverse already divides by n). */
class RadixKernel implements ComplexKernel {
  private readonly engine: FFT;

  constructor(n: number) {
    this.engine = new FFT(n);
  }

  run(input: ArrayLike<number>, out: Float64Array, inverse: boolean): void {
    if (inverse) this.engine.inverseTransform(out, input);
    else this.engine.transform(out, input);
  }
}

/** Length-1 DFT and its inverse: the identity. */
class IdentityKernel implements ComplexKernel {
  run(input: ArrayLike<number>, out: Float64Array): void {
    out[0] = input[0] as number;
    out[1] = input[1] as number;
  }
}

/**
 * Bluestein's chirp-z algorithm: an n-point DFT as a circular convolution of length m = 2^p ≥
 * 2n − 1 done with fft.js. `jk = (j² + k² − (k − j)²)/2` turns `e^{−2πi jk/n}` into the chirp
 * `w_k = e^{−πi k²/n}`; its phase uses `k² mod 2n` so large k keep full precision.
 */
class BluesteinKernel implements ComplexKernel {
  private readonly n: number;
  private readonly m: number;
  private readonly engine: FFT;
  /** Chirp `w_k = e^{−πi k²/n}`, interleaved, n values. */
  private readonly chirp: Float64Array;
  /** FFT of the conjugate chirp filter, pre-divided by m (folds the inverse scaling in). */
  private readonly filter: Float64Array;
  /** Chirped input, zero beyond 2n (only the first 2n entries are ever written). */
  private readonly padded: Float64Array;
  private readonly work: Float64Array;
  private readonly product: Float64Array;

  constructor(n: number) {
    this.n = n;
    let m = 2;
    while (m < 2 * n - 1) m *= 2;
    this.m = m;
    this.engine = new FFT(m);
    const chirp = new Float64Array(2 * n);
    const twoN = 2 * n;
    for (let k = 0; k < n; k++) {
      const phase = (Math.PI * ((k * k) % twoN)) / n;
      chirp[2 * k] = Math.cos(phase);
      chirp[2 * k + 1] = -Math.sin(phase);
    }
    this.chirp = chirp;
    const taps = new Float64Array(2 * m);
    for (let k = 0; k < n; k++) {
      const re = chirp[2 * k] as number;
      const im = -(chirp[2 * k + 1] as number);
      taps[2 * k] = re;
      taps[2 * k + 1] = im;
      if (k > 0) {
        taps[2 * (m - k)] = re;
        taps[2 * (m - k) + 1] = im;
      }
    }
    const filter = new Float64Array(2 * m);
    this.engine.transform(filter, taps);
    for (let i = 0; i < filter.length; i++) filter[i] = (filter[i] as number) / m;
    this.filter = filter;
    this.padded = new Float64Array(2 * m);
    this.work = new Float64Array(2 * m);
    this.product = new Float64Array(2 * m);
  }

  run(input: ArrayLike<number>, out: Float64Array, inverse: boolean): void {
    this.load(input, inverse);
    this.convolve();
    this.unload(out, this.n, inverse);
  }

  /** Real input of length n; writes bins 0…count−1 of its DFT. */
  runReal(x: ArrayLike<number>, out: Float64Array, count: number): void {
    const { chirp, padded, n } = this;
    for (let k = 0; k < n; k++) {
      const v = x[k] as number;
      padded[2 * k] = v * (chirp[2 * k] as number);
      padded[2 * k + 1] = v * (chirp[2 * k + 1] as number);
    }
    this.convolve();
    this.unload(out, count, false);
  }

  /** padded ← input · w (or conj(input) · w for the inverse, via ifft(X) = conj(fft(conj X))). */
  private load(input: ArrayLike<number>, inverse: boolean): void {
    const { chirp, padded, n } = this;
    const s = inverse ? -1 : 1;
    for (let k = 0; k < n; k++) {
      const re = input[2 * k] as number;
      const im = s * (input[2 * k + 1] as number);
      const wr = chirp[2 * k] as number;
      const wi = chirp[2 * k + 1] as number;
      padded[2 * k] = re * wr - im * wi;
      padded[2 * k + 1] = re * wi + im * wr;
    }
  }

  /** work ← conj(ifft(fft(padded) · filter)) · m … computed as fft(conj(fft(padded) · filter)). */
  private convolve(): void {
    const { engine, padded, work, product, filter } = this;
    engine.transform(work, padded);
    const len = 2 * this.m;
    for (let i = 0; i < len; i += 2) {
      const ar = work[i] as number;
      const ai = work[i + 1] as number;
      const br = filter[i] as number;
      const bi = filter[i + 1] as number;
      product[i] = ar * br - ai * bi;
      product[i + 1] = -(ar * bi + ai * br);
    }
    engine.transform(work, product);
  }

  /** out_k = w_k · conj(work_k) for k < count (conjugated again and scaled by 1/n for the inverse). */
  private unload(out: Float64Array, count: number, inverse: boolean): void {
    const { chirp, work } = this;
    const scale = inverse ? 1 / this.n : 1;
    const s = inverse ? -scale : 1;
    for (let k = 0; k < count; k++) {
      const cr = work[2 * k] as number;
      const ci = -(work[2 * k + 1] as number);
      const wr = chirp[2 * k] as number;
      const wi = chirp[2 * k + 1] as number;
      out[2 * k] = scale * (cr * wr - ci * wi);
      out[2 * k + 1] = s * (cr * wi + ci * wr);
    }
  }
}

function createKernel(n: number): ComplexKernel {
  if (n === 1) return new IdentityKernel();
  if (isPowerOfTwo(n)) return new RadixKernel(n);
  return new BluesteinKernel(n);
}

/** Real transforms: even n ≥ 4 pack x as n/2 complex points; odd n use the complex path. */
class Plan implements FftPlan {
  readonly size: number;
  private readonly kernel: ComplexKernel;
  /** Even n ≥ 4: the half-length kernel and its twiddles e^{−2πik/n}, k = 0…n/2. */
  private readonly half: ComplexKernel | undefined;
  private readonly halfTwiddle: Float64Array | undefined;
  private readonly halfWork: Float64Array | undefined;

  constructor(n: number) {
    this.size = n;
    const even = n >= 4 && n % 2 === 0;
    // A real transform of even n never needs the full-length kernel, but complex calls do;
    // build it lazily so rfft-only plans pay for the half-length tables only.
    this.kernel = even ? new LazyKernel(n) : createKernel(n);
    if (even) {
      const h = n / 2;
      this.half = createKernel(h);
      const tw = new Float64Array(2 * (h + 1));
      for (let k = 0; k <= h; k++) {
        const a = (2 * Math.PI * k) / n;
        // cos(π/2) is not 0 in floating point; pin the quarter turn so n = 4 is exact.
        tw[2 * k] = 4 * k === n ? 0 : Math.cos(a);
        tw[2 * k + 1] = 4 * k === n ? -1 : -Math.sin(a);
      }
      this.halfTwiddle = tw;
      this.halfWork = new Float64Array(2 * h);
    }
  }

  forward(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    return this.complex('input', input, out, false);
  }

  inverse(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    return this.complex('input', input, out, true);
  }

  private complex(
    name: string,
    input: ArrayLike<number>,
    out: Float64Array | undefined,
    inverse: boolean,
  ): Float64Array {
    const n = this.size;
    checkArray(name, input);
    checkLength(name, input, 2 * n, `2n = ${2 * n} (interleaved complex)`);
    const target = checkOutBuffer(out, 2 * n, `2n = ${2 * n}`) ?? new Float64Array(2 * n);
    const source = target === input ? Float64Array.from(input) : input;
    this.kernel.run(source, target, inverse);
    return target;
  }

  realForward(x: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = this.size;
    const deferred = checkBefore('x', x, n, `n = ${n}`);
    const bins = Math.floor(n / 2) + 1;
    const target =
      checkOutBuffer(out, 2 * bins, `2(floor(n/2) + 1) = ${2 * bins}`) ??
      new Float64Array(2 * bins);
    if (n === 1) {
      target[0] = x[0] as number;
      target[1] = 0;
    } else if (n === 2) {
      const a = x[0] as number;
      const b = x[1] as number;
      target.set([a + b, 0, a - b, 0]);
    } else if (this.half) {
      this.packedForward(x, target);
    } else {
      this.oddForward(x, target, bins);
    }
    if (deferred) verifyAfter('x', x, target);
    return target;
  }

  /**
   * z_j = x_{2j} + i·x_{2j+1} is x's own memory layout; with Z = DFT_{n/2}(z),
   * E_k = (Z_k + conj Z_{h−k})/2, O_k = (Z_k − conj Z_{h−k})/(2i), X_k = E_k + e^{−2πik/n} O_k.
   */
  private packedForward(x: ArrayLike<number>, out: Float64Array): void {
    const h = this.size / 2;
    const z = this.halfWork!;
    const tw = this.halfTwiddle!;
    this.half!.run(x, z, false);
    const z0r = z[0] as number;
    const z0i = z[1] as number;
    out[0] = z0r + z0i;
    out[1] = 0;
    out[2 * h] = z0r - z0i;
    out[2 * h + 1] = 0;
    for (let k = 1; k <= h >> 1; k++) {
      const j = h - k;
      const ar = z[2 * k] as number;
      const ai = z[2 * k + 1] as number;
      const br = z[2 * j] as number;
      const bi = z[2 * j + 1] as number;
      // E_k, and O_k·(−i)… written out for both k and h−k, which share the same pair.
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai - bi);
      const or = 0.5 * (ai + bi);
      const oi = -0.5 * (ar - br);
      const wr = tw[2 * k] as number;
      const wi = tw[2 * k + 1] as number;
      const tr = wr * or - wi * oi;
      const ti = wr * oi + wi * or;
      out[2 * k] = er + tr;
      out[2 * k + 1] = ei + ti;
      // X_{h−k} = conj(E_k) − conj(e^{−2πik/n} O_k)·… from the symmetric relation.
      out[2 * j] = er - tr;
      out[2 * j + 1] = -ei + ti;
    }
  }

  private oddForward(x: ArrayLike<number>, out: Float64Array, bins: number): void {
    const kernel = this.kernel;
    if (kernel instanceof BluesteinKernel) {
      kernel.runReal(x, out, bins);
      return;
    }
    const n = this.size;
    const full = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) full[2 * i] = x[i] as number;
    const spectrum = new Float64Array(2 * n);
    kernel.run(full, spectrum, false);
    out.set(spectrum.subarray(0, 2 * bins));
  }

  realInverse(spectrum: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = this.size;
    const bins = Math.floor(n / 2) + 1;
    const deferred = checkBefore('spectrum', spectrum, 2 * bins, `2(floor(n/2) + 1) = ${2 * bins}`);
    const target = checkOutBuffer(out, n, `n = ${n}`) ?? new Float64Array(n);
    if (n === 1) {
      target[0] = spectrum[0] as number;
    } else if (n === 2) {
      const a = spectrum[0] as number;
      const b = spectrum[2] as number;
      target[0] = 0.5 * (a + b);
      target[1] = 0.5 * (a - b);
    } else if (this.half) {
      this.packedInverse(spectrum, target);
    } else {
      const full = new Float64Array(2 * n);
      full[0] = spectrum[0] as number;
      for (let k = 1; k < bins; k++) {
        const re = spectrum[2 * k] as number;
        const im = spectrum[2 * k + 1] as number;
        full[2 * k] = re;
        full[2 * k + 1] = im;
        full[2 * (n - k)] = re;
        full[2 * (n - k) + 1] = -im;
      }
      const time = new Float64Array(2 * n);
      this.kernel.run(full, time, true);
      for (let i = 0; i < n; i++) target[i] = time[2 * i] as number;
    }
    // The imaginary parts of DC and Nyquist are ignored by the transform, so check them here.
    const last = 2 * bins - 1;
    if (
      deferred &&
      !(
        Number.isFinite(target[0]) &&
        Number.isFinite(spectrum[1]) &&
        Number.isFinite(spectrum[last])
      )
    ) {
      checkArray('spectrum', spectrum);
    }
    return target;
  }

  /** E_k = (X_k + conj X_{h−k})/2, O_k = (X_k − conj X_{h−k}) e^{+2πik/n}/2, z = IDFT_h(E + iO). */
  private packedInverse(spectrum: ArrayLike<number>, out: Float64Array): void {
    const n = this.size;
    const h = n / 2;
    const z = this.halfWork!;
    const tw = this.halfTwiddle!;
    for (let k = 0; k < h; k++) {
      const j = h - k;
      const ar = spectrum[2 * k] as number;
      const ai = k === 0 ? 0 : (spectrum[2 * k + 1] as number);
      const br = spectrum[2 * j] as number;
      const bi = j === h ? 0 : -(spectrum[2 * j + 1] as number);
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      const dr = 0.5 * (ar - br);
      const di = 0.5 * (ai - bi);
      // O = d · conj(tw_k)
      const wr = tw[2 * k] as number;
      const wi = -(tw[2 * k + 1] as number);
      const or = dr * wr - di * wi;
      const oi = dr * wi + di * wr;
      z[2 * k] = er - oi;
      z[2 * k + 1] = ei + or;
    }
    this.half!.run(z, out, true);
  }
}

/** Defers building the full-length kernel of an even plan until a complex call needs it. */
class LazyKernel implements ComplexKernel {
  private readonly n: number;
  private inner: ComplexKernel | undefined;

  constructor(n: number) {
    this.n = n;
  }

  run(input: ArrayLike<number>, out: Float64Array, inverse: boolean): void {
    this.inner ??= createKernel(this.n);
    this.inner.run(input, out, inverse);
  }
}

/**
 * Creates an FFT plan for any length n ≥ 1: fft.js radix-4 for powers of two, Bluestein's
 * chirp-z (over a power-of-two fft.js transform of length ≥ 2n − 1) otherwise. Real transforms
 * of even n run as one complex transform of length n/2.
 *
 * @param n - transform length (samples), an integer ≥ 1 (at most 2^26).
 * @returns a reusable {@link FftPlan} holding the twiddle/chirp tables and scratch buffers.
 * @throws RangeError if n is not an integer in [1, 2^26]; TypeError if it is not a number.
 * @example
 * ```ts
 * const plan = createFft(1000);
 * const X = plan.realForward(new Float64Array(1000).fill(1)); // X[0] = 1000
 * ```
 */
export function createFft(n: number): FftPlan {
  checkInteger('n', n, 1, 2 ** 26);
  return new Plan(n);
}

const planCache = new Map<number, FftPlan>();
const planCacheLimit = 32;

/**
 * A cached plan for the conveniences and other kernels of the package (most recently used kept,
 * at most 32 sizes).
 *
 * @internal
 */
export function cachedPlan(n: number): FftPlan {
  let plan = planCache.get(n);
  if (plan) {
    planCache.delete(n);
  } else {
    plan = createFft(n);
    if (planCache.size >= planCacheLimit) {
      const oldest = planCache.keys().next().value as number;
      planCache.delete(oldest);
    }
  }
  planCache.set(n, plan);
  return plan;
}

/**
 * Real-input FFT, like `numpy.fft.rfft`: `X_k = Σ_j x_j e^{−2πi jk/n}`, k = 0 … ⌊n/2⌋.
 * Plans are cached per length.
 *
 * @param x - real samples (length n ≥ 1, finite).
 * @returns interleaved complex half spectrum, ⌊n/2⌋ + 1 bins (length 2(⌊n/2⌋ + 1)).
 * @throws TypeError if x is not an array of numbers; RangeError if it is empty or not finite.
 * @example
 * ```ts
 * rfft([1, 2, 3, 4]); // Float64Array [10, 0, -2, 2, -2, 0]
 * ```
 */
export function rfft(x: ArrayLike<number>): Float64Array {
  checkArrayShape('x', x);
  return cachedPlan(x.length).realForward(x);
}

/**
 * Inverse of {@link rfft}, like `numpy.fft.irfft(X, n)`: the first ⌊n/2⌋ + 1 bins of `X` are
 * used (missing bins count as 0); imaginary parts of DC and (even n) Nyquist are ignored.
 *
 * @param spectrum - interleaved complex half spectrum (even length ≥ 2, finite).
 * @param n - output length (samples), an integer ≥ 1.
 * @returns real samples, length n.
 * @throws TypeError/RangeError for a bad spectrum (odd length, empty, not finite) or n.
 * @example
 * ```ts
 * irfft(rfft([1, 2, 3]), 3); // ≈ [1, 2, 3]
 * ```
 */
export function irfft(spectrum: ArrayLike<number>, n: number): Float64Array {
  checkArray('spectrum', spectrum, 2);
  if (spectrum.length % 2 !== 0) {
    throw new RangeError(
      `spectrum must have an even length (interleaved complex), got length ${spectrum.length}`,
    );
  }
  checkInteger('n', n, 1, 2 ** 26);
  const bins = Math.floor(n / 2) + 1;
  const half = new Float64Array(2 * bins);
  half.set(
    spectrum.length >= 2 * bins
      ? Array.prototype.slice.call(spectrum, 0, 2 * bins)
      : Array.prototype.slice.call(spectrum),
  );
  return cachedPlan(n).realInverse(half);
}

/**
 * Complex FFT, like `numpy.fft.fft(re + 1j·im)`.
 *
 * @param re - real parts (length n ≥ 1, finite).
 * @param im - imaginary parts (same length; default all 0).
 * @returns interleaved complex spectrum, n bins.
 * @throws TypeError/RangeError for bad arrays or mismatched lengths.
 * @example
 * ```ts
 * fft([1, 0, 0, 0]); // [1, 0, 1, 0, 1, 0, 1, 0]
 * ```
 */
export function fft(re: ArrayLike<number>, im?: ArrayLike<number>): Float64Array {
  checkArray('re', re);
  const n = re.length;
  if (im !== undefined) {
    checkArray('im', im);
    checkLength('im', im, n, `re.length = ${n}`);
  }
  const data = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    data[2 * i] = re[i] as number;
    data[2 * i + 1] = im ? (im[i] as number) : 0;
  }
  return cachedPlan(n).forward(data, data);
}

/**
 * Inverse complex FFT, like `numpy.fft.ifft` (scaled by 1/n).
 *
 * @param spectrum - interleaved complex spectrum (even length ≥ 2, finite).
 * @returns interleaved complex samples, same length.
 * @throws TypeError/RangeError for a bad spectrum (odd length, empty, not finite).
 * @example
 * ```ts
 * ifft(fft([1, 2, 3])); // ≈ [1, 0, 2, 0, 3, 0]
 * ```
 */
export function ifft(spectrum: ArrayLike<number>): Float64Array {
  checkArray('spectrum', spectrum, 2);
  if (spectrum.length % 2 !== 0) {
    throw new RangeError(
      `spectrum must have an even length (interleaved complex), got length ${spectrum.length}`,
    );
  }
  return cachedPlan(spectrum.length / 2).inverse(spectrum);
}
