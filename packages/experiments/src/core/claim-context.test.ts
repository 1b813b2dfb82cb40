import { describe, expect, it } from 'vitest';
import { claimContextLines } from './claim-context';

describe('claimContextLines', () => {
  it('lists variants (mean ± std in %), a finding’s error, why and the rule, in that order', () => {
    expect(
      claimContextLines({
        kind: 'finding',
        verdict: 'does not hold',
        rule: 'error ≤ 5 %',
        variants: [
          { name: 'relu', accuracy: 0.975, std: 0.0125 },
          { name: 'linear', accuracy: 0.5 },
        ],
        error: { relative: 0.123, of: 'the exact DC' },
        reason: 'the series is truncated',
      }),
    ).toEqual([
      'Accuracy: relu 97.5 % ± 1.3 %, linear 50.0 %',
      "Finding: the paper's approximation is 12.3 % off the exact DC",
      'Why does not hold: the series is truncated',
      'Rule: error ≤ 5 %',
    ]);
  });

  it('leaves out what a claim does not have (a reproduction’s error, empty variants, no rule)', () => {
    expect(
      claimContextLines({
        kind: 'reproduction',
        verdict: 'holds',
        rule: '',
        variants: [],
        error: { relative: 0.5, of: 'x' },
      }),
    ).toEqual([]);
  });
});
