/**
 * Complex DFT cores behind {@link createFft}: a mixed-radix Stockham transform (radices 4, 2, 3,
 * 5 written out, any other small odd prime through a generic symmetric butterfly) and
 * Bluestein's chirp-z for lengths with a large prime factor. Internal: no validation, forward
 * only (the plans get the inverse by conjugation), complex data interleaved `[re0, im0, …]`.
 */

/** A forward complex DFT of one length, `X_k = Σ_j x_j e^{−2πi jk/n}`. */
export interface ComplexKernel {
  /** Transform length n (complex points). */
  readonly size: number;
  /** Bytes of precomputed tables this kernel holds. */
  readonly bytes: number;
  /** Length (doubles) of the scratch buffer {@link ComplexKernel.forward} needs. */
  readonly scratchLength: number;
  /**
   * Writes the DFT of `input` (2n doubles) into `out` (2n doubles, never aliasing `input`).
   * With `real` (odd n only), `input` is n real samples and `out` receives bins 0 … ⌊n/2⌋
   * (2(⌊n/2⌋ + 1) doubles). `scratch` holds at least `scratchLength` doubles, never aliasing
   * `input` or `out`; its contents on entry do not matter.
   */
  forward(input: ArrayLike<number>, out: Float64Array, scratch: Float64Array, real: boolean): void;
}

/** Largest prime factor the Stockham passes take directly before Bluestein is considered. */
const DIRECT_PRIME_LIMIT = 97;

/** Factors n as 4s first, then 3, 5 and the remaining primes in increasing order, a lone 2 last. */
export function factorize(n: number): number[] {
  const factors: number[] = [];
  let rest = n;
  while (rest % 4 === 0) {
    factors.push(4);
    rest /= 4;
  }
  for (let p = 2; p * p <= rest; p += p === 2 ? 1 : 2) {
    while (rest % p === 0) {
      factors.push(p);
      rest /= p;
    }
  }
  if (rest > 1) factors.push(rest);
  // A lone 2 goes last, where ido = 1 and its pass needs no twiddle table (the first pass has
  // the largest table: radix 4 there stores n/4 twiddles, a radix-2 pass would store n/2).
  const two = factors.indexOf(2);
  if (two >= 0) {
    factors.splice(two, 1);
    factors.push(2);
  }
  return factors;
}

/** Rough arithmetic cost of a Stockham transform with these factors (per element, summed). */
function passCost(factors: readonly number[]): number {
  let cost = 0;
  for (const f of factors) cost += f <= 5 ? f : 1.5 * f;
  return cost;
}

/** Smallest 2^a·3^b·5^c ≥ n. */
export function goodSize(n: number): number {
  if (n <= 6) return n;
  let best = 2 ** Math.ceil(Math.log2(n));
  for (let f5 = 1; f5 < best; f5 *= 5) {
    for (let f35 = f5; f35 < best; f35 *= 3) {
      let f = f35;
      while (f < n) f *= 2;
      if (f < best) best = f;
    }
  }
  return best;
}

/** Chooses the core for length n: Stockham unless a large prime factor makes Bluestein cheaper. */
export function createKernel(n: number): ComplexKernel {
  const factors = factorize(n);
  const largest = factors.length === 0 ? 1 : Math.max(...factors);
  if (largest <= DIRECT_PRIME_LIMIT) return new StockhamKernel(n, factors);
  const m = goodSize(2 * n - 1);
  // Bluestein: two transforms of length m ≥ 2n − 1 plus three passes over m points.
  const bluestein = (m / n) * (2 * passCost(factorize(m)) + 6);
  if (passCost(factors) * (largest > 1000 ? 4 : 1) <= bluestein) {
    return new StockhamKernel(n, factors);
  }
  return new BluesteinKernel(n, m);
}

