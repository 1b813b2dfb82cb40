import { describe, expect, it } from 'vitest';
import { vaFs, vaN, vaTones } from '../test/helpers';
import { type ActivationConvergence, activationConvergence, analyzeActivation } from './analyze';
import {
  analysisNotes,
  convergenceLaw,
  convergenceTerms,
  originLabel,
  referenceDc,
  summaryLines,
} from './summary';

/** a·cos(2π·10t) with a = 2 at 1024 Hz for 8 s: ReLU's DC is a/π, its f1 line a/2, its 2·f1 line 2a/(3π). */
const oneTone = [{ freq: 10, amp: 2 }];
const options = { fs: vaFs, n: vaN, terms: 20 };

describe('originLabel', () => {
  it('names at most three origins, then an ellipsis; none gives the fallback', () => {
    expect(originLabel([])).toBe('?');
    expect(originLabel([], 'one period')).toBe('one period');
    expect(originLabel(['2·f1'])).toBe('2·f1');
    expect(originLabel(['2·f1', 'f1+f3', 'f2−f1'])).toBe('2·f1, f1+f3, f2−f1');
    expect(originLabel(['2·f1', 'f1+f3', 'f2−f1', 'DC'])).toBe('2·f1, f1+f3, f2−f1, …');
  });
});

describe('summaryLines', () => {
  it('lists the predicted lines of tones with their origins and measured amplitudes', () => {
    const lines = summaryLines(analyzeActivation(oneTone, options));
    const at = (f: number) => lines.find((l) => l.freq === f);
    expect(at(0)?.label).toBe('DC');
    expect(at(10)?.label).toBe('f1');
    expect(at(20)?.label).toBe('2·f1');
    // The fundamental passes at half amplitude, exactly: ReLU(x) = x/2 + |x|/2.
    expect(at(10)?.amplitude).toBeCloseTo(1, 12);
    expect(at(20)?.measured).toBeCloseTo(4 / (3 * Math.PI), 4);
    expect(at(30)).toBeUndefined();
    expect(lines.map((l) => l.freq)).toEqual([...lines.map((l) => l.freq)].sort((a, b) => a - b));
  });

  it('lists a recording’s measured lines, with no prediction', () => {
    const x = Array.from({ length: 256 }, (_, i) => 0.8 * Math.cos((2 * Math.PI * 2 * i) / 32));
    const analysis = analyzeActivation(x, { fs: 32, terms: 20, tableLines: 24 });
    const lines = summaryLines(analysis);
    expect(lines).toHaveLength(analysis.lines.length);
    expect(lines.every((l) => l.amplitude === null)).toBe(true);
    expect(lines.find((l) => l.freq === 2)?.measured).toBeCloseTo(0.4, 6);
  });
});

describe('referenceDc', () => {
  it('is the closed form for ReLU, leaky ReLU and |x| (the identities of their DCs)', () => {
    const relu = referenceDc(analyzeActivation(oneTone, options));
    expect(relu.route).toBe('reluDc');
    expect(relu.value).toBeCloseTo(2 / Math.PI, 12);
    const leaky = referenceDc(
      analyzeActivation(oneTone, { ...options, activation: 'leaky', alpha: 0.1 }),
    );
    expect(leaky.route).toBe('(1 − α)·reluDc');
    expect(leaky.value).toBeCloseTo(0.9 * (2 / Math.PI), 12);
    const abs = referenceDc(analyzeActivation(oneTone, { ...options, activation: 'abs' }));
    expect(abs.route).toBe('2·reluDc');
    expect(abs.value).toBeCloseTo(4 / Math.PI, 12);
  });

  it('is the mean over one common period without a series, and none without a common period', () => {
    const gelu = analyzeActivation(vaTones, { ...options, activation: 'gelu' });
    expect(referenceDc(gelu)).toEqual({ value: gelu.dc.periodic, route: 'over one common period' });
    expect(gelu.dc.periodic).not.toBeNull();
    const incommensurate = [
      { freq: 10, amp: 1 },
      { freq: 10 * Math.SQRT2, amp: 1 },
    ];
    expect(
      referenceDc(analyzeActivation(incommensurate, { ...options, activation: 'tanh' })),
    ).toEqual({
      value: null,
      route: 'tones share no common period',
    });
  });
});

describe('analysisNotes', () => {
  it('says what is measured only, whose first-order DC it is, and that the mean is removed', () => {
    expect(analysisNotes(analyzeActivation(oneTone, options))).toEqual([]);
    const gelu = analysisNotes(analyzeActivation(oneTone, { ...options, activation: 'gelu' }));
    expect(gelu).toHaveLength(2);
    expect(gelu[0]).toMatch(/^No series expansion for this activation/);
    expect(gelu[1]).toBe('The first-order DC √A/2 is the paper’s term for ReLU.');
    const removed = analysisNotes(analyzeActivation(oneTone, { ...options, removeDc: true }), {
      removeDc: true,
    });
    expect(removed).toEqual([
      'DC removed: the output and the approximation have their mean subtracted, as a DC-removing ReLU does.',
    ]);
  });
});

describe('convergenceLaw', () => {
  it('states the better fit of the V.A signal’s binomial series with both r² (a power law)', () => {
    const study = activationConvergence(vaTones, options, convergenceTerms);
    if (!study?.fits) throw new Error('ReLU has fits');
    const { powerLaw, exponential } = study.fits;
    expect(study.fits.better).toBe('power');
    expect(convergenceLaw(study)).toBe(
      `Relative RMSE ≈ ${powerLaw.coefficient.toPrecision(3)}·N^(−${powerLaw.rate.toPrecision(3)}) (power law, r² = ${powerLaw.r2.toFixed(3)}; exponential r² = ${exponential.r2.toFixed(3)})`,
    );
  });

  it('states an exponential law, and what was measured when nothing was fitted', () => {
    const fitOf = (
      law: 'power' | 'exponential',
      coefficient: number,
      rate: number,
      r2: number,
    ) => ({
      law,
      coefficient,
      rate,
      r2,
    });
    const study: ActivationConvergence = {
      terms: [1, 2, 3],
      relativeRmse: [0.5, 0.1, 0.02],
      fits: {
        powerLaw: fitOf('power', 0.5, 2.9, 0.95),
        exponential: fitOf('exponential', 2.5, 1.609, 0.9999),
        better: 'exponential',
      },
    };
    expect(convergenceLaw(study)).toBe(
      'Relative RMSE ≈ 2.50·e^(−1.61·N) (exponential, r² = 1.000; power law r² = 0.950)',
    );
    expect(convergenceLaw({ ...study, fits: null })).toBe(
      'Relative RMSE of the approximation against the activation, measured at each N.',
    );
  });

  it('evaluates 1 … 100 terms by default, increasing', () => {
    expect(convergenceTerms[0]).toBe(1);
    expect(convergenceTerms.at(-1)).toBe(100);
    expect(
      convergenceTerms.every((t, i) => i === 0 || t > (convergenceTerms[i - 1] as number)),
    ).toBe(true);
  });
});
