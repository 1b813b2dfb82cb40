import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import {
  abs,
  activationByName,
  activationNames,
  activationSpectrum,
  erf,
  erfc,
  gelu,
  leakyRelu,
  relu,
  silu,
  softplus,
  tanh,
} from './activations';
import type { Tone } from './tones';

interface Fixture {
  activations: { z: number[]; erf: number[]; gelu: number[]; silu: number[]; softplus: number[] };
  activationSpectrum: {
    fs: number;
    periods: number;
    n: number;
    tones: Tone[];
    spectra: Record<string, { amplitude: number[]; dc: number }>;
  };
}
const fixture = loadFixture<Fixture>('theory/spectra.json');

describe('named activations', () => {
  const { z } = fixture.activations;
  it('erf, GELU and SiLU match scipy', () => {
    expectClose(z.map(erf), fixture.activations.erf, { atol: 2e-16, rtol: 1e-15 });
    expectClose(z.map(gelu), fixture.activations.gelu, { atol: 1e-15, rtol: 1e-14 });
    expectClose(z.map(silu), fixture.activations.silu, { atol: 1e-15, rtol: 1e-14 });
    expectClose(z.map(softplus), fixture.activations.softplus, { atol: 1e-15, rtol: 1e-14 });
    // erfc's tail, relative: erfc(5) and erfc(10) (scipy values)
    expectClose(erfc(5), 1.5374597944280349e-12, { rtol: 1e-13 });
    expectClose(erfc(10), 2.088487583762545e-45, { rtol: 1e-13 });
    expectClose(erfc(1), 0.15729920705028513, { rtol: 1e-15 });
  });
  it('relu, abs, tanh, leakyRelu', () => {
    expect([-2, 0, 3].map(relu)).toEqual([0, 0, 3]);
    expect([-2, 3].map(abs)).toEqual([2, 3]);
    expect(tanh(0.5)).toBe(Math.tanh(0.5));
    expect([-2, 3].map(leakyRelu(0.2))).toEqual([-0.4, 3]);
    expect(leakyRelu()(-1)).toBe(-0.01);
    expect(() => leakyRelu(Number.NaN)).toThrow(/alpha must be a finite number, got NaN/);
  });
  it('ReLU = x/2 + |x|/2 and LeakyReLU = ((1+α)/2)x + ((1−α)/2)|x| pointwise', () => {
    for (const v of z) {
      expect(relu(v)).toBeCloseTo(v / 2 + abs(v) / 2, 14);
      expect(leakyRelu(0.3)(v)).toBeCloseTo(0.65 * v + 0.35 * abs(v), 14);
    }
  });
});

describe('activationByName', () => {
  it('maps every name to its activation', () => {
    expect(activationNames.map((name) => activationByName(name))).toEqual([
      relu,
      expect.any(Function),
      gelu,
      silu,
      tanh,
      abs,
    ]);
    expect([-2, 3].map(activationByName('leaky', { alpha: 0.2 }))).toEqual([-0.4, 3]);
    expect(activationByName('leaky')(-1)).toBe(-0.01);
    expect(activationByName('relu', { alpha: 0.2 })(-1)).toBe(0);
  });
  it('rejects unknown names and a bad alpha', () => {
    expect(() => activationByName('elu' as never)).toThrow(
      new RangeError(
        "name must be one of 'relu', 'leaky', 'gelu', 'silu', 'tanh', 'abs', got 'elu'",
      ),
    );
    expect(() => activationByName('leaky', { alpha: Number.NaN })).toThrow(
      /alpha must be a finite number, got NaN/,
    );
  });
});

describe('activationSpectrum', () => {
  const f = fixture.activationSpectrum;
  const fns = { gelu, tanh, leaky02: leakyRelu(0.2), relu } as const;
  for (const [name, fn] of Object.entries(fns)) {
    it(`${name} matches numpy's FFT over whole periods`, () => {
      const s = activationSpectrum(fn, f.tones, { fs: f.fs, periods: f.periods });
      expect(s.n).toBe(f.n);
      expect(s.fundamental).toBe(5);
      const oracle = f.spectra[name];
      expectClose(s.amplitude, oracle?.amplitude as number[], { atol: 1e-12, rtol: 1e-9 });
      expectClose(s.dc, oracle?.dc as number, { atol: 1e-13, rtol: 1e-12 });
      expect(s.lines.map((l) => l.freq)).toEqual(
        Array.from({ length: s.lines.length }, (_, h) => 5 * h),
      );
    });
  }
  it('odd activations (tanh) make no DC; ReLU and GELU do', () => {
    const tones = [{ freq: 5, amp: 1 }];
    expect(Math.abs(activationSpectrum(tanh, tones, { fs: 640 }).dc)).toBeLessThan(1e-15);
    expect(activationSpectrum(relu, tones, { fs: 640 }).dc).toBeGreaterThan(0.3);
    expect(activationSpectrum(gelu, tones, { fs: 640 }).dc).toBeGreaterThan(0.1);
  });
  it('rejects bad functions, tones and grids', () => {
    const tones = [{ freq: 5, amp: 1 }];
    expect(() => activationSpectrum(3 as never, tones, { fs: 640 })).toThrow(TypeError);
    expect(() => activationSpectrum(relu, [], { fs: 640 })).toThrow(/at least one tone/);
    expect(() => activationSpectrum(relu, tones, { fs: 0 })).toThrow(
      /fs \(Hz\) must be a finite number > 0/,
    );
    expect(() => activationSpectrum(relu, tones, { fs: 641 })).toThrow(
      /fs·periods\/f0 must be an integer >= 2/,
    );
    expect(() => activationSpectrum(relu, tones, { fs: 640, periods: 0 })).toThrow(
      /periods must be an integer >= 1/,
    );
    expect(() =>
      activationSpectrum(
        relu,
        [
          { freq: 1, amp: 1 },
          { freq: Math.PI, amp: 1 },
        ],
        { fs: 640 },
      ),
    ).toThrow(/commensurate/);
    expect(() => activationSpectrum(() => Number.NaN, tones, { fs: 640 })).toThrow(
      /fn must return finite numbers/,
    );
    expect(() => activationSpectrum(relu, tones, null as never)).toThrow(TypeError);
  });
});
