import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { ExpansionAbortedError, LineBudgetError } from './errors';
import { estimateLineCount, expandActivation, runSync } from './expansion';
import { degreesOf, filterLines } from './line-kernels';
import { LineSpectrum } from './line-spectrum';
import {
  defaultMaxLines,
  type PredictLeakyOptions,
  predictAbs,
  predictActivationAsync,
  predictLeakyRelu,
  predictRelu,
  predictReluAsync,
  resolve,
} from './predict';
import { chebyshevSqrtCoefficients, sqrtSeriesCoefficients } from './series';
import type { Tone } from './tones';

interface BaselineCase {
  name: string;
  predictor: 'predictRelu' | 'predictAbs' | 'predictLeakyRelu';
  tones: Tone[];
  options: PredictLeakyOptions;
  lines: { k: number[]; re: number; im: number }[];
}

const baseline = loadFixture<{ baseline: string; cases: BaselineCase[] }>(
  'theory/lines_baseline.json',
);
const predictors = { predictRelu, predictAbs, predictLeakyRelu };

/** c_0² + Σ_{k≠0} |c_k|²/2 of the difference of two spectra, key by key. */
function differenceEnergy(a: LineSpectrum, b: LineSpectrum): number {
  const byKey = new Map<string, [number, number, boolean]>();
  for (const l of a.lines()) byKey.set(l.k.join(','), [l.re, l.im, l.freq === 0]);
  for (const l of b.lines()) {
    const key = l.k.join(',');
    const [re, im, dc] = byKey.get(key) ?? [0, 0, l.freq === 0];
    byKey.set(key, [re - l.re, im - l.im, dc]);
  }
  let e = 0;
  for (const [re, im, dc] of byKey.values()) e += dc ? re * re : (re * re + im * im) / 2;
  return e;
}

describe('the typed-array accumulator gives the lines of the Map-keyed one', () => {
  it.each(baseline.cases.map((c) => [c.name, c] as const))('%s to 1e-12', (_, c) => {
    const s = predictors[c.predictor](c.tones, c.options);
    const got = new Map(s.lines().map((l) => [l.k.join(','), l]));
    expect(got.size).toBe(c.lines.length);
    for (const want of c.lines) {
      const line = got.get(want.k.join(','));
      expect(line, `line ${want.k.join(',')}`).toBeDefined();
      expectClose(line?.re ?? Number.NaN, want.re, { atol: 1e-12, rtol: 0 });
      expectClose(line?.im ?? Number.NaN, want.im, { atol: 1e-12, rtol: 0 });
    }
  });
});

