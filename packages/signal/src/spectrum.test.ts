import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { amplitudeSpectrum, findPeaks, getWindow, tones, valueAt, type WindowName } from './index';

interface Fixture {
  windows: { window: WindowName; n: number; w: number[] }[];
  spectra: {
    n: number;
    fs: number;
    placement: string;
    f1: number;
    f2: number;
    window: WindowName;
    amplitude: number[];
    magnitude: number[];
  }[];
}
const fixture = loadFixture<Fixture>('signal/spectrum.json');

/** The generator's signal: 0.7 + 1.5 cos(2π f1 t + 0.4) + 0.25 cos(2π f2 t − 1). */
function testSignal(n: number, fs: number, f1: number, f2: number): Float64Array {
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t = i / fs;
    x[i] =
      0.7 + 1.5 * Math.cos(2 * Math.PI * f1 * t + 0.4) + 0.25 * Math.cos(2 * Math.PI * f2 * t - 1);
  }
  return x;
}

describe('windows against scipy.signal.get_window (periodic)', () => {
  it(`${fixture.windows.length} windows`, () => {
    for (const c of fixture.windows) {
      expectClose(getWindow(c.window, c.n), c.w, {
        rtol: 1e-13,
        atol: 1e-15,
        label: `${c.window} n=${c.n}`,
      });
    }
  });
});

describe('amplitudeSpectrum against numpy/scipy', () => {
  for (const c of fixture.spectra) {
    it(`n=${c.n} ${c.placement} ${c.window}`, () => {
      const x = testSignal(c.n, c.fs, c.f1, c.f2);
      const s = amplitudeSpectrum(x, { fs: c.fs, window: c.window });
      expectClose(s.amplitude, c.amplitude, { rtol: 1e-10, atol: 1e-12 });
      expectClose(
        s.freqs,
        Array.from({ length: s.freqs.length }, (_, k) => (k * c.fs) / c.n),
        { rtol: 1e-15 },
      );
      const m = amplitudeSpectrum(x, { fs: c.fs, window: c.window, scaling: 'magnitude' });
      expectClose(m.amplitude, c.magnitude, { rtol: 1e-10, atol: 1e-11 });
      if (c.placement === 'onBin') {
        // On a bin, with the other lines ≥ 5 bins away (beyond every periodic window's main
        // lobe), the coherent-gain correction makes the tone and the DC read back exactly.
        expectClose(valueAt(s, c.f1), 1.5, { rtol: 1e-12 });
        expectClose(valueAt(s, c.f2), 0.25, { rtol: 1e-11 });
        expectClose(valueAt(s, 0), 0.7, { rtol: 1e-12 });
      }
    });
  }

  it('every bin of n = 1 … 12 matches a direct DFT (the result shares the transform’s memory)', () => {
    for (let n = 1; n <= 12; n++) {
      const x = Array.from({ length: n }, (_, j) => Math.sin(1.3 * j + 0.2) + 0.1 * j);
      const fs = 7;
      for (const scaling of ['amplitude', 'magnitude'] as const) {
        const s = amplitudeSpectrum(x, { fs, scaling });
        const bins = Math.floor(n / 2) + 1;
        expect(s.freqs.length, `n = ${n}`).toBe(bins);
        expect(s.amplitude.length).toBe(bins);
        // Two disjoint halves of one buffer: writing one never changes the other.
        expect(s.freqs.byteOffset + s.freqs.byteLength).toBeLessThanOrEqual(s.amplitude.byteOffset);
        const direct = Array.from({ length: bins }, (_, k) => {
          let re = 0;
          let im = 0;
          x.forEach((v, j) => {
            re += v * Math.cos((2 * Math.PI * j * k) / n);
            im -= v * Math.sin((2 * Math.PI * j * k) / n);
          });
          const single = scaling === 'magnitude' || k === 0 || 2 * k === n ? 1 : 2;
          return (single * Math.hypot(re, im)) / (scaling === 'magnitude' ? 1 : n);
        });
        expectClose(s.amplitude, direct, { rtol: 1e-12, atol: 1e-12, label: `n = ${n}` });
        expect(Array.from(s.freqs)).toEqual(Array.from({ length: bins }, (_, k) => (k * fs) / n));
      }
    }
  });

  it('rectangular window: a·cos on a bin reads a, a constant reads c, Nyquist not doubled', () => {
    const x = tones(
      [
        { freq: 4, amp: 2, phase: 1 },
        { freq: 16, amp: 0.5 },
      ],
      { fs: 32, n: 64 },
    ).map((v) => v + 3);
    const s = amplitudeSpectrum(x, { fs: 32 });
    expectClose(valueAt(s, 0), 3, { rtol: 1e-13 });
    expectClose(valueAt(s, 4), 2, { rtol: 1e-13 });
    expectClose(valueAt(s, 16), 0.5, { rtol: 1e-13 });
    expect(s.freqs.length).toBe(33);
  });

  it('half a bin off: flattop reads the tone within its 0.02 dB scalloping, hann loses ~15 %', () => {
    const x = tones([{ freq: (10.5 * 32) / 256, amp: 1 }], { fs: 32, n: 256 });
    const flat = findPeaks(amplitudeSpectrum(x, { fs: 32, window: 'flattop' }), { count: 1 })[0]!;
    expect(Math.abs(flat.amplitude - 1)).toBeLessThan(2.5e-3);
    const hann = findPeaks(amplitudeSpectrum(x, { fs: 32, window: 'hann' }), { count: 1 })[0]!;
    expectClose(hann.amplitude, 0.85, { rtol: 0, atol: 0.01 });
  });
});

