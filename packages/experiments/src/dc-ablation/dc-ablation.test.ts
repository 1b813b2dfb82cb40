import { createRng } from '@rectify/signal';
import { expectClose } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import '../node';
import { type PairedEvidence, pairedVerdict } from '../core/claims';
import { pairedBootstrap, wilcoxonSignedRank } from '../core/inference';
import { mean, sig } from '../core/stats';
import { dcAblation } from './run';

describe('dcAblation (V.C extended) at the quick preset, 2 worker threads', async () => {
  const r = await dcAblation.run(dcAblation.presets.quick, { seed: 0, workers: 2 });
  const by = Object.fromEntries(r.variants.map((v) => [v.variant, v]));

  it('records the paired design: 5 variants × 2 repetitions × 3 epochs on wasm', () => {
    expect(r.backend).toBe('wasm');
    expect(r.units).toBe(10);
    expect(r.variants.map((v) => v.variant)).toEqual([
      'relu',
      'linear',
      'linear-input-dc',
      'relu-dc-removed',
      'linear-dc',
    ]);
    for (const v of r.variants) {
      expect(v.loss).toHaveLength(3);
      expect(v.kernelDistance).toHaveLength(2);
      for (const e of v.loss) expect(Number.isFinite(e.mean) && Number.isFinite(e.std)).toBe(true);
    }
  });

  it('mean losses are finite and fall for every variant that can see a DC', () => {
    for (const name of ['relu', 'linear-input-dc', 'linear-dc']) {
      const loss = by[name]?.loss.map((e) => e.mean) as number[];
      expect(loss[2], name).toBeLessThan(loss[0] as number);
    }
    // Kernels move away from their initial values as training proceeds.
    const d = by.relu?.kernelDistance[0]?.map((e) => e.mean) as number[];
    expect(d[0]).toBeGreaterThan(0);
    expect(d[2]).toBeGreaterThan(d[0] as number);
  });

  it('with the DC removed after each ReLU, global average pooling sees zeros: loss stays ln 3', () => {
    for (const e of by['relu-dc-removed']?.loss ?? []) expect(e.mean).toBeCloseTo(Math.log(3), 3);
    expect(by['relu-dc-removed']?.finalAccuracy.mean).toBeLessThan(0.45);
    expect(r.claims.map((c) => c.id)).toEqual([
      'input-dc-kernels-stay-closer',
      'relu-beats-linear',
      'relu-without-dc-fails',
      'dc-alone-suffices',
    ]);
  });

  it('at the quick scale (2 repetitions) every comparative claim is inconclusive, and says why', () => {
    for (const c of r.claims) {
      expect(c.verdict, c.id).toBe('inconclusive');
      expect(c.evidence?.n, c.id).toBe(2);
      expect(c.reason, c.id).toMatch(/^2 repetition\(s\), fewer than the 5/);
    }
  });
});

