import { describe, expect, it } from 'vitest';
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
