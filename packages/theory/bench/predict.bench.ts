import { bench, describe } from 'vitest';
import { predictRelu } from '../src/index';

const vaTones = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
const incommensurate = [1, Math.SQRT2, Math.sqrt(3)].map((freq) => ({ freq, amp: 1 }));

describe('predictRelu on the V.A tones (fundamental keying)', () => {
  for (const terms of [10, 20, 50]) {
    bench(`${terms} terms, binomial`, () => {
      predictRelu(vaTones, { terms });
    });
  }
  bench('50 terms, chebyshev', () => {
    predictRelu(vaTones, { terms: 50, method: 'chebyshev' });
  });
});

describe('predictRelu on 3 incommensurate tones (combination keying)', () => {
  for (const terms of [10, 20]) {
    bench(
      `${terms} terms, binomial`,
      () => {
        predictRelu(incommensurate, { terms });
      },
      { iterations: 5 },
    );
  }
});
