import { loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import {
  borrowBuffer,
  cachedPlan,
  createFft,
  irfft,
  PLAN_CACHE_BYTES,
  planCacheBytes,
  releaseBuffer,
  rfft,
} from './fft';
import { bluesteinLength, createKernel, factorize, primitiveRoot } from './fft-kernels';

interface SweepCase {
  n: number;
  bins: number[];
  re: number[];
  im: number[];
  maxAbs: number;
  energy: number;
  checksum: [number, number];
}
const sweep = loadFixture<{ lengths: number[]; cases: SweepCase[] }>('signal/fft_sweep.json');

/** murmur3 fmix32 of j·0x9E3779B1, as tools/fixtures/signal/gen_fft_sweep.py computes it. */
function mix(j: number): number {
  let h = Math.imul(j, 0x9e3779b1) >>> 0;
  h = (h ^ (h >>> 16)) >>> 0;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h = (h ^ (h >>> 13)) >>> 0;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** The generator's input: x_j = mix(j)/2^32 − 0.5 (exact doubles in both languages). */
export function sweepInput(n: number): Float64Array {
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = mix(j) / 2 ** 32 - 0.5;
  return x;
}

describe('rfft over the length sweep against numpy.fft.rfft (relative error ≤ 1e-12)', () => {
  for (const c of sweep.cases) {
    it(`n = ${c.n} (${factorize(c.n % 2 === 0 ? c.n / 2 : c.n).join('·')} complex)`, () => {
      const x = sweepInput(c.n);
      const X = rfft(x);
      const bins = Math.floor(c.n / 2) + 1;
      expect(X.length).toBe(2 * bins);
      // Sampled bins: max |X_k − numpy_k| over the largest |numpy_k| of the whole spectrum.
      let worst = 0;
      c.bins.forEach((k, i) => {
        const dr = (X[2 * k] as number) - (c.re[i] as number);
        const di = (X[2 * k + 1] as number) - (c.im[i] as number);
        worst = Math.max(worst, Math.hypot(dr, di));
      });
      expect(worst / c.maxAbs, 'sampled bins').toBeLessThanOrEqual(1e-12);
      // Every bin: Σ|X_k|² and the signed checksum Σ s_k X_k against numpy's.
      let energy = 0;
      let sr = 0;
      let si = 0;
      for (let k = 0; k < bins; k++) {
        const re = X[2 * k] as number;
        const im = X[2 * k + 1] as number;
        energy += re * re + im * im;
        const s = mix(k) % 2 === 0 ? 1 : -1;
        sr += s * re;
        si += s * im;
      }
      expect(Math.abs(energy - c.energy) / c.energy, 'energy').toBeLessThanOrEqual(1e-12);
      const norm = Math.sqrt(c.energy);
      const checksumError = Math.hypot(sr - c.checksum[0], si - c.checksum[1]) / norm;
      expect(checksumError, 'checksum').toBeLessThanOrEqual(1e-12);
      // The inverse brings every sample back.
      const back = irfft(X, c.n);
      let err = 0;
      for (let j = 0; j < c.n; j++)
        err = Math.max(err, Math.abs((back[j] as number) - (x[j] as number)));
      expect(err, 'irfft(rfft(x)) − x').toBeLessThanOrEqual(1e-12);
    });
  }
});

describe('rfft with out', () => {
  it('writes into the given array, returns it, and equals the allocating call', () => {
    for (const n of [1, 2, 3, 4, 6, 7, 100, 127, 1000, 8191]) {
      const x = sweepInput(n);
      const out = new Float64Array(2 * (Math.floor(n / 2) + 1)).fill(Number.NaN);
      expect(rfft(x, out)).toBe(out);
      expect(Array.from(out)).toEqual(Array.from(rfft(x)));
    }
  });

  it('rejects an out of the wrong length or type, naming out and the rule', () => {
    const x = sweepInput(8);
    expect(() => rfft(x, new Float64Array(8))).toThrow(/out.*10.*got.*8|out.*length/);
    expect(() => rfft(x, [] as unknown as Float64Array)).toThrow(TypeError);
  });
});

describe('complex transforms of every radix against the direct DFT', () => {
  /** O(n²) DFT in the same interleaved layout, with exact integer phase reduction. */
  function dft(z: Float64Array, sign: number): Float64Array {
    const n = z.length / 2;
    const out = new Float64Array(2 * n);
    for (let k = 0; k < n; k++) {
      let re = 0;
      let im = 0;
      for (let j = 0; j < n; j++) {
        const a = (sign * 2 * Math.PI * ((j * k) % n)) / n;
        const c = Math.cos(a);
        const s = Math.sin(a);
        re += (z[2 * j] as number) * c - (z[2 * j + 1] as number) * s;
        im += (z[2 * j] as number) * s + (z[2 * j + 1] as number) * c;
      }
      out[2 * k] = re;
      out[2 * k + 1] = im;
    }
    return out;
  }

  const sizes = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 20, 25, 27, 49, 60, 64, 77, 97];
  // Primes: 101, 211, 641 and 1153 through Rader (n − 1 = 4·5², 2·3·5·7, 2^7·5, 2^7·3²), 509
  // through Bluestein (508 = 4·127).
  const more = [101, 121, 128, 143, 210, 211, 242, 256, 300, 343, 362, 400, 509, 625, 641, 1024];
  more.push(1153);
  // Radix 4 from large ido down to ido = 1 and radix 8 last (alone, after odd radices, looping
  // over k innermost), with 7; the written-out radices 11 and 13 with and without twiddles.
  const wide = [32, 512, 2048, 3584, 4096, 8 * 9 * 25, 169, 8 * 11 * 13, 11 * 13 * 13 * 2];
  for (const n of [...sizes, ...more, ...wide]) {
    it(`n = ${n}: forward, inverse, real forward and real inverse`, () => {
      const z = sweepInput(2 * n).map((v, i) => v + (i % 3) * 0.25);
      const plan = createFft(n);
      const X = plan.forward(z);
      const ref = dft(z, -1);
      let scale = 0;
      for (const v of ref) scale = Math.max(scale, Math.abs(v));
      let worst = 0;
      for (let i = 0; i < X.length; i++)
        worst = Math.max(worst, Math.abs((X[i] as number) - (ref[i] as number)));
      expect(worst / scale, 'forward').toBeLessThanOrEqual(1e-13);
      const back = plan.inverse(X);
      let round = 0;
      for (let i = 0; i < back.length; i++)
        round = Math.max(round, Math.abs((back[i] as number) - (z[i] as number)));
      expect(round, 'inverse(forward(z)) − z').toBeLessThanOrEqual(1e-13);
      // In place: out may be the input itself.
      const copy = Float64Array.from(z);
      expect(Array.from(plan.forward(copy, copy))).toEqual(Array.from(X));
      // Real path: the real parts alone, against the complex transform of (x, 0).
      const x = z.filter((_, i) => i % 2 === 0);
      const widened = new Float64Array(2 * n);
      x.forEach((v, i) => {
        widened[2 * i] = v;
      });
      const full = plan.forward(widened);
      const half = plan.realForward(x);
      for (let i = 0; i < half.length; i++)
        worst = Math.max(worst, Math.abs((half[i] as number) - (full[i] as number)));
      expect(worst / scale, 'realForward').toBeLessThanOrEqual(1e-13);
      const xr = plan.realInverse(half);
      let realRound = 0;
      for (let i = 0; i < n; i++)
        realRound = Math.max(realRound, Math.abs((xr[i] as number) - (x[i] as number)));
      expect(realRound, 'realInverse(realForward(x)) − x').toBeLessThanOrEqual(1e-13);
    });
  }
});

describe('kernel choice and the plan cache', () => {
  it('factorizes into 4s, then increasing odd primes, then an 8 (odd exponent) or a lone 2', () => {
    expect(factorize(1)).toEqual([]);
    expect(factorize(2)).toEqual([2]);
    expect(factorize(4)).toEqual([4]);
    expect(factorize(8)).toEqual([8]);
    expect(factorize(16)).toEqual([4, 4]);
    expect(factorize(32)).toEqual([4, 8]);
    expect(factorize(6)).toEqual([3, 2]);
    expect(factorize(2 ** 15)).toEqual([4, 4, 4, 4, 4, 4, 8]);
    expect(factorize(2 ** 11 * 3)).toEqual([4, 4, 4, 4, 3, 8]);
    expect(factorize(614400 / 2)).toEqual([4, 4, 4, 4, 4, 4, 3, 5, 5]);
    expect(factorize(3686400 / 2)).toEqual([4, 4, 4, 4, 4, 3, 3, 5, 5, 8]);
    expect(factorize(44100)).toEqual([4, 3, 3, 5, 5, 7, 7]);
    expect(factorize(143 * 512)).toEqual([4, 4, 4, 11, 13, 8]);
    expect(factorize(8191)).toEqual([8191]);
  });

  it('bluesteinLength is a 2^a·3^b·5^c·7^d at or above its minimum, the cheapest by pass cost', () => {
    // Which length wins follows radixCost; these three are its current choices.
    expect(bluesteinLength(8191 + 4095)).toBe(12800); // the real transform of the prime 8191
    expect(bluesteinLength(2 * 8191 - 1)).toBe(16384); // its complex transform
    expect(bluesteinLength(65537 + 32768)).toBe(100000); // 2^5·5^5, not 2^17
    for (let n = 7; n < 3000; n += 7) {
      const m = bluesteinLength(n);
      let r = m;
      for (const p of [2, 3, 5, 7]) while (r % p === 0) r /= p;
      expect(r, `bluesteinLength(${n}) = ${m}`).toBe(1);
      expect(m, `bluesteinLength(${n})`).toBeGreaterThanOrEqual(n);
      expect(m, `bluesteinLength(${n})`).toBeLessThanOrEqual(2 ** Math.ceil(Math.log2(n)));
    }
  });

  it('takes primes with a smooth n − 1 through Rader, the others through Bluestein', () => {
    expect([65537, 8191, 127, 101, 211, 641, 1153].map(primitiveRoot)).toEqual([
      3, 17, 3, 2, 2, 3, 5,
    ]);
    const kind = (n: number, outputs?: number) => createKernel(n, outputs).constructor.name;
    expect(kind(65537)).toBe('RaderKernel'); // 2^16
    expect(kind(65537, 32769)).toBe('RaderKernel');
    expect(kind(1000003)).toBe('BluesteinKernel'); // 1000002 = 2·3·166667
    expect(kind(509)).toBe('BluesteinKernel');
    expect(kind(97)).toBe('StockhamKernel');
  });

  it('keeps the cached plans within the byte budget, dropping the least recently used', () => {
    // The primes 1000003 and 999983 (Bluestein) hold about 41 MB of tables each, so the second
    // evicts the oldest plans.
    const sizes = [3686400, 4194304, 3145728, 2621440, 1000003, 999983, 65537, 1024];
    const plans = sizes.map((n) => {
      const plan = cachedPlan(n);
      expect(planCacheBytes(), `after n = ${n}`).toBeLessThanOrEqual(PLAN_CACHE_BYTES);
      return plan;
    });
    // Recent plans are still cached (the same object comes back); the oldest were dropped.
    expect(cachedPlan(1024) === plans[7], 'n = 1024 cached').toBe(true);
    expect(cachedPlan(65537) === plans[6], 'n = 65537 cached').toBe(true);
    expect(cachedPlan(3686400) === plans[0], 'n = 3686400 dropped').toBe(false);
  });

  it('holds tables only: the plan of 3 686 400 points (1 h at 1024 Hz) keeps under 12 MB', () => {
    // Radix-4 passes store one twiddle per butterfly (the first one n/4 of them: 7 MB of the
    // 9.6 MB here, since radix 4 runs the large-ido passes) and the packing uses coarse·fine
    // tables; before the Stockham kernels this plan (Bluestein) held about 340 MB.
    const plan = cachedPlan(3686400) as unknown as { bytes: number };
    expect(plan.bytes).toBeGreaterThan(0);
    expect(plan.bytes).toBeLessThanOrEqual(12 * 2 ** 20);
  });

  it("hands a large transform's scratch back when it is done (forward, inverse, complex)", () => {
    // A pooled buffer of exactly the scratch size is what the transform borrows; after the call
    // the same buffer is back in the pool, so nothing transform-sized stays pinned by the plan.
    const n = 3686400;
    const x = sweepInput(n);
    const cases: [string, number, () => void][] = [
      ['rfft', n, () => rfft(x)],
      ['irfft', 2 * n, () => irfft(rfft(x), n)],
      ['forward', 4 * 1048576, () => createFft(1048576).forward(new Float64Array(2 * 1048576))],
    ];
    for (const [name, length, transform] of cases) {
      const pooled = borrowBuffer(length);
      releaseBuffer(pooled);
      transform();
      const again = borrowBuffer(length);
      expect(again === pooled, `${name}: scratch returned to the pool`).toBe(true);
      releaseBuffer(again);
    }
  });
});
