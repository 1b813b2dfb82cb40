/**
 * Complex DFT cores behind {@link createFft}: a mixed-radix Stockham transform (radices 8, 4, 2,
 * 3, 5, 7, 11 and 13 written out, any other small odd prime through a generic symmetric
 * butterfly), Rader's algorithm for primes whose n − 1 the Stockham passes take, and
 * Bluestein's chirp-z for other lengths with a large prime factor. Internal: no validation,
 * forward only (the plans get the inverse by conjugation), complex data interleaved
 * `[re0, im0, …]`.
 */

/** A forward complex DFT of one length, `X_k = Σ_j x_j e^{−2πi jk/n}`. */
export interface ComplexKernel {
  /** Transform length n (complex points). */
  readonly size: number;
  /**
   * Bins {@link ComplexKernel.forward} computes: n (every Stockham kernel, and Bluestein kernels
   * built for complex input), or ⌊n/2⌋ + 1 for a Bluestein kernel built for real input only,
   * which then must be called with `real` (its convolution is shorter: see {@link kernelSteps}).
   */
  readonly outputs: number;
  /** Bytes of precomputed tables this kernel holds. */
  readonly bytes: number;
  /** Length (doubles) of the scratch buffer {@link ComplexKernel.forward} needs. */
  readonly scratchLength: number;
  /**
   * Writes the DFT of `input` (2n doubles) into `out` (2n doubles, never aliasing `input`).
   * With `real` (odd n only), `input` is n real samples and `out` receives bins 0 … ⌊n/2⌋
   * (2(⌊n/2⌋ + 1) doubles). `scratch` holds at least `scratchLength` doubles, never aliasing
   * `input` or `out`; its contents on entry do not matter. Every array is a `Float64Array`, so
   * the passes stay monomorphic (the plans copy other inputs first).
   */
  forward(input: Float64Array, out: Float64Array, scratch: Float64Array, real: boolean): void;
  /**
   * {@link ComplexKernel.forward} in steps, same arguments and the same arithmetic in the same
   * order (so bit-identical output): it yields after every pass and after every
   * {@link STEP_POINTS} points of a pointwise loop, so that a driver can return to the event loop
   * between steps. The caller must not touch the arrays until the generator is done.
   */
  steps(
    input: Float64Array,
    out: Float64Array,
    scratch: Float64Array,
    real: boolean,
  ): Generator<void, void, void>;
}

/** Complex points a pointwise loop handles between two yields of {@link ComplexKernel.steps}. */
export const STEP_POINTS = 1 << 16;

/** Largest prime factor the Stockham passes take directly (above it: Rader or Bluestein). */
const DIRECT_PRIME_LIMIT = 97;

/**
 * Factors n into Stockham radices: the power of two as 4s first, then the odd primes in
 * increasing order, then the rest of the power of two (an 8 for an odd exponent ≥ 3, a 2 for
 * n = 2·odd). Measured (best of alternating bursts, same process): radix-8 passes with a large
 * ido run 30–80 % slower per point than the later ones (16 streams of stores and loads, their
 * strides multiples of 4 KiB, competing for the same cache sets), so 4s take the large-ido passes
 * and the one 8 runs last, where ido is small: 2^15 as 4^6·8 is 15 % faster than 8^5, 2^11·3 as
 * 4^4·3·8 19 % faster than 8^3·4·3, and the memory-bound 2^19 and 2^21 are 8–17 % faster too.
 */
export function factorize(n: number): number[] {
  const factors: number[] = [];
  let rest = n;
  let twos = 0;
  while (rest % 2 === 0) {
    twos++;
    rest = (rest / 2) | 0;
  }
  const last = twos === 1 ? 2 : twos % 2 === 1 ? 8 : 0;
  for (let f = (twos - (last === 8 ? 3 : last === 2 ? 1 : 0)) >> 1; f > 0; f--) factors.push(4);
  for (let p = 3; p * p <= rest; p += 2) {
    while (rest % p === 0) {
      factors.push(p);
      rest = (rest / p) | 0;
    }
  }
  if (rest > 1) factors.push(rest | 0);
  if (last > 0) factors.push(last);
  return factors;
}

/**
 * Time of one Stockham pass per complex point, by radix, in units of about 1 ns (measured on
 * the 2-core development machine at cache-resident sizes, twiddled passes).
 */
function radixCost(f: number): number {
  switch (f) {
    case 2:
      return 2;
    case 3:
      return 2.45;
    case 4:
      return 2.15;
    case 5:
      return 2.85;
    case 7:
      return 4.8;
    case 8:
      // Always the last pass (see factorize): no twiddles.
      return 2.25;
    case 11:
      return 9.5;
    case 13:
      return 10.5;
    default:
      return f;
  }
}

/** Time of a Stockham transform with these factors, per complex point (see {@link radixCost}). */
function passCost(factors: readonly number[]): number {
  let cost = 0;
  for (const f of factors) cost += radixCost(f);
  return cost;
}

/**
 * The convolution length of a Bluestein transform that needs at least `minimum` points: the
 * 2^a·3^b·5^c·7^d ≥ minimum (below the next power of two's double) whose Stockham transform
 * takes the least time by {@link passCost}. pocketfft takes the smallest such length (with 11
 * too); here the radix-8 passes are cheaper per point than the odd ones, so a slightly longer
 * power of two can win.
 */
export function bluesteinLength(minimum: number): number {
  let best = 2 ** Math.ceil(Math.log2(minimum));
  let bestCost = best * passCost(factorize(best));
  for (let f7 = 1; f7 < 2 * best; f7 *= 7) {
    for (let f57 = f7; f57 < 2 * best; f57 *= 5) {
      for (let f357 = f57; f357 < 2 * best; f357 *= 3) {
        let m = f357;
        while (m < minimum) m *= 2;
        const cost = m * passCost(factorize(m));
        if (cost < bestCost) {
          best = m;
          bestCost = cost;
        }
      }
    }
  }
  return best | 0;
}

/**
 * Chooses the core for length n: Stockham unless a large prime factor makes Bluestein cheaper.
 * `outputs` (n, or ⌊n/2⌋ + 1 for a kernel that only ever takes real input) is how many bins
 * the kernel must compute (see {@link ComplexKernel.outputs}).
 */
export function createKernel(n: number, outputs = n): ComplexKernel {
  return runSteps(kernelSteps(n, outputs));
}

/**
 * {@link createKernel} in steps: a Bluestein kernel's tables (its chirp and the transform of its
 * filter, as long as the transform itself) are built in pieces, yielding between them.
 */
export function* kernelSteps(n: number, outputs = n): Generator<void, ComplexKernel, void> {
  const factors = factorize(n);
  const largest = factors.length === 0 ? 1 : Math.max(...factors);
  if (largest <= DIRECT_PRIME_LIMIT) return new StockhamKernel(n, factors);
  // Bins 0 … outputs − 1 of the circular convolution are free of wrap-around from the n input
  // points when m ≥ n + outputs − 1 (2n − 1 for every bin; about 1.5n for real input).
  const m = bluesteinLength(n + outputs - 1);
  // Bluestein: two transforms of length m plus three pointwise passes over m points; Rader
  // (a prime n whose n − 1 the Stockham passes take): two of length n − 1 and three pointwise
  // passes, two of them through the power table, out of order (16 measured closer than 12:
  // 8191 runs 6 % faster through Bluestein over 12 800 points than Rader over 8190).
  const bluestein = (m / n) * (2 * passCost(factorize(m)) + 12);
  const raderFactors = factors.length === 1 ? factorize(n - 1) : [];
  const rader =
    raderFactors.length > 0 && Math.max(...raderFactors) <= DIRECT_PRIME_LIMIT
      ? ((n - 1) / n) * (2 * passCost(raderFactors) + 16)
      : Number.POSITIVE_INFINITY;
  const direct = passCost(factors) * (largest > 1000 ? 4 : 1);
  if (direct <= bluestein && direct <= rader) return new StockhamKernel(n, factors);
  if (rader < bluestein) return yield* raderSteps(n);
  return yield* bluesteinSteps(n, m, outputs);
}

/** Runs stepped work to its end at once. */
export function runSteps<T>(work: Generator<void, T, void>): T {
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
  }
}

/**
 * Passes whose `ido` is at most this (and below `l1`) loop over k innermost: one long loop
 * instead of l1 loops of ido iterations. On the shared machine ido = 1 gained and a bound of 4
 * did not measure faster (within its 10–30 % noise), so only the untwiddled last pass does it.
 */
const K_INNER_IDO = 1;

/**
 * One Stockham pass: radix `ip`, `l1` transforms done so far, `ido` = n/(l1·ip). It reads
 * `cc[i + ido·(j + ip·k)]` and writes `ch[i + ido·(k + l1·q)]` (complex indices): for every
 * k < l1 and i < ido, the ip-point DFT over j, output q multiplied by w^{l1·i·q}
 * (w = e^{−2πi/n}). In the untwiddled forms and the generic radix, the (k, i) pairs run as an
 * outer loop of `outer` steps and an inner loop of `inner` steps, each step moving the cc, ch
 * and twiddle offsets (doubles) by the given strides.
 */
export interface Pass {
  readonly ip: number;
  readonly l1: number;
  readonly ido: number;
  /**
   * Twiddles w^{l1·i·j}, interleaved, `twStride` doubles per i: radix 4 stores only j = 1
   * (the powers are formed on the fly, which saves memory traffic), the others j = 1 … ip−1.
   * Empty when ido = 1 (no twiddles; always so for radix 8).
   */
  readonly tw: Float64Array;
  readonly twiddled: boolean;
  readonly outer: number;
  readonly inner: number;
  readonly ccOuter: number;
  readonly ccInner: number;
  readonly chOuter: number;
  readonly chInner: number;
  readonly twOuter: number;
  readonly twInner: number;
  /** Generic radix only: cos and sin of 2π·j·q/ip, row-major in (j, q). */
  readonly roots: Float64Array;
  /** Generic radix only: room for the (ip−1)/2 pair sums and differences of one butterfly. */
  readonly work: Float64Array;
}

/** e^{−2πi e/n} for an integer exponent, reduced mod n first so large products stay exact. */
export function root(e: number, n: number, out: Float64Array, at: number): void {
  const r = e % n;
  // Fold onto the first octant so the argument of cos/sin is small and exact to an ulp.
  const eighth = 8 * r;
  if (eighth === n || eighth === 3 * n || eighth === 5 * n || eighth === 7 * n) {
    const h = Math.SQRT1_2;
    out[at] = eighth === n || eighth === 7 * n ? h : -h;
    out[at + 1] = eighth <= 3 * n ? -h : h;
    return;
  }
  const a = (2 * Math.PI * r) / n;
  out[at] = 4 * r === n || 4 * r === 3 * n ? 0 : 2 * r === n ? -1 : Math.cos(a);
  out[at + 1] = 2 * r === n || r === 0 ? 0 : 4 * r === n ? -1 : 4 * r === 3 * n ? 1 : -Math.sin(a);
}

const EMPTY = new Float64Array(0);

function makePass(n: number, ip: number, l1: number): Pass {
  // `| 0` keeps every count and stride a small integer (Smi) in V8: a quotient such as n/(l1·ip)
  // or a size from Math.pow is otherwise a heap double, the Pass fields then turn to doubles
  // and every index in the passes becomes a float-to-int conversion (measured 1.6× slower).
  const ido = (n / (l1 * ip)) | 0;
  const twiddled = ido > 1;
  const stored = ip === 4 ? 1 : ip - 1;
  const twStride = 2 * stored;
  const tw = twiddled ? new Float64Array(twStride * ido) : EMPTY;
  for (let i = 0; twiddled && i < ido; i++) {
    for (let j = 1; j <= stored; j++) root(l1 * i * j, n, tw, twStride * i + 2 * (j - 1));
  }
  let roots = EMPTY;
  let work = EMPTY;
  if (ip > 7 && ip !== 11 && ip !== 13) {
    roots = new Float64Array(2 * ip * ip);
    for (let j = 0; j < ip; j++) {
      for (let q = 0; q < ip; q++) {
        const a = (2 * Math.PI * ((j * q) % ip)) / ip;
        roots[2 * (j * ip + q)] = Math.cos(a);
        roots[2 * (j * ip + q) + 1] = Math.sin(a);
      }
    }
    work = new Float64Array(2 * ip);
  }
  const kInner = ido <= K_INNER_IDO && ido < l1;
  const ccK = 2 * ido * ip;
  const chK = 2 * ido;
  return {
    ip: ip | 0,
    l1: l1 | 0,
    ido,
    tw,
    twiddled,
    outer: kInner ? ido : l1,
    inner: kInner ? l1 : ido,
    ccOuter: kInner ? 2 : ccK,
    ccInner: kInner ? ccK : 2,
    chOuter: kInner ? 2 : chK,
    chInner: kInner ? chK : 2,
    twOuter: kInner ? twStride : 0,
    twInner: kInner ? 0 : twStride,
    roots,
    work,
  };
}

