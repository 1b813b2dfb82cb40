import {
  type ComplexKernel,
  createKernel,
  kernelSteps,
  root,
  STEP_POINTS,
  StockhamKernel,
} from './fft-kernels';
import { wasmTableBytes, wasmRealForward } from './fft-wasm';
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

/**
 * Scratch up to this many doubles (8 MiB) comes from one buffer shared by every plan (a
 * transform never runs inside another); larger scratch is borrowed per call and released
 * afterwards (see {@link borrowBuffer}), so no plan pins transform-sized memory.
 */
const SHARED_SCRATCH = 2 ** 20;
let sharedScratch: Float64Array | undefined;

/** Large buffers released by finished transforms, held weakly: the garbage collector may take them. */
const released: WeakRef<Float64Array>[] = [];
const RELEASED_SLOTS = 4;

/**
 * A buffer of at least `length` doubles (at most twice that), contents arbitrary: a released one
 * the garbage collector has not taken yet, or a new one. Reusing them keeps a run of large
 * transforms from piling up garbage faster than it is collected.
 *
 * @internal
 */
export function borrowBuffer(length: number): Float64Array {
  for (let i = released.length - 1; i >= 0; i--) {
    const buffer = (released[i] as WeakRef<Float64Array>).deref();
    if (buffer === undefined) {
      released.splice(i, 1);
    } else if (buffer.length >= length && buffer.length <= 2 * length) {
      released.splice(i, 1);
      return buffer;
    }
  }
  return new Float64Array(length);
}

/** Hands a large buffer back for {@link borrowBuffer} (weakly held; small ones are left alone). @internal */
export function releaseBuffer(buffer: Float64Array): void {
  if (buffer.length <= SHARED_SCRATCH || buffer === sharedScratch) return;
  released.push(new WeakRef(buffer));
  if (released.length > RELEASED_SLOTS) released.shift();
}

/** A scratch buffer of at least `length` doubles; its contents are arbitrary. */
function scratchOf(length: number): Float64Array {
  if (length > SHARED_SCRATCH) return borrowBuffer(length);
  if (sharedScratch === undefined || sharedScratch.length < length) {
    sharedScratch = new Float64Array(
      Math.min(SHARED_SCRATCH, Math.max(length, 2 * (sharedScratch?.length ?? 0))),
    );
  }
  return sharedScratch;
}

/** The packing twiddles are looked up as coarse·fine, in steps of 2^TWIDDLE_BITS bins. */
const TWIDDLE_BITS = 6;
const TWIDDLE_STEP = 1 << TWIDDLE_BITS;

/**
 * The kernel a plan of length n is built with, as [length, outputs]: the complex n/2 for even
 * n ≥ 4 (the real packing), a kernel of length n for real input (bins 0 … ⌊n/2⌋) for odd n > 2,
 * none (length 0) for n ≤ 2. The full complex kernel is built on first complex use.
 */
function initialKernel(n: number): [number, number] {
  if (n >= 4 && n % 2 === 0) return [n >> 1, n >> 1];
  return n > 2 ? [n, (n >> 1) + 1] : [0, 0];
}

/** A new plan of length n (checked by the caller). */
function newPlan(n: number): Plan {
  const [length, outputs] = initialKernel(n);
  return new Plan(n, length > 0 ? createKernel(length, outputs) : undefined);
}

/** {@link newPlan} in steps (a Bluestein kernel's tables are built in pieces). */
function* newPlanSteps(n: number): Generator<void, Plan, void> {
  const [length, outputs] = initialKernel(n);
  return new Plan(n, length > 0 ? yield* kernelSteps(length, outputs) : undefined);
}

/**
 * A plan: the complex kernel of length n (built on first complex use) and, for even n ≥ 4, the
 * kernel of length n/2 with the twiddles of the real packing, for odd n > 2 the kernel for real
 * input (the complex one itself unless it is a Bluestein kernel, whose real-input form needs a
 * shorter convolution). Plans hold tables only (scratch: {@link scratchOf}).
 */
