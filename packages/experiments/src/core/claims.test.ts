import { describe, expect, it } from 'vitest';
import {
  minimumRepetitions,
  pairedEvidence,
  pairedEvidenceText,
  pairedRuleText,
  pairedVerdict,
} from './claims';

const rule = { effect: 'accuracy, a − b', unit: 'points', seed: 9 };

describe('paired claims: the verdict rule', () => {
  it('needs 5 repetitions at α = 0.05 (2⁻⁵ < 0.05 ≤ 2⁻⁴), 7 at α = 0.01', () => {
    expect(minimumRepetitions(0.05)).toBe(5);
    expect(minimumRepetitions(0.0625)).toBe(5);
    expect(minimumRepetitions(0.01)).toBe(7);
    expect(() => minimumRepetitions(0)).toThrow('alpha must be in (0, 1), got 0');
  });

  it('holds above the threshold, does not hold below it, is inconclusive across it', () => {
    const above = pairedEvidence([12, 14, 11, 15, 13, 12], [2, 3, 1, 2, 4, 2], rule);
    expect(above.perRepetition).toEqual([10, 11, 10, 13, 9, 10]);
    expect(pairedVerdict(above)).toEqual({ verdict: 'holds' });
    const below = pairedEvidence([2, 3, 1, 2, 4, 2], [12, 14, 11, 15, 13, 12], rule);
    expect(pairedVerdict(below)).toEqual({
      verdict: 'does not hold',
      reason: 'the whole interval lies below 0 points',
    });
    const across = pairedEvidence([5, -4, 6, -5, 3, -2], [0, 0, 0, 0, 0, 0], rule);
    expect(pairedVerdict(across).verdict).toBe('inconclusive');
    expect(pairedVerdict(across).reason).toMatch(
      /^the interval \[-?[\d.]+, [\d.]+\] points contains the threshold 0$/,
    );
  });

  it('tests effect − threshold: a 10-point effect does not pass a 12-point threshold', () => {
    const e = pairedEvidence([10, 10, 10, 10, 10, 10], [0, 0, 0, 0, 0, 0], {
      ...rule,
      threshold: 12,
    });
    expect(e.test.statistic).toBe(0);
    expect(pairedVerdict(e).verdict).toBe('does not hold');
  });

  it('is inconclusive below the repetitions the exact test needs, whatever the effect', () => {
    const one = pairedEvidence([90], [10], rule);
    expect(one.interval).toBeUndefined();
    expect(pairedVerdict(one).reason).toBe(
      '1 repetition(s), fewer than the 5 an exact one-sided test at α = 0.05 needs',
    );
    const four = pairedEvidence([90, 91, 92, 93], [10, 10, 10, 10], rule);
    expect(four.interval?.low).toBeGreaterThan(0);
    expect(pairedVerdict(four).verdict).toBe('inconclusive');
  });

  it('says its rule and its numbers in words; rejects unpaired input', () => {
    const e = pairedEvidence([1, 2, 3, 4, 5], [0, 0, 0, 0, 0], { ...rule, test: 'sign' });
    expect(pairedRuleText(e)).toBe(
      'paired over repetitions: accuracy, a − b (points); holds if the 95 % percentile-bootstrap interval of the mean lies above 0 and the exact one-sided sign test gives p < 0.05 (needs n ≥ 5); does not hold if the interval lies below 0; otherwise inconclusive',
    );
    expect(pairedEvidenceText(e)).toMatch(
      /^n = 5, mean \+3 points, 95 % CI \[[\d.]+, [\d.]+\], sign test p = 0\.0313 \(bootstrap seed 9, 10000 resamples\); per repetition 1, 2, 3, 4, 5$/,
    );
    expect(() => pairedEvidence([1, 2], [1], rule)).toThrow(
      'b must have one value per repetition of a (2), got 1',
    );
    expect(() => pairedEvidence([], [], rule)).toThrow(
      'a must hold at least one repetition, got 0',
    );
  });
});