/** Mixed-radix Stockham autosort transform (decimation in frequency, natural order in and out). */
export class StockhamKernel implements ComplexKernel {
  readonly size: number;
  readonly outputs: number;
  readonly bytes: number;
  readonly scratchLength: number;
  /** The passes in order (read by the WebAssembly path, src/fft-wasm.ts). @internal */
  readonly passes: Pass[] = [];

  constructor(n: number, factors: readonly number[]) {
    this.size = n | 0;
    this.outputs = n | 0;
    let l1 = 1;
    let bytes = 0;
    for (const ip of factors) {
      const pass = makePass(n | 0, ip | 0, l1);
      bytes += pass.tw.byteLength + pass.roots.byteLength + pass.work.byteLength;
      this.passes.push(pass);
      l1 *= ip;
    }
    this.bytes = bytes;
    // 2n for the ping-pong partner; odd n also take real input, which needs three buffers.
    this.scratchLength = n % 2 === 1 ? 6 * n : 2 * n;
  }

  forward(input: Float64Array, out: Float64Array, scratch: Float64Array, real: boolean): void {
    const n = this.size;
    if (!real) {
      this.chain(input, out, scratch);
      return;
    }
    // Real input (odd n only; even n go through the half-length packing): widen to complex,
    // transform into the scratch and keep bins 0 … ⌊n/2⌋.
    const wide = widenReal(input, scratch, n);
    const full = scratch.subarray(2 * n, 4 * n);
    this.chain(wide, full, scratch.subarray(4 * n, 6 * n));
    out.set(full.subarray(0, 2 * (Math.floor(n / 2) + 1)));
  }

  *steps(
    input: Float64Array,
    out: Float64Array,
    scratch: Float64Array,
    real: boolean,
  ): Generator<void, void, void> {
    const n = this.size;
    if (!real) {
      yield* this.chainSteps(input, out, scratch);
      return;
    }
    const wide = widenReal(input, scratch, n);
    yield;
    const full = scratch.subarray(2 * n, 4 * n);
    yield* this.chainSteps(wide, full, scratch.subarray(4 * n, 6 * n));
    out.set(full.subarray(0, 2 * (Math.floor(n / 2) + 1)));
  }

  /** Runs the passes from src, ping-ponging through partner so that the last one writes dst. */
  private chain(src: Float64Array, dst: Float64Array, partner: Float64Array): void {
    const count = this.passes.length;
    if (count === 0) {
      dst[0] = src[0] as number;
      dst[1] = src[1] as number;
      return;
    }
    for (let p = 0; p < count; p++) this.pass(p, src, dst, partner);
  }

  /** {@link StockhamKernel.chain}, yielding after each pass. */
  private *chainSteps(
    src: Float64Array,
    dst: Float64Array,
    partner: Float64Array,
  ): Generator<void, void, void> {
    const count = this.passes.length;
    if (count === 0) {
      dst[0] = src[0] as number;
      dst[1] = src[1] as number;
      return;
    }
    for (let p = 0; p < count; p++) {
      this.pass(p, src, dst, partner);
      yield;
    }
  }

  /**
   * Pass p of the chain: pass p writes dst when an even number of passes follow it, else
   * partner, and reads what pass p − 1 wrote (src for the first).
   */
  private pass(p: number, src: Float64Array, dst: Float64Array, partner: Float64Array): void {
    const count = this.passes.length;
    const from = p === 0 ? src : (count - p) % 2 === 0 ? dst : partner;
    const to = (count - 1 - p) % 2 === 0 ? dst : partner;
    runPass(this.passes[p] as Pass, from, to);
  }
}

/** n real samples widened to complex (imaginary parts 0) in the first 2n doubles of scratch. */
function widenReal(input: Float64Array, scratch: Float64Array, n: number): Float64Array {
  const wide = scratch.subarray(0, 2 * n);
  for (let i = 0; i < n; i++) {
    wide[2 * i] = input[i] as number;
    wide[2 * i + 1] = 0;
  }
  return wide;
}

/** Runs one pass from cc into ch (neither aliasing the other). @internal */
export function runPass(pass: Pass, cc: Float64Array, ch: Float64Array): void {
  switch (pass.ip) {
    case 8:
      pass8(pass, cc, ch);
      return;
    case 4:
      pass4(pass, cc, ch);
      return;
    case 2:
      pass2(pass, cc, ch);
      return;
    case 3:
      pass3(pass, cc, ch);
      return;
    case 5:
      pass5(pass, cc, ch);
      return;
    case 7:
      pass7(pass, cc, ch);
      return;
    case 11:
      pass11(pass, cc, ch);
      return;
    case 13:
      pass13(pass, cc, ch);
      return;
    default:
      passGeneric(pass, cc, ch);
  }
}

// Every pass below has two loops: with twiddles (ido > 1), k outer and i inner with literal
// strides, the twiddle stride a constant and no branch in the loop (2–9 % faster than one loop
// walking Pass's strides with a twiddled test per butterfly, measured A/B); for ido = 1 its
// untwiddled form walks the (k, i) pairs as Pass says. `a` is the offset of input j = 0 in cc,
// `b` that of output q = 0 in ch, `t` that of the pair's twiddles. Each pass computes its
// radix's constants (cosines, sines) as locals: a module-level const is read from the ES
// module's context, with a hole check, at every use in V8's optimized code (10^4 points ran
// 23 % and 146 432 points 34 % slower as an ES module than the same code bundled as CommonJS).

function pass2(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const { tw, ido, l1 } = pass;
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  if (ido === 1) {
    untwiddled2(pass, cc, ch, sj, sq);
    return;
  }
  const rowIn = 2 * sj;
  for (let k = 0; k < l1; k++) {
    const rowA = k * rowIn;
    const rowB = k * sj;
    for (let i = 0, t = 0; i < sj; i += 2, t += 2) {
      const a = rowA + i;
      const b = rowB + i;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      ch[b] = a0r + a1r;
      ch[b + 1] = a0i + a1i;
      const dr = a0r - a1r;
      const di = a0i - a1i;
      const wr = tw[t] as number;
      const wi = tw[t + 1] as number;
      ch[b + sq] = dr * wr - di * wi;
      ch[b + sq + 1] = dr * wi + di * wr;
    }
  }
}

/** Pass 2 with ido = 1 (no twiddles), walking the (k, i) pairs as {@link Pass} says. */
function untwiddled2(pass: Pass, cc: Float64Array, ch: Float64Array, sj: number, sq: number) {
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      ch[b] = a0r + a1r;
      ch[b + 1] = a0i + a1i;
      const dr = a0r - a1r;
      const di = a0i - a1i;
      ch[b + sq] = dr;
      ch[b + sq + 1] = di;
    }
  }
}

function pass4(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const { tw, ido, l1 } = pass;
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  if (ido === 1) {
    untwiddled4(pass, cc, ch, sj, sq);
    return;
  }
  const s2 = 2 * sj;
  const q2 = 2 * sq;
  const s3 = 3 * sj;
  const q3 = 3 * sq;
  const rowIn = 4 * sj;
  for (let k = 0; k < l1; k++) {
    const rowA = k * rowIn;
    const rowB = k * sj;
    for (let i = 0, t = 0; i < sj; i += 2, t += 2) {
      const a = rowA + i;
      const b = rowB + i;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const t0r = a0r + a2r;
      const t0i = a0i + a2i;
      const t1r = a0r - a2r;
      const t1i = a0i - a2i;
      const t2r = a1r + a3r;
      const t2i = a1i + a3i;
      const t3r = a1r - a3r;
      const t3i = a1i - a3i;
      ch[b] = t0r + t2r;
      ch[b + 1] = t0i + t2i;
      const y1r = t1r + t3i;
      const y1i = t1i - t3r;
      const y2r = t0r - t2r;
      const y2i = t0i - t2i;
      const y3r = t1r - t3i;
      const y3i = t1i + t3r;
      const w1r = tw[t] as number;
      const w1i = tw[t + 1] as number;
      const w2r = w1r * w1r - w1i * w1i;
      const w2i = 2 * w1r * w1i;
      const w3r = w2r * w1r - w2i * w1i;
      const w3i = w2r * w1i + w2i * w1r;
      ch[b + sq] = y1r * w1r - y1i * w1i;
      ch[b + sq + 1] = y1r * w1i + y1i * w1r;
      ch[b + q2] = y2r * w2r - y2i * w2i;
      ch[b + q2 + 1] = y2r * w2i + y2i * w2r;
      ch[b + q3] = y3r * w3r - y3i * w3i;
      ch[b + q3 + 1] = y3r * w3i + y3i * w3r;
    }
  }
}

/** Pass 4 with ido = 1 (no twiddles), walking the (k, i) pairs as {@link Pass} says. */
function untwiddled4(pass: Pass, cc: Float64Array, ch: Float64Array, sj: number, sq: number) {
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  const s2 = 2 * sj;
  const q2 = 2 * sq;
  const s3 = 3 * sj;
  const q3 = 3 * sq;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const t0r = a0r + a2r;
      const t0i = a0i + a2i;
      const t1r = a0r - a2r;
      const t1i = a0i - a2i;
      const t2r = a1r + a3r;
      const t2i = a1i + a3i;
      const t3r = a1r - a3r;
      const t3i = a1i - a3i;
      ch[b] = t0r + t2r;
      ch[b + 1] = t0i + t2i;
      const y1r = t1r + t3i;
      const y1i = t1i - t3r;
      const y2r = t0r - t2r;
      const y2i = t0i - t2i;
      const y3r = t1r - t3i;
      const y3i = t1i + t3r;
      ch[b + sq] = y1r;
      ch[b + sq + 1] = y1i;
      ch[b + q2] = y2r;
      ch[b + q2 + 1] = y2i;
      ch[b + q3] = y3r;
      ch[b + q3 + 1] = y3i;
    }
  }
}

/**
 * Radix 8 as two radix-4 DFTs: b_j = a_j ± a_{j+4}; the sums give the even outputs, the
 * differences times e^{−2πij/8} (j = 0 … 3) the odd ones. {@link factorize} puts an 8 last
 * only, so this pass always has ido = 1 and no twiddles.
 */