export class Plan implements FftPlan {
  readonly size: number;
  private fullKernel: ComplexKernel | undefined;
  /** Even n ≥ 4: the half-length kernel. */
  private readonly half: ComplexKernel | undefined;
  /** Odd n > 2: the kernel realForward runs (bins 0 … ⌊n/2⌋ at least). */
  private readonly oddReal: ComplexKernel | undefined;
  /**
   * Even n ≥ 4: the packing twiddles e^{−2πik/n}, k = 0 … ⌊n/4⌋ (the others follow by symmetry),
   * as coarse·fine = e^{−2πi·64⌊k/64⌋/n}·e^{−2πi(k mod 64)/n}: two small tables instead of
   * one of n/4 entries, at the cost of one complex product per bin (rounding error ≤ 2 ulp).
   */
  private readonly coarse: Float64Array | undefined;
  private readonly fine: Float64Array | undefined;

  /**
   * @param size - n.
   * @param kernel - the kernel {@link initialKernel}(n) describes, none for n ≤ 2.
   */
  constructor(size: number, kernel: ComplexKernel | undefined) {
    // A small integer (Smi) however the caller computed it (2 ** 13 is a heap double in V8).
    const n = size | 0;
    this.size = n;
    if (n >= 4 && n % 2 === 0) {
      const h = n >> 1;
      this.half = kernel;
      const quarter = h >> 1;
      const fine = new Float64Array(2 * TWIDDLE_STEP);
      for (let r = 0; r < TWIDDLE_STEP; r++) root(r, n, fine, 2 * r);
      const coarse = new Float64Array(2 * (Math.floor(quarter / TWIDDLE_STEP) + 1));
      for (let j = 0; 2 * j < coarse.length; j++) root(TWIDDLE_STEP * j, n, coarse, 2 * j);
      this.fine = fine;
      this.coarse = coarse;
    } else if (n > 2 && kernel) {
      this.oddReal = kernel;
      if (kernel.outputs === n) this.fullKernel = kernel;
    }
  }

  /** Bytes of tables this plan holds (what the plan cache counts). */
  get bytes(): number {
    const odd = this.oddReal !== this.fullKernel ? (this.oddReal?.bytes ?? 0) : 0;
    return (
      (this.fullKernel?.bytes ?? 0) +
      odd +
      (this.half?.bytes ?? 0) +
      (this.coarse?.byteLength ?? 0) +
      (this.fine?.byteLength ?? 0)
    );
  }

  private get kernel(): ComplexKernel {
    this.fullKernel ??= createKernel(this.size);
    return this.fullKernel;
  }

  forward(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    return this.complex('input', input, out, false);
  }

  inverse(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    return this.complex('input', input, out, true);
  }