/** One Stockham pass: radix `ip`, `l1` transforms done so far, `ido` = n/(l1·ip). */
interface Pass {
  readonly ip: number;
  readonly l1: number;
  readonly ido: number;
  /**
   * Twiddles w^{l1·i·j} (w = e^{−2πi/n}), interleaved, for i < ido: radix 4 stores only j = 1
   * (j = 2, 3 are squared and multiplied on the fly, which saves memory traffic); the other
   * radices store j = 1 … ip−1 for each i. Empty when ido = 1.
   */
  readonly tw: Float64Array;
  /** Generic radix only: cos and sin of 2π·j·q/ip, row-major in (j, q). */
  readonly roots?: Float64Array;
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

/** Mixed-radix Stockham autosort transform (decimation in frequency, natural order in and out). */
class StockhamKernel implements ComplexKernel {
  readonly size: number;
  readonly bytes: number;
  readonly scratchLength: number;
  private readonly passes: Pass[] = [];

  constructor(n: number, factors: readonly number[]) {
    this.size = n;
    let l1 = 1;
    let bytes = 0;
    for (const ip of factors) {
      const ido = n / (l1 * ip);
      const stored = ido === 1 ? 0 : ip === 4 ? 1 : ip - 1;
      const tw = new Float64Array(2 * ido * stored);
      for (let i = 0; i < ido && stored > 0; i++) {
        for (let j = 1; j <= stored; j++) root(l1 * i * j, n, tw, 2 * (i * stored + j - 1));
      }
      let roots: Float64Array | undefined;
      if (ip > 5) {
        roots = new Float64Array(2 * ip * ip);
        for (let j = 0; j < ip; j++) {
          for (let q = 0; q < ip; q++) {
            const a = (2 * Math.PI * ((j * q) % ip)) / ip;
            roots[2 * (j * ip + q)] = Math.cos(a);
            roots[2 * (j * ip + q) + 1] = Math.sin(a);
          }
        }
        bytes += roots.byteLength;
      }
      bytes += tw.byteLength;
      this.passes.push({ ip, l1, ido, tw, roots });
      l1 *= ip;
    }
    this.bytes = bytes;
    // 2n for the ping-pong partner; odd n also take real input, which needs three buffers.
    this.scratchLength = n % 2 === 1 ? 6 * n : 2 * n;
  }

  forward(input: ArrayLike<number>, out: Float64Array, scratch: Float64Array, real: boolean): void {
    const n = this.size;
    if (!real) {
      this.chain(input, out, scratch);
      return;
    }
    // Real input (odd n only; even n go through the half-length packing): widen to complex,
    // transform into the scratch and keep bins 0 … ⌊n/2⌋.
    const wide = scratch.subarray(0, 2 * n);
    for (let i = 0; i < n; i++) {
      wide[2 * i] = input[i] as number;
      wide[2 * i + 1] = 0;
    }
    const full = scratch.subarray(2 * n, 4 * n);
    this.chain(wide, full, scratch.subarray(4 * n, 6 * n));
    out.set(full.subarray(0, 2 * (Math.floor(n / 2) + 1)));
  }

