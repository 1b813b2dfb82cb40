import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { sampleTones, vaSignal, vaTones } from '../test/helpers';
import {
  absApproximation,
  absSeries,
  chebyshevSqrtCoefficients,
  reluSeries,
  sqrtSeriesCoefficients,
} from './series';

interface SeriesFixture {
  coefficientsExact: [string, string][];
  coefficientsFloat: number[];
  chebyshev: number[];
  va: { stride: number; A: number };
  binomial: { terms: number; samples: number[]; relativeRmse: number; maxAbsError: number }[];
  chebyshevSeries: {
    terms: number;
    samples: number[];
    relativeRmse: number;
    maxAbsError: number;
  }[];
}

const fixture = loadFixture<SeriesFixture>('theory/series.json');

const every = (x: Float64Array, stride: number) => x.filter((_, i) => i % stride === 0);

describe('sqrtSeriesCoefficients', () => {
  it('matches exact fractions for k <= 20', () => {
    const exact = sqrtSeriesCoefficients(21, { exact: true });
    expect(exact.map((c) => [c.numerator.toString(), c.denominator.toString()])).toEqual(
      fixture.coefficientsExact,
    );
    expect(exact[2]).toEqual({ numerator: -1n, denominator: 8n });
  });

  it('matches the correctly rounded values to rel 1e-12 up to k = 200', () => {
    expectClose(sqrtSeriesCoefficients(201), fixture.coefficientsFloat, { rtol: 1e-12 });
  });

  it('float and exact paths agree to 1e-15 for k <= 20', () => {
    const exact = sqrtSeriesCoefficients(21, { exact: true });
    const float = sqrtSeriesCoefficients(21);
    exact.forEach((c, k) => {
      expectClose(float[k] as number, Number(c.numerator) / Number(c.denominator), { rtol: 1e-15 });
    });
  });

  it('rejects n that is not an integer >= 1', () => {
    expect(() => sqrtSeriesCoefficients(0)).toThrow(
      /n \(number of coefficients\) must be an integer in \[1, 100000\], got 0/,
    );
    expect(() => sqrtSeriesCoefficients(2.5)).toThrow(RangeError);
    expect(() => sqrtSeriesCoefficients(Number.NaN)).toThrow(RangeError);
  });
});

describe('chebyshevSqrtCoefficients', () => {
  it('matches coefficients computed by quadrature (scipy)', () => {
    expectClose(chebyshevSqrtCoefficients(61), fixture.chebyshev, { atol: 1e-14 });
  });
  it('sums to sqrt(2) at m = 1 and to ~0 at m = -1 as N grows', () => {
    const b = chebyshevSqrtCoefficients(20000);
    const atOne = b.reduce((s, v) => s + v, 0);
    const atMinusOne = b.reduce((s, v, k) => s + (k % 2 === 0 ? v : -v), 0);
    expectClose(atOne, Math.SQRT2, { rtol: 1e-4 });
    expect(Math.abs(atMinusOne)).toBeLessThan(1e-4);
  });
});

describe('reluSeries on the V.A signal', () => {
  const x = vaSignal();
  for (const row of fixture.binomial) {
    it(`matches numpy's power sum at ${row.terms} terms`, () => {
      const y = reluSeries(x, { terms: row.terms, A: 'tones', tones: vaTones });
      expectClose(every(y, fixture.va.stride), row.samples, { rtol: 1e-12, atol: 1e-12 });
    });
  }
  for (const row of fixture.chebyshevSeries) {
    it(`Chebyshev expansion matches numpy chebval at ${row.terms} terms`, () => {
      const abs = absApproximation(x, { terms: row.terms, method: 'chebyshev', A: fixture.va.A });
      const y = x.map((v, i) => 0.5 * (v + (abs[i] as number)));
      expectClose(every(y, fixture.va.stride), row.samples, { rtol: 1e-12, atol: 1e-12 });
    });
  }

  it("A = 'tones' equals the number (Σa)²/2 and 'peak' equals max(x²)/2", () => {
    const a = reluSeries(x, { terms: 10, A: 'tones', tones: vaTones });
    const b = reluSeries(x, { terms: 10, A: 8 });
    const c = reluSeries(x, { terms: 10, A: 'peak' });
    expectClose(a, b, { rtol: 0, atol: 0 });
    expectClose(c, b, { rtol: 1e-14, atol: 1e-14 }); // x(0) = 4 reaches the bound
  });
});

