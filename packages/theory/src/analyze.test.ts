import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { vaFs, vaN, vaTones } from '../test/helpers';
import { activationConvergence, analyzeActivation } from './analyze';
import { leakyAlphaRange, nyquistFrequency, parseTones, ToneListError } from './rules';

interface AnalyzeFixture {
  binHz: number;
  lines: { freq: number; relu: number; input: number }[];
  dcMeasured: number;
  dcExact: number;
  series: { terms: number; A: number; relativeRmse: number; maxAbsError: number; dc: number };
  gelu: { tones: [number, number][]; dc: number };
  oneTone: {
    amp: number;
    freq: number;
    fs: number;
    n: number;
    lines: { freq: number; relu: number }[];
  };
}

const fixture = loadFixture<AnalyzeFixture>('theory/analyze.json');

describe('analyzeActivation: tones (the paper V.A signal, against numpy)', () => {
  const a = analyzeActivation(vaTones, { fs: vaFs, n: vaN, terms: 50 });

  it('measures the lines and the DC of ReLU as numpy does', () => {
    expect(a.kind).toBe('tones');
    expect(a.binHz).toBe(fixture.binHz);
    expect(a.A).toBe(8);
    for (const want of fixture.lines) {
      const row = a.lines.find((l) => l.freq === want.freq);
      if (!row) continue;
      expectClose(row.measured, want.relu, { atol: 1e-12, label: `measured ${want.freq} Hz` });
      expectClose(row.input, want.input, { atol: 1e-12, label: `input ${want.freq} Hz` });
      // The 50-term series predicts every listed line to within 1 % of the largest line.
      expect(Math.abs((row.predicted as number) - want.relu)).toBeLessThan(0.01);
    }
    for (const f of [0, 5, 10, 15, 20, 25, 30, 40])
      expect(a.lines.some((l) => l.freq === f)).toBe(true);
    expectClose(a.dc.measured, fixture.dcMeasured, { atol: 1e-12 });
    expectClose(a.dc.exact as number, fixture.dcExact, { rtol: 1e-9 });
    expectClose(a.dc.firstOrder as number, Math.sqrt(8) / 2, { rtol: 1e-15 });
    // The predictor's DC line agrees with numpy's period mean of the series to 5e-8 (relative).
    expectClose(a.dc.series as number, fixture.series.dc, { rtol: 1e-7, label: 'series DC' });
    expect(a.dc.periodic).toBeNull();
  });

  it('names each line by its origin', () => {
    const origin = (f: number) => a.lines.find((l) => l.freq === f)?.origins ?? [];
    expect(origin(0)[0]).toBe('DC');
    expect(origin(5)[0]).toBe('f2');
    expect(origin(10).slice(0, 1)).toEqual(['f1']);
    expect(origin(10)).toContain('2·f2');
    expect(origin(15).some((l) => l === 'f3-f2' || l === 'f1+f2')).toBe(true);
  });

  it('measures the series error as the numpy series does', () => {
    const e = a.seriesError!;
    expectClose(e.relativeRmse, fixture.series.relativeRmse, { rtol: 1e-9 });
    expectClose(e.maxAbsError, fixture.series.maxAbsError, { rtol: 1e-9 });
    expect(e.errorAtZeroCrossing).toBeGreaterThan(0);
    expect(e.authorsPercentRrmse).toBeGreaterThan(0);
  });

  it('more terms shrink the series error', () => {
    const few = analyzeActivation(vaTones, { fs: vaFs, n: vaN, terms: 5 });
    expect(a.seriesError!.relativeRmse).toBeLessThan(few.seriesError!.relativeRmse);
  });

  it('keeps ReLU = x/2 + |x|/2 on the signals and the predicted lines', () => {
    const abs = analyzeActivation(vaTones, { fs: vaFs, n: vaN, terms: 50, activation: 'abs' });
    const { input, output } = a.signals;
    for (let i = 0; i < input.length; i += 97)
      expectClose(
        output[i] as number,
        0.5 * ((input[i] as number) + (abs.signals.output[i] as number)),
        {
          atol: 1e-15,
        },
      );
    expectClose(abs.dc.exact as number, 2 * (a.dc.exact as number), { rtol: 1e-15 });
    expectClose(abs.dc.series as number, 2 * (a.dc.series as number), { rtol: 1e-12 });
  });
});