  /** Inverse via ifft(X) = conj(fft(conj X))/n, so the kernels run forward only. */
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
    if (n === 1) {
      target[0] = input[0] as number;
      target[1] = input[1] as number;
      return target;
    }
    const kernel = this.kernel;
    const copy = inverse || target === input || !(input instanceof Float64Array);
    const scratch = scratchOf((copy ? 2 * n : 0) + kernel.scratchLength);
    let source = input as Float64Array;
    if (copy) {
      const staged = scratch.subarray(0, 2 * n);
      const s = inverse ? -1 : 1;
      for (let i = 0; i < 2 * n; i += 2) {
        staged[i] = input[i] as number;
        staged[i + 1] = s * (input[i + 1] as number);
      }
      source = staged;
    }
    kernel.forward(source, target, copy ? scratch.subarray(2 * n) : scratch, false);
    releaseBuffer(scratch);
    if (inverse) {
      const scale = 1 / n;
      for (let i = 0; i < 2 * n; i += 2) {
        target[i] = scale * (target[i] as number);
        target[i + 1] = -scale * (target[i + 1] as number);
      }
    }
    return target;
  }

  /** Checks realForward's arguments: x as a Float64Array, the output, and whether to verify x after. */
  private realArguments(
    input: ArrayLike<number>,
    out: Float64Array | undefined,
  ): { x: Float64Array; target: Float64Array; deferred: boolean } {
    const n = this.size;
    const deferred = checkBefore('x', input, n, `n = ${n}`);
    // The kernels read Float64Arrays only (monomorphic passes); other arrays are copied once.
    const x = input instanceof Float64Array ? input : Float64Array.from(input);
    const bins = Math.floor(n / 2) + 1;
    const target =
      checkOutBuffer(out, 2 * bins, `2(floor(n/2) + 1) = ${2 * bins}`) ??
      new Float64Array(2 * bins);
    return { x, target, deferred };
  }

  /**
   * {@link Plan.realForward} in steps (see `ComplexKernel.steps`): the same kernels and the same
   * arithmetic, so the same bits. Its scratch is its own (never the shared buffer, which a
   * transform run between two steps may use). n ≤ 2 runs in one step.
   *
   * @internal
   */
  *realForwardSteps(
    input: ArrayLike<number>,
    out: Float64Array | undefined,
  ): Generator<void, Float64Array, void> {
    const n = this.size;
    if (n <= 2) return this.realForward(input, out);
    const { x, target, deferred } = this.realArguments(input, out);
    const kernel = (this.half ?? this.oddReal) as ComplexKernel;
    const scratch = borrowBuffer(kernel.scratchLength);
    try {
      if (this.half) {
        yield* this.half.steps(x, target, scratch, false);
        this.unpackEnds(target);
        const last = this.size >> 2;
        for (let k = 1; k <= last; k += STEP_POINTS) {
          this.unpack(target, k, Math.min(last, k + STEP_POINTS - 1));
          yield;
        }
      } else {
        yield* kernel.steps(x, target, scratch, true);
      }
    } finally {
      releaseBuffer(scratch);
    }
    if (deferred) verifyAfter('x', x, target);
    return target;
  }

  realForward(input: ArrayLike<number>, out?: Float64Array): Float64Array {
    const n = this.size;
    const { x, target, deferred } = this.realArguments(input, out);
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
      const kernel = this.oddReal as ComplexKernel;
      const scratch = scratchOf(kernel.scratchLength);
      kernel.forward(x, target, scratch, true);
      releaseBuffer(scratch);
    }
    if (deferred) verifyAfter('x', x, target);
    return target;
  }

  /**
   * z_j = x_{2j} + i·x_{2j+1} is x's own memory layout; with Z = DFT_{n/2}(z) (written straight
   * into out and unpacked in place), E_k = (Z_k + conj Z_{h−k})/2, O_k = (Z_k − conj Z_{h−k})/(2i),
   * X_k = E_k + e^{−2πik/n} O_k.
   */
  private packedForward(x: Float64Array, out: Float64Array): void {
    const half = this.half as ComplexKernel;
    const coarse = this.coarse as Float64Array;
    const fine = this.fine as Float64Array;
    // The same passes and unpack in WebAssembly (same bits) where that path runs.
    if (half instanceof StockhamKernel && wasmRealForward(half, coarse, fine, x, out)) return;
    const scratch = scratchOf(half.scratchLength);
    half.forward(x, out, scratch, false);
    releaseBuffer(scratch);
    this.unpackEnds(out);
    this.unpack(out, 1, this.size >> 2);
  }

  /** X_0 and X_h from Z_0, in place (see {@link Plan.packedForward}). */
  private unpackEnds(out: Float64Array): void {
    const h = this.size >> 1;
    const z0r = out[0] as number;
    const z0i = out[1] as number;
    out[0] = z0r + z0i;
    out[1] = 0;
    out[2 * h] = z0r - z0i;
    out[2 * h + 1] = 0;
  }

  /** X_k and X_{h−k} from Z_k and Z_{h−k}, in place, for k = from … to (see {@link Plan.packedForward}). */
  private unpack(out: Float64Array, from: number, to: number): void {
    const h = this.size >> 1;
    const coarse = this.coarse as Float64Array;
    const fine = this.fine as Float64Array;
    // k in runs sharing one coarse twiddle: loaded once per run, the fine one indexed directly.
    for (let run = from; run <= to; ) {
      const c = 2 * (run >> TWIDDLE_BITS);
      const cr = coarse[c] as number;
      const ci = coarse[c + 1] as number;
      const end = Math.min(to, run | (TWIDDLE_STEP - 1));
      for (let k = run, f = 2 * (run & (TWIDDLE_STEP - 1)); k <= end; k++, f += 2) {
        const j = h - k;
        const ar = out[2 * k] as number;
        const ai = out[2 * k + 1] as number;
        const br = out[2 * j] as number;
        const bi = out[2 * j + 1] as number;
        // E_k, and O_k·(−i)… written out for both k and h−k, which share the same pair.
        const er = 0.5 * (ar + br);
        const ei = 0.5 * (ai - bi);
        const or = 0.5 * (ai + bi);
        const oi = -0.5 * (ar - br);
        const fr = fine[f] as number;
        const fi = fine[f + 1] as number;
        const wr = cr * fr - ci * fi;
        const wi = cr * fi + ci * fr;
        const tr = wr * or - wi * oi;
        const ti = wr * oi + wi * or;
        out[2 * k] = er + tr;
        out[2 * k + 1] = ei + ti;
        // X_{h−k} = conj(E_k) − conj(e^{−2πik/n} O_k)·… from the symmetric relation.
        out[2 * j] = er - tr;
        out[2 * j + 1] = -ei + ti;
      }
      run = end + 1;
    }
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
      // The conjugate of the Hermitian extension, transformed forward: the real part is n·x.
      const kernel = this.kernel;
      const scratch = scratchOf(4 * n + kernel.scratchLength);
      const full = scratch.subarray(0, 2 * n);
      full[0] = spectrum[0] as number;
      full[1] = 0;
      for (let k = 1; k < bins; k++) {
        const re = spectrum[2 * k] as number;
        const im = spectrum[2 * k + 1] as number;
        full[2 * k] = re;
        full[2 * k + 1] = -im;
        full[2 * (n - k)] = re;
        full[2 * (n - k) + 1] = im;
      }
      const time = scratch.subarray(2 * n, 4 * n);
      kernel.forward(full, time, scratch.subarray(4 * n), false);
      const scale = 1 / n;
      for (let i = 0; i < n; i++) target[i] = scale * (time[2 * i] as number);
      releaseBuffer(scratch);
    }
    if (deferred) {
      // A non-finite bin reaches some output sample (not always x_0: an imaginary part has a
      // zero weight there), so scan the output; the imaginary parts of DC and Nyquist are
      // ignored by the transform, so check them directly.
      let bad = 0;
      for (let i = 0; i < n; i++) bad += (target[i] as number) - (target[i] as number);
      const last = 2 * bins - 1;
      if (bad !== 0 || !(Number.isFinite(spectrum[1]) && Number.isFinite(spectrum[last]))) {
        checkArray('spectrum', spectrum);
      }
    }
    return target;
  }

  /**
   * E_k = (X_k + conj X_{h−k})/2, O_k = (X_k − conj X_{h−k}) e^{+2πik/n}/2, z = IDFT_h(E + iO),
   * computed as conj(DFT_h(conj(E + iO)))/h straight into out (z is x's memory layout).
   */
  private packedInverse(spectrum: ArrayLike<number>, out: Float64Array): void {
    const n = this.size;
    const h = n >> 1;
    const half = this.half as ComplexKernel;
    const coarse = this.coarse as Float64Array;
    const fine = this.fine as Float64Array;
    const scratch = scratchOf(2 * h + half.scratchLength);
    const z = scratch.subarray(0, 2 * h);
    const quarter = h >> 1;
    // Locals: a module-level const is read from the module context at every use in the loop.
    const bits = TWIDDLE_BITS;
    const mask = TWIDDLE_STEP - 1;
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
      // conj(tw_k), with tw_k = −conj(tw_{h−k}) above the stored quarter.
      const t = k <= quarter ? k : j;
      const c = 2 * (t >> bits);
      const f = 2 * (t & mask);
      const cr = coarse[c] as number;
      const ci = coarse[c + 1] as number;
      const fr = fine[f] as number;
      const fi = fine[f + 1] as number;
      const tr = cr * fr - ci * fi;
      const ti = cr * fi + ci * fr;
      const wr = k <= quarter ? tr : -tr;
      const wi = -ti;
      const or = dr * wr - di * wi;
      const oi = dr * wi + di * wr;
      z[2 * k] = er - oi;
      z[2 * k + 1] = -(ei + or);
    }
    half.forward(z, out, scratch.subarray(2 * h), false);
    releaseBuffer(scratch);
    const scale = 1 / h;
    for (let i = 0; i < n; i += 2) {
      out[i] = scale * (out[i] as number);
      out[i + 1] = -scale * (out[i + 1] as number);
    }
  }
}

