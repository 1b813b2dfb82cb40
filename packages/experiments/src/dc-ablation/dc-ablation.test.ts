import { describe, expect, it } from 'vitest';
import '../node';
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
});

describe('dcAblation claims: accuracy first, learning speed at equal accuracy', () => {
  const config = { ...dcAblation.presets.quick, repetitions: 1, epochs: 2 };
  /** One unit per variant with the given final loss and held-out accuracy. */
  function merged(figures: Record<string, { loss: number; accuracy: number }>) {
    const units = Object.fromEntries(
      Object.entries(figures).map(([variant, f]) => [
        `rep-0000.${variant}`,
        {
          repetition: 0,
          variant,
          testAccuracy: f.accuracy,
          history: [1.1, f.loss].map((loss) => ({
            loss,
            accuracy: f.accuracy,
            kernelDistance: [1, 2],
          })),
        },
      ]),
    );
    const out = dcAblation.merge(config, units as never);
    return Object.fromEntries(out.claims.map((c) => [c.id, c]));
  }
  const base = {
    'linear-input-dc': { loss: 1e-3, accuracy: 1 },
    'relu-dc-removed': { loss: 1.0986, accuracy: 1 / 3 },
  };

  it('a 5-point accuracy gap decides, whatever the losses', () => {
    const c = merged({
      ...base,
      relu: { loss: 0.5, accuracy: 0.9 },
      linear: { loss: 1e-4, accuracy: 0.8 },
      'linear-dc': { loss: 0.5, accuracy: 0.7 },
    });
    expect(c['relu-beats-linear']?.verdict).toBe('holds');
    expect(c['dc-alone-suffices']?.verdict).toBe('does not hold');
  });

  it('at equal accuracy (the paper’s 60 epochs: all 100 %), a 10× lower final loss decides', () => {
    const c = merged({
      ...base,
      relu: { loss: 1.34e-5, accuracy: 1 },
      linear: { loss: 9.5e-3, accuracy: 1 },
      'linear-dc': { loss: 2e-3, accuracy: 1 },
    });
    expect(c['relu-beats-linear']?.verdict).toBe('holds');
    expect(c['relu-beats-linear']?.measured).toContain(
      'final training loss ReLU 0.0000134, linear 0.0095',
    );
    expect(c['dc-alone-suffices']?.verdict).toBe('inconclusive'); // 4.75× only
    const reversed = merged({
      ...base,
      relu: { loss: 0.1, accuracy: 0.97 },
      linear: { loss: 0.001, accuracy: 1 },
      'linear-dc': { loss: 1e-3, accuracy: 1 },
    });
    expect(reversed['relu-beats-linear']?.verdict).toBe('does not hold');
  });
});
