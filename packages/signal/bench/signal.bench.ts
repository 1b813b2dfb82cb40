import { bench, describe } from 'vitest';
import { freqz, rfft } from '../src/index';

// Matching numpy/scipy timings: tools/fixtures/signal/time_numpy.py (same sizes, same inputs).
const sizes = [...Array.from({ length: 13 }, (_, i) => 2 ** (i + 8)), 1000, 8191];

/** The timing input: sin(0.001·i) (the Python script uses the same formula). */
function input(n: number): Float64Array {
  return new Float64Array(n).map((_, i) => Math.sin(0.001 * i));
}

describe('rfft (cached plan, fresh output array — like numpy.fft.rfft)', () => {
  for (const n of sizes) {
    const x = input(n);
    rfft(x);
    bench(
      `rfft n=${n}`,
      () => {
        rfft(x);
      },
      { time: n >= 2 ** 17 ? 400 : 200, warmupTime: 50 },
    );
  }
});

describe('freqz (3 taps, 512 points — like scipy.signal.freqz)', () => {
  const b = [0.25, 0.5, 0.25];
  bench(
    'freqz fir3 worN=512',
    () => {
      freqz(b, [1], { worN: 512 });
    },
    { time: 200 },
  );
  bench(
    'freqz iir (b, a 3 taps) worN=512',
    () => {
      freqz(b, [1, -0.5, 0.25], { worN: 512 });
    },
    { time: 200 },
  );
});