/**
 * Creates an FFT plan for any length n ≥ 1: a mixed-radix Stockham transform (radices 8, 4, 2,
 * 3, 5, 7, 11, 13 written out and any other prime up to 97 through a generic butterfly) for
 * every n whose prime factors allow it; when a large prime factor makes that slow, Rader's
 * algorithm (a prime n, as a convolution of length n − 1 when that length factors into the
 * radices above: 65 537) or Bluestein's chirp-z (over a mixed-radix transform of a
 * 2^a·3^b·5^c·7^d length ≥ 2n − 1, about 1.5n for the real transform of odd n), whichever
 * costs less. Real transforms of every even n run as one complex transform of length n/2.
 *
 * @param n - transform length (samples), an integer ≥ 1 (at most 2^26).
 * @returns a reusable {@link FftPlan} holding the twiddle/chirp tables (scratch memory above
 *   8 MiB is allocated per call and released afterwards; below, one buffer is shared by all plans).
 * @throws RangeError if n is not an integer in [1, 2^26]; TypeError if it is not a number.
 * @example
 * ```ts
 * const plan = createFft(1000);
 * const X = plan.realForward(new Float64Array(1000).fill(1)); // X[0] = 1000
 * ```
 */
export function createFft(n: number): FftPlan {
  checkInteger('n', n, 1, 2 ** 26);
  return newPlan(n);
}