describe('analyzeActivation: other activations and inputs', () => {
  it('one tone: DC a/π, even harmonics as the sampled oracle, no odd ones', () => {
    const o = fixture.oneTone;
    const a = analyzeActivation([{ freq: o.freq, amp: o.amp }], { fs: o.fs, n: o.n, floor: 0.001 });
    expectClose(a.dc.exact as number, o.amp / Math.PI, { rtol: 1e-12 });
    for (const want of o.lines.filter((l) => l.relu > 1e-6)) {
      expectClose(a.lines.find((l) => l.freq === want.freq)!.measured, want.relu, { atol: 1e-12 });
    }
    expect(a.lines.some((l) => l.freq === 9)).toBe(false);
  });

  it('leaky α: pass-through (1+α)/2, DC (1−α)·ReLU DC (identity α·x + (1−α)·ReLU)', () => {
    const a = analyzeActivation([{ freq: 4, amp: 1 }], {
      fs: 64,
      n: 256,
      activation: 'leaky',
      alpha: 0.1,
    });
    expect(a.alpha).toBe(0.1);
    expectClose(a.lines.find((l) => l.freq === 4)!.predicted as number, 0.55, { rtol: 1e-12 });
    expectClose(a.dc.exact as number, 0.9 / Math.PI, { rtol: 1e-12 });
    expectClose(a.dc.series as number, 0.9 / Math.PI, { rtol: 1e-2 });
    expect(a.seriesError!.authorsPercentRrmse).toBeNull();
    expect(a.seriesError!.relativeRmse).toBeGreaterThan(0);
  });

  it('GELU has no series: its DC and lines come from one period, as scipy computes them', () => {
    const tones = fixture.gelu.tones.map(([freq, amp]) => ({ freq, amp }));
    const a = analyzeActivation(tones, { fs: 640, n: 1280, activation: 'gelu' });
    expect(a.predictedByPeriod).toBe(true);
    expect(a.dc.series).toBeNull();
    expect(a.seriesError).toBeNull();
    expect(a.signals.approximation).toBeNull();
    expectClose(a.dc.periodic as number, fixture.gelu.dc, { rtol: 1e-10 });
    // 2 s hold whole periods: the measured DC is the periodic one.
    expectClose(a.dc.measured, fixture.gelu.dc, { rtol: 1e-10 });
  });

  it('incommensurate tones without a series: nothing predicted, no periodic DC', () => {
    const a = analyzeActivation(
      [
        { freq: 5, amp: 1 },
        { freq: 5 * Math.SQRT2, amp: 1 },
      ],
      {
        fs: 64,
        n: 512,
        activation: 'tanh',
      },
    );
    expect(a.predicted).toBeNull();
    expect(a.dc.periodic).toBeNull();
    expect(a.lines.every((l) => l.predicted === null)).toBe(true);
  });

  it('removeDc subtracts the mean: no DC line, measured DC 0, series DC 0', () => {
    const a = analyzeActivation(vaTones, { fs: vaFs, n: vaN, terms: 30, removeDc: true });
    expect(a.dc.measured).toBeLessThan(1e-12);
    expect(a.dc.series).toBe(0);
    expect(a.predicted!.some((l) => l.freq === 0)).toBe(false);
    expectClose(a.dc.exact as number, fixture.dcExact, { rtol: 1e-9 });
  });

  it('samples: measured, origins from the strongest lines, series with A = max(x²)/2', () => {
    const fs = 32;
    const x = Array.from({ length: 256 }, (_, i) => 0.8 * Math.cos((2 * Math.PI * 2 * i) / fs));
    const a = analyzeActivation(x, { fs });
    expect(a.kind).toBe('samples');
    expect(a.n).toBe(256);
    expectClose(a.A as number, 0.32, { rtol: 1e-12 });
    // 16 samples per period: the sampled mean is within 5e-3 of the continuous a/π.
    expectClose(a.dc.measured, 0.8 / Math.PI, { atol: 5e-3 });
    expectClose(a.lines.find((l) => l.freq === 2)!.measured, 0.4, { rtol: 1e-12 });
    expect(a.lines.find((l) => l.freq === 4)!.origin).toBe('2·f1');
    expect(a.predicted).toBeNull();
    expect(a.dc.exact).toBeNull();
    expectClose(a.dc.series as number, 0.8 / Math.PI, { atol: 5e-3 });
    expect(a.seriesError!.relativeRmse).toBeLessThan(0.05);
  });

  it('all-zero samples: measured only', () => {
    const a = analyzeActivation(new Float64Array(64), { fs: 8 });
    expect(a.dc.measured).toBe(0);
    expect(a.A).toBeNull();
    expect(a.seriesError).toBeNull();
  });
});