  /** Runs the passes from src, ping-ponging through partner so that the last one writes dst. */
  private chain(src: ArrayLike<number>, dst: Float64Array, partner: Float64Array): void {
    const count = this.passes.length;
    if (count === 0) {
      dst[0] = src[0] as number;
      dst[1] = src[1] as number;
      return;
    }
    let from = src;
    for (let p = 0; p < count; p++) {
      const to = (count - 1 - p) % 2 === 0 ? dst : partner;
      runPass(this.passes[p] as Pass, from, to);
      from = to;
    }
  }
}

function runPass(pass: Pass, cc: ArrayLike<number>, ch: Float64Array): void {
  switch (pass.ip) {
    case 4:
      pass4(pass.ido, pass.l1, cc, ch, pass.tw);
      return;
    case 2:
      pass2(pass.ido, pass.l1, cc, ch, pass.tw);
      return;
    case 3:
      pass3(pass.ido, pass.l1, cc, ch, pass.tw);
      return;
    case 5:
      pass5(pass.ido, pass.l1, cc, ch, pass.tw);
      return;
    default:
      passGeneric(pass.ip, pass.ido, pass.l1, cc, ch, pass.tw, pass.roots as Float64Array);
  }
}

// Each pass reads cc[i + ido·(j + ip·k)] and writes ch[i + ido·(k + l1·q)] (complex indices):
// for every k < l1 and i < ido, the ip-point DFT over j, output q multiplied by w^{l1·i·q}.

function pass2(ido: number, l1: number, cc: ArrayLike<number>, ch: Float64Array, tw: Float64Array) {
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  for (let k = 0; k < l1; k++) {
    const a = 4 * ido * k;
    const b = 2 * ido * k;
    if (ido === 1) {
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + 2] as number;
      const a1i = cc[a + 3] as number;
      ch[b] = a0r + a1r;
      ch[b + 1] = a0i + a1i;
      ch[b + sq] = a0r - a1r;
      ch[b + sq + 1] = a0i - a1i;
      continue;
    }
    for (let i = 0; i < ido; i++) {
      const ia = a + 2 * i;
      const ib = b + 2 * i;
      const a0r = cc[ia] as number;
      const a0i = cc[ia + 1] as number;
      const a1r = cc[ia + sj] as number;
      const a1i = cc[ia + sj + 1] as number;
      ch[ib] = a0r + a1r;
      ch[ib + 1] = a0i + a1i;
      const dr = a0r - a1r;
      const di = a0i - a1i;
      const wr = tw[2 * i] as number;
      const wi = tw[2 * i + 1] as number;
      ch[ib + sq] = dr * wr - di * wi;
      ch[ib + sq + 1] = dr * wi + di * wr;
    }
  }
}

function pass4(ido: number, l1: number, cc: ArrayLike<number>, ch: Float64Array, tw: Float64Array) {
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  if (ido === 1) {
    for (let k = 0; k < l1; k++) {
      const a = 8 * k;
      const b = 2 * k;
      const a0r = cc[a] as number;
      const a0i = cc[a + 1] as number;
      const a1r = cc[a + 2] as number;
      const a1i = cc[a + 3] as number;
      const a2r = cc[a + 4] as number;
      const a2i = cc[a + 5] as number;
      const a3r = cc[a + 6] as number;
      const a3i = cc[a + 7] as number;
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
      ch[b + sq] = t1r + t3i;
      ch[b + sq + 1] = t1i - t3r;
      ch[b + 2 * sq] = t0r - t2r;
      ch[b + 2 * sq + 1] = t0i - t2i;
      ch[b + 3 * sq] = t1r - t3i;
      ch[b + 3 * sq + 1] = t1i + t3r;
    }
    return;
  }
  for (let k = 0; k < l1; k++) {
    const a = 8 * ido * k;
    const b = 2 * ido * k;
    for (let i = 0; i < ido; i++) {
      const ia = a + 2 * i;
      const ib = b + 2 * i;
      const a0r = cc[ia] as number;
      const a0i = cc[ia + 1] as number;
      const a1r = cc[ia + sj] as number;
      const a1i = cc[ia + sj + 1] as number;
      const a2r = cc[ia + 2 * sj] as number;
      const a2i = cc[ia + 2 * sj + 1] as number;
      const a3r = cc[ia + 3 * sj] as number;
      const a3i = cc[ia + 3 * sj + 1] as number;
      const t0r = a0r + a2r;
      const t0i = a0i + a2i;
      const t1r = a0r - a2r;
      const t1i = a0i - a2i;
      const t2r = a1r + a3r;
      const t2i = a1i + a3i;
      const t3r = a1r - a3r;
      const t3i = a1i - a3i;
      ch[ib] = t0r + t2r;
      ch[ib + 1] = t0i + t2i;
      const w1r = tw[2 * i] as number;
      const w1i = tw[2 * i + 1] as number;
      const w2r = w1r * w1r - w1i * w1i;
      const w2i = 2 * w1r * w1i;
      const w3r = w2r * w1r - w2i * w1i;
      const w3i = w2r * w1i + w2i * w1r;
      const y1r = t1r + t3i;
      const y1i = t1i - t3r;
      const y2r = t0r - t2r;
      const y2i = t0i - t2i;
      const y3r = t1r - t3i;
      const y3i = t1i + t3r;
      ch[ib + sq] = y1r * w1r - y1i * w1i;
      ch[ib + sq + 1] = y1r * w1i + y1i * w1r;
      ch[ib + 2 * sq] = y2r * w2r - y2i * w2i;
      ch[ib + 2 * sq + 1] = y2r * w2i + y2i * w2r;
      ch[ib + 3 * sq] = y3r * w3r - y3i * w3i;
      ch[ib + 3 * sq + 1] = y3r * w3i + y3i * w3r;
    }
  }
}