describe('identities', () => {
  const x = sampleTones(
    [
      { freq: 3, amp: 1.2, phase: 0.3 },
      { freq: 7, amp: 0.5 },
    ],
    100,
    300,
  );
  for (const method of ['binomial', 'chebyshev'] as const) {
    it(`ReLU = x/2 + |x|/2 on the ${method} path`, () => {
      const abs = absApproximation(x, { terms: 30, method, A: 'peak' });
      const relu = reluSeries(x, { terms: 30, method, A: 'peak' });
      expectClose(
        relu,
        x.map((v, i) => v / 2 + (abs[i] as number) / 2),
        { rtol: 1e-15, atol: 1e-15 },
      );
    });
  }
  it('absSeries is the binomial absApproximation', () => {
    expectClose(
      absSeries(x, { terms: 17 }),
      absApproximation(x, { terms: 17, method: 'binomial' }),
      {
        rtol: 0,
      },
    );
  });
  it('writes into out, which may alias x', () => {
    const copy = Float64Array.from(x);
    const expected = reluSeries(x, { terms: 12, A: 'peak' });
    const out = reluSeries(copy, { terms: 12, A: 'peak', out: copy });
    expect(out).toBe(copy);
    expectClose(out, expected, { rtol: 0 });
  });
  it('one term is the constant sqrt(A): |x| ≈ sqrt(A), ReLU ≈ x/2 + sqrt(A)/2', () => {
    const y = reluSeries([0.5, -1], { terms: 1, A: 2 });
    expectClose(y, [0.25 + Math.SQRT2 / 2, -0.5 + Math.SQRT2 / 2]);
  });
  it('converges to |x| inside the interval', () => {
    expectClose(absSeries([0.5, -1, 0.9], { terms: 400, A: 1 }), [0.5, 1, 0.9], { rtol: 1e-12 });
  });
});

describe('bad input', () => {
  const x = [1, -2, 0.5];
  it('terms < 1 or non-integer', () => {
    expect(() => reluSeries(x, { terms: 0 })).toThrow(
      /terms must be an integer in \[1, 100000\], got 0/,
    );
    expect(() => reluSeries(x, { terms: 1.5 })).toThrow(RangeError);
  });
  it('A <= 0, non-finite, of the wrong kind, or too small', () => {
    expect(() => reluSeries(x, { terms: 3, A: 0 })).toThrow(/A must be a finite number > 0, got 0/);
    expect(() => reluSeries(x, { terms: 3, A: -1 })).toThrow(RangeError);
    expect(() => reluSeries(x, { terms: 3, A: Number.POSITIVE_INFINITY })).toThrow(
      /A must be a finite number/,
    );
    expect(() => reluSeries(x, { terms: 3, A: 'max' as never })).toThrow(TypeError);
    expect(() => reluSeries(x, { terms: 3, A: 1.9 })).toThrow(
      /A must be >= max\(x²\)\/2 = 2 .*diverges.*got A = 1.9/,
    );
  });
  it("A = 'tones' without tones, with empty tones, or with tones too weak for x", () => {
    expect(() => reluSeries(x, { terms: 3, A: 'tones' })).toThrow(/tones must be given/);
    expect(() => reluSeries(x, { terms: 3, A: 'tones', tones: [] })).toThrow(/at least one tone/);
    expect(() => reluSeries(x, { terms: 3, tones: [{ freq: 1, amp: 1 }] })).toThrow(/A must be >=/);
  });
  it("A = 'peak' on all-zero x", () => {
    expect(() => reluSeries([0, 0], { terms: 3, A: 'peak' })).toThrow(/all-zero x/);
  });
  it('non-finite or empty x, bad method, bad out', () => {
    expect(() => reluSeries([1, Number.NaN], { terms: 3 })).toThrow(
      /x must contain only finite numbers, got NaN at index 1/,
    );
    expect(() => reluSeries([], { terms: 3 })).toThrow(/x must have at least 1/);
    expect(() => reluSeries('abc' as never, { terms: 3 })).toThrow(TypeError);
    expect(() => absApproximation(x, { terms: 3, method: 'pade' as never })).toThrow(
      /method must be one of 'binomial', 'chebyshev', got 'pade'/,
    );
    expect(() => reluSeries(x, { terms: 3, out: new Float64Array(2) })).toThrow(
      /out must have length 3/,
    );
    expect(() => reluSeries(x, { terms: 3, out: [0, 0, 0] as never })).toThrow(TypeError);
    expect(() => reluSeries(x, null as never)).toThrow(TypeError);
  });
});
