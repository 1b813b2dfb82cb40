// Stockham FFT passes for @rectify/signal, in AssemblyScript (compiled by
// `npm run build:wasm`, see build.mjs beside this file). One complex number per f64x2 register
// (re in lane 0, im in lane 1). Every pass is the JS pass of src/fft-kernels.ts with the same
// operations in the same order on each lane, so both paths give the same bits: a complex product
// y·w = (yr·wr − yi·wi, yr·wi + yi·wr) is y·(wr, wr) + swap(y)·(−wi, wi), whose lanes round
// exactly like the JS expressions (negation is exact and addition commutes).
//
// Pointers are byte offsets into the exported memory, which the JS side lays out; nothing here
// allocates. Pass arguments follow fft-kernels.ts: radix ip, l1 transforms done so far, ido =
// n/(l1·ip); input j of butterfly (k, i) at cc[i + ido·(j + ip·k)], output q at
// ch[i + ido·(k + l1·q)] (complex indices), output q times w^{l1·i·q} when ido > 1.

/** (re, im) → (im, −re): multiplication by −i, exact. */
function mulNegI(v: v128): v128 {
  return f64x2.mul(v128.shuffle<f64>(v, v, 1, 0), f64x2(1.0, -1.0));
}

/** y·w with w = (wr, wr) in `re` and (−wi, wi) in `im` (see the file comment). */
function twiddle(y: v128, re: v128, im: v128): v128 {
  return f64x2.add(f64x2.mul(y, re), f64x2.mul(v128.shuffle<f64>(y, y, 1, 0), im));
}

/** y·w for the pair w = (wr, wi) stored at p: one vector load, its lanes spread by shuffles. */
function twiddleAt(y: v128, p: usize): v128 {
  const w = v128.load(p);
  const re = v128.shuffle<f64>(w, w, 0, 0);
  const im = f64x2.mul(v128.shuffle<f64>(w, w, 1, 1), f64x2(-1.0, 1.0));
  return twiddle(y, re, im);
}

export function pass2(cc: usize, ch: usize, tw: usize, l1: i32, ido: i32): void {
  const sj = (<usize>ido) << 4;
  const sq = sj * <usize>l1;
  for (let k: i32 = 0; k < l1; k++) {
    let a = cc + <usize>k * 2 * sj;
    let b = ch + <usize>k * sj;
    let t = tw;
    for (let i: i32 = 0; i < ido; i++) {
      const a0 = v128.load(a);
      const a1 = v128.load(a + sj);
      v128.store(b, f64x2.add(a0, a1));
      const d = f64x2.sub(a0, a1);
      v128.store(b + sq, ido > 1 ? twiddleAt(d, t) : d);
      a += 16;
      b += 16;
      t += 16;
    }
  }
}

export function pass4(cc: usize, ch: usize, tw: usize, l1: i32, ido: i32): void {
  const sj = (<usize>ido) << 4;
  const sq = sj * <usize>l1;
  if (ido === 1) {
    for (let k: i32 = 0; k < l1; k++) {
      const a = cc + ((<usize>k) << 6);
      const b = ch + ((<usize>k) << 4);
      const a0 = v128.load(a);
      const a1 = v128.load(a, 16);
      const a2 = v128.load(a, 32);
      const a3 = v128.load(a, 48);
      const t0 = f64x2.add(a0, a2);
      const t1 = f64x2.sub(a0, a2);
      const t2 = f64x2.add(a1, a3);
      const t3 = mulNegI(f64x2.sub(a1, a3));
      v128.store(b, f64x2.add(t0, t2));
      v128.store(b + sq, f64x2.add(t1, t3));
      v128.store(b + 2 * sq, f64x2.sub(t0, t2));
      v128.store(b + 3 * sq, f64x2.sub(t1, t3));
    }
    return;
  }
  for (let k: i32 = 0; k < l1; k++) {
    let a = cc + <usize>k * 4 * sj;
    let b = ch + <usize>k * sj;
    let t = tw;
    for (let i: i32 = 0; i < ido; i++) {
      const a0 = v128.load(a);
      const a1 = v128.load(a + sj);
      const a2 = v128.load(a + 2 * sj);
      const a3 = v128.load(a + 3 * sj);
      const t0 = f64x2.add(a0, a2);
      const t1 = f64x2.sub(a0, a2);
      const t2 = f64x2.add(a1, a3);
      const t3 = mulNegI(f64x2.sub(a1, a3));
      v128.store(b, f64x2.add(t0, t2));
      const w1r = load<f64>(t);
      const w1i = load<f64>(t, 8);
      const w2r = w1r * w1r - w1i * w1i;
      const w2i = 2 * w1r * w1i;
      const w3r = w2r * w1r - w2i * w1i;
      const w3i = w2r * w1i + w2i * w1r;
      v128.store(b + sq, twiddle(f64x2.add(t1, t3), f64x2.splat(w1r), f64x2(-w1i, w1i)));
      v128.store(b + 2 * sq, twiddle(f64x2.sub(t0, t2), f64x2.splat(w2r), f64x2(-w2i, w2i)));
      v128.store(b + 3 * sq, twiddle(f64x2.sub(t1, t3), f64x2.splat(w3r), f64x2(-w3i, w3i)));
      a += 16;
      b += 16;
      t += 16;
    }
  }
}