function pass8(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const H = Math.SQRT1_2;
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  const sj = 2 * pass.ido;
  const sq = 2 * pass.ido * pass.l1;
  const s2 = 2 * sj;
  const q2 = 2 * sq;
  const s3 = 3 * sj;
  const q3 = 3 * sq;
  const s4 = 4 * sj;
  const q4 = 4 * sq;
  const s5 = 5 * sj;
  const q5 = 5 * sq;
  const s6 = 6 * sj;
  const q6 = 6 * sq;
  const s7 = 7 * sj;
  const q7 = 7 * sq;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const a5r = cc[a + s5] as number;
      const a5i = cc[a + s5 + 1] as number;
      const a6r = cc[a + s6] as number;
      const a6i = cc[a + s6 + 1] as number;
      const a7r = cc[a + s7] as number;
      const a7i = cc[a + s7 + 1] as number;
      const b0r = a0r + a4r;
      const b0i = a0i + a4i;
      const b1r = a1r + a5r;
      const b1i = a1i + a5i;
      const b2r = a2r + a6r;
      const b2i = a2i + a6i;
      const b3r = a3r + a7r;
      const b3i = a3i + a7i;
      const c0r = a0r - a4r;
      const c0i = a0i - a4i;
      const d5r = a1r - a5r;
      const d5i = a1i - a5i;
      const d6r = a2r - a6r;
      const d6i = a2i - a6i;
      const d7r = a3r - a7r;
      const d7i = a3i - a7i;
      // Odd half inputs: c1 = d5·e^{−iπ/4}, c2 = d6·(−i), c3 = d7·e^{−3iπ/4}.
      const c1r = H * (d5r + d5i);
      const c1i = H * (d5i - d5r);
      const c3r = H * (d7i - d7r);
      const c3i = -H * (d7r + d7i);
      const t0r = b0r + b2r;
      const t0i = b0i + b2i;
      const t1r = b0r - b2r;
      const t1i = b0i - b2i;
      const t2r = b1r + b3r;
      const t2i = b1i + b3i;
      const t3r = b1r - b3r;
      const t3i = b1i - b3i;
      const u0r = c0r + d6i;
      const u0i = c0i - d6r;
      const u1r = c0r - d6i;
      const u1i = c0i + d6r;
      const u2r = c1r + c3r;
      const u2i = c1i + c3i;
      const u3r = c1r - c3r;
      const u3i = c1i - c3i;
      ch[b] = t0r + t2r;
      ch[b + 1] = t0i + t2i;
      const y1r = u0r + u2r;
      const y1i = u0i + u2i;
      const y2r = t1r + t3i;
      const y2i = t1i - t3r;
      const y3r = u1r + u3i;
      const y3i = u1i - u3r;
      const y4r = t0r - t2r;
      const y4i = t0i - t2i;
      const y5r = u0r - u2r;
      const y5i = u0i - u2i;
      const y6r = t1r - t3i;
      const y6i = t1i + t3r;
      const y7r = u1r - u3i;
      const y7i = u1i + u3r;
      ch[b + sq] = y1r;
      ch[b + sq + 1] = y1i;
      ch[b + q2] = y2r;
      ch[b + q2 + 1] = y2i;
      ch[b + q3] = y3r;
      ch[b + q3 + 1] = y3i;
      ch[b + q4] = y4r;
      ch[b + q4 + 1] = y4i;
      ch[b + q5] = y5r;
      ch[b + q5 + 1] = y5i;
      ch[b + q6] = y6r;
      ch[b + q6 + 1] = y6i;
      ch[b + q7] = y7r;
      ch[b + q7 + 1] = y7i;
    }
  }
}

function pass3(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const S3 = Math.sqrt(3) / 2;
  const { tw, ido, l1 } = pass;
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  if (ido === 1) {
    untwiddled3(pass, cc, ch, sj, sq);
    return;
  }
  const s2 = 2 * sj;
  const q2 = 2 * sq;
  const rowIn = 3 * sj;
  for (let k = 0; k < l1; k++) {
    const rowA = k * rowIn;
    const rowB = k * sj;
    for (let i = 0, t = 0; i < sj; i += 2, t += 4) {
      const a = rowA + i;
      const b = rowB + i;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const tr = a1r + a2r;
      const ti = a1i + a2i;
      const mr = a0r - 0.5 * tr;
      const mi = a0i - 0.5 * ti;
      const dr = S3 * (a1r - a2r);
      const di = S3 * (a1i - a2i);
      ch[b] = a0r + tr;
      ch[b + 1] = a0i + ti;
      const y1r = mr + di;
      const y1i = mi - dr;
      const y2r = mr - di;
      const y2i = mi + dr;
      const w1r = tw[t] as number;
      const w1i = tw[t + 1] as number;
      const w2r = tw[t + 2] as number;
      const w2i = tw[t + 3] as number;
      ch[b + sq] = y1r * w1r - y1i * w1i;
      ch[b + sq + 1] = y1r * w1i + y1i * w1r;
      ch[b + q2] = y2r * w2r - y2i * w2i;
      ch[b + q2 + 1] = y2r * w2i + y2i * w2r;
    }
  }
}

/** Pass 3 with ido = 1 (no twiddles), walking the (k, i) pairs as {@link Pass} says. */
function untwiddled3(pass: Pass, cc: Float64Array, ch: Float64Array, sj: number, sq: number) {
  const S3 = Math.sqrt(3) / 2;
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  const s2 = 2 * sj;
  const q2 = 2 * sq;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const tr = a1r + a2r;
      const ti = a1i + a2i;
      const mr = a0r - 0.5 * tr;
      const mi = a0i - 0.5 * ti;
      const dr = S3 * (a1r - a2r);
      const di = S3 * (a1i - a2i);
      ch[b] = a0r + tr;
      ch[b + 1] = a0i + ti;
      const y1r = mr + di;
      const y1i = mi - dr;
      const y2r = mr - di;
      const y2i = mi + dr;
      ch[b + sq] = y1r;
      ch[b + sq + 1] = y1i;
      ch[b + q2] = y2r;
      ch[b + q2 + 1] = y2i;
    }
  }
}

function pass5(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const C5_SUM = -0.25;
  const C5_DIFF = Math.sqrt(5) / 4;
  const S51 = Math.sin((2 * Math.PI) / 5);
  const S52 = Math.sin((4 * Math.PI) / 5);
  const { tw, ido, l1 } = pass;
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  if (ido === 1) {
    untwiddled5(pass, cc, ch, sj, sq);
    return;
  }
  const s2 = 2 * sj;
  const q2 = 2 * sq;
  const s3 = 3 * sj;
  const q3 = 3 * sq;
  const s4 = 4 * sj;
  const q4 = 4 * sq;
  const rowIn = 5 * sj;
  for (let k = 0; k < l1; k++) {
    const rowA = k * rowIn;
    const rowB = k * sj;
    for (let i = 0, t = 0; i < sj; i += 2, t += 8) {
      const a = rowA + i;
      const b = rowB + i;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const t1r = a1r + a4r;
      const t1i = a1i + a4i;
      const t2r = a2r + a3r;
      const t2i = a2i + a3i;
      const d1r = a1r - a4r;
      const d1i = a1i - a4i;
      const d2r = a2r - a3r;
      const d2i = a2i - a3i;
      // y1,4 = a0 + c1 t1 + c2 t2 ∓ i (s1 d1 + s2 d2); y2,3 = a0 + c2 t1 + c1 t2 ∓ i (s2 d1 −
      // s1 d2), the cosine parts as a0 + (c1 + c2)/2·(t1 + t2) ± (c1 − c2)/2·(t1 − t2).
      const sr = t1r + t2r;
      const si = t1i + t2i;
      ch[b] = a0r + sr;
      ch[b + 1] = a0i + si;
      const mr = a0r + C5_SUM * sr;
      const mi = a0i + C5_SUM * si;
      const nr = C5_DIFF * (t1r - t2r);
      const ni = C5_DIFF * (t1i - t2i);
      const p1r = mr + nr;
      const p1i = mi + ni;
      const p2r = mr - nr;
      const p2i = mi - ni;
      const q1r = S51 * d1r + S52 * d2r;
      const q1i = S51 * d1i + S52 * d2i;
      const q2r = S52 * d1r - S51 * d2r;
      const q2i = S52 * d1i - S51 * d2i;
      const y1r = p1r + q1i;
      const y1i = p1i - q1r;
      const y4r = p1r - q1i;
      const y4i = p1i + q1r;
      const y2r = p2r + q2i;
      const y2i = p2i - q2r;
      const y3r = p2r - q2i;
      const y3i = p2i + q2r;
      let wr = tw[t] as number;
      let wi = tw[t + 1] as number;
      ch[b + sq] = y1r * wr - y1i * wi;
      ch[b + sq + 1] = y1r * wi + y1i * wr;
      wr = tw[t + 2] as number;
      wi = tw[t + 3] as number;
      ch[b + q2] = y2r * wr - y2i * wi;
      ch[b + q2 + 1] = y2r * wi + y2i * wr;
      wr = tw[t + 4] as number;
      wi = tw[t + 5] as number;
      ch[b + q3] = y3r * wr - y3i * wi;
      ch[b + q3 + 1] = y3r * wi + y3i * wr;
      wr = tw[t + 6] as number;
      wi = tw[t + 7] as number;
      ch[b + q4] = y4r * wr - y4i * wi;
      ch[b + q4 + 1] = y4r * wi + y4i * wr;
    }
  }
}

/** Pass 5 with ido = 1 (no twiddles), walking the (k, i) pairs as {@link Pass} says. */
function untwiddled5(pass: Pass, cc: Float64Array, ch: Float64Array, sj: number, sq: number) {
  const C5_SUM = -0.25;
  const C5_DIFF = Math.sqrt(5) / 4;
  const S51 = Math.sin((2 * Math.PI) / 5);
  const S52 = Math.sin((4 * Math.PI) / 5);
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  const s2 = 2 * sj;
  const q2 = 2 * sq;
  const s3 = 3 * sj;
  const q3 = 3 * sq;
  const s4 = 4 * sj;
  const q4 = 4 * sq;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const t1r = a1r + a4r;
      const t1i = a1i + a4i;
      const t2r = a2r + a3r;
      const t2i = a2i + a3i;
      const d1r = a1r - a4r;
      const d1i = a1i - a4i;
      const d2r = a2r - a3r;
      const d2i = a2i - a3i;
      // y1,4 = a0 + c1 t1 + c2 t2 ∓ i (s1 d1 + s2 d2); y2,3 = a0 + c2 t1 + c1 t2 ∓ i (s2 d1 −
      // s1 d2), the cosine parts as a0 + (c1 + c2)/2·(t1 + t2) ± (c1 − c2)/2·(t1 − t2).
      const sr = t1r + t2r;
      const si = t1i + t2i;
      ch[b] = a0r + sr;
      ch[b + 1] = a0i + si;
      const mr = a0r + C5_SUM * sr;
      const mi = a0i + C5_SUM * si;
      const nr = C5_DIFF * (t1r - t2r);
      const ni = C5_DIFF * (t1i - t2i);
      const p1r = mr + nr;
      const p1i = mi + ni;
      const p2r = mr - nr;
      const p2i = mi - ni;
      const q1r = S51 * d1r + S52 * d2r;
      const q1i = S51 * d1i + S52 * d2i;
      const q2r = S52 * d1r - S51 * d2r;
      const q2i = S52 * d1i - S51 * d2i;
      const y1r = p1r + q1i;
      const y1i = p1i - q1r;
      const y4r = p1r - q1i;
      const y4i = p1i + q1r;
      const y2r = p2r + q2i;
      const y2i = p2i - q2r;
      const y3r = p2r - q2i;
      const y3i = p2i + q2r;
      ch[b + sq] = y1r;
      ch[b + sq + 1] = y1i;
      ch[b + q2] = y2r;
      ch[b + q2 + 1] = y2i;
      ch[b + q3] = y3r;
      ch[b + q3 + 1] = y3i;
      ch[b + q4] = y4r;
      ch[b + q4 + 1] = y4i;
    }
  }
}

/**
 * Radix 7, the generic butterfly below written out: t_j = a_j + a_{7−j}, d_j = a_j − a_{7−j},
 * y_q = a_0 + Σ_j cos(2πjq/7)·t_j − i·Σ_j sin(2πjq/7)·d_j, y_{7−q} the same with +i. Each
 * pair (y_q, y_{7−q}) is twiddled and stored as soon as it is formed (fewer live values: 17 %
 * faster on 7^4 than forming all six first).
 */
