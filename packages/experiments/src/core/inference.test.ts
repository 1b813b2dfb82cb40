import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import {
  type Alternative,
  bootstrapIndices,
  lineFit,
  normalQuantile,
  pairedBootstrap,
  pearsonr,
  signTest,
  studentTQuantile,
  wilcoxonSignedRank,
} from './inference';

interface TestCase {
  differences: number[];
  alternative: Alternative;
  n: number;
  statistic: number;
  pValue: number;
}

const fixture = loadFixture('experiments/inference.json') as {
  bootstrap: {
    differences: number[];
    resamples: number;
    seed: number;
    confidence: number;
    firstIndices: number[];
    low: number;
    high: number;
    scipy: [number, number];
  }[];
  sign: TestCase[];
  wilcoxon: TestCase[];
  pearson: {
    x: number[];
    y: number[];
    confidence: number;
    r: number;
    pValue: number;
    low: number;
    high: number;
  }[];
  lines: {
    x: number[];
    y: number[];
    confidence: number;
    slope: number;
    intercept: number;
    stderr: number;
    r2: number;
    low: number;
    high: number;
  }[];
  quantiles: { normal: { p: number; z: number }[]; t: { p: number; df: number; t: number }[] };
};

describe('pairedBootstrap against scipy.stats.bootstrap (percentile) on the same resamples', () => {
  it.each(fixture.bootstrap)('n = $differences.length, seed $seed', (c) => {
    const indices = bootstrapIndices(c.differences.length, c.resamples, c.seed);
    expect(Array.from(indices.subarray(0, c.differences.length))).toEqual(c.firstIndices);
    const ci = pairedBootstrap(c.differences, {
      resamples: c.resamples,
      seed: c.seed,
      confidence: c.confidence,
    });
    expectClose(ci.low, c.low, { atol: 1e-12 });
    expectClose(ci.high, c.high, { atol: 1e-12 });
    expect(ci).toMatchObject({ resamples: c.resamples, seed: c.seed, confidence: c.confidence });
    // scipy's own resamples give an interval within Monte Carlo error of ours.
    const width = c.high - c.low;
    expect(Math.abs(ci.low - c.scipy[0])).toBeLessThanOrEqual(0.05 * width + 1e-12);
    expect(Math.abs(ci.high - c.scipy[1])).toBeLessThanOrEqual(0.05 * width + 1e-12);
  });

  it('is reproducible from its recorded seed and changes with it', () => {
    const d = [0.3, -0.1, 0.2, 0.05, 0.4, 0.1];
    expect(pairedBootstrap(d, { seed: 5 })).toEqual(pairedBootstrap(d, { seed: 5 }));
    expect(pairedBootstrap(d, { seed: 5 }).low).not.toBe(pairedBootstrap(d, { seed: 6 }).low);
  });

  it('rejects what scipy rejects, naming the parameter', () => {
    expect(() => pairedBootstrap([0.1])).toThrow(
      /differences must hold at least 2 value\(s\), got 1/,
    );
    expect(() => pairedBootstrap([0.1, Number.NaN])).toThrow(
      /differences\[1\] must be a finite number, got NaN/,
    );
    expect(() => pairedBootstrap([0.1, 0.2], { confidence: 1 })).toThrow(
      /confidence must be in \(0, 1\), got 1/,
    );
    expect(() => pairedBootstrap([0.1, 0.2], { resamples: 0 })).toThrow(
      /resamples must be an integer ≥ 1, got 0/,
    );
    expect(() => pairedBootstrap([0.1, 0.2], { seed: 0.5 })).toThrow(
      /seed must be a safe integer, got 0.5/,
    );
  });
});

describe('exact tests against scipy.stats', () => {
  it.each(fixture.sign)('sign test ($alternative, n $n) = binomtest', (c) => {
    const t = signTest(c.differences, c.alternative);
    expect(t).toMatchObject({ test: 'sign', n: c.n, statistic: c.statistic });
    expectClose(t.pValue, c.pValue, { rtol: 1e-12, atol: 1e-15 });
  });

  it.each(fixture.wilcoxon)(
    'Wilcoxon ($alternative, n $n) = wilcoxon exact / permutation test',
    (c) => {
      const t = wilcoxonSignedRank(c.differences, c.alternative);
      expect(t).toMatchObject({ test: 'wilcoxon', n: c.n, statistic: c.statistic });
      expectClose(t.pValue, c.pValue, { rtol: 1e-12, atol: 1e-15 });
    },
  );

  it('cannot reach p < 0.05 below 5 non-zero pairs (the minimum n of the claim rules)', () => {
    expect(wilcoxonSignedRank([1, 2, 3, 4]).pValue).toBe(1 / 16);
    expect(wilcoxonSignedRank([1, 2, 3, 4, 5]).pValue).toBe(1 / 32);
    expect(signTest([1, 2, 3, 4]).pValue).toBe(1 / 16);
  });

  it('gives p = 1 when every difference is zero, and rejects a bad alternative', () => {
    expect(wilcoxonSignedRank([0, 0, 0]).pValue).toBe(1);
    expect(signTest([0, 0]).pValue).toBe(1);
    expect(() => signTest([1], 'bigger' as Alternative)).toThrow(
      /alternative must be one of greater, less, two-sided, got "bigger"/,
    );
  });
});

describe('pearsonr and lineFit against scipy.stats', () => {
  it.each(fixture.pearson)('pearsonr, n = $x.length', (c) => {
    const p = pearsonr(c.x, c.y, c.confidence);
    expectClose(p.r, c.r, { rtol: 1e-12 });
    expectClose(p.pValue, c.pValue, { rtol: 1e-8, atol: 1e-300 });
    expectClose(p.low, c.low, { rtol: 1e-8 });
    expectClose(p.high, c.high, { rtol: 1e-8 });
  });

  it('pearsonr is symmetric and refuses constant or short input', () => {
    const x = [1, 3, 2, 5, 4];
    const y = [2, 2.5, 2.1, 4, 3.3];
    expect(pearsonr(x, y).r).toBeCloseTo(pearsonr(y, x).r, 14);
    expect(() => pearsonr([1, 1, 1, 1], y.slice(0, 4))).toThrow(/x must not be constant/);
    expect(() => pearsonr([1, 2, 3], [1, 2, 3])).toThrow(
      /x must hold at least 4 value\(s\), got 3/,
    );
    expect(() => pearsonr(x, [1, 2, 3, 4])).toThrow(/y must have the length of x \(5\), got 4/);
  });

  it.each(fixture.lines)('lineFit = linregress ± t.ppf·stderr, n = $x.length', (c) => {
    const f = lineFit(c.x, c.y, c.confidence);
    expectClose(f.slope, c.slope, { rtol: 1e-12 });
    expectClose(f.intercept, c.intercept, { rtol: 1e-10, atol: 1e-14 });
    expectClose(f.stderr, c.stderr, { rtol: 1e-9 });
    expectClose(f.r2, c.r2, { rtol: 1e-12 });
    expectClose(f.low, c.low, { rtol: 1e-9 });
    expectClose(f.high, c.high, { rtol: 1e-9 });
  });

  it('quantiles match scipy.special.ndtri and scipy.stats.t.ppf', () => {
    for (const q of fixture.quantiles.normal)
      expectClose(normalQuantile(q.p), q.z, { rtol: 2e-9, atol: 1e-12 });
    for (const q of fixture.quantiles.t)
      expectClose(studentTQuantile(q.p, q.df), q.t, { rtol: 1e-10 });
  });
});
