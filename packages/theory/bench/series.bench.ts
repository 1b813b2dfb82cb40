import { tones as sampleTones } from '@rectify/signal';
import { bench, describe } from 'vitest';
import { absApproximation, reluSeries, sqrtSeriesCoefficients } from '../src/index';

const tones = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
const x = sampleTones(tones, { fs: 1024, n: 8192 });
const out = new Float64Array(x.length);

/** The authors' formulation for comparison: Σ c_n m^n with each power recomputed. */
function powerSum(
  samples: Float64Array,
  terms: number,
  A: number,
  target: Float64Array,
): Float64Array {
  const c = sqrtSeriesCoefficients(terms);
  const sqrtA = Math.sqrt(A);
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] as number;
    const m = (v * v) / A - 1;
    let s = 0;
    for (let k = 0; k < terms; k++) s += (c[k] as number) * m ** k;
    target[i] = 0.5 * v + 0.5 * sqrtA * s;
  }
  return target;
}

describe('ReLU series, 50 terms, 8192 samples (V.A)', () => {
  bench('reluSeries binomial (Horner, out)', () => {
    reluSeries(x, { terms: 50, A: 8, out });
  });
  bench('reluSeries binomial (allocating)', () => {
    reluSeries(x, { terms: 50, A: 8 });
  });
  bench('absApproximation chebyshev (Clenshaw, out)', () => {
    absApproximation(x, { terms: 50, A: 8, method: 'chebyshev', out });
  });
  bench('power sum Σ c_n m^n (reference)', () => {
    powerSum(x, 50, 8, out);
  });
});