/**
 * Byte budget of the plan cache: the tables of every cached plan together, plus the copies of
 * recent plans' tables in the WebAssembly module's memory (see fft-wasm.ts; the rest of that
 * memory is one transform's data, like the shared scratch buffer here, and the whole of it stays
 * within `WASM_HEAP_LIMIT`). @internal
 */
export const PLAN_CACHE_BYTES = 64 * 2 ** 20;

const planCache = new Map<number, Plan>();

/** Bytes held by the cached plans now, with the table copies in WebAssembly memory. @internal */
export function planCacheBytes(): number {
  let total = wasmTableBytes();
  for (const plan of planCache.values()) total += plan.bytes;
  return total;
}

/**
 * A cached plan for the conveniences and other kernels of the package: least recently used
 * plans are dropped while the cache holds more than {@link PLAN_CACHE_BYTES}; a plan larger than
 * the whole budget is returned without being cached.
 *
 * @internal
 */
export function cachedPlan(n: number): Plan {
  const plan = planCache.get(n);
  if (plan) return remember(n, plan);
  checkInteger('n', n, 1, 2 ** 26);
  return remember(n, newPlan(n));
}

/**
 * {@link cachedPlan} in steps: a plan that is not cached is built in pieces (see
 * `kernelSteps`), so that building a large Bluestein plan can be interrupted too.
 *
 * @internal
 */
export function* cachedPlanSteps(n: number): Generator<void, Plan, void> {
  const plan = planCache.get(n);
  if (plan) return remember(n, plan);
  checkInteger('n', n, 1, 2 ** 26);
  return remember(n, yield* newPlanSteps(n));
}

/** Puts plan last in the cache's order (most recently used), dropping the oldest past the budget. */
function remember(n: number, plan: Plan): Plan {
  planCache.delete(n);
  const bytes = plan.bytes;
  if (bytes + wasmTableBytes() > PLAN_CACHE_BYTES) return plan;
  let total = planCacheBytes();
  for (const [size, old] of planCache) {
    if (total + bytes <= PLAN_CACHE_BYTES) break;
    total -= old.bytes;
    planCache.delete(size);
  }
  planCache.set(n, plan);
  return plan;
}

/**
 * Real-input FFT, like `numpy.fft.rfft`: `X_k = Σ_j x_j e^{−2πi jk/n}`, k = 0 … ⌊n/2⌋.
 * Plans are cached per length (see {@link PLAN_CACHE_BYTES}).
 *
 * @param x - real samples (length n ≥ 1, finite).
 * @param out - optional caller-owned output, length 2(⌊n/2⌋ + 1); written and returned.
 * @returns interleaved complex half spectrum, ⌊n/2⌋ + 1 bins (length 2(⌊n/2⌋ + 1)).
 * @throws TypeError if x is not an array of numbers or out not a Float64Array; RangeError if x
 *   is empty or not finite, or out has the wrong length.
 * @example
 * ```ts
 * rfft([1, 2, 3, 4]); // Float64Array [10, 0, -2, 2, -2, 0]
 * rfft([1, 2, 3, 4], new Float64Array(6)); // the same, written into the given array
 * ```
 */
export function rfft(x: ArrayLike<number>, out?: Float64Array): Float64Array {
  checkArrayShape('x', x);
  return cachedPlan(x.length).realForward(x, out);
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
  return cachedPlan(n).forward(data);
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
