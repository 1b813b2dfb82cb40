import { describe, expect, it } from 'vitest';
import { dcInTrainedModels } from './run';

describe('dcInTrainedModels at the quick preset, on the random-weight stand-in', async () => {
  const r = await dcInTrainedModels.run(dcInTrainedModels.presets.quick, { seed: 0, workers: 1 });

  it('ablates the nine conv ReLUs (not the Dense after Flatten), all at once and one at a time', () => {
    expect(r.model).toEqual({ source: 'stand-in', path: null, sha256: null });
    expect(r.heartRateModel).toBe(false);
    expect(r.layers).toEqual([1, 2, 3].flatMap((b) => [1, 2, 3].map((c) => `block${b}_conv${c}`)));
    expect(r.runs).toHaveLength(4 * 10);
    expect(r.ranking.map((m) => m.layers.length)).toEqual([9, 9, 9, 9]);
    expect(r.byHeartRate[0]?.points.map((p) => p.heartRate)).toEqual([60, 100, 140, 180]);
  });

  it('every ablation changes the output, with intervals that bracket their means', () => {
    for (const run of r.runs.filter((x) => x.scope === 'all')) {
      expect(run.change.mean, run.mode).toBeGreaterThan(1e-3);
      expect(run.change.low).toBeLessThanOrEqual(run.change.mean);
      expect(run.change.high).toBeGreaterThanOrEqual(run.change.mean);
      expect(run.error).toBeNull();
    }
  });

  it('says plainly that the stand-in cannot answer the heart-rate claims', () => {
    const byId = Object.fromEntries(r.claims.map((c) => [c.id, c]));
    for (const id of [
      'dc-removal-breaks-estimate',
      'dc-alone-keeps-estimate',
      'dc-matters-at-one-layer',
    ]) {
      expect(byId[id]?.verdict).toBe('inconclusive');
      expect(byId[id]?.measured).toMatch(/stand-in’s output is not a heart rate/);
    }
    expect(byId['dc-matters-more-than-harmonics']?.verdict).not.toBe('inconclusive');
  });
});

describe('dcInTrainedModels identities', () => {
  it('scale-dc:0 is remove-dc, run for run', async () => {
    const r = await dcInTrainedModels.run(
      { heartRates: [72, 150], seeds: 2, modes: ['remove-dc', 'scale-dc:0'], perLayer: false },
      { seed: 3, workers: 1 },
    );
    const [a, b] = r.runs;
    expect(a?.mode).toBe('remove-dc');
    expect(b?.mode).toBe('scale-dc:0');
    expect(b?.meanOutput).toBeCloseTo(a?.meanOutput as number, 6);
    expect(b?.change.mean).toBeCloseTo(a?.change.mean as number, 6);
  });

  it('names a bad mode in the config error', async () => {
    await expect(
      dcInTrainedModels.run({ modes: ['remove-ac'] }, { seed: 0, workers: 1 }),
    ).rejects.toThrow(/modes.*remove-ac/);
  });
});
