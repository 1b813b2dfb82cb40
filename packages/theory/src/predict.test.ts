import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { sampleTones, vaFs, vaSignal, vaTones } from '../test/helpers';
import {
  newFrequencies,
  predictAbs,
  predictActivation,
  predictLeakyRelu,
  predictRelu,
} from './predict';
import { reluSeries } from './series';

interface VaSpectrum {
  freqs: number[];
  amplitude: number[];
  signedDc: number;
}
const measured = loadFixture<{ va: VaSpectrum }>('theory/spectra.json').va;

describe('predictRelu against the FFT of the sampled ReLU on V.A', () => {
  const largest = Math.max(...measured.amplitude);
  const strong = measured.freqs
    .map((freq, i) => ({ freq, amplitude: measured.amplitude[i] as number }))
    .filter((l) => l.amplitude > 0.01 * largest);

  it('predicts every measured line above 1% of the largest peak', () => {
    expect(strong.length).toBeGreaterThan(10);
    const predicted = predictRelu(vaTones, { terms: 50 }).byFrequency();
    for (const line of strong) {
      const hit = predicted.find((p) => Math.abs(p.freq - line.freq) < 1e-9);
      expect(hit, `line at ${line.freq} Hz`).toBeDefined();
      expect(hit?.amplitude as number, `line at ${line.freq} Hz`).toBeGreaterThan(0.003 * largest);
    }
  });

  it('the predicted amplitudes converge to the measured ones as terms grow', () => {
    const worst: number[] = [];
    for (const terms of [5, 10, 20, 50, 100]) {
      const predicted = predictRelu(vaTones, { terms });
      let w = 0;
      for (const line of strong)
        w = Math.max(w, Math.abs(predicted.amplitudeAt(line.freq) - line.amplitude));
      worst.push(w);
    }
    for (let i = 1; i < worst.length; i++) expect(worst[i]).toBeLessThan(worst[i - 1] as number);
    expect(worst[worst.length - 1]).toBeLessThan(0.01);
  });

  it('the x/2 part: the input tones keep amplitude 1/2 up to the series error', () => {
    const predicted = predictRelu(vaTones, { terms: 100 });
    for (const f of [5, 10, 20, 40]) {
      const m = strong.find((l) => l.freq === f)?.amplitude as number;
      expectClose(predicted.amplitudeAt(f), m, { rtol: 0.05 });
    }
  });
});

