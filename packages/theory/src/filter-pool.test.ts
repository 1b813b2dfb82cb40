import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { dcAfterFilter } from './dc';
import {
  type FilterPoolFields,
  type PooledTone,
  filterReluPool,
  parseFilterPoolFields,
} from './filter-pool';

interface Fixture {
  cases: {
    kernel: number[];
    fs: number;
    n: number;
    freqs: number[];
    amp: number;
    tones: PooledTone[];
    grid: { index: number; freq: number; gain: number }[];
  }[];
}

const fixture = loadFixture<Fixture>('theory/filter_pool.json');
/** The paper's V.D setting: a 2-tap filter, tones at 3, 5 and 10 Hz, fs = 32 Hz, 256 samples. */
const VD: FilterPoolFields = {
  kernel: '0.6, -0.4',
  fs: '32',
  n: '256',
  freqs: '3, 5, 10',
  amp: '1',
};

describe('filterReluPool', () => {
  it('matches numpy/scipy: causal conv, ReLU and pooling, measured and predicted (fixture)', () => {
    for (const c of fixture.cases) {
      const out = filterReluPool({
        kernel: c.kernel,
        fs: c.fs,
        n: c.n,
        freqs: c.freqs,
        amp: c.amp,
      });
      expect(out.tones.map((t) => t.freq)).toEqual(c.freqs);
      for (const key of ['gain', 'measuredRelu', 'predictedRelu', 'measuredLinear'] as const) {
        expectClose(
          out.tones.map((t) => t[key]),
          c.tones.map((t) => t[key]),
          { atol: 1e-13, rtol: 1e-12 },
        );
      }
      expect(out.freqs.length).toBe(512);
      for (const g of c.grid) {
        expectClose([out.freqs[g.index] as number], [g.freq], { atol: 1e-12, rtol: 1e-14 });
        expectClose([out.gain[g.index] as number], [g.gain], { atol: 1e-13, rtol: 1e-12 });
      }
    }
  });

  it('draws amp·|H(f)|/π on the grid, null at 0 Hz, and the pooled ReLU value tends to it', () => {
    const params = { kernel: [0.6, -0.4], fs: 1024, n: 4096, freqs: [4, 16], amp: 2 };
    const out = filterReluPool(params);
    expect(out.predictedCurve[0]).toBeNull();
    const i = 100;
    expect(out.predictedCurve[i]).toBeCloseTo((2 * (out.gain[i] as number)) / Math.PI, 14);
    for (const t of out.tones) {
      expect(t.predictedRelu).toBe(dcAfterFilter(params.kernel, t.freq, params.amp, params.fs));
      // Whole periods of ≥ 64 samples (sampling error < 0.1 %) and one edge sample of the
      // 2-tap causal filter, which moves a mean by at most Σ|w|·amp/n.
      const edge = (1 * params.amp) / params.n;
      expect(Math.abs(t.measuredRelu - t.predictedRelu)).toBeLessThan(
        edge + 1e-3 * t.predictedRelu,
      );
      expect(Math.abs(t.measuredLinear)).toBeLessThanOrEqual(edge);
    }
  });

  it('refuses a kernel longer than the signal, a bad fs and a tone above fs/2, naming them', () => {
    expect(() => filterReluPool({ kernel: [1, 1, 1], fs: 32, n: 2, freqs: [3], amp: 1 })).toThrow(
      "n must be an integer ≥ the kernel's length (3 samples), got 2",
    );
    expect(() => filterReluPool({ kernel: [1], fs: -1, n: 8, freqs: [3], amp: 1 })).toThrow(/fs/);
    expect(() => filterReluPool({ kernel: [1], fs: 32, n: 8, freqs: [17], amp: 1 })).toThrow(
      'freq must be in (0, fs/2] = (0, 16] Hz, got 17',
    );
    expect(() =>
      filterReluPool({ kernel: [1], fs: 32, n: 8, freqs: 3 as unknown as number[], amp: 1 }),
    ).toThrow(new TypeError('freqs must be an array of frequencies in Hz, got 3'));
  });
});

describe('parseFilterPoolFields', () => {
  it('reads the V.D setting', () => {
    expect(parseFilterPoolFields(VD)).toEqual({
      ok: true,
      errors: {},
      value: { kernel: [0.6, -0.4], fs: 32, n: 256, freqs: [3, 5, 10], amp: 1 },
    });
  });

  it('names the field, the rule and the value received', () => {
    const parsed = parseFilterPoolFields({
      kernel: '1 2 3',
      fs: '32',
      n: '2',
      freqs: '3, 17',
      amp: '0',
    });
    expect(parsed.ok).toBe(false);
    expect(parsed.errors).toEqual({
      n: 'samples must be an integer ≥ 8 and ≤ 65536, got "2"',
      amp: 'amplitude must be a number > 0, got "0"',
      freqs: 'frequencies[1] must be > 0 Hz and ≤ 16 Hz (the Nyquist frequency fs/2), got 17',
    });
    expect(
      parseFilterPoolFields({ ...VD, n: '8', kernel: '1 1 1 1 1 1 1 1 1' }).errors.kernel,
    ).toBe('kernel must be no longer than the signal (8 samples), got 9 taps');
    expect(parseFilterPoolFields({ ...VD, freqs: '16' }).ok).toBe(true);
  });
});
