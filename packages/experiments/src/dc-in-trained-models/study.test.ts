import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ablationStudy, groupInterval, summarizeAblation, syntheticPpgProbe } from './study';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** x → ReLU → GlobalAveragePooling1D: the output is the ReLU's DC, mean_t relu(x). */
function dcReadout(): tf.LayersModel {
  const input = tf.input({ shape: [256, 1] });
  const r = tf.layers.activation({ activation: 'relu', name: 'relu' }).apply(input);
  const y = tf.layers.globalAveragePooling1d({ name: 'gap' }).apply(r) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: y });
}

describe('ablationStudy on a model that reads only the DC', () => {
  const probe = () => syntheticPpgProbe({ heartRates: [60, 120], seeds: 3 });

  it('removing the DC zeroes the output; keeping only the DC, or x/2 plus the DC, changes nothing', () => {
    const p = probe();
    const study = ablationStudy(dcReadout(), p, {
      modes: ['remove-dc', 'dc-only', 'remove-harmonics', 'scale-dc:3'],
    });
    expect(study.chosen).toEqual(['relu']);
    const [removeDc, dcOnly, harmonics, scale3] = study.runs;
    const base = study.baseline.map((r) => r[0] as number);
    expect(base.every((b) => b > 0.1)).toBe(true);
    for (const [i, b] of base.entries()) {
      expect(removeDc?.outputs[i]?.[0]).toBeCloseTo(0, 6);
      expect(dcOnly?.outputs[i]?.[0]).toBeCloseTo(b, 6);
      expect(harmonics?.outputs[i]?.[0]).toBeCloseTo(b, 6);
      expect(scale3?.outputs[i]?.[0]).toBeCloseTo(3 * b, 5);
    }
    const report = summarizeAblation(study, p);
    expect(report.heartRateModel).toBe(true);
    expect(report.runs[0]?.change.mean).toBeCloseTo(report.baseline.meanOutput, 6);
    // Read as a heart rate, its error rises by exactly the change in output here (outputs ≪ HR).
    expect(report.runs[0]?.errorIncrease?.mean).toBeCloseTo(report.baseline.meanOutput, 6);
  });

  it('refuses a probe whose length is not the model input’s, naming both', () => {
    const p = syntheticPpgProbe({ heartRates: [60], seeds: 2, samples: 128 });
    expect(() => ablationStudy(dcReadout(), p, { modes: ['remove-dc'] })).toThrow(
      /probe signals must have the model's 256 samples, got 128/,
    );
    expect(() => ablationStudy(dcReadout(), probe(), { modes: ['nope'] })).toThrow(
      /modes must be one of/,
    );
  });
});

describe('groupInterval', () => {
  it('averages within groups, then brackets the mean of the group means', () => {
    const i = groupInterval([1, 3, 10, 12, 5, 7], [0, 0, 1, 1, 2, 2], 0.95, 1);
    expect(i.mean).toBeCloseTo(38 / 6, 12);
    expect(i.n).toBe(3);
    expect(i.low).toBeGreaterThanOrEqual(2);
    expect(i.high).toBeLessThanOrEqual(11);
    expect(i.low).toBeLessThan(i.mean);
    expect(i.high).toBeGreaterThan(i.mean);
    expect(groupInterval([4, 4], [0, 0], 0.95, 1)).toEqual({ mean: 4, low: 4, high: 4, n: 1 });
  });
});