describe('truncation: maxOrder and floor, with a bound on the energy they drop', () => {
  const tones = [
    { freq: 1, amp: 1, phase: 0.3 },
    { freq: Math.SQRT2, amp: 0.8, phase: -1 },
    { freq: Math.sqrt(5), amp: 0.6 },
    { freq: Math.PI, amp: 0.4, phase: 2 },
  ];
  const untruncated = (method: 'binomial' | 'chebyshev', extra: PredictLeakyOptions = {}) =>
    predictRelu(tones, { terms: 10, floor: 0, method, ...extra });

  it('the order cut is exactly "drop lines of order > maxOrder after every product"', () => {
    // the reference: public algebra plus an explicit order filter, Horner and Clenshaw
    const three = tones.slice(0, 3);
    const A = 2.4 ** 2 / 2;
    const x = LineSpectrum.fromTones(three);
    const m = x
      .multiply(x)
      .scale(1 / A)
      .addConstant(-1);
    const cut = (s: LineSpectrum, order: number) => {
      const degrees = degreesOf(s.keying, s.rawLines.keys);
      const kept = filterLines(s.rawLines, (j) => (degrees[j] as number) <= order);
      return LineSpectrum.withLines(s, s.maxOrder, kept.lines);
    };
    const same = (a: LineSpectrum, b: LineSpectrum) => {
      const want = new Map(b.lines().map((l) => [l.k.join(','), l]));
      expect(a.size).toBe(b.size);
      for (const l of a.lines()) {
        const w = want.get(l.k.join(','));
        expectClose([l.re, l.im], [w?.re ?? Number.NaN, w?.im ?? Number.NaN], {
          atol: 1e-13,
          rtol: 0,
        });
      }
    };
    const terms = 9;
    const maxOrder = 6;
    const c = sqrtSeriesCoefficients(terms);
    let p = x.constantLike(c[terms - 1] as number);
    for (let k = terms - 2; k >= 0; k--)
      p = cut(p.multiply(m), maxOrder).addConstant(c[k] as number);
    const horner = x.scale(0.5).add(p.scale(Math.sqrt(A) / 2));
    same(predictRelu(three, { terms, maxOrder, floor: 0 }), horner);
    const b = chebyshevSqrtCoefficients(terms);
    let b1 = x.constantLike(0);
    let b2 = x.constantLike(0);
    for (let k = terms - 1; k >= 1; k--) {
      const next = cut(b1.multiply(m).scale(2), maxOrder)
        .add(b2.scale(-1))
        .addConstant(b[k] as number);
      b2 = b1;
      b1 = next;
    }
    const clenshaw = cut(b1.multiply(m), maxOrder)
      .add(b2.scale(-1))
      .addConstant(b[0] as number);
    const chebyshev = x.scale(0.5).add(clenshaw.scale(Math.sqrt(A) / 2));
    same(predictRelu(three, { terms, maxOrder, floor: 0, method: 'chebyshev' }), chebyshev);
  });

  it('the sparse order-cut operator and the hashed fallback give the same lines and bound', () => {
    for (const method of ['binomial', 'chebyshev'] as const) {
      const options = { terms: 12, maxOrder: 6, floor: 1e-4, method };
      const plan = resolve(tones, options, 'predictRelu');
      const sparse = runSync(expandActivation(plan, 0.5, 0.5), undefined, 'predictRelu');
      const hashed = runSync(
        expandActivation({ ...plan, maxBallPairs: 0 }, 0.5, 0.5),
        undefined,
        'predictRelu',
      );
      expect(hashed.size).toBe(sparse.size);
      const want = new Map(sparse.lines().map((l) => [l.k.join(','), l]));
      for (const l of hashed.lines()) {
        const w = want.get(l.k.join(','));
        expectClose([l.re, l.im], [w?.re ?? Number.NaN, w?.im ?? Number.NaN], {
          atol: 1e-13,
          rtol: 0,
        });
      }
      expectClose(hashed.truncation?.rmsBound ?? 0, sparse.truncation?.rmsBound ?? 1, {
        rtol: 1e-10,
      });
    }
  });

  it('the untruncated expansion reports a zero bound', () => {
    const s = untruncated('binomial');
    expect(s.truncation).toMatchObject({ rmsBound: 0, energyBound: 0, droppedLines: 0 });
    expect(s.truncation?.maxOrder).toBe(Number.POSITIVE_INFINITY);
  });

  for (const method of ['binomial', 'chebyshev'] as const) {
    it.each([
      { maxOrder: 6 },
      { maxOrder: 4 },
      { maxOrder: 9, floor: 1e-4 },
      { floor: 1e-3 },
      { maxOrder: 8, floor: 3e-3, maxFreq: 6 },
    ])(`${method}: the dropped energy never exceeds the bound (%o)`, (options) => {
      const full = untruncated(method);
      const cut = predictRelu(tones, { terms: 10, method, floor: 0, ...options });
      const report = cut.truncation;
      expect(report).not.toBeNull();
      const measured = differenceEnergy(full, cut);
      expect(measured).toBeGreaterThan(0);
      expect(measured).toBeLessThanOrEqual((report?.energyBound ?? 0) * (1 + 1e-9) + 1e-28);
      // and the bound is not vacuous: within two orders of magnitude in RMS
      expect(Math.sqrt(measured)).toBeGreaterThan((report?.rmsBound ?? 0) / 100);
      expect(cut.size).toBeLessThan(full.size);
      if (options.maxOrder !== undefined) {
        const orders = cut.lines().map((l) => l.order);
        expect(Math.max(...orders)).toBeLessThanOrEqual(options.maxOrder);
      }
    });
  }

  it('|x| and LeakyReLU: the bound holds with their own scale', () => {
    const abs = predictAbs(tones, { terms: 10, floor: 0 });
    const absCut = predictAbs(tones, { terms: 10, floor: 1e-3, maxOrder: 6 });
    expect(differenceEnergy(abs, absCut)).toBeLessThanOrEqual(absCut.truncation?.energyBound ?? 0);
    const leaky = predictLeakyRelu(tones, { terms: 10, floor: 0, alpha: -0.5 });
    const leakyCut = predictLeakyRelu(tones, { terms: 10, maxOrder: 4, alpha: -0.5 });
    expect(differenceEnergy(leaky, leakyCut)).toBeLessThanOrEqual(
      leakyCut.truncation?.energyBound ?? 0,
    );
  });

  it('fundamental keying: maxOrder cuts multiples above maxOrder·max n_i, within the bound', () => {
    const va = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
    const full = predictRelu(va, { terms: 30, floor: 0 });
    const cut = predictRelu(va, { terms: 30, floor: 0, maxOrder: 10 });
    expect(Math.max(...cut.lines().map((l) => l.freq))).toBeLessThanOrEqual(10 * 40);
    const measured = differenceEnergy(full, cut);
    expect(measured).toBeGreaterThan(0);
    expect(measured).toBeLessThanOrEqual(cut.truncation?.energyBound ?? 0);
  });

  it('the bound holds for the sampled signals too (time-average power, incommensurate tones)', () => {
    const two = tones.slice(0, 2);
    const cut = predictRelu(two, { terms: 12, maxOrder: 4, floor: 1e-3 });
    const full = predictRelu(two, { terms: 12, floor: 0 });
    const fs = 20;
    const n = 4000;
    const reference = full.toSignal(fs, n);
    const diff = cut.toSignal(fs, n).map((v, i) => v - (reference[i] as number));
    const rms = Math.sqrt(diff.reduce((s, v) => s + v * v, 0) / n);
    expect(rms).toBeGreaterThan(0);
    // a finite record of incommensurate lines: its mean square approaches the torus energy
    expect(rms).toBeLessThanOrEqual(1.1 * (cut.truncation?.rmsBound ?? 0));
  });
});

