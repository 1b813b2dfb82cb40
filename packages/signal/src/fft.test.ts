import { expectClose, expectComplexClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { createFft, fft, ifft, irfft, rfft } from './index';
import { pickBins, signalA, signalB, stridedIndices } from '../test/inputs';

interface FftCase {
  n: number;
  stride: number;
  fft: number[];
  fftMaxAbs: number;
  rfft: number[];
  rfftMaxAbs: number;
}
const { cases } = loadFixture<{ cases: FftCase[] }>('signal/fft.json');

/** Max |X_k| of an interleaved array. */
function maxAbs(z: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < z.length; k += 2)
    m = Math.max(m, Math.hypot(z[k] as number, z[k + 1] as number));
  return m;
}

describe('FFT against numpy.fft (rtol 1e-9 of max |X|)', () => {
  for (const c of cases) {
    it(`n = ${c.n}: fft, plan.forward, rfft, plan.realForward`, () => {
      const re = signalA(c.n);
      const im = signalB(c.n);
      const full = fft(re, im);
      const idx = stridedIndices(c.n, c.stride);
      expectComplexClose(pickBins(full, idx), c.fft, { rtol: 1e-9, label: 'fft' });
      expectClose(maxAbs(full), c.fftMaxAbs, { rtol: 1e-9 });
      const interleaved = new Float64Array(2 * c.n);
      re.forEach((v, i) => {
        interleaved[2 * i] = v;
        interleaved[2 * i + 1] = im[i] as number;
      });
      const plan = createFft(c.n);
      expect(plan.size).toBe(c.n);
      expectComplexClose(pickBins(plan.forward(interleaved), idx), c.fft, { rtol: 1e-9 });
      const half = rfft(re);
      expect(half.length).toBe(2 * (Math.floor(c.n / 2) + 1));
      const hidx = stridedIndices(Math.floor(c.n / 2) + 1, c.stride);
      expectComplexClose(pickBins(half, hidx), c.rfft, { rtol: 1e-9, label: 'rfft' });
      expectClose(maxAbs(half), c.rfftMaxAbs, { rtol: 1e-9 });
      expectComplexClose(pickBins(plan.realForward(re), hidx), c.rfft, { rtol: 1e-9 });
    });
  }
});