/** sin(2π/3). */
const S3 = Math.sqrt(3) / 2;

function pass3(ido: number, l1: number, cc: ArrayLike<number>, ch: Float64Array, tw: Float64Array) {
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  for (let k = 0; k < l1; k++) {
    const a = 6 * ido * k;
    const b = 2 * ido * k;
    for (let i = 0; i < ido; i++) {
      const ia = a + 2 * i;
      const ib = b + 2 * i;
      const a0r = cc[ia] as number;
      const a0i = cc[ia + 1] as number;
      const a1r = cc[ia + sj] as number;
      const a1i = cc[ia + sj + 1] as number;
      const a2r = cc[ia + 2 * sj] as number;
      const a2i = cc[ia + 2 * sj + 1] as number;
      const tr = a1r + a2r;
      const ti = a1i + a2i;
      const mr = a0r - 0.5 * tr;
      const mi = a0i - 0.5 * ti;
      const dr = S3 * (a1r - a2r);
      const di = S3 * (a1i - a2i);
      ch[ib] = a0r + tr;
      ch[ib + 1] = a0i + ti;
      const y1r = mr + di;
      const y1i = mi - dr;
      const y2r = mr - di;
      const y2i = mi + dr;
      if (ido === 1) {
        ch[ib + sq] = y1r;
        ch[ib + sq + 1] = y1i;
        ch[ib + 2 * sq] = y2r;
        ch[ib + 2 * sq + 1] = y2i;
        continue;
      }
      const t = 4 * i;
      const w1r = tw[t] as number;
      const w1i = tw[t + 1] as number;
      const w2r = tw[t + 2] as number;
      const w2i = tw[t + 3] as number;
      ch[ib + sq] = y1r * w1r - y1i * w1i;
      ch[ib + sq + 1] = y1r * w1i + y1i * w1r;
      ch[ib + 2 * sq] = y2r * w2r - y2i * w2i;
      ch[ib + 2 * sq + 1] = y2r * w2i + y2i * w2r;
    }
  }
}

const C51 = Math.cos((2 * Math.PI) / 5);
const C52 = Math.cos((4 * Math.PI) / 5);
const S51 = Math.sin((2 * Math.PI) / 5);
const S52 = Math.sin((4 * Math.PI) / 5);