function pass7(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const C71 = Math.cos((2 * Math.PI) / 7);
  const C72 = Math.cos((4 * Math.PI) / 7);
  const C73 = Math.cos((6 * Math.PI) / 7);
  const S71 = Math.sin((2 * Math.PI) / 7);
  const S72 = Math.sin((4 * Math.PI) / 7);
  const S73 = Math.sin((6 * Math.PI) / 7);
  const { tw, ido, l1 } = pass;
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  const s2 = 2 * sj;
  const s3 = 3 * sj;
  const s4 = 4 * sj;
  const s5 = 5 * sj;
  const s6 = 6 * sj;
  const q2 = 2 * sq;
  const q3 = 3 * sq;
  const q4 = 4 * sq;
  const q5 = 5 * sq;
  const q6 = 6 * sq;
  if (ido === 1) {
    untwiddled7(pass, cc, ch, sj, sq);
    return;
  }
  const rowIn = 7 * sj;
  for (let k = 0; k < l1; k++) {
    const rowA = k * rowIn;
    const rowB = k * sj;
    for (let i = 0, t = 0; i < sj; i += 2, t += 12) {
      const a = rowA + i;
      const b = rowB + i;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const a5r = cc[a + s5] as number;
      const a5i = cc[a + s5 + 1] as number;
      const a6r = cc[a + s6] as number;
      const a6i = cc[a + s6 + 1] as number;
      const t1r = a1r + a6r;
      const t1i = a1i + a6i;
      const t2r = a2r + a5r;
      const t2i = a2i + a5i;
      const t3r = a3r + a4r;
      const t3i = a3i + a4i;
      const d1r = a1r - a6r;
      const d1i = a1i - a6i;
      const d2r = a2r - a5r;
      const d2i = a2i - a5i;
      const d3r = a3r - a4r;
      const d3i = a3i - a4i;
      ch[b] = a0r + t1r + t2r + t3r;
      ch[b + 1] = a0i + t1i + t2i + t3i;
      const p1r = a0r + C71 * t1r + C72 * t2r + C73 * t3r;
      const p1i = a0i + C71 * t1i + C72 * t2i + C73 * t3i;
      const m1r = S71 * d1r + S72 * d2r + S73 * d3r;
      const m1i = S71 * d1i + S72 * d2i + S73 * d3i;
      const y1r = p1r + m1i;
      const y1i = p1i - m1r;
      const y6r = p1r - m1i;
      const y6i = p1i + m1r;
      let wr = tw[t + 0] as number;
      let wi = tw[t + 1] as number;
      ch[b + sq] = y1r * wr - y1i * wi;
      ch[b + sq + 1] = y1r * wi + y1i * wr;
      wr = tw[t + 10] as number;
      wi = tw[t + 11] as number;
      ch[b + q6] = y6r * wr - y6i * wi;
      ch[b + q6 + 1] = y6r * wi + y6i * wr;
      const p2r = a0r + C72 * t1r + C73 * t2r + C71 * t3r;
      const p2i = a0i + C72 * t1i + C73 * t2i + C71 * t3i;
      const m2r = S72 * d1r - S73 * d2r - S71 * d3r;
      const m2i = S72 * d1i - S73 * d2i - S71 * d3i;
      const y2r = p2r + m2i;
      const y2i = p2i - m2r;
      const y5r = p2r - m2i;
      const y5i = p2i + m2r;
      wr = tw[t + 2] as number;
      wi = tw[t + 3] as number;
      ch[b + q2] = y2r * wr - y2i * wi;
      ch[b + q2 + 1] = y2r * wi + y2i * wr;
      wr = tw[t + 8] as number;
      wi = tw[t + 9] as number;
      ch[b + q5] = y5r * wr - y5i * wi;
      ch[b + q5 + 1] = y5r * wi + y5i * wr;
      const p3r = a0r + C73 * t1r + C71 * t2r + C72 * t3r;
      const p3i = a0i + C73 * t1i + C71 * t2i + C72 * t3i;
      const m3r = S73 * d1r - S71 * d2r + S72 * d3r;
      const m3i = S73 * d1i - S71 * d2i + S72 * d3i;
      const y3r = p3r + m3i;
      const y3i = p3i - m3r;
      const y4r = p3r - m3i;
      const y4i = p3i + m3r;
      wr = tw[t + 4] as number;
      wi = tw[t + 5] as number;
      ch[b + q3] = y3r * wr - y3i * wi;
      ch[b + q3 + 1] = y3r * wi + y3i * wr;
      wr = tw[t + 6] as number;
      wi = tw[t + 7] as number;
      ch[b + q4] = y4r * wr - y4i * wi;
      ch[b + q4 + 1] = y4r * wi + y4i * wr;
    }
  }
}

/** Pass 7 with ido = 1 (no twiddles), walking the (k, i) pairs as {@link Pass} says. */
function untwiddled7(pass: Pass, cc: Float64Array, ch: Float64Array, sj: number, sq: number) {
  const C71 = Math.cos((2 * Math.PI) / 7);
  const C72 = Math.cos((4 * Math.PI) / 7);
  const C73 = Math.cos((6 * Math.PI) / 7);
  const S71 = Math.sin((2 * Math.PI) / 7);
  const S72 = Math.sin((4 * Math.PI) / 7);
  const S73 = Math.sin((6 * Math.PI) / 7);
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  const s2 = 2 * sj;
  const s3 = 3 * sj;
  const s4 = 4 * sj;
  const s5 = 5 * sj;
  const s6 = 6 * sj;
  const q2 = 2 * sq;
  const q3 = 3 * sq;
  const q4 = 4 * sq;
  const q5 = 5 * sq;
  const q6 = 6 * sq;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const a5r = cc[a + s5] as number;
      const a5i = cc[a + s5 + 1] as number;
      const a6r = cc[a + s6] as number;
      const a6i = cc[a + s6 + 1] as number;
      const t1r = a1r + a6r;
      const t1i = a1i + a6i;
      const t2r = a2r + a5r;
      const t2i = a2i + a5i;
      const t3r = a3r + a4r;
      const t3i = a3i + a4i;
      const d1r = a1r - a6r;
      const d1i = a1i - a6i;
      const d2r = a2r - a5r;
      const d2i = a2i - a5i;
      const d3r = a3r - a4r;
      const d3i = a3i - a4i;
      ch[b] = a0r + t1r + t2r + t3r;
      ch[b + 1] = a0i + t1i + t2i + t3i;
      const p1r = a0r + C71 * t1r + C72 * t2r + C73 * t3r;
      const p1i = a0i + C71 * t1i + C72 * t2i + C73 * t3i;
      const m1r = S71 * d1r + S72 * d2r + S73 * d3r;
      const m1i = S71 * d1i + S72 * d2i + S73 * d3i;
      const y1r = p1r + m1i;
      const y1i = p1i - m1r;
      const y6r = p1r - m1i;
      const y6i = p1i + m1r;
      ch[b + sq] = y1r;
      ch[b + sq + 1] = y1i;
      ch[b + q6] = y6r;
      ch[b + q6 + 1] = y6i;
      const p2r = a0r + C72 * t1r + C73 * t2r + C71 * t3r;
      const p2i = a0i + C72 * t1i + C73 * t2i + C71 * t3i;
      const m2r = S72 * d1r - S73 * d2r - S71 * d3r;
      const m2i = S72 * d1i - S73 * d2i - S71 * d3i;
      const y2r = p2r + m2i;
      const y2i = p2i - m2r;
      const y5r = p2r - m2i;
      const y5i = p2i + m2r;
      ch[b + q2] = y2r;
      ch[b + q2 + 1] = y2i;
      ch[b + q5] = y5r;
      ch[b + q5 + 1] = y5i;
      const p3r = a0r + C73 * t1r + C71 * t2r + C72 * t3r;
      const p3i = a0i + C73 * t1i + C71 * t2i + C72 * t3i;
      const m3r = S73 * d1r - S71 * d2r + S72 * d3r;
      const m3i = S73 * d1i - S71 * d2i + S72 * d3i;
      const y3r = p3r + m3i;
      const y3i = p3i - m3r;
      const y4r = p3r - m3i;
      const y4i = p3i + m3r;
      ch[b + q3] = y3r;
      ch[b + q3 + 1] = y3i;
      ch[b + q4] = y4r;
      ch[b + q4 + 1] = y4i;
    }
  }
}

/**
 * Radix 11, written out like {@link pass7} (the symmetric pair form of pocketfft's pass7 and
 * pass11): t_j = a_j + a_{11−j}, d_j = a_j − a_{11−j},
 * y_q = a_0 + Σ_j cos(2πjq/11)·t_j − i·Σ_j sin(2πjq/11)·d_j, y_{11−q} the same with +i, the
 * cosines and sines folded onto j·q mod 11 ≤ 5; each output pair twiddled and stored as formed.
 */
function pass11(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const C111 = Math.cos((2 * Math.PI) / 11);
  const C112 = Math.cos((4 * Math.PI) / 11);
  const C113 = Math.cos((6 * Math.PI) / 11);
  const C114 = Math.cos((8 * Math.PI) / 11);
  const C115 = Math.cos((10 * Math.PI) / 11);
  const S111 = Math.sin((2 * Math.PI) / 11);
  const S112 = Math.sin((4 * Math.PI) / 11);
  const S113 = Math.sin((6 * Math.PI) / 11);
  const S114 = Math.sin((8 * Math.PI) / 11);
  const S115 = Math.sin((10 * Math.PI) / 11);
  const { tw, ido, l1 } = pass;
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  const s2 = 2 * sj;
  const s3 = 3 * sj;
  const s4 = 4 * sj;
  const s5 = 5 * sj;
  const s6 = 6 * sj;
  const s7 = 7 * sj;
  const s8 = 8 * sj;
  const s9 = 9 * sj;
  const s10 = 10 * sj;
  const q2 = 2 * sq;
  const q3 = 3 * sq;
  const q4 = 4 * sq;
  const q5 = 5 * sq;
  const q6 = 6 * sq;
  const q7 = 7 * sq;
  const q8 = 8 * sq;
  const q9 = 9 * sq;
  const q10 = 10 * sq;
  if (ido === 1) {
    untwiddled11(pass, cc, ch, sj, sq);
    return;
  }
  const rowIn = 11 * sj;
  for (let k = 0; k < l1; k++) {
    const rowA = k * rowIn;
    const rowB = k * sj;
    for (let i = 0, t = 0; i < sj; i += 2, t += 20) {
      const a = rowA + i;
      const b = rowB + i;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const a5r = cc[a + s5] as number;
      const a5i = cc[a + s5 + 1] as number;
      const a6r = cc[a + s6] as number;
      const a6i = cc[a + s6 + 1] as number;
      const a7r = cc[a + s7] as number;
      const a7i = cc[a + s7 + 1] as number;
      const a8r = cc[a + s8] as number;
      const a8i = cc[a + s8 + 1] as number;
      const a9r = cc[a + s9] as number;
      const a9i = cc[a + s9 + 1] as number;
      const a10r = cc[a + s10] as number;
      const a10i = cc[a + s10 + 1] as number;
      const t1r = a1r + a10r;
      const t1i = a1i + a10i;
      const t2r = a2r + a9r;
      const t2i = a2i + a9i;
      const t3r = a3r + a8r;
      const t3i = a3i + a8i;
      const t4r = a4r + a7r;
      const t4i = a4i + a7i;
      const t5r = a5r + a6r;
      const t5i = a5i + a6i;
      const d1r = a1r - a10r;
      const d1i = a1i - a10i;
      const d2r = a2r - a9r;
      const d2i = a2i - a9i;
      const d3r = a3r - a8r;
      const d3i = a3i - a8i;
      const d4r = a4r - a7r;
      const d4i = a4i - a7i;
      const d5r = a5r - a6r;
      const d5i = a5i - a6i;
      ch[b] = a0r + t1r + t2r + t3r + t4r + t5r;
      ch[b + 1] = a0i + t1i + t2i + t3i + t4i + t5i;
      const p1r = a0r + C111 * t1r + C112 * t2r + C113 * t3r + C114 * t4r + C115 * t5r;
      const p1i = a0i + C111 * t1i + C112 * t2i + C113 * t3i + C114 * t4i + C115 * t5i;
      const m1r = S111 * d1r + S112 * d2r + S113 * d3r + S114 * d4r + S115 * d5r;
      const m1i = S111 * d1i + S112 * d2i + S113 * d3i + S114 * d4i + S115 * d5i;
      const y1r = p1r + m1i;
      const y1i = p1i - m1r;
      const y10r = p1r - m1i;
      const y10i = p1i + m1r;
      let wr = tw[t + 0] as number;
      let wi = tw[t + 1] as number;
      ch[b + sq] = y1r * wr - y1i * wi;
      ch[b + sq + 1] = y1r * wi + y1i * wr;
      wr = tw[t + 18] as number;
      wi = tw[t + 19] as number;
      ch[b + q10] = y10r * wr - y10i * wi;
      ch[b + q10 + 1] = y10r * wi + y10i * wr;
      const p2r = a0r + C112 * t1r + C114 * t2r + C115 * t3r + C113 * t4r + C111 * t5r;
      const p2i = a0i + C112 * t1i + C114 * t2i + C115 * t3i + C113 * t4i + C111 * t5i;
      const m2r = S112 * d1r + S114 * d2r - S115 * d3r - S113 * d4r - S111 * d5r;
      const m2i = S112 * d1i + S114 * d2i - S115 * d3i - S113 * d4i - S111 * d5i;
      const y2r = p2r + m2i;
      const y2i = p2i - m2r;
      const y9r = p2r - m2i;
      const y9i = p2i + m2r;
      wr = tw[t + 2] as number;
      wi = tw[t + 3] as number;
      ch[b + q2] = y2r * wr - y2i * wi;
      ch[b + q2 + 1] = y2r * wi + y2i * wr;
      wr = tw[t + 16] as number;
      wi = tw[t + 17] as number;
      ch[b + q9] = y9r * wr - y9i * wi;
      ch[b + q9 + 1] = y9r * wi + y9i * wr;
      const p3r = a0r + C113 * t1r + C115 * t2r + C112 * t3r + C111 * t4r + C114 * t5r;
      const p3i = a0i + C113 * t1i + C115 * t2i + C112 * t3i + C111 * t4i + C114 * t5i;
      const m3r = S113 * d1r - S115 * d2r - S112 * d3r + S111 * d4r + S114 * d5r;
      const m3i = S113 * d1i - S115 * d2i - S112 * d3i + S111 * d4i + S114 * d5i;
      const y3r = p3r + m3i;
      const y3i = p3i - m3r;
      const y8r = p3r - m3i;
      const y8i = p3i + m3r;
      wr = tw[t + 4] as number;
      wi = tw[t + 5] as number;
      ch[b + q3] = y3r * wr - y3i * wi;
      ch[b + q3 + 1] = y3r * wi + y3i * wr;
      wr = tw[t + 14] as number;
      wi = tw[t + 15] as number;
      ch[b + q8] = y8r * wr - y8i * wi;
      ch[b + q8 + 1] = y8r * wi + y8i * wr;
      const p4r = a0r + C114 * t1r + C113 * t2r + C111 * t3r + C115 * t4r + C112 * t5r;
      const p4i = a0i + C114 * t1i + C113 * t2i + C111 * t3i + C115 * t4i + C112 * t5i;
      const m4r = S114 * d1r - S113 * d2r + S111 * d3r + S115 * d4r - S112 * d5r;
      const m4i = S114 * d1i - S113 * d2i + S111 * d3i + S115 * d4i - S112 * d5i;
      const y4r = p4r + m4i;
      const y4i = p4i - m4r;
      const y7r = p4r - m4i;
      const y7i = p4i + m4r;
      wr = tw[t + 6] as number;
      wi = tw[t + 7] as number;
      ch[b + q4] = y4r * wr - y4i * wi;
      ch[b + q4 + 1] = y4r * wi + y4i * wr;
      wr = tw[t + 12] as number;
      wi = tw[t + 13] as number;
      ch[b + q7] = y7r * wr - y7i * wi;
      ch[b + q7 + 1] = y7r * wi + y7i * wr;
      const p5r = a0r + C115 * t1r + C111 * t2r + C114 * t3r + C112 * t4r + C113 * t5r;
      const p5i = a0i + C115 * t1i + C111 * t2i + C114 * t3i + C112 * t4i + C113 * t5i;
      const m5r = S115 * d1r - S111 * d2r + S114 * d3r - S112 * d4r + S113 * d5r;
      const m5i = S115 * d1i - S111 * d2i + S114 * d3i - S112 * d4i + S113 * d5i;
      const y5r = p5r + m5i;
      const y5i = p5i - m5r;
      const y6r = p5r - m5i;
      const y6i = p5i + m5r;
      wr = tw[t + 8] as number;
      wi = tw[t + 9] as number;
      ch[b + q5] = y5r * wr - y5i * wi;
      ch[b + q5 + 1] = y5r * wi + y5i * wr;
      wr = tw[t + 10] as number;
      wi = tw[t + 11] as number;
      ch[b + q6] = y6r * wr - y6i * wi;
      ch[b + q6 + 1] = y6r * wi + y6i * wr;
    }
  }
}

