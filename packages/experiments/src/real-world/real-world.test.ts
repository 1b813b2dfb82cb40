import { describe, expect, it } from 'vitest';
import '../node';
import { realWorld } from './run';

describe('realWorld (V.B) at the quick preset, built-in random-weight front of the paper’s model', async () => {
  const r = await realWorld.run(realWorld.presets.quick, { seed: 0, workers: 1 });

  it('probes the third conv of blocks 1 and 2 at each heart rate', () => {
    expect(r.model).toEqual({
      source: 'built-in',
      path: null,
      sha256: null,
      label: 'random-weight stand-in, not a trained model',
    });
    expect(r.heartRates[0]?.predictedHeartRate).toBeNull();
    for (const claim of r.claims) {
      expect(claim.statement).toMatch(/^\[random-weight stand-in, not a trained model\] /);
    }
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

  it('the ReLUs add a DC, pass the heart rate at about half amplitude and add new frequencies', () => {
    for (const u of r.heartRates) {
      for (const l of u.layers) {
        const where = `${u.heartRate} bpm ${l.layer}`;
        // mean(ReLU(x)) − mean(x) = mean(ReLU(−x)) ≥ 0, channel by channel.
        for (const c of l.channels) expect(c.postDc - c.preDc, where).toBeGreaterThanOrEqual(-1e-6);
        expect(l.meanAddedDc, where).toBeGreaterThan(0.1 * l.meanPreHeartRate);
        // The x/2 term: about half of the heart-rate line passes.
        expect(l.heartRatePassRatio, where).toBeGreaterThan(0.3);
        expect(l.heartRatePassRatio, where).toBeLessThan(0.8);
        expect(l.summary.meanNewFrequencyFraction, where).toBeGreaterThan(0.001);
      }
    }
    expect(r.claims.map((c) => c.verdict)).toEqual(['holds', 'holds', 'holds']);
  });

  it('names the dead channels beside the heart-rate pass ratio', () => {
    const c = r.claims.find((x) => x.id === 'heart-rate-passes');
    const counts = r.heartRates.flatMap((u) =>
      u.layers
        .filter((l) => u.heartRateHz < l.fs / 2)
        .map((l) => `${l.deadChannels.length}/${l.channels.length}`),
    );
    expect(c?.measured).toContain(`dead channels (no positive output): ${counts.join(', ')}`);
  });

  it('says that the model and the signals are stand-ins (provenance)', () => {
    expect(r.provenance.standIn).toBe(true);
    expect(r.provenance.notes).toEqual([
      'model: random-weight stand-in, not a trained model (the paper’s trained PPG network)',
      'signals: synthetic PPG at known heart rates, not the PPG-DaLiA recordings the paper used',
    ]);
  });

  it('refuses a model file that does not exist, naming it, also from worker threads', async () => {
    const config = { ...realWorld.presets.quick, modelPath: '/nonexistent/model.h5' };
    await expect(realWorld.run(config, { seed: 0, workers: 1 })).rejects.toThrow(
      /\/nonexistent\/model\.h5/,
    );
    await expect(realWorld.run(config, { seed: 0, workers: 2 })).rejects.toThrow(
      /\/nonexistent\/model\.h5/,
    );
  });
});