describe('FFT identities', () => {
  const sizes = [
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 15, 16, 17, 30, 31, 32, 64, 100, 127, 128, 243, 256, 257,
    1000,
  ];

  it('irfft(rfft(x)) = x and ifft(fft(x)) = x over many sizes', () => {
    for (const n of sizes) {
      const x = signalA(n);
      expectClose(irfft(rfft(x), n), x, { rtol: 0, atol: 1e-12, label: `irfft n=${n}` });
      const y = signalB(n);
      const back = ifft(fft(x, y));
      const expected = new Float64Array(2 * n);
      x.forEach((v, i) => {
        expected[2 * i] = v;
        expected[2 * i + 1] = y[i] as number;
      });
      expectClose(back, expected, { rtol: 0, atol: 1e-12, label: `ifft n=${n}` });
    }
  });

  it('real path equals the complex path (rfft = first bins of fft with im = 0)', () => {
    for (const n of sizes) {
      const x = signalB(n);
      const full = fft(x);
      const half = rfft(x);
      expectComplexClose(half, full.subarray(0, half.length), { rtol: 1e-12, label: `n=${n}` });
    }
  });

  it('forward agrees with a direct O(n²) DFT', () => {
    for (const n of [3, 6, 7, 12, 20, 45, 64]) {
      const x = signalA(n);
      const y = signalB(n);
      const direct = new Float64Array(2 * n);
      for (let k = 0; k < n; k++) {
        let sr = 0;
        let si = 0;
        for (let j = 0; j < n; j++) {
          const a = (-2 * Math.PI * ((j * k) % n)) / n;
          const c = Math.cos(a);
          const s = Math.sin(a);
          sr += (x[j] as number) * c - (y[j] as number) * s;
          si += (x[j] as number) * s + (y[j] as number) * c;
        }
        direct[2 * k] = sr;
        direct[2 * k + 1] = si;
      }
      expectComplexClose(fft(x, y), direct, { rtol: 1e-12, label: `n=${n}` });
    }
  });

  it('Parseval: Σ|x|² = (1/n) Σ|X|²', () => {
    for (const n of sizes) {
      const x = signalA(n);
      const y = signalB(n);
      const X = fft(x, y);
      let time = 0;
      for (let i = 0; i < n; i++) time += (x[i] as number) ** 2 + (y[i] as number) ** 2;
      let freq = 0;
      for (let k = 0; k < X.length; k++) freq += (X[k] as number) ** 2;
      expectClose(freq / n, time, { rtol: 1e-12, label: `n=${n}` });
    }
  });

  it('linearity: fft(2x + 3y) = 2 fft(x) + 3 fft(y)', () => {
    for (const n of [5, 16, 100, 1000]) {
      const x = signalA(n);
      const y = signalB(n);
      const combo = x.map((v, i) => 2 * v + 3 * (y[i] as number));
      const lhs = rfft(combo);
      const fx = rfft(x);
      const fy = rfft(y);
      const rhs = fx.map((v, i) => 2 * v + 3 * (fy[i] as number));
      expectComplexClose(lhs, rhs, { rtol: 1e-12, label: `n=${n}` });
    }
  });

  it('plans write into caller-owned buffers, which may alias the input', () => {
    const plan = createFft(12);
    const data = new Float64Array(24).map((_, i) => Math.sin(i));
    const copy = Float64Array.from(data);
    const out = new Float64Array(24);
    expect(plan.forward(data, out)).toBe(out);
    expect(plan.forward(data, data)).toBe(data);
    expectClose(data, out, { rtol: 0, atol: 0 });
    plan.inverse(data, data);
    expectClose(data, copy, { rtol: 0, atol: 1e-14 });
    const real = createFft(9);
    const spectrum = new Float64Array(10);
    expect(real.realForward(signalA(9), spectrum)).toBe(spectrum);
    const back = new Float64Array(9);
    expect(real.realInverse(spectrum, back)).toBe(back);
    expectClose(back, signalA(9), { rtol: 0, atol: 1e-13 });
  });

  it('n = 4 is exact (the quarter-turn twiddle is pinned): rfft([1, 2, 3, 4]) = [10, 0, -2, 2, -2, 0]', () => {
    expect(Array.from(rfft([1, 2, 3, 4]))).toEqual([10, 0, -2, 2, -2, 0]);
    expect(Array.from(irfft([10, 0, -2, 2, -2, 0], 4))).toEqual([1, 2, 3, 4]);
  });

  it('irfft follows numpy for short and long spectra and ignores DC/Nyquist imaginary parts', () => {
    // numpy.fft.irfft([1, 2+1j, 3+5j], 4) = [2, -1, 0, 0] (imag of the Nyquist bin dropped)
    expectClose(irfft([1, 0, 2, 1, 3, 5], 4), [2, -1, 0, 0], { rtol: 0, atol: 1e-15 });
    // numpy.fft.irfft([4+7j], 3) zero-pads the missing bin and drops the DC imag: [4/3, 4/3, 4/3]
    expectClose(irfft([4, 7], 3), [4 / 3, 4 / 3, 4 / 3], { rtol: 0, atol: 1e-15 });
    // extra bins are dropped: numpy.fft.irfft([2, 0, 0], 1) = [2]
    expectClose(irfft([2, 0, 9, 9, 9, 9], 1), [2], { rtol: 0, atol: 0 });
  });
});