/** Pass 11 with ido = 1 (no twiddles), walking the (k, i) pairs as {@link Pass} says. */
function untwiddled11(pass: Pass, cc: Float64Array, ch: Float64Array, sj: number, sq: number) {
  const C111 = Math.cos((2 * Math.PI) / 11);
  const C112 = Math.cos((4 * Math.PI) / 11);
  const C113 = Math.cos((6 * Math.PI) / 11);
  const C114 = Math.cos((8 * Math.PI) / 11);
  const C115 = Math.cos((10 * Math.PI) / 11);
  const S111 = Math.sin((2 * Math.PI) / 11);
  const S112 = Math.sin((4 * Math.PI) / 11);
  const S113 = Math.sin((6 * Math.PI) / 11);
  const S114 = Math.sin((8 * Math.PI) / 11);
  const S115 = Math.sin((10 * Math.PI) / 11);
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  const s2 = 2 * sj;
  const s3 = 3 * sj;
  const s4 = 4 * sj;
  const s5 = 5 * sj;
  const s6 = 6 * sj;
  const s7 = 7 * sj;
  const s8 = 8 * sj;
  const s9 = 9 * sj;
  const s10 = 10 * sj;
  const q2 = 2 * sq;
  const q3 = 3 * sq;
  const q4 = 4 * sq;
  const q5 = 5 * sq;
  const q6 = 6 * sq;
  const q7 = 7 * sq;
  const q8 = 8 * sq;
  const q9 = 9 * sq;
  const q10 = 10 * sq;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const a5r = cc[a + s5] as number;
      const a5i = cc[a + s5 + 1] as number;
      const a6r = cc[a + s6] as number;
      const a6i = cc[a + s6 + 1] as number;
      const a7r = cc[a + s7] as number;
      const a7i = cc[a + s7 + 1] as number;
      const a8r = cc[a + s8] as number;
      const a8i = cc[a + s8 + 1] as number;
      const a9r = cc[a + s9] as number;
      const a9i = cc[a + s9 + 1] as number;
      const a10r = cc[a + s10] as number;
      const a10i = cc[a + s10 + 1] as number;
      const t1r = a1r + a10r;
      const t1i = a1i + a10i;
      const t2r = a2r + a9r;
      const t2i = a2i + a9i;
      const t3r = a3r + a8r;
      const t3i = a3i + a8i;
      const t4r = a4r + a7r;
      const t4i = a4i + a7i;
      const t5r = a5r + a6r;
      const t5i = a5i + a6i;
      const d1r = a1r - a10r;
      const d1i = a1i - a10i;
      const d2r = a2r - a9r;
      const d2i = a2i - a9i;
      const d3r = a3r - a8r;
      const d3i = a3i - a8i;
      const d4r = a4r - a7r;
      const d4i = a4i - a7i;
      const d5r = a5r - a6r;
      const d5i = a5i - a6i;
      ch[b] = a0r + t1r + t2r + t3r + t4r + t5r;
      ch[b + 1] = a0i + t1i + t2i + t3i + t4i + t5i;
      const p1r = a0r + C111 * t1r + C112 * t2r + C113 * t3r + C114 * t4r + C115 * t5r;
      const p1i = a0i + C111 * t1i + C112 * t2i + C113 * t3i + C114 * t4i + C115 * t5i;
      const m1r = S111 * d1r + S112 * d2r + S113 * d3r + S114 * d4r + S115 * d5r;
      const m1i = S111 * d1i + S112 * d2i + S113 * d3i + S114 * d4i + S115 * d5i;
      const y1r = p1r + m1i;
      const y1i = p1i - m1r;
      const y10r = p1r - m1i;
      const y10i = p1i + m1r;
      ch[b + sq] = y1r;
      ch[b + sq + 1] = y1i;
      ch[b + q10] = y10r;
      ch[b + q10 + 1] = y10i;
      const p2r = a0r + C112 * t1r + C114 * t2r + C115 * t3r + C113 * t4r + C111 * t5r;
      const p2i = a0i + C112 * t1i + C114 * t2i + C115 * t3i + C113 * t4i + C111 * t5i;
      const m2r = S112 * d1r + S114 * d2r - S115 * d3r - S113 * d4r - S111 * d5r;
      const m2i = S112 * d1i + S114 * d2i - S115 * d3i - S113 * d4i - S111 * d5i;
      const y2r = p2r + m2i;
      const y2i = p2i - m2r;
      const y9r = p2r - m2i;
      const y9i = p2i + m2r;
      ch[b + q2] = y2r;
      ch[b + q2 + 1] = y2i;
      ch[b + q9] = y9r;
      ch[b + q9 + 1] = y9i;
      const p3r = a0r + C113 * t1r + C115 * t2r + C112 * t3r + C111 * t4r + C114 * t5r;
      const p3i = a0i + C113 * t1i + C115 * t2i + C112 * t3i + C111 * t4i + C114 * t5i;
      const m3r = S113 * d1r - S115 * d2r - S112 * d3r + S111 * d4r + S114 * d5r;
      const m3i = S113 * d1i - S115 * d2i - S112 * d3i + S111 * d4i + S114 * d5i;
      const y3r = p3r + m3i;
      const y3i = p3i - m3r;
      const y8r = p3r - m3i;
      const y8i = p3i + m3r;
      ch[b + q3] = y3r;
      ch[b + q3 + 1] = y3i;
      ch[b + q8] = y8r;
      ch[b + q8 + 1] = y8i;
      const p4r = a0r + C114 * t1r + C113 * t2r + C111 * t3r + C115 * t4r + C112 * t5r;
      const p4i = a0i + C114 * t1i + C113 * t2i + C111 * t3i + C115 * t4i + C112 * t5i;
      const m4r = S114 * d1r - S113 * d2r + S111 * d3r + S115 * d4r - S112 * d5r;
      const m4i = S114 * d1i - S113 * d2i + S111 * d3i + S115 * d4i - S112 * d5i;
      const y4r = p4r + m4i;
      const y4i = p4i - m4r;
      const y7r = p4r - m4i;
      const y7i = p4i + m4r;
      ch[b + q4] = y4r;
      ch[b + q4 + 1] = y4i;
      ch[b + q7] = y7r;
      ch[b + q7 + 1] = y7i;
      const p5r = a0r + C115 * t1r + C111 * t2r + C114 * t3r + C112 * t4r + C113 * t5r;
      const p5i = a0i + C115 * t1i + C111 * t2i + C114 * t3i + C112 * t4i + C113 * t5i;
      const m5r = S115 * d1r - S111 * d2r + S114 * d3r - S112 * d4r + S113 * d5r;
      const m5i = S115 * d1i - S111 * d2i + S114 * d3i - S112 * d4i + S113 * d5i;
      const y5r = p5r + m5i;
      const y5i = p5i - m5r;
      const y6r = p5r - m5i;
      const y6i = p5i + m5r;
      ch[b + q5] = y5r;
      ch[b + q5 + 1] = y5i;
      ch[b + q6] = y6r;
      ch[b + q6 + 1] = y6i;
    }
  }
}

/**
 * Radix 13, written out like {@link pass7} and {@link pass11}: t_j = a_j + a_{13−j},
 * d_j = a_j − a_{13−j}, y_q = a_0 + Σ_j cos(2πjq/13)·t_j − i·Σ_j sin(2πjq/13)·d_j, y_{13−q} the
 * same with +i, the cosines and sines folded onto j·q mod 13 ≤ 6.
 */
