import { describe, expect, it } from 'vitest';
import { realWorld } from './run';

describe('realWorld (V.B) at the quick preset, built-in random-weight front of the paper’s model', async () => {
  const r = await realWorld.run(realWorld.presets.quick, { seed: 0, workers: 1 });

  it('probes the third conv of blocks 1 and 2 at each heart rate', () => {
    expect(r.model).toEqual({ source: 'built-in', path: null, sha256: null });
    expect(r.heartRates.map((u) => u.heartRate)).toEqual([72, 120]);
    expect(r.heartRates[0]?.heartRateHz).toBeCloseTo(1.2, 12);
    const [b1, b2] = r.heartRates[0]?.layers ?? [];
    expect(b1?.layer).toBe('block1_conv3');
    expect(b1?.channels).toHaveLength(32);
    expect(b1?.fs).toBe(32);
    expect(b2?.channels).toHaveLength(48);
    // Block 2 runs after AveragePooling1D(4): a quarter of the input rate.
    expect(b2?.fs).toBe(8);
    expect(b1?.spectra).toHaveLength(2);
  });

  it('post-ReLU activations carry a larger DC and new frequencies the pre-activations lack', () => {
    for (const u of r.heartRates) {
      for (const l of u.layers) {
        expect(l.summary.meanAbsPostDc, `${u.heartRate} ${l.layer}`).toBeGreaterThan(
          l.summary.meanAbsPreDc,
        );
        expect(l.summary.meanNewFrequencyFraction).toBeGreaterThan(0.01);
        for (const c of l.channels) expect(c.postDc).toBeGreaterThanOrEqual(0);
      }
    }
    expect(r.claims.find((c) => c.id === 'post-relu-new-frequencies')?.verdict).toBe('holds');
  });

  it('refuses a model file that does not exist, naming it', async () => {
    await expect(
      realWorld.run(
        { ...realWorld.presets.quick, modelPath: '/nonexistent/model.h5' },
        { seed: 0, workers: 1 },
      ),
    ).rejects.toThrow(/\/nonexistent\/model\.h5/);
  });
});
