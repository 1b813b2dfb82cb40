import { readFileSync } from 'node:fs';
import { bench, describe } from 'vitest';
import { rfft } from '../src/index';

// The committed sweep (tools/fixtures/signal/gen_fft_sweep.py writes it); numpy's times for the
// same lengths and input come from tools/fixtures/signal/time_fft_sweep.py.
const { lengths } = JSON.parse(
  readFileSync(new URL('../../../tools/fixtures/signal/fft_sweep.json', import.meta.url), 'utf8'),
) as { lengths: number[] };

/** The timing input: sin(0.001·i) (the Python script uses the same formula). */
function input(n: number): Float64Array {
  return new Float64Array(n).map((_, i) => Math.sin(0.001 * i));
}

describe('rfft over the sweep (cached plan, fresh output — like numpy.fft.rfft)', () => {
  // One input alive at a time (made in setup, dropped in teardown): the 30 inputs together
  // would keep ~200 MB on the heap and slow every garbage collection of the later lengths.
  let x: Float64Array = new Float64Array(0);
  for (const n of lengths) {
    bench(
      `rfft n=${n}`,
      () => {
        rfft(x);
      },
      {
        time: n >= 2 ** 20 ? 1500 : n >= 2 ** 16 ? 500 : 200,
        warmupTime: n >= 2 ** 20 ? 300 : 50,
        setup: () => {
          if (x.length !== n) x = input(n);
          rfft(x);
        },
        teardown: () => {
          x = new Float64Array(0);
        },
      },
    );
  }
});
