import { describe, expect, it } from 'vitest';
// The Node platform reads each package's version from its package.json (the portable one cannot).
import '../node';
import { approximation } from './run';

describe('approximation (V.A) at the quick preset', async () => {
  const r = await approximation.run(approximation.presets.quick, { seed: 0, workers: 1 });

  it('records config, seed, versions and backend', () => {
    expect(r.experiment).toBe('approximation');
    expect(r.backend).toBe('none');
    expect(r.seed).toBe(0);
    expect(r.versions['@rectify/theory']).toMatch(/^\d+\.\d+\.\d+/);
    expect(r.configHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the error against ReLU(x) falls as terms grow, and Chebyshev beats binomial at equal terms', () => {
    const b = r.convergence.binomial.rows;
    const c = r.convergence.chebyshev.rows;
    expect(b.map((row) => row.terms)).toEqual([1, 2, 5, 10, 20, 50]);
    for (let i = 1; i < b.length; i++)
      expect(b[i]?.relativeRmse).toBeLessThanOrEqual(b[i - 1]?.relativeRmse as number);
    expect(b.at(-1)?.relativeRmse).toBeLessThan((b[0]?.relativeRmse as number) / 5);
    for (let i = 1; i < c.length; i++)
      expect(c[i]?.relativeRmse).toBeLessThan(b[i]?.relativeRmse as number);
    expect(r.claims.find((x) => x.id === 'series-error-falls-with-terms')?.verdict).toBe('holds');
  });

  it('every measured line above 1 % is predicted; DC of the series approaches the exact DC', () => {
    expect(r.spectra.lines.length).toBeGreaterThan(4);
    expect(r.spectra.unpredicted).toEqual([]);
    // The sampled mean over whole periods is a quadrature of the exact mean; the kinks at the
    // zero crossings leave an O(1/n²) error.
    expect(Math.abs(r.dc.measured - r.dc.exact)).toBeLessThan(1e-4);
    const errs = r.dc.series.map((d) => Math.abs(d - r.dc.exact));
    expect(errs.at(-1)).toBeLessThan(errs[0] as number);
    // First-order sqrt(A)/2 with A = (Σa)²/2 = 8: √8/2.
    expect(r.dc.firstOrder).toBeCloseTo(Math.sqrt(8) / 2, 12);
    for (const claim of r.claims)
      expect(['holds', 'does not hold', 'inconclusive']).toContain(claim.verdict);
  });
});