describe('analyzeActivation: contract edges', () => {
  const ok = { fs: 1024, n: 1024 };
  it.each([
    [
      'a tone above fs/2',
      [{ freq: 600, amp: 1 }],
      ok,
      /tones\[0\]\.freq must be at or below fs\/2 = 512 Hz.*got 600 Hz/,
    ],
    ['all amplitudes zero', [{ freq: 5, amp: 0 }], ok, /at least one amplitude > 0/],
    [
      'a duplicate tone',
      [
        { freq: 5, amp: 1 },
        { freq: 5, amp: 1 },
      ],
      ok,
      /must differ/,
    ],
    [
      'alpha above 1',
      [{ freq: 5, amp: 1 }],
      { ...ok, activation: 'leaky', alpha: 1.5 },
      /alpha must be a finite number in \[0, 1\], got 1.5/,
    ],
    [
      'negative alpha',
      [{ freq: 5, amp: 1 }],
      { ...ok, alpha: -0.1 },
      /alpha must be a finite number >= 0, got -0.1/,
    ],
    [
      'terms 0',
      [{ freq: 5, amp: 1 }],
      { ...ok, terms: 0 },
      /terms must be an integer in \[1, 100000\], got 0/,
    ],
    ['fs 0', [{ freq: 5, amp: 1 }], { fs: 0 }, /fs \(Hz\) must be a finite number > 0, got 0/],
    [
      'n 1',
      [{ freq: 5, amp: 1 }],
      { fs: 64, n: 1 },
      /n \(samples\) must be an integer >= 2, got 1/,
    ],
    ['one sample', [0.5], { fs: 64 }, /samples must have at least 2 element/],
    [
      'a NaN sample',
      [0, Number.NaN],
      { fs: 64 },
      /samples must contain only finite numbers, got NaN at index 1/,
    ],
    [
      'an unknown activation',
      [{ freq: 5, amp: 1 }],
      { ...ok, activation: 'softmax' },
      /activation must be one of/,
    ],
  ] as const)('rejects %s', (_, input, options, message) => {
    // biome-ignore lint/suspicious/noExplicitAny: the bad values are the point of the test
    expect(() => analyzeActivation(input as any, options as any)).toThrow(message);
  });

  it('accepts a tone at exactly fs/2 and alpha at both ends of its range', () => {
    expect(nyquistFrequency(1024)).toBe(512);
    expect(() => analyzeActivation([{ freq: 512, amp: 1 }], ok)).not.toThrow();
    for (const alpha of [leakyAlphaRange.min, leakyAlphaRange.max])
      expect(() =>
        analyzeActivation([{ freq: 5, amp: 1 }], { ...ok, activation: 'leaky', alpha }),
      ).not.toThrow();
  });
});

