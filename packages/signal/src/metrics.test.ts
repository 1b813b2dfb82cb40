import { expectClose } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import {
  bandEnergy,
  dcFraction,
  maxAbsError,
  relativeRmse,
  rmse,
  snrDb,
  thd,
  tones,
} from './index';
import { signalA, signalB } from '../test/inputs';

describe('metrics', () => {
  it('rmse, relativeRmse, maxAbsError', () => {
    expectClose(rmse([1, 2], [1, 4]), Math.SQRT2, { rtol: 1e-15 });
    expectClose(relativeRmse([1, 1], [1, 0]), 1, { rtol: 1e-15 });
    expectClose(relativeRmse([3, 4], [0, 5]), Math.sqrt(10) / 5, { rtol: 1e-15 });
    expect(maxAbsError([1, 5, -2], [2, 3, -2])).toBe(2);
  });

  it('snrDb from mean powers', () => {
    expectClose(snrDb([1, -1], [0.1, -0.1]), 20, { rtol: 1e-14 });
    expectClose(snrDb([2, 2, 2, 2], [1]), 10 * Math.log10(4), { rtol: 1e-14 });
    expect(snrDb([1], [0])).toBe(Number.POSITIVE_INFINITY);
  });

  it('dcFraction equals |X0|²/Σ|Xk|²', () => {
    expect(dcFraction([2, 2, 2])).toBeCloseTo(1, 15);
    expectClose(dcFraction([1, -1, 1, -1]), 0, { rtol: 0, atol: 1e-15 });
    expectClose(dcFraction([1, 0]), 0.5, { rtol: 1e-15 });
  });

  it('bandEnergy: Parseval over [0, fs/2] and a single tone in its band', () => {
    const x = signalA(101);
    let e = 0;
    for (const v of x) e += v * v;
    expectClose(bandEnergy(x, { fs: 10, low: 0, high: 5 }), e, { rtol: 1e-12 });
    const y = signalB(64);
    const parts =
      bandEnergy(y, { fs: 64, low: 0, high: 10.5 }) + bandEnergy(y, { fs: 64, low: 11, high: 32 });
    let ey = 0;
    for (const v of y) ey += v * v;
    expectClose(parts, ey, { rtol: 1e-12 });
    const tone = tones(
      [
        { freq: 4, amp: 1 },
        { freq: 10, amp: 3 },
      ],
      { fs: 32, n: 32 },
    );
    expectClose(bandEnergy(tone, { fs: 32, low: 3, high: 5 }), 16, { rtol: 1e-12 });
  });

  it('thd of a tone with known harmonics', () => {
    const x = tones(
      [
        { freq: 2, amp: 1 },
        { freq: 4, amp: 0.1 },
        { freq: 6, amp: 0.2 },
      ],
      { fs: 32, n: 64 },
    );
    expectClose(thd(x, { fs: 32, f0: 2 }), Math.sqrt(0.05), { rtol: 1e-12 });
    expectClose(thd(x, { fs: 32, f0: 2, harmonics: 2 }), 0.1, { rtol: 1e-12 });
    // The half-wave rectified cosine has even harmonics only: a/π DC, a/2 at f0, 2a/(3π) at 2f0, …
    const relu = tones([{ freq: 1, amp: 1 }], { fs: 256, n: 256 }).map((v) => Math.max(0, v));
    const expected = Math.sqrt((2 / (3 * Math.PI)) ** 2 + (2 / (15 * Math.PI)) ** 2) / 0.5;
    expectClose(thd(relu, { fs: 256, f0: 1, harmonics: 5 }), expected, { rtol: 1e-3 });
  });

  it('validates', () => {
    expect(() => rmse([1], [1, 2])).toThrow(
      new RangeError('b must have the length of a (1), got length 2'),
    );
    expect(() => rmse([], [])).toThrow(/a must have at least 1 element/);
    expect(() => maxAbsError([Number.NaN], [1])).toThrow(/a must contain only finite numbers/);
    expect(() => relativeRmse([1], [0])).toThrow(/b must have a non-zero norm/);
    expect(() => snrDb([0], [0])).toThrow(/must not both be all zeros/);
    expect(() => dcFraction([0, 0])).toThrow(/x must have non-zero energy/);
    expect(() => bandEnergy([1], { fs: 1, low: 2, high: 1 })).toThrow(
      /high must be >= low \(2 Hz\), got 1/,
    );
    expect(() => bandEnergy([1], { fs: -1, low: 0, high: 1 })).toThrow(
      /fs must be a finite number > 0, got -1/,
    );
    expect(() => bandEnergy([1], { fs: 1, low: -1, high: 1 })).toThrow(
      /low must be a finite number >= 0, got -1/,
    );
    expect(() => thd([1, 2], { fs: 32, f0: 20 })).toThrow(/f0 must be <= fs\/2 = 16 Hz, got 20/);
    expect(() => thd([1, 2], { fs: 32, f0: 2, harmonics: 1 })).toThrow(
      /harmonics must be an integer >= 2/,
    );
    expect(() => thd([0, 0, 0, 0], { fs: 4, f0: 1 })).toThrow(/non-zero component at f0/);
  });
});