describe('estimateLineCount and the line budget', () => {
  const incommensurate = (d: number) =>
    [1, Math.SQRT2, Math.sqrt(3), Math.sqrt(5), Math.PI, Math.E, Math.sqrt(7), Math.sqrt(11)]
      .slice(0, d)
      .map((freq) => ({ freq, amp: 1 }));

  it('bounds the lines of every expansion it runs', () => {
    for (const [d, terms, maxOrder] of [
      [2, 12, Number.POSITIVE_INFINITY],
      [3, 10, Number.POSITIVE_INFINITY],
      [3, 15, 8],
      [4, 8, 6],
    ] as const) {
      const estimate = estimateLineCount(incommensurate(d), { terms, maxOrder });
      const s = predictRelu(incommensurate(d), { terms, maxOrder, floor: 0 });
      expect(s.size).toBeLessThanOrEqual(estimate);
      // with floor 0 every reachable combination is there (up to exact cancellations)
      expect(s.size).toBeGreaterThan(0.9 * estimate);
      expect(s.truncation?.lineEstimate).toBe(estimate);
    }
    const va = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
    expect(predictRelu(va, { terms: 50, floor: 0 }).size).toBeLessThanOrEqual(
      estimateLineCount(va, { terms: 50 }),
    );
  });

  it('counts integer combinations exactly: 1 tone, 2 tones', () => {
    // one tone: DC and the even harmonics 2…2(N−1), plus the tone
    expect(estimateLineCount([{ freq: 1, amp: 1 }], { terms: 5, keyBy: 'combination' })).toBe(
      5 + 1,
    );
    // two tones, orders 0 and 2: 1 + (2·2 + 4·1)/2 + 2 tones
    expect(estimateLineCount(incommensurate(2), { terms: 2 })).toBe(1 + 4 + 2);
  });

  it('refuses, before any work, an expansion past maxLines, naming the estimate and the way out', () => {
    const six = incommensurate(6);
    let error: unknown;
    try {
      predictRelu(six, { terms: 20 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LineBudgetError);
    expect(error).toBeInstanceOf(RangeError);
    const budget = error as LineBudgetError;
    expect(budget.estimate).toBe(estimateLineCount(six, { terms: 20 }));
    expect(budget.maxLines).toBe(defaultMaxLines);
    expect(budget.message).toMatch(/predictRelu would hold up to [\d.e+]+ lines \(6 tones/);
    expect(budget.message).toMatch(/more than maxLines = 1000000/);
    expect(budget.message).toMatch(/maxOrder: \d+/);
    expect(budget.message).toMatch(/terms: \d+/);
    expect(
      estimateLineCount(six, { terms: 20, maxOrder: budget.suggestedMaxOrder }),
    ).toBeLessThanOrEqual(defaultMaxLines);
    expect(estimateLineCount(six, { terms: budget.suggestedTerms })).toBeLessThanOrEqual(
      defaultMaxLines,
    );
    expect(estimateLineCount(six, { terms: budget.suggestedTerms + 1 })).toBeGreaterThan(
      defaultMaxLines,
    );
    expect(() => predictRelu(incommensurate(3), { terms: 20, maxLines: 100 })).toThrow(
      LineBudgetError,
    );
  });

  it('refuses orders beyond what packed keys hold instead of mixing up lines', () => {
    const primes = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59];
    const seventeen = primes.map((p) => ({ freq: Math.sqrt(p), amp: 1 }));
    // 17 base frequencies: digits of 3 bits, orders up to 3
    expect(() => predictRelu(seventeen, { terms: 3 })).toThrow(
      /min\(2\(terms − 1\), maxOrder\) <= 3 for 17 tones in combination keying, got 4/,
    );
    const s = predictRelu(seventeen, { terms: 3, maxOrder: 2, floor: 0 });
    expect(s.size).toBe(estimateLineCount(seventeen, { terms: 3, maxOrder: 2 }));
  });

  it('rejects bad maxOrder, maxLines, signal and estimate options', () => {
    const one = [{ freq: 1, amp: 1 }];
    expect(() => predictRelu(one, { maxOrder: -1 })).toThrow(/maxOrder must be an integer/);
    expect(() => predictRelu(one, { maxOrder: 2.5 })).toThrow(/maxOrder/);
    expect(() => predictRelu(one, { maxLines: 0 })).toThrow(/maxLines must be an integer/);
    expect(() => predictRelu(one, { signal: 'stop' as never })).toThrow(
      /signal must be an AbortSignal, got/,
    );
    expect(() => estimateLineCount(one, { terms: 0 })).toThrow(/terms must be an integer/);
    expect(() => estimateLineCount(one, null as never)).toThrow(TypeError);
    expect(() => estimateLineCount([], {})).toThrow(/tones must contain at least one tone/);
  });
});

describe('cancellation', () => {
  const six = [1, Math.SQRT2, Math.sqrt(3), Math.sqrt(5), Math.PI, Math.E].map((freq) => ({
    freq,
    amp: 1,
  }));

  it('an abort stops a 6-tone, 20-term expansion promptly with an AbortError', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const pending = predictReluAsync(six, {
      terms: 20,
      maxLines: Number.POSITIVE_INFINITY,
      signal: controller.signal,
    });
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = Date.now();
      controller.abort(new Error('user pressed Ctrl-C'));
    }, 200);
    const error = await pending.then(
      () => null,
      (e: unknown) => e,
    );
    const stoppedAt = Date.now();
    expect(error).toBeInstanceOf(ExpansionAbortedError);
    expect((error as Error).name).toBe('AbortError');
    expect((error as Error).message).toBe('predictRelu was aborted by its signal');
    expect(((error as Error).cause as Error).message).toBe('user pressed Ctrl-C');
    expect(abortedAt).toBeGreaterThan(started);
    // the whole expansion takes minutes; stopping takes one chunk (generous for a loaded machine)
    expect(stoppedAt - abortedAt).toBeLessThan(2000);
  });

  it('an aborted signal stops the sync and async predictors before any work', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => predictRelu(six, { terms: 3, signal: controller.signal })).toThrow(
      ExpansionAbortedError,
    );
    await expect(
      predictActivationAsync('abs', six, { terms: 3, signal: controller.signal }),
    ).rejects.toThrow(/predictAbs was aborted/);
  });

  it('the async predictor gives the sync result', async () => {
    const tones = six.slice(0, 3);
    const a = predictRelu(tones, { terms: 12 });
    const b = await predictReluAsync(tones, { terms: 12, signal: new AbortController().signal });
    expectClose(b.toSignal(20, 100), a.toSignal(20, 100), { atol: 0, rtol: 0 });
    expect(await predictActivationAsync('gelu', tones)).toBeNull();
  });
});