function pass13(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const C131 = Math.cos((2 * Math.PI) / 13);
  const C132 = Math.cos((4 * Math.PI) / 13);
  const C133 = Math.cos((6 * Math.PI) / 13);
  const C134 = Math.cos((8 * Math.PI) / 13);
  const C135 = Math.cos((10 * Math.PI) / 13);
  const C136 = Math.cos((12 * Math.PI) / 13);
  const S131 = Math.sin((2 * Math.PI) / 13);
  const S132 = Math.sin((4 * Math.PI) / 13);
  const S133 = Math.sin((6 * Math.PI) / 13);
  const S134 = Math.sin((8 * Math.PI) / 13);
  const S135 = Math.sin((10 * Math.PI) / 13);
  const S136 = Math.sin((12 * Math.PI) / 13);
  const { tw, ido, l1 } = pass;
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  const s2 = 2 * sj;
  const s3 = 3 * sj;
  const s4 = 4 * sj;
  const s5 = 5 * sj;
  const s6 = 6 * sj;
  const s7 = 7 * sj;
  const s8 = 8 * sj;
  const s9 = 9 * sj;
  const s10 = 10 * sj;
  const s11 = 11 * sj;
  const s12 = 12 * sj;
  const q2 = 2 * sq;
  const q3 = 3 * sq;
  const q4 = 4 * sq;
  const q5 = 5 * sq;
  const q6 = 6 * sq;
  const q7 = 7 * sq;
  const q8 = 8 * sq;
  const q9 = 9 * sq;
  const q10 = 10 * sq;
  const q11 = 11 * sq;
  const q12 = 12 * sq;
  if (ido === 1) {
    untwiddled13(pass, cc, ch, sj, sq);
    return;
  }
  const rowIn = 13 * sj;
  for (let k = 0; k < l1; k++) {
    const rowA = k * rowIn;
    const rowB = k * sj;
    for (let i = 0, t = 0; i < sj; i += 2, t += 24) {
      const a = rowA + i;
      const b = rowB + i;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const a5r = cc[a + s5] as number;
      const a5i = cc[a + s5 + 1] as number;
      const a6r = cc[a + s6] as number;
      const a6i = cc[a + s6 + 1] as number;
      const a7r = cc[a + s7] as number;
      const a7i = cc[a + s7 + 1] as number;
      const a8r = cc[a + s8] as number;
      const a8i = cc[a + s8 + 1] as number;
      const a9r = cc[a + s9] as number;
      const a9i = cc[a + s9 + 1] as number;
      const a10r = cc[a + s10] as number;
      const a10i = cc[a + s10 + 1] as number;
      const a11r = cc[a + s11] as number;
      const a11i = cc[a + s11 + 1] as number;
      const a12r = cc[a + s12] as number;
      const a12i = cc[a + s12 + 1] as number;
      const t1r = a1r + a12r;
      const t1i = a1i + a12i;
      const t2r = a2r + a11r;
      const t2i = a2i + a11i;
      const t3r = a3r + a10r;
      const t3i = a3i + a10i;
      const t4r = a4r + a9r;
      const t4i = a4i + a9i;
      const t5r = a5r + a8r;
      const t5i = a5i + a8i;
      const t6r = a6r + a7r;
      const t6i = a6i + a7i;
      const d1r = a1r - a12r;
      const d1i = a1i - a12i;
      const d2r = a2r - a11r;
      const d2i = a2i - a11i;
      const d3r = a3r - a10r;
      const d3i = a3i - a10i;
      const d4r = a4r - a9r;
      const d4i = a4i - a9i;
      const d5r = a5r - a8r;
      const d5i = a5i - a8i;
      const d6r = a6r - a7r;
      const d6i = a6i - a7i;
      ch[b] = a0r + t1r + t2r + t3r + t4r + t5r + t6r;
      ch[b + 1] = a0i + t1i + t2i + t3i + t4i + t5i + t6i;
      const p1r = a0r + C131 * t1r + C132 * t2r + C133 * t3r + C134 * t4r + C135 * t5r + C136 * t6r;
      const p1i = a0i + C131 * t1i + C132 * t2i + C133 * t3i + C134 * t4i + C135 * t5i + C136 * t6i;
      const m1r = S131 * d1r + S132 * d2r + S133 * d3r + S134 * d4r + S135 * d5r + S136 * d6r;
      const m1i = S131 * d1i + S132 * d2i + S133 * d3i + S134 * d4i + S135 * d5i + S136 * d6i;
      const y1r = p1r + m1i;
      const y1i = p1i - m1r;
      const y12r = p1r - m1i;
      const y12i = p1i + m1r;
      let wr = tw[t + 0] as number;
      let wi = tw[t + 1] as number;
      ch[b + sq] = y1r * wr - y1i * wi;
      ch[b + sq + 1] = y1r * wi + y1i * wr;
      wr = tw[t + 22] as number;
      wi = tw[t + 23] as number;
      ch[b + q12] = y12r * wr - y12i * wi;
      ch[b + q12 + 1] = y12r * wi + y12i * wr;
      const p2r = a0r + C132 * t1r + C134 * t2r + C136 * t3r + C135 * t4r + C133 * t5r + C131 * t6r;
      const p2i = a0i + C132 * t1i + C134 * t2i + C136 * t3i + C135 * t4i + C133 * t5i + C131 * t6i;
      const m2r = S132 * d1r + S134 * d2r + S136 * d3r - S135 * d4r - S133 * d5r - S131 * d6r;
      const m2i = S132 * d1i + S134 * d2i + S136 * d3i - S135 * d4i - S133 * d5i - S131 * d6i;
      const y2r = p2r + m2i;
      const y2i = p2i - m2r;
      const y11r = p2r - m2i;
      const y11i = p2i + m2r;
      wr = tw[t + 2] as number;
      wi = tw[t + 3] as number;
      ch[b + q2] = y2r * wr - y2i * wi;
      ch[b + q2 + 1] = y2r * wi + y2i * wr;
      wr = tw[t + 20] as number;
      wi = tw[t + 21] as number;
      ch[b + q11] = y11r * wr - y11i * wi;
      ch[b + q11 + 1] = y11r * wi + y11i * wr;
      const p3r = a0r + C133 * t1r + C136 * t2r + C134 * t3r + C131 * t4r + C132 * t5r + C135 * t6r;
      const p3i = a0i + C133 * t1i + C136 * t2i + C134 * t3i + C131 * t4i + C132 * t5i + C135 * t6i;
      const m3r = S133 * d1r + S136 * d2r - S134 * d3r - S131 * d4r + S132 * d5r + S135 * d6r;
      const m3i = S133 * d1i + S136 * d2i - S134 * d3i - S131 * d4i + S132 * d5i + S135 * d6i;
      const y3r = p3r + m3i;
      const y3i = p3i - m3r;
      const y10r = p3r - m3i;
      const y10i = p3i + m3r;
      wr = tw[t + 4] as number;
      wi = tw[t + 5] as number;
      ch[b + q3] = y3r * wr - y3i * wi;
      ch[b + q3 + 1] = y3r * wi + y3i * wr;
      wr = tw[t + 18] as number;
      wi = tw[t + 19] as number;
      ch[b + q10] = y10r * wr - y10i * wi;
      ch[b + q10 + 1] = y10r * wi + y10i * wr;
      const p4r = a0r + C134 * t1r + C135 * t2r + C131 * t3r + C133 * t4r + C136 * t5r + C132 * t6r;
      const p4i = a0i + C134 * t1i + C135 * t2i + C131 * t3i + C133 * t4i + C136 * t5i + C132 * t6i;
      const m4r = S134 * d1r - S135 * d2r - S131 * d3r + S133 * d4r - S136 * d5r - S132 * d6r;
      const m4i = S134 * d1i - S135 * d2i - S131 * d3i + S133 * d4i - S136 * d5i - S132 * d6i;
      const y4r = p4r + m4i;
      const y4i = p4i - m4r;
      const y9r = p4r - m4i;
      const y9i = p4i + m4r;
      wr = tw[t + 6] as number;
      wi = tw[t + 7] as number;
      ch[b + q4] = y4r * wr - y4i * wi;
      ch[b + q4 + 1] = y4r * wi + y4i * wr;
      wr = tw[t + 16] as number;
      wi = tw[t + 17] as number;
      ch[b + q9] = y9r * wr - y9i * wi;
      ch[b + q9 + 1] = y9r * wi + y9i * wr;
      const p5r = a0r + C135 * t1r + C133 * t2r + C132 * t3r + C136 * t4r + C131 * t5r + C134 * t6r;
      const p5i = a0i + C135 * t1i + C133 * t2i + C132 * t3i + C136 * t4i + C131 * t5i + C134 * t6i;
      const m5r = S135 * d1r - S133 * d2r + S132 * d3r - S136 * d4r - S131 * d5r + S134 * d6r;
      const m5i = S135 * d1i - S133 * d2i + S132 * d3i - S136 * d4i - S131 * d5i + S134 * d6i;
      const y5r = p5r + m5i;
      const y5i = p5i - m5r;
      const y8r = p5r - m5i;
      const y8i = p5i + m5r;
      wr = tw[t + 8] as number;
      wi = tw[t + 9] as number;
      ch[b + q5] = y5r * wr - y5i * wi;
      ch[b + q5 + 1] = y5r * wi + y5i * wr;
      wr = tw[t + 14] as number;
      wi = tw[t + 15] as number;
      ch[b + q8] = y8r * wr - y8i * wi;
      ch[b + q8 + 1] = y8r * wi + y8i * wr;
      const p6r = a0r + C136 * t1r + C131 * t2r + C135 * t3r + C132 * t4r + C134 * t5r + C133 * t6r;
      const p6i = a0i + C136 * t1i + C131 * t2i + C135 * t3i + C132 * t4i + C134 * t5i + C133 * t6i;
      const m6r = S136 * d1r - S131 * d2r + S135 * d3r - S132 * d4r + S134 * d5r - S133 * d6r;
      const m6i = S136 * d1i - S131 * d2i + S135 * d3i - S132 * d4i + S134 * d5i - S133 * d6i;
      const y6r = p6r + m6i;
      const y6i = p6i - m6r;
      const y7r = p6r - m6i;
      const y7i = p6i + m6r;
      wr = tw[t + 10] as number;
      wi = tw[t + 11] as number;
      ch[b + q6] = y6r * wr - y6i * wi;
      ch[b + q6 + 1] = y6r * wi + y6i * wr;
      wr = tw[t + 12] as number;
      wi = tw[t + 13] as number;
      ch[b + q7] = y7r * wr - y7i * wi;
      ch[b + q7 + 1] = y7r * wi + y7i * wr;
    }
  }
}

