import { compile } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import type { ExperimentName } from '../core/types';
import { experiments } from '../registry';
import { resultCharts } from './charts';

const small: Record<ExperimentName, unknown> = {
  approximation: experiments.approximation.presets.quick,
  'example-networks': experiments['example-networks'].presets.quick,
  'real-world': { heartRates: [90], spectraChannels: 1 },
  'dc-ablation': {
    repetitions: 1,
    epochs: 2,
    signalsPerClass: 16,
    testSignalsPerClass: 8,
    samples: 32,
    filters: 4,
    denseUnits: 4,
  },
  'minimal-dc': { signalsPerClass: 16, trainEpochs: 2 },
  'dc-in-trained-models': { heartRates: [72, 120], seeds: 2, modes: ['remove-dc', 'dc-only'] },
};

describe('resultCharts', () => {
  for (const name of Object.keys(small) as ExperimentName[]) {
    it(`${name}: every spec compiles with vega-lite and carries data`, async () => {
      const result = await experiments[name].run(small[name], { seed: 0, workers: 1 });
      const charts = resultCharts(name, result);
      expect(charts.length).toBeGreaterThanOrEqual(2);
      expect(new Set(charts.map((c) => c.id)).size).toBe(charts.length);
      for (const c of charts) {
        expect(c.id).toMatch(/^[a-z0-9-]+$/);
        const vega = compile(c.spec as never).spec;
        const data = (vega.data ?? []) as { values?: unknown[] }[];
        expect(
          data.some((d) => Array.isArray(d.values) && d.values.length > 0),
          c.id,
        ).toBe(true);
        expect(JSON.parse(JSON.stringify(c.spec))).toEqual(c.spec);
      }
    });
  }

  it('refuses an unknown experiment by name', () => {
    expect(() => resultCharts('nope' as ExperimentName, {})).toThrow(
      /experiment must be one of .* got "nope"/,
    );
  });
});