/** Radix 8, always the last pass (ido = 1, no twiddles): two radix-4 DFTs as in pass8 of JS. */
export function pass8(cc: usize, ch: usize, l1: i32): void {
  const h = f64x2.splat(Math.SQRT1_2);
  const sq = (<usize>l1) << 4;
  for (let k: i32 = 0; k < l1; k++) {
    const a = cc + ((<usize>k) << 7);
    const b = ch + ((<usize>k) << 4);
    const a0 = v128.load(a);
    const a1 = v128.load(a, 16);
    const a2 = v128.load(a, 32);
    const a3 = v128.load(a, 48);
    const a4 = v128.load(a, 64);
    const a5 = v128.load(a, 80);
    const a6 = v128.load(a, 96);
    const a7 = v128.load(a, 112);
    const b0 = f64x2.add(a0, a4);
    const b1 = f64x2.add(a1, a5);
    const b2 = f64x2.add(a2, a6);
    const b3 = f64x2.add(a3, a7);
    const c0 = f64x2.sub(a0, a4);
    const d5 = f64x2.sub(a1, a5);
    const d6 = mulNegI(f64x2.sub(a2, a6));
    const d7 = f64x2.sub(a3, a7);
    const c1 = f64x2.mul(h, f64x2.add(d5, mulNegI(d5)));
    const c3 = f64x2.mul(h, f64x2.sub(mulNegI(d7), d7));
    const t0 = f64x2.add(b0, b2);
    const t1 = f64x2.sub(b0, b2);
    const t2 = f64x2.add(b1, b3);
    const t3 = mulNegI(f64x2.sub(b1, b3));
    const u0 = f64x2.add(c0, d6);
    const u1 = f64x2.sub(c0, d6);
    const u2 = f64x2.add(c1, c3);
    const u3 = mulNegI(f64x2.sub(c1, c3));
    v128.store(b, f64x2.add(t0, t2));
    v128.store(b + sq, f64x2.add(u0, u2));
    v128.store(b + 2 * sq, f64x2.add(t1, t3));
    v128.store(b + 3 * sq, f64x2.add(u1, u3));
    v128.store(b + 4 * sq, f64x2.sub(t0, t2));
    v128.store(b + 5 * sq, f64x2.sub(u0, u2));
    v128.store(b + 6 * sq, f64x2.sub(t1, t3));
    v128.store(b + 7 * sq, f64x2.sub(u1, u3));
  }
}

export function pass3(cc: usize, ch: usize, tw: usize, l1: i32, ido: i32): void {
  const s3 = f64x2.splat(Math.sqrt(3) / 2);
  const half = f64x2.splat(0.5);
  const sj = (<usize>ido) << 4;
  const sq = sj * <usize>l1;
  for (let k: i32 = 0; k < l1; k++) {
    let a = cc + <usize>k * 3 * sj;
    let b = ch + <usize>k * sj;
    let t = tw;
    for (let i: i32 = 0; i < ido; i++) {
      const a0 = v128.load(a);
      const a1 = v128.load(a + sj);
      const a2 = v128.load(a + 2 * sj);
      const s = f64x2.add(a1, a2);
      const m = f64x2.sub(a0, f64x2.mul(half, s));
      const d = mulNegI(f64x2.mul(s3, f64x2.sub(a1, a2)));
      v128.store(b, f64x2.add(a0, s));
      const y1 = f64x2.add(m, d);
      const y2 = f64x2.sub(m, d);
      if (ido > 1) {
        v128.store(b + sq, twiddleAt(y1, t));
        v128.store(b + 2 * sq, twiddleAt(y2, t + 16));
      } else {
        v128.store(b + sq, y1);
        v128.store(b + 2 * sq, y2);
      }
      a += 16;
      b += 16;
      t += 32;
    }
  }
}

