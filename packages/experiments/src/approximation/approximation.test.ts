import { expectClose } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
// The Node platform reads each package's version from its package.json (the portable one cannot).
import '../node';
import { lineFit } from '../core/inference';
import { validateResult } from '../core/result-schema';
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

  it('fits the law over N ≥ 10 with an interval, beside local slopes and the limits −3/4, −1/2', () => {
    const rows = r.convergence.binomial.rows;
    const tail = rows.filter((row) => row.terms >= 10);
    const rms = r.convergenceLaw.relativeRmse;
    expect(rms.fromTerms).toBe(10);
    expect(rms.limit).toBe(-0.75);
    expect(r.convergenceLaw.maxAbsError.limit).toBe(-0.5);
    expect(rms.fit).toEqual(
      lineFit(
        tail.map((row) => Math.log(row.terms)),
        tail.map((row) => Math.log(row.relativeRmse)),
      ),
    );
    expect(rms.fit?.n).toBe(3);
    expect(rms.fit?.low).toBeLessThan(rms.fit?.slope as number);
    expect(rms.localSlopes.map((l) => [l.from, l.to])).toEqual([
      [1, 2],
      [2, 5],
      [5, 10],
      [10, 20],
      [20, 50],
    ]);
    const [a, b] = [rows[4], rows[5]] as [(typeof rows)[number], (typeof rows)[number]];
    expectClose(
      rms.localSlopes[4]?.slope as number,
      Math.log(b.relativeRmse / a.relativeRmse) / Math.log(50 / 20),
      { rtol: 1e-12 },
    );
    const law = r.claims.find((c) => c.id === 'series-convergence-law');
    expect(law?.measured).toContain('over N ≥ 10 (3 term counts)');
    expect(law?.measured).toContain('limit -0.75');
  });

  it('the first-order DC is a finding about the paper’s approximation, with the size of its error', () => {
    const c = r.claims.find((x) => x.id === 'first-order-dc');
    expect(c?.kind).toBe('finding');
    expectClose(c?.error?.relative as number, Math.abs(r.dc.firstOrder - r.dc.exact) / r.dc.exact, {
      rtol: 1e-12,
    });
    expect(c?.error?.relative).toBeGreaterThan(1); // √8/2 against the exact DC: > 100 % off
    expect(r.claims.filter((x) => x.kind === 'finding').map((x) => x.id)).toEqual([
      'first-order-dc',
    ]);
  });

  it('writes result format 2 that validates against result.schema.json, with no stand-in', () => {
    const json = JSON.parse(JSON.stringify(r));
    expect(validateResult(json)).toMatchObject({ version: 2, notes: [] });
    expect(r.provenance).toEqual({ standIn: false, notes: [] });
    for (const c of r.claims) {
      expect(c.rule.length, c.id).toBeGreaterThan(10);
      expect(c.paper, c.id).toMatch(/§|Not in the paper|Not stated in the paper/);
    }
  });
});