describe('predictRelu is the sampled series, line by line', () => {
  it('toSignal equals reluSeries on the samples (binomial and Chebyshev, V.A)', () => {
    const x = vaSignal().subarray(0, 1024);
    for (const method of ['binomial', 'chebyshev'] as const) {
      const s = predictRelu(vaTones, { terms: 30, method, floor: 0 });
      expectClose(s.toSignal(vaFs, 1024), reluSeries(x, { terms: 30, method, A: 8 }), {
        atol: 1e-9,
        rtol: 0,
      });
    }
  });
  it('combination keying (incommensurate tones) equals the sampled series', () => {
    const tones = [
      { freq: 1, amp: 1, phase: 0.2 },
      { freq: Math.SQRT2, amp: 0.6, phase: -0.4 },
      { freq: Math.sqrt(5), amp: 0.3 },
    ];
    const x = sampleTones(tones, 20, 200);
    const s = predictRelu(tones, { terms: 12, floor: 0 });
    expectClose(s.toSignal(20, 200), reluSeries(x, { terms: 12, tones }), { atol: 1e-9, rtol: 0 });
    // ReLU creates only even-order combinations, so for incommensurate tones the line at f_i is
    // exactly the x/2 part: a_i/2.
    expectClose(s.amplitudeAt(1), 0.5, { rtol: 1e-12 });
    expectClose(s.amplitudeAt(Math.SQRT2), 0.3, { rtol: 1e-12 });
    // and no odd harmonic: 3·f1 is absent
    expect(s.amplitudeAt(3)).toBe(0);
    const keyed = predictRelu(tones, { terms: 12, floor: 0, keyBy: 'combination' });
    expect(keyed.size).toBe(s.size);
  });
  it('fundamental and combination keying agree on commensurate tones', () => {
    const tones = [
      { freq: 5, amp: 1 },
      { freq: 15, amp: 0.5, phase: 1 },
    ];
    const a = predictRelu(tones, { terms: 15, floor: 0, keyBy: 'combination' });
    const b = predictRelu(tones, { terms: 15, floor: 0, keyBy: 'fundamental' });
    expectClose(a.toSignal(100, 100), b.toSignal(100, 100), { atol: 1e-12, rtol: 0 });
  });
  it('ReLU = x/2 + |x|/2 and LeakyReLU = ((1+α)/2)x + ((1−α)/2)|x| on the line spectra', () => {
    const tones = [
      { freq: 5, amp: 1 },
      { freq: 7, amp: 0.5 },
    ];
    const abs = predictAbs(tones, { terms: 20, floor: 0 }).toSignal(100, 50);
    const x = sampleTones(tones, 100, 50);
    const relu = predictRelu(tones, { terms: 20, floor: 0 }).toSignal(100, 50);
    expectClose(
      relu,
      x.map((v, i) => v / 2 + (abs[i] as number) / 2),
      { atol: 1e-12, rtol: 0 },
    );
    const leaky = predictLeakyRelu(tones, { terms: 20, floor: 0, alpha: 0.2 }).toSignal(100, 50);
    expectClose(
      leaky,
      x.map((v, i) => 0.6 * v + 0.4 * (abs[i] as number)),
      { atol: 1e-12, rtol: 0 },
    );
  });
  it('one tone: DC → a/π, second harmonic → 2a/(3π), no odd harmonics', () => {
    const s = predictRelu([{ freq: 4, amp: 2 }], { terms: 2000, floor: 1e-12 });
    expectClose(s.dc, 2 / Math.PI, { rtol: 1e-4 });
    expectClose(s.amplitudeAt(8), 4 / (3 * Math.PI), { rtol: 1e-3 });
    expectClose(s.amplitudeAt(4), 1, { rtol: 1e-12 });
    expect(s.amplitudeAt(12)).toBe(0);
  });
});

describe('predictActivation', () => {
  const tones = [
    { freq: 5, amp: 1 },
    { freq: 7, amp: 0.5 },
  ];
  const options = { terms: 12, floor: 0, alpha: 0.2 };
  it('uses the series predictor of the name, with its options', () => {
    const signalOf = (s: ReturnType<typeof predictActivation>) => s?.toSignal(100, 50);
    expectClose(
      signalOf(predictActivation('relu', tones, options)) as Float64Array,
      predictRelu(tones, { terms: 12, floor: 0 }).toSignal(100, 50),
      { atol: 0, rtol: 0 },
    );
    expectClose(
      signalOf(predictActivation('leaky', tones, options)) as Float64Array,
      predictLeakyRelu(tones, { terms: 12, floor: 0, alpha: 0.2 }).toSignal(100, 50),
      { atol: 0, rtol: 0 },
    );
    expectClose(
      signalOf(predictActivation('abs', tones, options)) as Float64Array,
      predictAbs(tones, { terms: 12, floor: 0 }).toSignal(100, 50),
      { atol: 0, rtol: 0 },
    );
    expectClose(
      predictActivation('abs', [{ freq: 5, amp: 1 }], { terms: 2000 })?.dc ?? 0,
      2 / Math.PI,
      {
        rtol: 1e-4,
      },
    );
  });
  it('returns null for the activations without a series, and rejects unknown names', () => {
    expect(predictActivation('gelu', tones)).toBeNull();
    expect(predictActivation('silu', tones)).toBeNull();
    expect(predictActivation('tanh', tones)).toBeNull();
    expect(() => predictActivation('elu' as never, tones)).toThrow(
      /name must be one of 'relu', 'leaky', 'gelu', 'silu', 'tanh', 'abs', got 'elu'/,
    );
    expect(() => predictActivation('relu', tones, { terms: 0 })).toThrow(
      /terms must be an integer in \[1, 10000\], got 0/,
    );
  });
});

