import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { activationSpectrum, relu } from './activations';
import { halfWaveRectifiedCosine } from './closed-forms';
import { predictRelu } from './predict';

interface Halfwave {
  amp: number;
  freq: number;
  coefficients: number[];
  maxImag: number;
}
const fixture = loadFixture<{ halfwave: Halfwave }>('theory/spectra.json').halfwave;

describe('halfWaveRectifiedCosine', () => {
  it('matches the FFT of a sampled rectified cosine (numpy), signs included', () => {
    const lines = halfWaveRectifiedCosine(fixture.amp, fixture.freq, 20);
    // The sampled FFT folds harmonics jN ± h (N = 4096 samples per period) onto h: at most
    // Σ_j 2·2a/(π(jN)²) = 2πa/(3N²) ≈ 2.1e-7.
    const aliasing = (2 * Math.PI * fixture.amp) / (3 * 4096 * 4096);
    expectClose(
      lines.map((l) => l.coefficient),
      fixture.coefficients,
      { atol: 1.05 * aliasing, rtol: 0 },
    );
    expect(fixture.maxImag).toBeLessThan(1e-9);
    expect(lines.map((l) => l.freq)).toEqual(
      Array.from({ length: 21 }, (_, h) => h * fixture.freq),
    );
  });
  it('DC a/π, fundamental a/2, +2a/(3π) at 2f, −2a/(15π) at 4f, odd harmonics 0', () => {
    const l = halfWaveRectifiedCosine(2, 5, 5);
    expectClose(
      l.map((x) => x.coefficient),
      [2 / Math.PI, 1, 4 / (3 * Math.PI), 0, -4 / (15 * Math.PI), 0],
      { rtol: 1e-15 },
    );
    expect(l[4]?.phase).toBe(Math.PI);
    expect(l[4]?.amplitude).toBeCloseTo(4 / (15 * Math.PI), 15);
  });
  it('Parseval: the coefficients carry the power of ReLU(a cos), a²/4', () => {
    const l = halfWaveRectifiedCosine(1, 1, 20000);
    const power = l.reduce(
      (s, x) => s + (x.harmonic === 0 ? x.coefficient ** 2 : x.coefficient ** 2 / 2),
      0,
    );
    expectClose(power, 0.25, { rtol: 1e-10 });
  });
  it('agrees with the numerical activation spectrum and the series prediction', () => {
    const measured = activationSpectrum(relu, [{ freq: 5, amp: 1.3 }], { fs: 5 * 1024 });
    const closed = halfWaveRectifiedCosine(1.3, 5, 8);
    const aliasing = (2 * Math.PI * 1.3) / (3 * 1024 * 1024); // 1024 samples per period
    for (const h of closed) {
      expectClose(measured.lines[h.harmonic]?.amplitude as number, h.amplitude, {
        atol: 1.05 * aliasing,
        rtol: 0,
      });
    }
    const predicted = predictRelu([{ freq: 5, amp: 1.3 }], { terms: 400 });
    expectClose(predicted.amplitudeAt(10), closed[2]?.amplitude as number, { rtol: 1e-3 });
  });
  it('rejects bad amp, freq and harmonics', () => {
    expect(() => halfWaveRectifiedCosine(-1, 5, 3)).toThrow(
      /amp must be a finite number >= 0, got -1/,
    );
    expect(() => halfWaveRectifiedCosine(1, 0, 3)).toThrow(
      /freq \(Hz\) must be a finite number > 0, got 0/,
    );
    expect(() => halfWaveRectifiedCosine(1, Number.NaN, 3)).toThrow(RangeError);
    expect(() => halfWaveRectifiedCosine(1, 5, -1)).toThrow(
      /harmonics must be an integer in \[0, 1000000\], got -1/,
    );
  });
});
