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
  for (const n of lengths) {
    const x = input(n);
    bench(
      `rfft n=${n}`,
      () => {
        rfft(x);
      },
      {
        time: n >= 2 ** 20 ? 1500 : n >= 2 ** 16 ? 500 : 200,
        warmupTime: n >= 2 ** 20 ? 300 : 50,
        setup: () => {
          rfft(x);
        },
      },
    );
  }
});
