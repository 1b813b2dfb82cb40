import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { vaTones } from '../test/helpers';
import { besselJ0 } from './bessel';
import { dcAfterFilter, firstOrderDc, reluDc } from './dc';
import { predictRelu } from './predict';
import type { Tone } from './tones';

interface DcCase {
  name: string;
  tones: Tone[];
  commensurate: boolean;
  dc: number;
  rtol: number;
  besselQuad?: number;
  simulation?: number;
  simulationRtol?: number;
}
interface FilterRow {
  kernel: number[];
  freq: number;
  amp: number;
  pooledCausal: number;
  pooledSteady: number;
  absH: number;
}
interface DcFixture {
  cases: DcCase[];
  j0: { z: number[]; j0: number[] };
  filters: { fs: number; n: number; rows: FilterRow[] };
}
const fixture = loadFixture<DcFixture>('theory/dc.json');

describe('reluDc against scipy oracles', () => {
  for (const c of fixture.cases) {
    it(`${c.name}: ${c.commensurate ? 'period integration' : 'Bessel integral'}`, () => {
      expectClose(reluDc(c.tones), c.dc, { rtol: c.rtol, label: c.name });
      if (c.besselQuad !== undefined) {
        expectClose(reluDc(c.tones, { method: 'bessel' }), c.besselQuad, {
          rtol: 1e-8,
          label: `${c.name} (scipy quad)`,
        });
      }
      if (c.simulation !== undefined) {
        expectClose(reluDc(c.tones), c.simulation, {
          rtol: c.simulationRtol as number,
          label: `${c.name} (simulation)`,
        });
      }
    });
  }

  it('one tone is exactly a/π by every method', () => {
    const tone = [{ freq: 3, amp: 2.5, phase: 1 }];
    expect(reluDc(tone)).toBe(2.5 / Math.PI);
    expect(reluDc(tone, { method: 'exact' })).toBe(2.5 / Math.PI);
    expectClose(reluDc(tone, { method: 'period' }), 2.5 / Math.PI, { rtol: 1e-13 });
    expectClose(reluDc(tone, { method: 'bessel' }), 2.5 / Math.PI, { rtol: 1e-9 });
  });

  it('two equal independent tones: E|cos a + cos b| = 8/π²', () => {
    const tones = [
      { freq: 1, amp: 1 },
      { freq: Math.SQRT2, amp: 1 },
    ];
    expectClose(reluDc(tones), 4 / (Math.PI * Math.PI), { rtol: 1e-9 });
  });

  it('commensurate DC depends on the phases; the Bessel value does not', () => {
    const a = [
      { freq: 5, amp: 1 },
      { freq: 10, amp: 1 },
    ];
    const b = [
      { freq: 5, amp: 1 },
      { freq: 10, amp: 1, phase: Math.PI / 2 },
    ];
    expect(Math.abs(reluDc(a) - reluDc(b))).toBeGreaterThan(1e-3);
    expect(reluDc(a, { method: 'bessel' })).toBe(reluDc(b, { method: 'bessel' }));
  });

  it('DC scales linearly with the amplitudes and ignores zero-amplitude tones', () => {
    const t = [
      { freq: 5, amp: 1 },
      { freq: 15, amp: 0.4, phase: 0.2 },
    ];
    const t3 = t.map((x) => ({ ...x, amp: 3 * x.amp }));
    expectClose(reluDc(t3), 3 * reluDc(t), { rtol: 1e-12 });
    expectClose(reluDc([...t, { freq: 7, amp: 0 }]), reluDc(t), { rtol: 1e-12 });
  });
});

describe('firstOrderDc and the truncated series', () => {
  it('is sqrt(A)/2 = Σa/(2√2)', () => {
    expectClose(firstOrderDc(vaTones), Math.SQRT2, { rtol: 1e-15 });
    expectClose(firstOrderDc([{ freq: 5, amp: 1 }]), 1 / (2 * Math.SQRT2), { rtol: 1e-15 });
    expectClose(firstOrderDc([{ freq: 5, amp: 1 }], { A: 2 }), Math.SQRT2 / 2, { rtol: 1e-15 });
  });
  it('the truncated series DC approaches the exact DC on V.A as terms grow', () => {
    const exact = reluDc(vaTones);
    const errors = [10, 50, 200].map((terms) =>
      Math.abs(predictRelu(vaTones, { terms }).dc - exact),
    );
    expect(errors[1]).toBeLessThan(errors[0] as number);
    expect(errors[2]).toBeLessThan(errors[1] as number);
    expect(errors[2]).toBeLessThan(0.005);
    expect(Math.abs(firstOrderDc(vaTones) - exact)).toBeGreaterThan(errors[0] as number);
  });
});