describe('findPeaks and valueAt', () => {
  const s = amplitudeSpectrum(
    tones(
      [
        { freq: 2, amp: 1 },
        { freq: 3, amp: 0.4 },
        { freq: 6, amp: 0.8 },
        { freq: 10, amp: 0.2 },
      ],
      { fs: 32, n: 64 },
    ).map((v) => v + 0.5),
    { fs: 32 },
  );

  it('returns peaks largest first, endpoints included', () => {
    const peaks = findPeaks(s, { minHeight: 1e-9 });
    expect(peaks.map((p) => p.freq)).toEqual([2, 6, 0, 3, 10]);
    expect(peaks[0]).toEqual({ freq: 2, amplitude: peaks[0]!.amplitude, index: 4 });
    expectClose(peaks[0]!.amplitude, 1, { rtol: 1e-12 });
  });

  it('applies count, minHeight and minDistanceHz', () => {
    expect(findPeaks(s, { count: 2 }).map((p) => p.freq)).toEqual([2, 6]);
    expect(findPeaks(s, { minHeight: 0.45 }).map((p) => p.freq)).toEqual([2, 6, 0]);
    expect(findPeaks(s, { minDistanceHz: 1.5, minHeight: 1e-9 }).map((p) => p.freq)).toEqual([
      2, 6, 0, 10,
    ]);
  });

  it('valueAt picks the nearest bin', () => {
    expectClose(valueAt(s, 6.2), 0.8, { rtol: 1e-12 });
    expectClose(valueAt(s, 5.8), 0.8, { rtol: 1e-12 });
    expectClose(valueAt(s, 16), s.amplitude[32]!, { rtol: 0 });
  });
});

describe('spectrum bad input', () => {
  it('amplitudeSpectrum validates x, fs, window and scaling', () => {
    expect(() => amplitudeSpectrum([], { fs: 1 })).toThrow(/x must have at least 1 element/);
    expect(() => amplitudeSpectrum([1, Number.NaN], { fs: 1 })).toThrow(
      /x must contain only finite numbers/,
    );
    expect(() => amplitudeSpectrum([1, 2], { fs: -1 })).toThrow(
      new RangeError('fs must be a finite number > 0, got -1'),
    );
    expect(() => amplitudeSpectrum([1, 2], { fs: 1, window: 'kaiser' as WindowName })).toThrow(
      new RangeError(
        "window must be one of 'rectangular', 'hann', 'hamming', 'blackman', 'flattop', got 'kaiser'",
      ),
    );
    expect(() => amplitudeSpectrum([1, 2], { fs: 1, scaling: 'power' as 'amplitude' })).toThrow(
      /scaling must be one of/,
    );
    expect(() => amplitudeSpectrum([1, 2], undefined as never)).toThrow(TypeError);
  });

  it('getWindow validates', () => {
    expect(() => getWindow('hann', 0)).toThrow(/n must be an integer >= 1, got 0/);
    expect(() => getWindow('bartlett' as WindowName, 4)).toThrow(RangeError);
  });

  it('findPeaks and valueAt validate', () => {
    expect(() => findPeaks({ freqs: new Float64Array(2), amplitude: new Float64Array(3) })).toThrow(
      /spectrum.amplitude must have the length of spectrum.freqs/,
    );
    expect(() => findPeaks(s(), { count: 0 })).toThrow(/count must be an integer >= 1, got 0/);
    expect(() => findPeaks(s(), { minDistanceHz: -1 })).toThrow(
      /minDistanceHz must be a finite number >= 0, got -1/,
    );
    expect(() => findPeaks(s(), { minHeight: Number.NaN })).toThrow(
      /minHeight must be a finite number, got NaN/,
    );
    expect(() => valueAt(s(), 17)).toThrow(
      /freqHz must lie within the spectrum's range \[0, 16\] Hz, got 17/,
    );
    expect(() => valueAt(s(), Number.NaN)).toThrow(RangeError);
  });

  function s() {
    return amplitudeSpectrum(tones([{ freq: 4, amp: 1 }], { fs: 32, n: 64 }), { fs: 32 });
  }
});