describe('FFT bad input', () => {
  it('createFft rejects non-integer, < 1 and non-number sizes', () => {
    expect(() => createFft(0)).toThrow(
      new RangeError('n must be an integer in [1, 67108864], got 0'),
    );
    expect(() => createFft(2.5)).toThrow(RangeError);
    expect(() => createFft(Number.NaN)).toThrow(/n must be an integer in \[1, 67108864\], got NaN/);
    expect(() => createFft('8' as unknown as number)).toThrow(TypeError);
  });

  it('plan methods check lengths, finiteness and out buffers', () => {
    const plan = createFft(4);
    expect(() => plan.forward(new Float64Array(6))).toThrow(
      new RangeError('input must have length 2n = 8 (interleaved complex), got length 6'),
    );
    expect(() => plan.inverse(new Float64Array(7))).toThrow(RangeError);
    expect(() => plan.forward(new Float64Array(8), new Float64Array(4))).toThrow(
      new RangeError('out must have length 2n = 8, got length 4'),
    );
    expect(() => plan.forward(new Float64Array(8), [] as unknown as Float64Array)).toThrow(
      TypeError,
    );
    expect(() => plan.realForward([1, 2, 3])).toThrow(
      new RangeError('x must have length n = 4, got length 3'),
    );
    expect(() => plan.realForward([1, Number.NaN, 3, 4])).toThrow(
      new RangeError('x must contain only finite numbers, got NaN at index 1'),
    );
    expect(() => plan.realInverse(new Float64Array(4))).toThrow(RangeError);
    expect(() => plan.realForward([1, 2, 3, 4], new Float64Array(4))).toThrow(RangeError);
  });

  it('conveniences reject empty, non-finite, odd-length and non-array input', () => {
    expect(() => rfft([])).toThrow(new RangeError('x must have at least 1 element, got length 0'));
    expect(() => rfft([1, Number.POSITIVE_INFINITY])).toThrow(
      /x must contain only finite numbers, got Infinity at index 1/,
    );
    expect(() => rfft('abc' as unknown as number[])).toThrow(TypeError);
    expect(() => fft([1, 2], [1])).toThrow(
      new RangeError('im must have length re.length = 2, got length 1'),
    );
    expect(() => ifft([1, 2, 3])).toThrow(/spectrum must have an even length/);
    expect(() => irfft([1, 0], 0)).toThrow(RangeError);
    expect(() => irfft([1, 0, 2], 3)).toThrow(/even length/);
  });
});

describe('FFT non-finite detection (checked after the transform for typed arrays)', () => {
  it('every plan method reports NaN and ±Infinity at any index, for pow2, Bluestein and tiny sizes', () => {
    for (const n of [1, 2, 3, 4, 6, 7, 8, 10, 16]) {
      const plan = createFft(n);
      const bins = Math.floor(n / 2) + 1;
      for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        for (let i = 0; i < n; i++) {
          const x = signalA(n);
          x[i] = bad;
          expect(() => plan.realForward(x), `realForward n=${n} i=${i}`).toThrow(
            new RangeError(`x must contain only finite numbers, got ${bad} at index ${i}`),
          );
          expect(() => rfft(x)).toThrow(RangeError);
        }
        for (let i = 0; i < 2 * n; i++) {
          const z = new Float64Array(2 * n).fill(0.5);
          z[i] = bad;
          expect(() => plan.forward(z), `forward n=${n} i=${i}`).toThrow(
            /input must contain only finite numbers/,
          );
          expect(() => plan.inverse(z), `inverse n=${n} i=${i}`).toThrow(
            /input must contain only finite numbers/,
          );
          expect(() => plan.forward(z, z), `aliased n=${n} i=${i}`).toThrow(RangeError);
        }
        for (let i = 0; i < 2 * bins; i++) {
          const spectrum = new Float64Array(2 * bins).fill(0.25);
          spectrum[i] = bad;
          expect(() => plan.realInverse(spectrum), `realInverse n=${n} i=${i}`).toThrow(
            /spectrum must contain only finite numbers/,
          );
        }
      }
    }
  });

  it('finite input that overflows is not an input error', () => {
    const x = new Float64Array([1e308, 1e308, 1e308, 1e308]);
    const X = rfft(x);
    expect(X[0]).toBe(Number.POSITIVE_INFINITY);
  });

  it('plain arrays holding non-numbers are rejected before the transform', () => {
    expect(() => rfft([1, '2', 3] as unknown as number[])).toThrow(
      new TypeError("x must contain only numbers, got '2' at index 1"),
    );
    expect(() => createFft(2).forward([1, 2, 3, undefined] as unknown as number[])).toThrow(
      TypeError,
    );
  });
});