describe('besselJ0', () => {
  it('matches scipy.special.j0 to 1e-14 absolute on [0, 200] and beyond', () => {
    const got = fixture.j0.z.map((z) => besselJ0(z));
    expectClose(got, fixture.j0.j0, { atol: 1e-14, rtol: 1e-13 });
  });
  it('is even', () => {
    expect(besselJ0(-3.7)).toBe(besselJ0(3.7));
  });
  it('rejects non-finite z', () => {
    expect(() => besselJ0(Number.NaN)).toThrow(/z must be a finite number, got NaN/);
  });
});

describe('dcAfterFilter against measured pooled ReLU outputs (fs = 32, 2-tap filters)', () => {
  const { fs, n, rows } = fixture.filters;
  // A sampled ReLU(b·cos) over whole periods also averages its harmonics h with h·f ≡ 0 (mod fs)
  // — aliasing onto DC. Their total is the bound on |pooled − b/π|, b = amp·|H(f)|.
  const aliasBound = (b: number, freq: number) => {
    let s = 0;
    for (let k = 1; k < 100_000; k++) {
      if ((2 * k * freq) % fs === 0) s += (2 * b) / (Math.PI * (4 * k * k - 1));
    }
    return s;
  };
  for (const row of rows) {
    it(`kernel [${row.kernel}] at ${row.freq} Hz, amp ${row.amp}`, () => {
      const predicted = dcAfterFilter(row.kernel, row.freq, row.amp, fs);
      expectClose(predicted, (row.amp * row.absH) / Math.PI, { rtol: 1e-12, atol: 1e-15 });
      const bound = aliasBound(row.amp * row.absH, row.freq);
      expect(Math.abs(predicted - row.pooledSteady)).toBeLessThanOrEqual(bound + 1e-12);
      // Keras' causal zero pad changes one output sample of n: at most |k0|·amp/n.
      expect(Math.abs(predicted - row.pooledCausal)).toBeLessThanOrEqual(
        bound + (Math.abs(row.kernel[0] as number) * row.amp) / n + 1e-12,
      );
    });
  }
  it('orders the three V.D classes for a difference filter: |H| rises with f', () => {
    const d = [3, 5, 10].map((f) => dcAfterFilter([1, -1], f, 1, 32));
    expect(d[0]).toBeLessThan(d[1] as number);
    expect(d[1]).toBeLessThan(d[2] as number);
    expectClose(d[1] as number, (2 * Math.sin((Math.PI * 5) / 32)) / Math.PI, { rtol: 1e-14 });
  });
});

describe('bad input', () => {
  it('reluDc', () => {
    expect(() => reluDc([])).toThrow(/tones must contain at least one tone, got an empty array/);
    expect(() => reluDc([{ freq: -3, amp: 1 }])).toThrow(
      /freq \(Hz\) must be a finite number > 0, got -3/,
    );
    expect(() => reluDc([{ freq: 3, amp: Number.POSITIVE_INFINITY }])).toThrow(
      /amp must be a finite number, got Infinity/,
    );
    expect(() => reluDc([{ freq: 3, amp: -1 }])).toThrow(
      /amp must be a finite number >= 0, got -1/,
    );
    expect(() => reluDc(vaTones, { method: 'exact' })).toThrow(
      /exactly 1 tone for method = 'exact', got 4/,
    );
    expect(() =>
      reluDc(
        [
          { freq: 1, amp: 1 },
          { freq: Math.PI, amp: 1 },
        ],
        { method: 'period' },
      ),
    ).toThrow(/commensurate/);
    expect(() => reluDc(vaTones, { method: 'mc' as never })).toThrow(/method must be one of/);
    expect(() => reluDc(vaTones, 1 as never)).toThrow(TypeError);
  });
  it('firstOrderDc', () => {
    expect(() => firstOrderDc([])).toThrow(/at least one tone/);
    expect(() => firstOrderDc(vaTones, { A: 0 })).toThrow(/A must be a finite number > 0, got 0/);
  });
  it('dcAfterFilter', () => {
    expect(() => dcAfterFilter([], 5, 1, 32)).toThrow(/kernel must have at least 1 element/);
    expect(() => dcAfterFilter([1, Number.NaN], 5, 1, 32)).toThrow(
      /kernel must contain only finite numbers/,
    );
    expect(() => dcAfterFilter([1], 0, 1, 32)).toThrow(
      /freq must be in \(0, fs\/2\] = \(0, 16\] Hz, got 0/,
    );
    expect(() => dcAfterFilter([1], 17, 1, 32)).toThrow(/got 17/);
    expect(() => dcAfterFilter([1], 5, -1, 32)).toThrow(/amp must be a finite number >= 0, got -1/);
    expect(() => dcAfterFilter([1], 5, 1, 0)).toThrow(
      /fs \(Hz\) must be a finite number > 0, got 0/,
    );
  });
});