describe('parseTones', () => {
  it('parses tones with optional phases', () => {
    expect(parseTones('10:1, 5:0.5:1.57')).toEqual([
      { freq: 10, amp: 1 },
      { freq: 5, amp: 0.5, phase: 1.57 },
    ]);
  });

  it.each([
    ['', 'tone-empty', 0, /at least one tone/],
    ['10', 'tone-syntax', 1, /tones item 1 must be freq:amp\[:phase\] .*got '10'/],
    ['10:', 'tone-syntax', 1, /got '10:'/],
    ['a:1', 'tone-value', 1, /tones item 1: frequency must be a finite number > 0 Hz, got 'a'/],
    ['10:-1', 'tone-value', 1, /amplitude must be a finite number ≥ 0, got '-1'/],
    ['10:1:x', 'tone-value', 1, /phase must be a finite number \(rad\), got 'x'/],
    ['10:1:2:3', 'tone-syntax', 1, /freq:amp/],
    ['10:1,,5:1', 'tone-syntax', 2, /item 2/],
    ['0:1', 'tone-value', 1, /> 0 Hz, got '0'/],
    ['10:1,10:2', 'tone-duplicate', 2, /lists 10 Hz twice \(items 1 and 2\)/],
  ] as const)('rejects %j with code %s', (text, code, item, message) => {
    try {
      parseTones(text);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ToneListError);
      expect(error).toBeInstanceOf(RangeError);
      expect((error as ToneListError).code).toBe(code);
      expect((error as ToneListError).item).toBe(item);
      expect((error as Error).message).toMatch(message);
    }
  });
});

describe('activationConvergence', () => {
  const terms = [2, 5, 10, 20, 50];
  it('ReLU: the relative RMSE of analyzeActivation at each N, falling, with the fits', () => {
    const c = activationConvergence(vaTones, { fs: vaFs, n: vaN }, terms)!;
    expect(c.terms).toEqual(terms);
    expectClose(c.relativeRmse[4] as number, fixture.series.relativeRmse, { rtol: 1e-9 });
    for (let i = 1; i < terms.length; i++)
      expect(c.relativeRmse[i]).toBeLessThan(c.relativeRmse[i - 1] as number);
    expect(c.fits!.powerLaw.law).toBe('power');
  });

  it('leaky and |x|: the error of the same approximation analyzeActivation draws', () => {
    for (const activation of ['leaky', 'abs'] as const) {
      const c = activationConvergence(
        vaTones,
        { fs: vaFs, n: vaN, activation, alpha: 0.2 },
        terms,
      )!;
      const at20 = analyzeActivation(vaTones, {
        fs: vaFs,
        n: vaN,
        activation,
        alpha: 0.2,
        terms: 20,
      });
      expectClose(c.relativeRmse[3] as number, at20.seriesError!.relativeRmse, { rtol: 1e-12 });
      expect(c.fits).toBeNull();
    }
  });

  it('has nothing to say for activations without a series, and checks termsList', () => {
    expect(
      activationConvergence(vaTones, { fs: vaFs, n: vaN, activation: 'tanh' }, terms),
    ).toBeNull();
    expect(() => activationConvergence(vaTones, { fs: vaFs }, [])).toThrow(
      /termsList must be a non-empty array/,
    );
    expect(() => activationConvergence(vaTones, { fs: vaFs }, [0])).toThrow(
      /termsList\[0\] must be an integer in \[1, 100000\], got 0/,
    );
  });
});

describe('analyzeActivation: the line table', () => {
  it('tableLines 0 skips the table and keeps the predicted lines; tableLines caps it', () => {
    const none = analyzeActivation(vaTones, { fs: vaFs, n: vaN, terms: 20, tableLines: 0 });
    expect(none.lines).toEqual([]);
    expect(none.predicted!.length).toBeGreaterThan(10);
    const three = analyzeActivation(vaTones, { fs: vaFs, n: vaN, terms: 20, tableLines: 3 });
    expect(three.lines.map((l) => l.freq)).toEqual([0, 10, 20]);
  });
});