function pass5(ido: number, l1: number, cc: ArrayLike<number>, ch: Float64Array, tw: Float64Array) {
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  for (let k = 0; k < l1; k++) {
    const a = 10 * ido * k;
    const b = 2 * ido * k;
    for (let i = 0; i < ido; i++) {
      const ia = a + 2 * i;
      const ib = b + 2 * i;
      const a0r = cc[ia] as number;
      const a0i = cc[ia + 1] as number;
      const a1r = cc[ia + sj] as number;
      const a1i = cc[ia + sj + 1] as number;
      const a2r = cc[ia + 2 * sj] as number;
      const a2i = cc[ia + 2 * sj + 1] as number;
      const a3r = cc[ia + 3 * sj] as number;
      const a3i = cc[ia + 3 * sj + 1] as number;
      const a4r = cc[ia + 4 * sj] as number;
      const a4i = cc[ia + 4 * sj + 1] as number;
      const t1r = a1r + a4r;
      const t1i = a1i + a4i;
      const t2r = a2r + a3r;
      const t2i = a2i + a3i;
      const d1r = a1r - a4r;
      const d1i = a1i - a4i;
      const d2r = a2r - a3r;
      const d2i = a2i - a3i;
      ch[ib] = a0r + t1r + t2r;
      ch[ib + 1] = a0i + t1i + t2i;
      // y1,4 = a0 + c1 t1 + c2 t2 ∓ i (s1 d1 + s2 d2); y2,3 = a0 + c2 t1 + c1 t2 ∓ i (s2 d1 − s1 d2)
      const p1r = a0r + C51 * t1r + C52 * t2r;
      const p1i = a0i + C51 * t1i + C52 * t2i;
      const p2r = a0r + C52 * t1r + C51 * t2r;
      const p2i = a0i + C52 * t1i + C51 * t2i;
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
      if (ido === 1) {
        ch[ib + sq] = y1r;
        ch[ib + sq + 1] = y1i;
        ch[ib + 2 * sq] = y2r;
        ch[ib + 2 * sq + 1] = y2i;
        ch[ib + 3 * sq] = y3r;
        ch[ib + 3 * sq + 1] = y3i;
        ch[ib + 4 * sq] = y4r;
        ch[ib + 4 * sq + 1] = y4i;
        continue;
      }
      const t = 8 * i;
      let wr = tw[t] as number;
      let wi = tw[t + 1] as number;
      ch[ib + sq] = y1r * wr - y1i * wi;
      ch[ib + sq + 1] = y1r * wi + y1i * wr;
      wr = tw[t + 2] as number;
      wi = tw[t + 3] as number;
      ch[ib + 2 * sq] = y2r * wr - y2i * wi;
      ch[ib + 2 * sq + 1] = y2r * wi + y2i * wr;
      wr = tw[t + 4] as number;
      wi = tw[t + 5] as number;
      ch[ib + 3 * sq] = y3r * wr - y3i * wi;
      ch[ib + 3 * sq + 1] = y3r * wi + y3i * wr;
      wr = tw[t + 6] as number;
      wi = tw[t + 7] as number;
      ch[ib + 4 * sq] = y4r * wr - y4i * wi;
      ch[ib + 4 * sq + 1] = y4r * wi + y4i * wr;
    }
  }
}

/**
 * Any odd prime radix p: with t_j = a_j + a_{p−j} and d_j = a_j − a_{p−j} (j = 1 … (p−1)/2),
 * y_q = a_0 + Σ_j cos(2πjq/p)·t_j − i·Σ_j sin(2πjq/p)·d_j and y_{p−q} the same with +i.
 */
