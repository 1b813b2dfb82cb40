import { bench, describe } from 'vitest';
import { freqz } from '../src/index';

// Matching scipy timings: tools/fixtures/signal/time_numpy.py; rfft: fft-sweep.bench.ts.
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