/** Pass 13 with ido = 1 (no twiddles), walking the (k, i) pairs as {@link Pass} says. */
function untwiddled13(pass: Pass, cc: Float64Array, ch: Float64Array, sj: number, sq: number) {
  const C131 = Math.cos((2 * Math.PI) / 13);
  const C132 = Math.cos((4 * Math.PI) / 13);
  const C133 = Math.cos((6 * Math.PI) / 13);
  const C134 = Math.cos((8 * Math.PI) / 13);
  const C135 = Math.cos((10 * Math.PI) / 13);
  const C136 = Math.cos((12 * Math.PI) / 13);
  const S131 = Math.sin((2 * Math.PI) / 13);
  const S132 = Math.sin((4 * Math.PI) / 13);
  const S133 = Math.sin((6 * Math.PI) / 13);
  const S134 = Math.sin((8 * Math.PI) / 13);
  const S135 = Math.sin((10 * Math.PI) / 13);
  const S136 = Math.sin((12 * Math.PI) / 13);
  const { outer, inner, ccOuter, ccInner, chOuter, chInner } = pass;
  const s2 = 2 * sj;
  const s3 = 3 * sj;
  const s4 = 4 * sj;
  const s5 = 5 * sj;
  const s6 = 6 * sj;
  const s7 = 7 * sj;
  const s8 = 8 * sj;
  const s9 = 9 * sj;
  const s10 = 10 * sj;
  const s11 = 11 * sj;
  const s12 = 12 * sj;
  const q2 = 2 * sq;
  const q3 = 3 * sq;
  const q4 = 4 * sq;
  const q5 = 5 * sq;
  const q6 = 6 * sq;
  const q7 = 7 * sq;
  const q8 = 8 * sq;
  const q9 = 9 * sq;
  const q10 = 10 * sq;
  const q11 = 11 * sq;
  const q12 = 12 * sq;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + sj] as number;
      const a1i = cc[a + sj + 1] as number;
      const a2r = cc[a + s2] as number;
      const a2i = cc[a + s2 + 1] as number;
      const a3r = cc[a + s3] as number;
      const a3i = cc[a + s3 + 1] as number;
      const a4r = cc[a + s4] as number;
      const a4i = cc[a + s4 + 1] as number;
      const a5r = cc[a + s5] as number;
      const a5i = cc[a + s5 + 1] as number;
      const a6r = cc[a + s6] as number;
      const a6i = cc[a + s6 + 1] as number;
      const a7r = cc[a + s7] as number;
      const a7i = cc[a + s7 + 1] as number;
      const a8r = cc[a + s8] as number;
      const a8i = cc[a + s8 + 1] as number;
      const a9r = cc[a + s9] as number;
      const a9i = cc[a + s9 + 1] as number;
      const a10r = cc[a + s10] as number;
      const a10i = cc[a + s10 + 1] as number;
      const a11r = cc[a + s11] as number;
      const a11i = cc[a + s11 + 1] as number;
      const a12r = cc[a + s12] as number;
      const a12i = cc[a + s12 + 1] as number;
      const t1r = a1r + a12r;
      const t1i = a1i + a12i;
      const t2r = a2r + a11r;
      const t2i = a2i + a11i;
      const t3r = a3r + a10r;
      const t3i = a3i + a10i;
      const t4r = a4r + a9r;
      const t4i = a4i + a9i;
      const t5r = a5r + a8r;
      const t5i = a5i + a8i;
      const t6r = a6r + a7r;
      const t6i = a6i + a7i;
      const d1r = a1r - a12r;
      const d1i = a1i - a12i;
      const d2r = a2r - a11r;
      const d2i = a2i - a11i;
      const d3r = a3r - a10r;
      const d3i = a3i - a10i;
      const d4r = a4r - a9r;
      const d4i = a4i - a9i;
      const d5r = a5r - a8r;
      const d5i = a5i - a8i;
      const d6r = a6r - a7r;
      const d6i = a6i - a7i;
      ch[b] = a0r + t1r + t2r + t3r + t4r + t5r + t6r;
      ch[b + 1] = a0i + t1i + t2i + t3i + t4i + t5i + t6i;
      const p1r = a0r + C131 * t1r + C132 * t2r + C133 * t3r + C134 * t4r + C135 * t5r + C136 * t6r;
      const p1i = a0i + C131 * t1i + C132 * t2i + C133 * t3i + C134 * t4i + C135 * t5i + C136 * t6i;
      const m1r = S131 * d1r + S132 * d2r + S133 * d3r + S134 * d4r + S135 * d5r + S136 * d6r;
      const m1i = S131 * d1i + S132 * d2i + S133 * d3i + S134 * d4i + S135 * d5i + S136 * d6i;
      const y1r = p1r + m1i;
      const y1i = p1i - m1r;
      const y12r = p1r - m1i;
      const y12i = p1i + m1r;
      ch[b + sq] = y1r;
      ch[b + sq + 1] = y1i;
      ch[b + q12] = y12r;
      ch[b + q12 + 1] = y12i;
      const p2r = a0r + C132 * t1r + C134 * t2r + C136 * t3r + C135 * t4r + C133 * t5r + C131 * t6r;
      const p2i = a0i + C132 * t1i + C134 * t2i + C136 * t3i + C135 * t4i + C133 * t5i + C131 * t6i;
      const m2r = S132 * d1r + S134 * d2r + S136 * d3r - S135 * d4r - S133 * d5r - S131 * d6r;
      const m2i = S132 * d1i + S134 * d2i + S136 * d3i - S135 * d4i - S133 * d5i - S131 * d6i;
      const y2r = p2r + m2i;
      const y2i = p2i - m2r;
      const y11r = p2r - m2i;
      const y11i = p2i + m2r;
      ch[b + q2] = y2r;
      ch[b + q2 + 1] = y2i;
      ch[b + q11] = y11r;
      ch[b + q11 + 1] = y11i;
      const p3r = a0r + C133 * t1r + C136 * t2r + C134 * t3r + C131 * t4r + C132 * t5r + C135 * t6r;
      const p3i = a0i + C133 * t1i + C136 * t2i + C134 * t3i + C131 * t4i + C132 * t5i + C135 * t6i;
      const m3r = S133 * d1r + S136 * d2r - S134 * d3r - S131 * d4r + S132 * d5r + S135 * d6r;
      const m3i = S133 * d1i + S136 * d2i - S134 * d3i - S131 * d4i + S132 * d5i + S135 * d6i;
      const y3r = p3r + m3i;
      const y3i = p3i - m3r;
      const y10r = p3r - m3i;
      const y10i = p3i + m3r;
      ch[b + q3] = y3r;
      ch[b + q3 + 1] = y3i;
      ch[b + q10] = y10r;
      ch[b + q10 + 1] = y10i;
      const p4r = a0r + C134 * t1r + C135 * t2r + C131 * t3r + C133 * t4r + C136 * t5r + C132 * t6r;
      const p4i = a0i + C134 * t1i + C135 * t2i + C131 * t3i + C133 * t4i + C136 * t5i + C132 * t6i;
      const m4r = S134 * d1r - S135 * d2r - S131 * d3r + S133 * d4r - S136 * d5r - S132 * d6r;
      const m4i = S134 * d1i - S135 * d2i - S131 * d3i + S133 * d4i - S136 * d5i - S132 * d6i;
      const y4r = p4r + m4i;
      const y4i = p4i - m4r;
      const y9r = p4r - m4i;
      const y9i = p4i + m4r;
      ch[b + q4] = y4r;
      ch[b + q4 + 1] = y4i;
      ch[b + q9] = y9r;
      ch[b + q9 + 1] = y9i;
      const p5r = a0r + C135 * t1r + C133 * t2r + C132 * t3r + C136 * t4r + C131 * t5r + C134 * t6r;
      const p5i = a0i + C135 * t1i + C133 * t2i + C132 * t3i + C136 * t4i + C131 * t5i + C134 * t6i;
      const m5r = S135 * d1r - S133 * d2r + S132 * d3r - S136 * d4r - S131 * d5r + S134 * d6r;
      const m5i = S135 * d1i - S133 * d2i + S132 * d3i - S136 * d4i - S131 * d5i + S134 * d6i;
      const y5r = p5r + m5i;
      const y5i = p5i - m5r;
      const y8r = p5r - m5i;
      const y8i = p5i + m5r;
      ch[b + q5] = y5r;
      ch[b + q5 + 1] = y5i;
      ch[b + q8] = y8r;
      ch[b + q8 + 1] = y8i;
      const p6r = a0r + C136 * t1r + C131 * t2r + C135 * t3r + C132 * t4r + C134 * t5r + C133 * t6r;
      const p6i = a0i + C136 * t1i + C131 * t2i + C135 * t3i + C132 * t4i + C134 * t5i + C133 * t6i;
      const m6r = S136 * d1r - S131 * d2r + S135 * d3r - S132 * d4r + S134 * d5r - S133 * d6r;
      const m6i = S136 * d1i - S131 * d2i + S135 * d3i - S132 * d4i + S134 * d5i - S133 * d6i;
      const y6r = p6r + m6i;
      const y6i = p6i - m6r;
      const y7r = p6r - m6i;
      const y7i = p6i + m6r;
      ch[b + q6] = y6r;
      ch[b + q6 + 1] = y6i;
      ch[b + q7] = y7r;
      ch[b + q7 + 1] = y7i;
    }
  }
}

/**
 * Any odd prime radix p: with t_j = a_j + a_{p−j} and d_j = a_j − a_{p−j} (j = 1 … (p−1)/2),
 * y_q = a_0 + Σ_j cos(2πjq/p)·t_j − i·Σ_j sin(2πjq/p)·d_j and y_{p−q} the same with +i.
 */
function passGeneric(pass: Pass, cc: Float64Array, ch: Float64Array) {
  const { ip, tw, twiddled, outer, inner, ccOuter, ccInner, chOuter, chInner, twOuter, twInner } =
    pass;
  const { roots, work } = pass;
  const half = (ip - 1) >> 1;
  const sj = 2 * pass.ido;
  const sq = 2 * pass.ido * pass.l1;
  for (let o = 0; o < outer; o++) {
    let a = o * ccOuter;
    let b = o * chOuter;
    let t = o * twOuter;
    for (let u = 0; u < inner; u++, a += ccInner, b += chInner, t += twInner) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      let y0r = a0r;
      let y0i = a0i;
      // work holds t_j at 4(j−1), 4(j−1)+1 and d_j at 4(j−1)+2, 4(j−1)+3.
      for (let j = 1; j <= half; j++) {
        const ur = cc[a + j * sj] as number;
        const ui = cc[a + j * sj + 1] as number;
        const vr = cc[a + (ip - j) * sj] as number;
        const vi = cc[a + (ip - j) * sj + 1] as number;
        const w = 4 * (j - 1);
        work[w] = ur + vr;
        work[w + 1] = ui + vi;
        work[w + 2] = ur - vr;
        work[w + 3] = ui - vi;
        y0r += ur + vr;
        y0i += ui + vi;
      }
      ch[b] = y0r;
      ch[b + 1] = y0i;
      for (let q = 1; q <= half; q++) {
        let pr = a0r;
        let pi = a0i;
        let sr = 0;
        let si = 0;
        for (let j = 1, r = 2 * (ip + q), w = 0; j <= half; j++, r += 2 * ip, w += 4) {
          const c = roots[r] as number;
          const s = roots[r + 1] as number;
          pr += c * (work[w] as number);
          pi += c * (work[w + 1] as number);
          sr += s * (work[w + 2] as number);
          si += s * (work[w + 3] as number);
        }
        const yqr = pr + si;
        const yqi = pi - sr;
        const ypr = pr - si;
        const ypi = pi + sr;
        const q2 = ip - q;
        if (twiddled) {
          const t1 = t + 2 * (q - 1);
          const t2 = t + 2 * (q2 - 1);
          const w1r = tw[t1] as number;
          const w1i = tw[t1 + 1] as number;
          const w2r = tw[t2] as number;
          const w2i = tw[t2 + 1] as number;
          ch[b + q * sq] = yqr * w1r - yqi * w1i;
          ch[b + q * sq + 1] = yqr * w1i + yqi * w1r;
          ch[b + q2 * sq] = ypr * w2r - ypi * w2i;
          ch[b + q2 * sq + 1] = ypr * w2i + ypi * w2r;
        } else {
          ch[b + q * sq] = yqr;
          ch[b + q * sq + 1] = yqi;
          ch[b + q2 * sq] = ypr;
          ch[b + q2 * sq + 1] = ypi;
        }
      }
    }
  }
}

/**
 * Bluestein's chirp-z: an n-point DFT as a circular convolution of length m = 2^a·3^b·5^c ≥
 * 2n − 1 done with two Stockham transforms. `jk = (j² + k² − (k − j)²)/2` turns
 * `e^{−2πi jk/n}` into the chirp `w_k = e^{−πi k²/n}`; its phase uses `k² mod 2n` so large k
 * keep full precision.
 */
class BluesteinKernel implements ComplexKernel {
  readonly size: number;
  readonly outputs: number;
  readonly bytes: number;
  readonly scratchLength: number;
  private readonly m: number;
  private readonly inner: ComplexKernel;
  /** Chirp `w_k = e^{−πi k²/n}`, interleaved, n values. */
  private readonly chirp: Float64Array;
  /** FFT of the conjugate chirp filter, pre-divided by m (folds the inverse scaling in). */
  private readonly filter: Float64Array;

  constructor(
    n: number,
    m: number,
    outputs: number,
    inner: ComplexKernel,
    chirp: Float64Array,
    filter: Float64Array,
  ) {
    this.size = n | 0;
    this.outputs = outputs | 0;
    this.m = m | 0;
    this.inner = inner;
    this.chirp = chirp;
    this.filter = filter;
    this.bytes = chirp.byteLength + filter.byteLength + inner.bytes;
    this.scratchLength = 4 * m + inner.scratchLength;
  }

  forward(input: Float64Array, out: Float64Array, scratch: Float64Array, real: boolean): void {
    const { m } = this;
    const n = this.size;
    const padded = scratch.subarray(0, 2 * m);
    const work = scratch.subarray(2 * m, 4 * m);
    const inner = scratch.subarray(4 * m);
    this.chirpIn(input, padded, real, 0, n);
    padded.fill(0, 2 * n);
    this.inner.forward(padded, work, inner, false);
    this.filterProduct(work, padded, 0, m);
    this.inner.forward(padded, work, inner, false);
    this.chirpOut(work, out, 0, real ? Math.floor(n / 2) + 1 : n);
  }

