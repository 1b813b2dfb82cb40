import { describe, expect, it } from 'vitest';
import { exampleNetworks } from './run';

describe('exampleNetworks (V.A relu(avg), relu(diff)) at the quick preset', async () => {
  const r = await exampleNetworks.run(exampleNetworks.presets.quick, { seed: 0, workers: 1 });
  const by = Object.fromEntries(r.stages.map((s) => [s.stage, s]));

  it('the input has no DC and all its power on its four tones', () => {
    expect(by.input?.breakdown.dc).toBeLessThan(1e-20);
    expect(by.input?.breakdown.inputTones).toBeCloseTo(1, 12);
    // 4 unit tones: mean power 4 · 1/2.
    expect(by.input?.breakdown.meanPower).toBeCloseTo(2, 10);
  });

  it('ReLU keeps each tone near a/2, removes power and adds DC and new frequencies', () => {
    const b = by.relu?.breakdown;
    expect(b?.meanPower).toBeLessThan(2);
    expect((b?.dc ?? 0) + (b?.inputTones ?? 0) + (b?.newFrequencies ?? 0)).toBeCloseTo(1, 12);
    for (const a of by.relu?.amplitudeAtInputTones ?? []) expect(a).toBeGreaterThan(0.25);
    expect(by.relu?.breakdown.dc).toBeGreaterThan(0.1);
    expect(by.relu?.breakdown.newFrequencies).toBeGreaterThan(0.01);
  });

  it('relu(avg) lowers and relu(diff) raises the spectral centroid', () => {
    const c = (s: string) => by[s]?.breakdown.centroidHz as number;
    expect(c('relu-avg')).toBeLessThan(c('input'));
    expect(c('relu-diff')).toBeGreaterThan(c('input'));
    expect(by['relu-avg']?.samples).toBe(2048 - 5 * 8);
    expect(by['relu-diff']?.samples).toBe(2048 - 2);
    expect(by['relu-avg']?.analysedSamples).toBe(1024);
    expect(r.claims.find((x) => x.id === 'diff-emphasises-high-band')?.verdict).toBe('holds');
  });
});
