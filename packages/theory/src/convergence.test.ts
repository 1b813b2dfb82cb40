import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { vaSignal, vaTones } from '../test/helpers';
import { convergenceStudy, seriesError } from './convergence';

interface Row {
  terms: number;
  relativeRmse: number;
  maxAbsError: number;
  authorsPercentRrmse?: number;
}
const fixture = loadFixture<{ binomial: Row[]; chebyshevSeries: Row[] }>('theory/series.json');
const x = vaSignal();

describe('seriesError on the V.A signal', () => {
  for (const row of fixture.binomial) {
    it(`matches numpy's errors at ${row.terms} terms`, () => {
      const e = seriesError(x, row.terms, { tones: vaTones });
      expectClose(e.relativeRmse, row.relativeRmse, { rtol: 1e-9 });
      expectClose(e.maxAbsError, row.maxAbsError, { rtol: 1e-9 });
      expectClose(e.authorsPercentRrmse, row.authorsPercentRrmse as number, { rtol: 1e-9 });
      expect(e.A).toBe(8);
      expect(e.errorAtZeroCrossing).toBeLessThanOrEqual(e.maxAbsError);
    });
  }
  for (const row of fixture.chebyshevSeries) {
    it(`matches numpy's Chebyshev errors at ${row.terms} terms`, () => {
      const e = seriesError(x, row.terms, { tones: vaTones, method: 'chebyshev' });
      expectClose(e.relativeRmse, row.relativeRmse, { rtol: 1e-9 });
      expectClose(e.maxAbsError, row.maxAbsError, { rtol: 1e-9 });
    });
  }

  it('the error is non-increasing in terms (binomial and Chebyshev)', () => {
    for (const method of ['binomial', 'chebyshev'] as const) {
      let previous = Number.POSITIVE_INFINITY;
      let previousMax = Number.POSITIVE_INFINITY;
      for (let terms = 1; terms <= 120; terms++) {
        const e = seriesError(x, terms, { tones: vaTones, method });
        expect(e.relativeRmse, `${method} at ${terms}`).toBeLessThanOrEqual(previous);
        expect(e.maxAbsError, `${method} max at ${terms}`).toBeLessThanOrEqual(
          previousMax * (1 + 1e-12),
        );
        previous = e.relativeRmse;
        previousMax = e.maxAbsError;
      }
    }
  });

  it('Chebyshev beats the binomial series at equal terms (2 … 100)', () => {
    for (const terms of [2, 5, 10, 20, 50, 100]) {
      const b = seriesError(x, terms, { tones: vaTones });
      const c = seriesError(x, terms, { tones: vaTones, method: 'chebyshev' });
      expect(c.relativeRmse, `rmse at ${terms}`).toBeLessThan(b.relativeRmse);
      expect(c.maxAbsError, `max at ${terms}`).toBeLessThan(b.maxAbsError);
    }
  });

  it('the largest error sits at the zero crossings (the branch point m = −1)', () => {
    const e = seriesError(x, 50, { tones: vaTones });
    expectClose(e.errorAtZeroCrossing, e.maxAbsError, { rtol: 0.05 });
  });
});

describe('convergenceStudy', () => {
  it('fits a power law better than an exponential on V.A (binomial)', () => {
    const s = convergenceStudy(x, [5, 10, 20, 50, 100, 200], { tones: vaTones });
    expect(s.rows.map((r) => r.terms)).toEqual([5, 10, 20, 50, 100, 200]);
    expect(s.relativeRmse.better).toBe('power');
    expect(s.maxAbsError.better).toBe('power');
    expect(s.relativeRmse.powerLaw.r2).toBeGreaterThan(0.99);
    expect(s.relativeRmse.powerLaw.rate).toBeGreaterThan(0.5);
    expect(s.relativeRmse.powerLaw.rate).toBeLessThan(1.2);
    // The max error at a zero crossing is the tail Σ_{n>=N} |c_n| ~ N^(-1/2)
    expectClose(s.maxAbsError.powerLaw.rate, 0.5, { rtol: 0.1 });
  });

  it('recovers an exact power law and an exact exponential', () => {
    // On x = ±sqrt(2A) (m = 1) the binomial tail is Σ_{n>=N} c_n, ~N^(-3/2): a power law.
    const s = convergenceStudy([1, -1], [10, 20, 40, 80, 160], { A: 0.5 });
    expect(s.maxAbsError.better).toBe('power');
    expectClose(s.maxAbsError.powerLaw.rate, 1.5, { rtol: 0.05 });
    // Inside the interval (m = −1/2) the tail is geometric, ~N^(-3/2)·2^(-N): exponential wins,
    // with a rate a little above ln 2.
    const g = convergenceStudy([1], [10, 15, 20, 25, 30, 35, 40], { A: 2 });
    expect(g.maxAbsError.better).toBe('exponential');
    expect(g.maxAbsError.exponential.rate).toBeGreaterThan(Math.LN2);
    expect(g.maxAbsError.exponential.rate).toBeLessThan(Math.LN2 + 0.15);
  });

  it('rejects fewer than 3 distinct term counts, bad counts and exact fits', () => {
    expect(() => convergenceStudy(x, [5, 5, 10], { tones: vaTones })).toThrow(
      /termsList must hold at least 3 distinct term counts, got \[5, 5, 10\]/,
    );
    expect(() => convergenceStudy(x, [0, 5, 10], { tones: vaTones })).toThrow(
      /termsList\[0\] must be an integer/,
    );
    expect(() => convergenceStudy(x, 'abc' as never)).toThrow(TypeError);
    // m = −1/4: at 25 terms the truncation error is below the rounding of |x| = 1
    expect(() => convergenceStudy([1], [5, 25, 30], { A: 4 / 3 })).toThrow(/error must be > 0/);
  });
});

describe('seriesError bad input', () => {
  it('terms, A and x are checked', () => {
    expect(() => seriesError(x, 0, { tones: vaTones })).toThrow(/terms must be an integer/);
    expect(() => seriesError(x, 5, { A: 7 })).toThrow(/A must be >= max\(x²\)\/2 = 8/);
    expect(() => seriesError(x, 5, { A: -1 })).toThrow(/A must be a finite number > 0, got -1/);
    expect(() => seriesError([Number.POSITIVE_INFINITY], 5)).toThrow(RangeError);
    expect(() => seriesError(x, 5, { method: 'x' as never })).toThrow(/method must be one of/);
    expect(() => seriesError(x, 5, 3 as never)).toThrow(TypeError);
  });
});