  *steps(
    input: Float64Array,
    out: Float64Array,
    scratch: Float64Array,
    real: boolean,
  ): Generator<void, void, void> {
    const { m } = this;
    const n = this.size;
    const padded = scratch.subarray(0, 2 * m);
    const work = scratch.subarray(2 * m, 4 * m);
    const inner = scratch.subarray(4 * m);
    for (let k = 0; k < n; k += STEP_POINTS) {
      this.chirpIn(input, padded, real, k, Math.min(n, k + STEP_POINTS));
      yield;
    }
    padded.fill(0, 2 * n);
    yield* this.inner.steps(padded, work, inner, false);
    for (let k = 0; k < m; k += STEP_POINTS) {
      this.filterProduct(work, padded, k, Math.min(m, k + STEP_POINTS));
      yield;
    }
    yield* this.inner.steps(padded, work, inner, false);
    const count = real ? Math.floor(n / 2) + 1 : n;
    for (let k = 0; k < count; k += STEP_POINTS) {
      this.chirpOut(work, out, k, Math.min(count, k + STEP_POINTS));
      yield;
    }
  }

  /** padded_k = x_k·w_k for k in [from, to) (x real or interleaved complex). */
  private chirpIn(
    input: Float64Array,
    padded: Float64Array,
    real: boolean,
    from: number,
    to: number,
  ): void {
    const chirp = this.chirp;
    if (real) {
      for (let k = from; k < to; k++) {
        const v = input[k] as number;
        padded[2 * k] = v * (chirp[2 * k] as number);
        padded[2 * k + 1] = v * (chirp[2 * k + 1] as number);
      }
    } else {
      for (let k = from; k < to; k++) {
        const re = input[2 * k] as number;
        const im = input[2 * k + 1] as number;
        const wr = chirp[2 * k] as number;
        const wi = chirp[2 * k + 1] as number;
        padded[2 * k] = re * wr - im * wi;
        padded[2 * k + 1] = re * wi + im * wr;
      }
    }
  }

  /**
   * conj(fft(padded)·filter) into padded for points [from, to), whose forward transform is
   * m·conj(convolution).
   */
  private filterProduct(work: Float64Array, padded: Float64Array, from: number, to: number): void {
    const filter = this.filter;
    for (let i = 2 * from; i < 2 * to; i += 2) {
      const ar = work[i] as number;
      const ai = work[i + 1] as number;
      const br = filter[i] as number;
      const bi = filter[i + 1] as number;
      padded[i] = ar * br - ai * bi;
      padded[i + 1] = -(ar * bi + ai * br);
    }
  }

  /** X_k = conj(work_k)·w_k for bins k in [from, to). */
  private chirpOut(work: Float64Array, out: Float64Array, from: number, to: number): void {
    const chirp = this.chirp;
    for (let k = from; k < to; k++) {
      const cr = work[2 * k] as number;
      const ci = -(work[2 * k + 1] as number);
      const wr = chirp[2 * k] as number;
      const wi = chirp[2 * k + 1] as number;
      out[2 * k] = cr * wr - ci * wi;
      out[2 * k + 1] = cr * wi + ci * wr;
    }
  }
}

/**
 * Builds a {@link BluesteinKernel} of length n over transforms of length m ≥ n + outputs − 1
 * that computes bins 0 … outputs − 1, in steps.
 */
function* bluesteinSteps(
  n: number,
  m: number,
  outputs: number,
): Generator<void, ComplexKernel, void> {
  const inner = yield* kernelSteps(m);
  const chirp = new Float64Array(2 * n);
  const twoN = 2 * n;
  for (let from = 0; from < n; from += STEP_POINTS) {
    for (let k = from; k < Math.min(n, from + STEP_POINTS); k++) {
      // k² mod 2n without overflowing 2^53: (k mod 2n)² < 2^55 only for n > 2^26, never here.
      const phase = (Math.PI * ((k * k) % twoN)) / n;
      chirp[2 * k] = Math.cos(phase);
      chirp[2 * k + 1] = -Math.sin(phase);
    }
    yield;
  }
  // The filter conj(w) at lags −(n − 1) … outputs − 1 (negative lags wrapped to the end).
  const taps = new Float64Array(2 * m);
  for (let k = 0; k < n; k++) {
    const re = chirp[2 * k] as number;
    const im = -(chirp[2 * k + 1] as number);
    if (k < outputs) {
      taps[2 * k] = re;
      taps[2 * k + 1] = im;
    }
    if (k > 0) {
      taps[2 * (m - k)] = re;
      taps[2 * (m - k) + 1] = im;
    }
  }
  yield;
  const filter = new Float64Array(2 * m);
  yield* inner.steps(taps, filter, new Float64Array(inner.scratchLength), false);
  for (let i = 0; i < filter.length; i++) filter[i] = (filter[i] as number) / m;
  return new BluesteinKernel(n, m, outputs, inner, chirp, filter);
}

/**
 * Rader's algorithm for a prime n: with g a primitive root mod n, j = g^p and k = g^{−q} turn
 * `X_k − x_0 = Σ_{j≠0} x_j e^{−2πi jk/n}` into the cyclic convolution of a_p = x_{g^p} with
 * b_m = e^{−2πi g^{−m}/n}, of length N = n − 1, done with two Stockham transforms of length N
 * (chosen when N factors into the direct radices: 65 537 − 1 = 2^16, where Bluestein would need
 * about 1.5n points for real input and 2n for complex). X_0 is the plain sum.
 */
class RaderKernel implements ComplexKernel {
  readonly size: number;
  readonly outputs: number;
  readonly bytes: number;
  readonly scratchLength: number;
  private readonly inner: ComplexKernel;
  /** g^p mod n, p = 0 … N − 1 (so g^{−q} = powers[(N − q) mod N]). */
  private readonly powers: Int32Array;
  /** FFT_N(b) pre-divided by N (folds the inverse transform's scaling in), interleaved. */
  private readonly filter: Float64Array;

  constructor(n: number, inner: ComplexKernel, powers: Int32Array, filter: Float64Array) {
    this.size = n | 0;
    this.outputs = n | 0;
    this.inner = inner;
    this.powers = powers;
    this.filter = filter;
    this.bytes = powers.byteLength + filter.byteLength + inner.bytes;
    this.scratchLength = 4 * (n - 1) + inner.scratchLength;
  }

  forward(input: Float64Array, out: Float64Array, scratch: Float64Array, real: boolean): void {
    const big = 2 * (this.size - 1);
    const a = scratch.subarray(0, big);
    const work = scratch.subarray(big, 2 * big);
    const rest = scratch.subarray(2 * big);
    const count = big >> 1;
    const sum = this.gather(
      input,
      a,
      real,
      0,
      count,
      real ? [input[0] as number, 0] : [input[0] as number, input[1] as number],
    );
    this.inner.forward(a, work, rest, false);
    this.product(work, a, 0, count);
    this.inner.forward(a, work, rest, false);
    this.scatter(input, work, out, real, sum, 0, count);
  }

  *steps(
    input: Float64Array,
    out: Float64Array,
    scratch: Float64Array,
    real: boolean,
  ): Generator<void, void, void> {
    const big = 2 * (this.size - 1);
    const a = scratch.subarray(0, big);
    const work = scratch.subarray(big, 2 * big);
    const rest = scratch.subarray(2 * big);
    const count = big >> 1;
    let sum: [number, number] = real
      ? [input[0] as number, 0]
      : [input[0] as number, input[1] as number];
    for (let p = 0; p < count; p += STEP_POINTS) {
      sum = this.gather(input, a, real, p, Math.min(count, p + STEP_POINTS), sum);
      yield;
    }
    yield* this.inner.steps(a, work, rest, false);
    for (let k = 0; k < count; k += STEP_POINTS) {
      this.product(work, a, k, Math.min(count, k + STEP_POINTS));
      yield;
    }
    yield* this.inner.steps(a, work, rest, false);
    for (let q = 0; q < count; q += STEP_POINTS) {
      this.scatter(input, work, out, real, sum, q, Math.min(count, q + STEP_POINTS));
      yield;
    }
  }

  /** a_p = x_{g^p} for p in [from, to); returns `sum` plus those inputs (X_0 so far). */
  private gather(
    input: Float64Array,
    a: Float64Array,
    real: boolean,
    from: number,
    to: number,
    sum: [number, number],
  ): [number, number] {
    const powers = this.powers;
    let sr = sum[0];
    let si = sum[1];
    for (let p = from; p < to; p++) {
      const j = powers[p] as number;
      const re = real ? (input[j] as number) : (input[2 * j] as number);
      const im = real ? 0 : (input[2 * j + 1] as number);
      a[2 * p] = re;
      a[2 * p + 1] = im;
      sr += re;
      si += im;
    }
    return [sr, si];
  }

  /** conj(A_k·filter_k) into a for k in [from, to): its forward transform is conj(a ⊛ b). */
  private product(work: Float64Array, a: Float64Array, from: number, to: number): void {
    const filter = this.filter;
    for (let i = 2 * from; i < 2 * to; i += 2) {
      const ar = work[i] as number;
      const ai = work[i + 1] as number;
      const br = filter[i] as number;
      const bi = filter[i + 1] as number;
      a[i] = ar * br - ai * bi;
      a[i + 1] = -(ar * bi + ai * br);
    }
  }

  /**
   * X_0 = sum and X_{g^{−q}} = x_0 + conj(work_q) for q in [from, to); real input keeps the
   * bins up to ⌊n/2⌋ only.
   */
  private scatter(
    input: Float64Array,
    work: Float64Array,
    out: Float64Array,
    real: boolean,
    sum: [number, number],
    from: number,
    to: number,
  ): void {
    const n = this.size;
    const count = n - 1;
    const powers = this.powers;
    const x0r = input[0] as number;
    const x0i = real ? 0 : (input[1] as number);
    const last = real ? n >> 1 : n - 1;
    if (from === 0) {
      out[0] = sum[0];
      out[1] = sum[1];
    }
    for (let q = from; q < to; q++) {
      const k = powers[q === 0 ? 0 : count - q] as number;
      if (k > last) continue;
      out[2 * k] = x0r + (work[2 * q] as number);
      out[2 * k + 1] = x0i - (work[2 * q + 1] as number);
    }
  }
}

/** x^e mod n for integers below n ≤ 2^26 (every product stays below 2^53, so exact). */
function powMod(x: number, e: number, n: number): number {
  let result = 1;
  let base = x % n;
  for (let k = e; k > 0; k = Math.floor(k / 2)) {
    if (k % 2 === 1) result = (result * base) % n;
    base = (base * base) % n;
  }
  return result;
}

/** The smallest primitive root of the prime n: g^{(n−1)/f} ≠ 1 for every prime f of n − 1. */
export function primitiveRoot(n: number): number {
  const primes = [...new Set(factorize(n - 1).flatMap((f) => (f === 4 || f === 8 ? [2] : [f])))];
  for (let g = 2; ; g++) {
    if (primes.every((f) => powMod(g, (n - 1) / f, n) !== 1)) return g;
  }
}

/** Builds a {@link RaderKernel} for the prime n, in steps. */
function* raderSteps(n: number): Generator<void, ComplexKernel, void> {
  const count = n - 1;
  const inner = yield* kernelSteps(count);
  const g = primitiveRoot(n);
  const powers = new Int32Array(count);
  for (let p = 0, v = 1; p < count; p++, v = (v * g) % n) powers[p] = v;
  yield;
  // b_m = e^{−2πi g^{−m}/n}, g^{−m} = g^{(N − m) mod N}.
  const taps = new Float64Array(2 * count);
  for (let from = 0; from < count; from += STEP_POINTS) {
    for (let m = from; m < Math.min(count, from + STEP_POINTS); m++) {
      root(powers[m === 0 ? 0 : count - m] as number, n, taps, 2 * m);
    }
    yield;
  }
  const filter = new Float64Array(2 * count);
  yield* inner.steps(taps, filter, new Float64Array(inner.scratchLength), false);
  for (let i = 0; i < filter.length; i++) filter[i] = (filter[i] as number) / count;
  return new RaderKernel(n, inner, powers, filter);
}