function passGeneric(
  ip: number,
  ido: number,
  l1: number,
  cc: ArrayLike<number>,
  ch: Float64Array,
  tw: Float64Array,
  roots: Float64Array,
) {
  const half = (ip - 1) / 2;
  const sums = new Float64Array(2 * (half + 1));
  const diffs = new Float64Array(2 * (half + 1));
  const sj = 2 * ido;
  const sq = 2 * ido * l1;
  for (let k = 0; k < l1; k++) {
    const a = 2 * ido * ip * k;
    const b = 2 * ido * k;
    for (let i = 0; i < ido; i++) {
      const ia = a + 2 * i;
      const ib = b + 2 * i;
      const a0r = cc[ia] as number;
      const a0i = cc[ia + 1] as number;
      let y0r = a0r;
      let y0i = a0i;
      for (let j = 1; j <= half; j++) {
        const ur = cc[ia + j * sj] as number;
        const ui = cc[ia + j * sj + 1] as number;
        const vr = cc[ia + (ip - j) * sj] as number;
        const vi = cc[ia + (ip - j) * sj + 1] as number;
        sums[2 * j] = ur + vr;
        sums[2 * j + 1] = ui + vi;
        diffs[2 * j] = ur - vr;
        diffs[2 * j + 1] = ui - vi;
        y0r += ur + vr;
        y0i += ui + vi;
      }
      ch[ib] = y0r;
      ch[ib + 1] = y0i;
      for (let q = 1; q <= half; q++) {
        let pr = a0r;
        let pi = a0i;
        let sr = 0;
        let si = 0;
        for (let j = 1; j <= half; j++) {
          const r = 2 * (j * ip + q);
          const c = roots[r] as number;
          const s = roots[r + 1] as number;
          pr += c * (sums[2 * j] as number);
          pi += c * (sums[2 * j + 1] as number);
          sr += s * (diffs[2 * j] as number);
          si += s * (diffs[2 * j + 1] as number);
        }
        const yqr = pr + si;
        const yqi = pi - sr;
        const ypr = pr - si;
        const ypi = pi + sr;
        const q2 = ip - q;
        if (ido === 1) {
          ch[ib + q * sq] = yqr;
          ch[ib + q * sq + 1] = yqi;
          ch[ib + q2 * sq] = ypr;
          ch[ib + q2 * sq + 1] = ypi;
          continue;
        }
        const t1 = 2 * (i * (ip - 1) + q - 1);
        const t2 = 2 * (i * (ip - 1) + q2 - 1);
        const w1r = tw[t1] as number;
        const w1i = tw[t1 + 1] as number;
        const w2r = tw[t2] as number;
        const w2i = tw[t2 + 1] as number;
        ch[ib + q * sq] = yqr * w1r - yqi * w1i;
        ch[ib + q * sq + 1] = yqr * w1i + yqi * w1r;
        ch[ib + q2 * sq] = ypr * w2r - ypi * w2i;
        ch[ib + q2 * sq + 1] = ypr * w2i + ypi * w2r;
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
  readonly bytes: number;
  readonly scratchLength: number;
  private readonly m: number;
  private readonly inner: ComplexKernel;
  /** Chirp `w_k = e^{−πi k²/n}`, interleaved, n values. */
  private readonly chirp: Float64Array;
  /** FFT of the conjugate chirp filter, pre-divided by m (folds the inverse scaling in). */
  private readonly filter: Float64Array;

  constructor(n: number, m: number) {
    this.size = n;
    this.m = m;
    this.inner = createKernel(m);
    const chirp = new Float64Array(2 * n);
    const twoN = 2 * n;
    for (let k = 0; k < n; k++) {
      // k² mod 2n without overflowing 2^53: (k mod 2n)² < 2^55 only for n > 2^26, never here.
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
    this.inner.forward(taps, filter, new Float64Array(this.inner.scratchLength), false);
    for (let i = 0; i < filter.length; i++) filter[i] = (filter[i] as number) / m;
    this.filter = filter;
    this.bytes = chirp.byteLength + filter.byteLength + this.inner.bytes;
    this.scratchLength = 4 * m + this.inner.scratchLength;
  }

  forward(input: ArrayLike<number>, out: Float64Array, scratch: Float64Array, real: boolean): void {
    const { chirp, filter, m } = this;
    const n = this.size;
    const padded = scratch.subarray(0, 2 * m);
    const work = scratch.subarray(2 * m, 4 * m);
    const inner = scratch.subarray(4 * m);
    if (real) {
      for (let k = 0; k < n; k++) {
        const v = input[k] as number;
        padded[2 * k] = v * (chirp[2 * k] as number);
        padded[2 * k + 1] = v * (chirp[2 * k + 1] as number);
      }
    } else {
      for (let k = 0; k < n; k++) {
        const re = input[2 * k] as number;
        const im = input[2 * k + 1] as number;
        const wr = chirp[2 * k] as number;
        const wi = chirp[2 * k + 1] as number;
        padded[2 * k] = re * wr - im * wi;
        padded[2 * k + 1] = re * wi + im * wr;
      }
    }
    padded.fill(0, 2 * n);
    this.inner.forward(padded, work, inner, false);
    // conj(fft(padded)·filter) into padded, whose forward transform is m·conj(convolution).
    for (let i = 0; i < 2 * m; i += 2) {
      const ar = work[i] as number;
      const ai = work[i + 1] as number;
      const br = filter[i] as number;
      const bi = filter[i + 1] as number;
      padded[i] = ar * br - ai * bi;
      padded[i + 1] = -(ar * bi + ai * br);
    }
    this.inner.forward(padded, work, inner, false);
    const count = real ? Math.floor(n / 2) + 1 : n;
    for (let k = 0; k < count; k++) {
      const cr = work[2 * k] as number;
      const ci = -(work[2 * k + 1] as number);
      const wr = chirp[2 * k] as number;
      const wi = chirp[2 * k + 1] as number;
      out[2 * k] = cr * wr - ci * wi;
      out[2 * k + 1] = cr * wi + ci * wr;
    }
  }
}
