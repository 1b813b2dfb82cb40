import { bench, describe } from 'vitest';
import { predictRelu } from '../src/index';
import { loadBaseline } from './baseline';

// Same-job ratios: each group runs the rewrite beside the Map-keyed accumulator it replaced.
const before = await loadBaseline();

const va = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
const irrational = [
  1,
  Math.SQRT2,
  Math.sqrt(3),
  Math.sqrt(5),
  Math.PI,
  Math.E,
  Math.sqrt(7),
  11 ** 0.5,
];
const incommensurate = (d: number) => irrational.slice(0, d).map((freq) => ({ freq, amp: 1 }));

describe('V.A, 50 terms, binomial (fundamental keying, 238 lines)', () => {
  bench(
    'typed-array accumulator',
    () => {
      predictRelu(va, { terms: 50 });
    },
    { time: 3000 },
  );
  bench(
    'Map-keyed accumulator (before)',
    () => {
      before.predictRelu(va, { terms: 50 });
    },
    { time: 3000 },
  );
});

describe('V.A, 50 terms, chebyshev (fundamental keying)', () => {
  bench(
    'typed-array accumulator',
    () => {
      predictRelu(va, { terms: 50, method: 'chebyshev' });
    },
    { time: 3000 },
  );
  bench(
    'Map-keyed accumulator (before)',
    () => {
      before.predictRelu(va, { terms: 50, method: 'chebyshev' });
    },
    { time: 3000 },
  );
});

describe('3 incommensurate tones, 20 terms (combination keying, 6747 lines)', () => {
  bench(
    'typed-array accumulator',
    () => {
      predictRelu(incommensurate(3), { terms: 20 });
    },
    { iterations: 5 },
  );
  bench(
    'Map-keyed accumulator (before)',
    () => {
      before.predictRelu(incommensurate(3), { terms: 20 });
    },
    { iterations: 5 },
  );
});

describe('4 incommensurate tones, 10 terms (combination keying, 18 001 lines)', () => {
  bench(
    'typed-array accumulator',
    () => {
      predictRelu(incommensurate(4), { terms: 10 });
    },
    { iterations: 3 },
  );
  bench(
    'Map-keyed accumulator (before)',
    () => {
      before.predictRelu(incommensurate(4), { terms: 10 });
    },
    { iterations: 3 },
  );
});

describe('8 incommensurate tones, 50 terms, maxOrder 6, floor 1e-4 (target < 2 s)', () => {
  bench(
    'typed-array accumulator, truncated',
    () => {
      predictRelu(incommensurate(8), { terms: 50, maxOrder: 6, floor: 1e-4 });
    },
    { iterations: 3, warmupIterations: 1 },
  );
});
