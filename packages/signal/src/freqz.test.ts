import { expectClose, expectComplexClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { complexAbs, type FreqzOptions, freqz, lfilter, magnitudeDb } from './index';
import { signalA } from '../test/inputs';

interface Fixture {
  filters: Record<string, { b: number[]; a: number[] }>;
  cases: { filter: string; options: FreqzOptions; w: number[]; h: number[] }[];
  lfilter: { n: number; cases: { filter: string; y: number[] }[] };
}
const fixture = loadFixture<Fixture>('signal/freqz.json');

describe('freqz against scipy.signal.freqz', () => {
  for (const c of fixture.cases) {
    it(`${c.filter} ${JSON.stringify(c.options)}`, () => {
      const { b, a } = fixture.filters[c.filter]!;
      const { w, h } = freqz(b, a, c.options);
      expectClose(w, c.w, { rtol: 1e-13, atol: 1e-13, label: 'w' });
      expectComplexClose(h, c.h, { rtol: 1e-11, label: 'h' });
    });
  }
});

describe('freqz invariants', () => {
  const b = [0.2, 0.5, 0.2];
  const a = [1, -0.4, 0.1];

  it('h does not depend on the unit of fs', () => {
    const rad = freqz(b, a, { worN: 64 });
    const hz = freqz(b, a, { worN: 64, fs: 32 });
    expectComplexClose(hz.h, rad.h, { rtol: 1e-14 });
    expectClose(
      hz.w,
      rad.w.map((v) => (v * 32) / (2 * Math.PI)),
      { rtol: 1e-14, atol: 1e-14 },
    );
  });

  it('the FFT path (a = [1]) equals direct evaluation at the same explicit frequencies', () => {
    const fir = [0.1, -0.3, 0.7, 0.2];
    const grid = freqz(fir, [1], { worN: 32, whole: true });
    const direct = freqz(fir, [1], { worN: grid.w });
    expectComplexClose(grid.h, direct.h, { rtol: 1e-14 });
  });

  it('default arguments are a = [1], worN = 512, fs = 2π', () => {
    const { w, h } = freqz([1, 1]);
    expect(w.length).toBe(512);
    expect(h.length).toBe(1024);
    expectClose(w[1]!, Math.PI / 512, { rtol: 1e-15 });
    expectClose(h[0]!, 2, { rtol: 0, atol: 1e-15 });
  });

  it('complexAbs and magnitudeDb', () => {
    expectClose(complexAbs([3, 4, 0, -2]), [5, 2], { rtol: 1e-15 });
    expectClose(magnitudeDb([0.1, 0, 0, 10]), [-20, 20], { rtol: 1e-14 });
    expect(magnitudeDb([0, 0])[0]).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('lfilter against scipy.signal.lfilter', () => {
  for (const c of fixture.lfilter.cases) {
    it(c.filter, () => {
      const { b, a } = fixture.filters[c.filter]!;
      expectClose(lfilter(b, a, signalA(fixture.lfilter.n)), c.y, { rtol: 1e-11, atol: 1e-13 });
    });
  }

  it('an impulse through 1/(1 − 0.5 z⁻¹) gives 0.5^n', () => {
    expectClose(lfilter([1], [1, -0.5], [1, 0, 0, 0]), [1, 0.5, 0.25, 0.125], { rtol: 1e-15 });
  });
});

describe('freqz / lfilter / complexAbs bad input', () => {
  it('rejects bad coefficients', () => {
    expect(() => freqz([])).toThrow(new RangeError('b must have at least 1 element, got length 0'));
    expect(() => freqz([1, Number.NaN])).toThrow(
      /b must contain only finite numbers, got NaN at index 1/,
    );
    expect(() => freqz([1], [0, 0])).toThrow(/a must have a non-zero coefficient/);
    expect(() => freqz(3 as unknown as number[])).toThrow(TypeError);
  });

  it('rejects bad options', () => {
    expect(() => freqz([1], [1], { fs: -1 })).toThrow(
      new RangeError('fs must be a finite number > 0, got -1'),
    );
    expect(() => freqz([1], [1], { fs: 0 })).toThrow(RangeError);
    expect(() => freqz([1], [1], { worN: 0 })).toThrow(/worN must be an integer >= 1, got 0/);
    expect(() => freqz([1], [1], { worN: 2.5 })).toThrow(RangeError);
    expect(() => freqz([1], [1], { worN: [0, Number.POSITIVE_INFINITY] })).toThrow(
      /worN must contain only finite/,
    );
    expect(() => freqz([1], [1], { whole: 'yes' as unknown as boolean })).toThrow(TypeError);
    expect(() => freqz([1], [1], { includeNyquist: 1 as unknown as boolean })).toThrow(
      /includeNyquist must be a boolean, got 1/,
    );
  });

  it('lfilter rejects a[0] = 0 and bad arrays', () => {
    expect(() => lfilter([1], [0, 1], [1])).toThrow(new RangeError('a[0] must be non-zero, got 0'));
    expect(() => lfilter([1], [1], [])).toThrow(/x must have at least 1 element/);
    expect(() => lfilter([1], [1], [Number.NaN])).toThrow(RangeError);
  });

  it('complexAbs and magnitudeDb reject odd lengths', () => {
    expect(() => complexAbs([1, 2, 3])).toThrow(/z must have an even length/);
    expect(() => magnitudeDb([])).toThrow(/h must have at least 2 elements/);
  });
});