describe('dcAblation claims: paired statistics over repetitions', () => {
  type Figures = { loss: number; accuracy: number; distance?: number };
  /** Units for `repetitions` repetitions; `figures(r)` gives each variant's final figures. */
  function merged(repetitions: number, figures: (r: number) => Record<string, Figures>) {
    const config = { ...dcAblation.presets.quick, repetitions, epochs: 2 };
    const units: Record<string, unknown> = {};
    for (let r = 0; r < repetitions; r++) {
      for (const [variant, f] of Object.entries(figures(r))) {
        units[`rep-${String(r).padStart(4, '0')}.${variant}`] = {
          repetition: r,
          variant,
          testAccuracy: f.accuracy,
          history: [1.1, f.loss].map((loss) => ({
            loss,
            accuracy: f.accuracy,
            kernelDistance: [f.distance ?? 1, 2 * (f.distance ?? 1)],
          })),
        };
      }
    }
    const out = dcAblation.merge(config, units as never, { seed: 7 });
    return Object.fromEntries(out.claims.map((c) => [c.id, c]));
  }
  const rng = createRng(11);
  const noise = Array.from({ length: 20 }, () => rng.normal(0, 0.04));
  /** ReLU ≈ 88 %, linear ≈ 76 % (a 12-point paired gap with ±4-point noise). */
  const gap = (r: number): Record<string, Figures> => ({
    relu: { loss: 0.4, accuracy: 0.88 + (noise[r] as number) },
    linear: { loss: 0.6, accuracy: 0.76 + (noise[(r + 7) % 20] as number) },
    'linear-input-dc': { loss: 0.5, accuracy: 0.7, distance: 0.5 + (noise[r] as number) },
    'relu-dc-removed': { loss: Math.log(3), accuracy: 1 / 3 },
    'linear-dc': { loss: 0.6, accuracy: 0.76 + (noise[(r + 3) % 20] as number) },
  });

  it('a claim that holds at 20 repetitions is inconclusive at 2', () => {
    const at20 = merged(20, gap)['relu-beats-linear'];
    expect(at20?.verdict).toBe('holds');
    expect(at20?.evidence?.n).toBe(20);
    expect(at20?.evidence?.interval?.low).toBeGreaterThan(0);
    expect(at20?.evidence?.test.pValue).toBeLessThan(0.05);
    const at2 = merged(2, gap)['relu-beats-linear'];
    expect(at2?.evidence?.n).toBe(2);
    expect(at2?.evidence?.mean).toBeGreaterThan(5); // the same direction, 2 repetitions only
    expect(at2?.verdict).toBe('inconclusive');
    expect(at2?.reason).toBe(
      '2 repetition(s), fewer than the 5 an exact one-sided test at α = 0.05 needs',
    );
    for (const id of ['input-dc-kernels-stay-closer', 'relu-without-dc-fails'])
      expect(merged(2, gap)[id]?.verdict, id).toBe('inconclusive');
  });

  it('every number the verdict rests on is in the row, and recomputes to it', () => {
    const c = merged(20, gap)['relu-beats-linear'];
    const e = c?.evidence as PairedEvidence;
    const expected = Array.from(
      { length: 20 },
      (_, r) => 100 * (gap(r).relu?.accuracy as number) - 100 * (gap(r).linear?.accuracy as number),
    );
    expectClose(e.perRepetition, expected, { atol: 1e-9 });
    expect(e.interval).toEqual(
      pairedBootstrap(e.perRepetition, { seed: e.interval?.seed as number }),
    );
    expect(e.test).toEqual(wilcoxonSignedRank(e.perRepetition, 'greater'));
    expect(pairedVerdict(e).verdict).toBe(c?.verdict);
    expect(c?.measured).toContain(`n = 20, mean +${sig(e.mean)} points`);
    expect(c?.measured).toContain(
      `95 % CI [${sig(e.interval?.low as number)}, ${sig(e.interval?.high as number)}]`,
    );
    expect(c?.rule).toContain(
      'holds if the 95 % percentile-bootstrap interval of the mean lies above 0',
    );
    expect(c?.paper).toMatch(/§V\.C/);
    expect(c?.variants?.map((v) => v.name)).toEqual(['relu', 'linear']);
    expectClose(
      c?.variants?.[0]?.accuracy as number,
      mean(expected.map((_, r) => gap(r).relu?.accuracy as number)),
      { atol: 1e-12 },
    );
  });

  it('the mirror image does not hold; a variant at chance is named in the row', () => {
    const reversed = merged(20, (r) => ({
      ...gap(r),
      relu: gap(r).linear as Figures,
      linear: gap(r).relu as Figures,
    }));
    expect(reversed['relu-beats-linear']?.verdict).toBe('does not hold');
    const chance = merged(20, (r) => ({
      ...gap(r),
      'linear-input-dc': { loss: 1.0986, accuracy: 1 / 3, distance: 0.5 },
    }));
    expect(chance['input-dc-kernels-stay-closer']?.verdict).toBe('holds');
    expect(chance['input-dc-kernels-stay-closer']?.measured).toContain(
      'linear-input-dc classifies at 33.3 % (chance 33.3 %): it has not learnt the task.',
    );
    const named = chance['input-dc-kernels-stay-closer']?.variants?.[1];
    expect(named?.name).toBe('linear-input-dc');
    expect(named?.accuracy).toBeCloseTo(1 / 3, 12);
  });

  it('at equal accuracy (the paper’s 60 epochs: all 100 %), a 10× lower final loss decides', () => {
    const c = merged(8, (r) => ({
      ...gap(r),
      relu: { loss: 1.3e-5 * (1 + 0.1 * r), accuracy: 1 },
      linear: { loss: 9.5e-3 * (1 + 0.05 * r), accuracy: 1 },
      'linear-dc': { loss: 2e-3, accuracy: 1 },
    }));
    expect(c['relu-beats-linear']?.evidence?.unit).toBe('log10 ratio');
    expect(c['relu-beats-linear']?.verdict).toBe('holds');
    // The row shows both: the tied accuracies that hand over to the loss, and the loss evidence.
    expect(c['relu-beats-linear']?.measured).toMatch(
      /accuracy n = 8, mean \+0 points, 95 % CI \[0, 0\].+tied within ±5 points, so the loss decides: n = 8, mean \+2\.\d+ log10 ratio/,
    );
    // linear+DC's loss is 4.75× lower than linear's: below the 10× rule in every repetition.
    expect(c['dc-alone-suffices']?.verdict).toBe('does not hold');
  });

  it('a removed DC at chance holds from 5 repetitions on', () => {
    expect(merged(5, gap)['relu-without-dc-fails']?.verdict).toBe('holds');
    expect(merged(4, gap)['relu-without-dc-fails']?.verdict).toBe('inconclusive');
  });
});