describe('newFrequencies', () => {
  it('lists DC, even harmonics and intermodulation up to the order', () => {
    const f = newFrequencies(
      [
        { freq: 5, amp: 1 },
        { freq: 7, amp: 1 },
      ],
      2,
    );
    expect(f.map((l) => l.freq)).toEqual([0, 2, 10, 12, 14]);
    expect(f.map((l) => l.combinations.map((c) => c.label))).toEqual([
      ['DC'],
      ['f2-f1'],
      ['2·f1'],
      ['f1+f2'],
      ['2·f2'],
    ]);
    expect(f.every((l) => !l.coincidesWithInput)).toBe(true);
  });
  it('flags combinations that land on an input frequency (commensurate tones)', () => {
    const f = newFrequencies(
      [
        { freq: 5, amp: 1 },
        { freq: 10, amp: 1 },
      ],
      2,
    );
    const at5 = f.find((l) => l.freq === 5);
    expect(at5?.coincidesWithInput).toBe(true);
    expect(at5?.combinations.map((c) => c.label)).toEqual(['f2-f1']);
    expect(f.find((l) => l.freq === 10)?.combinations.map((c) => c.label)).toEqual(['2·f1']);
  });
  it('every predicted V.A line at 10 terms is a listed frequency of order <= 18', () => {
    const listed = new Set(newFrequencies(vaTones, 18).map((l) => l.freq));
    for (const line of predictRelu(vaTones, { terms: 10 }).byFrequency()) {
      if (![5, 10, 20, 40].includes(line.freq))
        expect(listed.has(line.freq), `${line.freq} Hz`).toBe(true);
    }
  });
  it('rejects bad orders and tone lists', () => {
    expect(() => newFrequencies([{ freq: 5, amp: 1 }], -1)).toThrow(
      /order must be an integer in \[0, 64\], got -1/,
    );
    expect(() => newFrequencies([], 2)).toThrow(/at least one tone/);
    expect(() => newFrequencies([{ freq: Number.NaN, amp: 1 }], 2)).toThrow(RangeError);
  });
});

describe('predictRelu bad input', () => {
  it('tones, terms, A, floor, method, keyBy, alpha', () => {
    expect(() => predictRelu([])).toThrow(
      /tones must contain at least one tone, got an empty array/,
    );
    expect(() => predictRelu([{ freq: 0, amp: 1 }])).toThrow(
      /tones\[0\]\.freq \(Hz\) must be a finite number > 0, got 0/,
    );
    expect(() => predictRelu([{ freq: 1, amp: -1 }])).toThrow(
      /amp must be a finite number >= 0, got -1/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 1 }], { terms: 0 })).toThrow(
      /terms must be an integer in \[1, 10000\], got 0/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 1 }], { A: 0 })).toThrow(
      /A must be a finite number > 0, got 0/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 2 }], { A: 1 })).toThrow(
      /A must be >= \(Σ\|a_i\|\)²\/2 = 2 .*got A = 1/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 0 }])).toThrow(/needs a tone with amp > 0/);
    expect(() => predictRelu([{ freq: 1, amp: 1 }], { A: 'peak' as never })).toThrow(TypeError);
    expect(() => predictRelu([{ freq: 1, amp: 1 }], { floor: -1 })).toThrow(
      /floor must be a finite number >= 0/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 1 }], { maxFreq: -2 })).toThrow(
      /maxFreq must be a number > 0/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 1 }], { method: 'taylor' as never })).toThrow(
      /method must be one of/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 1 }], { keyBy: 'x' as never })).toThrow(
      /keyBy must be one of/,
    );
    expect(() =>
      predictRelu(
        [
          { freq: 1, amp: 1 },
          { freq: Math.E, amp: 1 },
        ],
        { keyBy: 'fundamental' },
      ),
    ).toThrow(/rational/);
    expect(() => predictLeakyRelu([{ freq: 1, amp: 1 }], { alpha: Number.NaN })).toThrow(
      /alpha must be a finite number, got NaN/,
    );
    expect(() => predictRelu([{ freq: 1, amp: 1 }], 5 as never)).toThrow(TypeError);
  });
  it('maxFreq keeps only low lines', () => {
    const s = predictRelu(vaTones, { terms: 20, maxFreq: 60 });
    expect(Math.max(...s.byFrequency().map((l) => l.freq))).toBeLessThanOrEqual(60);
  });
});