/**
 * Radix 5; sin(2π/5) and sin(4π/5) come from the caller (JS's Math.sin), so that both paths
 * use the same constants to the last bit (this module's Math.sin is a different implementation).
 */
export function pass5(
  cc: usize,
  ch: usize,
  tw: usize,
  l1: i32,
  ido: i32,
  sin1: f64,
  sin2: f64,
): void {
  const cSum = f64x2.splat(-0.25);
  const cDiff = f64x2.splat(Math.sqrt(5) / 4);
  const s1 = f64x2.splat(sin1);
  const s2 = f64x2.splat(sin2);
  const sj = (<usize>ido) << 4;
  const sq = sj * <usize>l1;
  for (let k: i32 = 0; k < l1; k++) {
    let a = cc + <usize>k * 5 * sj;
    let b = ch + <usize>k * sj;
    let t = tw;
    for (let i: i32 = 0; i < ido; i++) {
      const a0 = v128.load(a);
      const a1 = v128.load(a + sj);
      const a2 = v128.load(a + 2 * sj);
      const a3 = v128.load(a + 3 * sj);
      const a4 = v128.load(a + 4 * sj);
      const t1 = f64x2.add(a1, a4);
      const t2 = f64x2.add(a2, a3);
      const d1 = f64x2.sub(a1, a4);
      const d2 = f64x2.sub(a2, a3);
      const s = f64x2.add(t1, t2);
      v128.store(b, f64x2.add(a0, s));
      const m = f64x2.add(a0, f64x2.mul(cSum, s));
      const nn = f64x2.mul(cDiff, f64x2.sub(t1, t2));
      const p1 = f64x2.add(m, nn);
      const p2 = f64x2.sub(m, nn);
      const q1 = mulNegI(f64x2.add(f64x2.mul(s1, d1), f64x2.mul(s2, d2)));
      const q2 = mulNegI(f64x2.sub(f64x2.mul(s2, d1), f64x2.mul(s1, d2)));
      const y1 = f64x2.add(p1, q1);
      const y4 = f64x2.sub(p1, q1);
      const y2 = f64x2.add(p2, q2);
      const y3 = f64x2.sub(p2, q2);
      if (ido > 1) {
        v128.store(b + sq, twiddleAt(y1, t));
        v128.store(b + 2 * sq, twiddleAt(y2, t + 16));
        v128.store(b + 3 * sq, twiddleAt(y3, t + 32));
        v128.store(b + 4 * sq, twiddleAt(y4, t + 48));
      } else {
        v128.store(b + sq, y1);
        v128.store(b + 2 * sq, y2);
        v128.store(b + 3 * sq, y3);
        v128.store(b + 4 * sq, y4);
      }
      a += 16;
      b += 16;
      t += 64;
    }
  }
}

/**
 * Radix p = 7, 11 or 13 (pass7, pass11, pass13 of JS as one loop): t_j = a_j + a_{p−j},
 * d_j = a_j − a_{p−j} (j = 1 … (p−1)/2, kept at `work`), y_0 = a_0 + t_1 + t_2 + …, and for
 * q = 1 … (p−1)/2: P_q = a_0 + Σ_j cos(2πjq/p)·t_j, M_q = Σ_j sin(2πjq/p)·d_j (summed from
 * j = 1 up, as in JS; a term JS subtracts is added here with the sine negated: the same bits),
 * y_q = P_q − i·M_q, y_{p−q} = P_q + i·M_q. `coef` holds (cos, sin) of 2πjq/p for q outer, j
 * inner, computed in JS with JS's constants.
 */
export function passOdd(
  cc: usize,
  ch: usize,
  tw: usize,
  l1: i32,
  ido: i32,
  p: i32,
  coef: usize,
  work: usize,
): void {
  const half = (p - 1) >> 1;
  const sj = (<usize>ido) << 4;
  const sq = sj * <usize>l1;
  const twStride = (<usize>(p - 1)) << 4;
  for (let k: i32 = 0; k < l1; k++) {
    let a = cc + <usize>k * <usize>p * sj;
    let b = ch + <usize>k * sj;
    let t = tw;
    for (let i: i32 = 0; i < ido; i++) {
      const a0 = v128.load(a);
      let sum = a0;
      for (let j = 1; j <= half; j++) {
        const x = v128.load(a + <usize>j * sj);
        const y = v128.load(a + <usize>(p - j) * sj);
        const s = f64x2.add(x, y);
        v128.store(work + ((<usize>(j - 1)) << 5), s);
        v128.store(work + ((<usize>(j - 1)) << 5), f64x2.sub(x, y), 16);
        sum = f64x2.add(sum, s);
      }
      v128.store(b, sum);
      let c = coef;
      for (let q = 1; q <= half; q++) {
        let re = f64x2.add(a0, f64x2.mul(f64x2.splat(load<f64>(c)), v128.load(work)));
        let im = f64x2.mul(f64x2.splat(load<f64>(c, 8)), v128.load(work, 16));
        c += 16;
        for (let j = 2; j <= half; j++) {
          const w = work + ((<usize>(j - 1)) << 5);
          re = f64x2.add(re, f64x2.mul(f64x2.splat(load<f64>(c)), v128.load(w)));
          im = f64x2.add(im, f64x2.mul(f64x2.splat(load<f64>(c, 8)), v128.load(w, 16)));
          c += 16;
        }
        const m = mulNegI(im);
        const lo = f64x2.add(re, m);
        const hi = f64x2.sub(re, m);
        if (ido > 1) {
          const wl = t + ((<usize>(q - 1)) << 4);
          const wh = t + ((<usize>(p - q - 1)) << 4);
          v128.store(b + <usize>q * sq, twiddleAt(lo, wl));
          v128.store(b + <usize>(p - q) * sq, twiddleAt(hi, wh));
        } else {
          v128.store(b + <usize>q * sq, lo);
          v128.store(b + <usize>(p - q) * sq, hi);
        }
      }
      a += 16;
      b += 16;
      t += twStride;
    }
  }
}

/**
 * The real packing's unpack of Plan.packedForward (src/fft.ts), in place on the half-length
 * transform Z at `out` (h complex points), for k = 1 … ⌊h/2⌋: E_k = (Z_k + conj Z_{h−k})/2,
 * O_k = (Z_k − conj Z_{h−k})/(2i), X_k = E_k + w_k O_k and X_{h−k} = conj(E_k − w_k O_k), with
 * w_k = coarse[k >> 6]·fine[k & 63] formed as a complex product in lanes, which rounds like JS's
 * cr·fr − ci·fi, cr·fi + ci·fr (15 % faster than reading a table of every w_k).
 */
export function unpack(out: usize, coarse: usize, fine: usize, h: i32): void {
  const half = f64x2.splat(0.5);
  const conj = f64x2(1.0, -1.0);
  const flip = f64x2(-1.0, 1.0);
  const halves = f64x2(0.5, -0.5);
  const to = h >> 1;
  for (let run = 1; run <= to; ) {
    const c = coarse + ((<usize>(run >> 6)) << 4);
    const cw = v128.load(c);
    const cre = v128.shuffle<f64>(cw, cw, 0, 0);
    const cim = f64x2.mul(v128.shuffle<f64>(cw, cw, 1, 1), f64x2(-1.0, 1.0));
    const end = min(to, run | 63);
    let f = fine + ((<usize>(run & 63)) << 4);
    let pk = out + ((<usize>run) << 4);
    let pj = out + ((<usize>(h - run)) << 4);
    for (let k = run; k <= end; k++) {
      const a = v128.load(pk);
      const b = v128.load(pj);
      const e = f64x2.mul(half, f64x2.add(a, f64x2.mul(b, conj)));
      const d = f64x2.sub(a, f64x2.mul(b, conj));
      const o = f64x2.mul(v128.shuffle<f64>(d, d, 1, 0), halves);
      const wk = twiddle(v128.load(f), cre, cim);
      const re = v128.shuffle<f64>(wk, wk, 0, 0);
      const im = f64x2.mul(v128.shuffle<f64>(wk, wk, 1, 1), flip);
      const t = twiddle(o, re, im);
      v128.store(pk, f64x2.add(e, t));
      v128.store(pj, f64x2.add(f64x2.mul(e, conj), f64x2.mul(t, flip)));
      f += 16;
      pk += 16;
      pj -= 16;
    }
    run = end + 1;
  }
}
