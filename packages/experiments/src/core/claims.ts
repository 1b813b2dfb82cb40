import {
  type BootstrapInterval,
  type ExactTest,
  pairedBootstrap,
  signTest,
  wilcoxonSignedRank,
} from './inference';
import { sig } from './stats';
import type { Claim } from './types';

/** How a comparative claim over repetitions is decided. */
export interface PairedRule {
  /** What one paired effect is, e.g. `'held-out accuracy, ReLU − linear'`. */
  effect: string;
  /** Unit of the effect, e.g. `'points'` (percentage points) or `'log10 ratio'`. */
  unit: string;
  /** The effect must lie above this for the claim to hold, in `unit`; default 0. */
  threshold?: number;
  /** One-sided significance level of the exact test, in (0, 1); default 0.05. */
  alpha?: number;
  /** Confidence level of the bootstrap interval, in (0, 1); default 0.95. */
  confidence?: number;
  /** Bootstrap resamples; default 10 000. */
  resamples?: number;
  /** Seed of the bootstrap resampling (recorded); derive it from the run's seed and the claim id. */
  seed: number;
  /** The exact test: `'wilcoxon'` (signed-rank, the default) or `'sign'`. */
  test?: 'wilcoxon' | 'sign';
}

/** The statistics behind a comparative claim: every number its verdict rests on. */
export interface PairedEvidence {
  /** What one paired effect is. */
  effect: string;
  /** Unit of the effects, threshold and interval. */
  unit: string;
  /** Repetitions paired. */
  n: number;
  /** The paired effect of each repetition (a − b), in `unit`. */
  perRepetition: number[];
  /** Mean effect. */
  mean: number;
  /** The claim holds when the effect lies above this. */
  threshold: number;
  /** Percentile bootstrap interval of the mean effect; absent below 2 repetitions. */
  interval?: BootstrapInterval;
  /** Exact one-sided test of effect − threshold > 0. */
  test: ExactTest;
  /** Significance level of the test. */
  alpha: number;
  /** Fewest repetitions at which the exact test can reach p < alpha. */
  minN: number;
}

/**
 * Fewest non-zero pairs at which an exact one-sided sign or signed-rank test can give p < alpha:
 * its smallest p-value is 2^−n, so n = ⌈log₂(1/alpha)⌉ (+1 when 2^−n = alpha), 5 at alpha = 0.05.
 *
 * @param alpha - significance level in (0, 1).
 * @returns the minimum number of repetitions.
 * @throws RangeError for alpha outside (0, 1).
 */
export function minimumRepetitions(alpha: number): number {
  if (!(alpha > 0 && alpha < 1))
    throw new RangeError(`alpha must be in (0, 1), got ${String(alpha)}`);
  let n = 1;
  while (0.5 ** n >= alpha) n += 1;
  return n;
}

/**
 * Paired effects a − b per repetition with their bootstrap interval and exact test.
 *
 * @param a - per repetition, the first variant's figure (in `rule.unit`).
 * @param b - per repetition, the second variant's figure, paired with `a` by index.
 * @param rule - effect name, unit, threshold and the seed of the resampling.
 * @returns the evidence a verdict is computed from.
 * @throws RangeError for unequal lengths, no repetitions or non-finite values.
 * @example
 * ```ts
 * const e = pairedEvidence([0.9, 1, 0.95], [0.6, 0.7, 0.8], { effect: 'accuracy A − B', unit: 'points', seed: 1 });
 * pairedVerdict(e).verdict; // 'inconclusive': 3 repetitions, the exact test needs 5
 * ```
 */
export function pairedEvidence(
  a: readonly number[],
  b: readonly number[],
  rule: PairedRule,
): PairedEvidence {
  if (a.length !== b.length)
    throw new RangeError(
      `b must have one value per repetition of a (${a.length}), got ${b.length}`,
    );
  if (a.length === 0) throw new RangeError('a must hold at least one repetition, got 0');
  const threshold = rule.threshold ?? 0;
  const alpha = rule.alpha ?? 0.05;
  const perRepetition = a.map((x, i) => x - (b[i] as number));
  const n = perRepetition.length;
  const mean = perRepetition.reduce((s, x) => s + x, 0) / n;
  const shifted = perRepetition.map((x) => x - threshold);
  const test =
    rule.test === 'sign' ? signTest(shifted, 'greater') : wilcoxonSignedRank(shifted, 'greater');
  return {
    effect: rule.effect,
    unit: rule.unit,
    n,
    perRepetition,
    mean,
    threshold,
    ...(n >= 2
      ? {
          interval: pairedBootstrap(perRepetition, {
            seed: rule.seed,
            confidence: rule.confidence ?? 0.95,
            resamples: rule.resamples ?? 10_000,
          }),
        }
      : {}),
    test,
    alpha,
    minN: minimumRepetitions(alpha),
  };
}

/**
 * The verdict of paired evidence: **inconclusive** below `minN` repetitions; **holds** when the
 * interval lies above the threshold and the exact test gives p < alpha; **does not hold** when
 * the interval lies below the threshold; otherwise **inconclusive** (the interval crosses the
 * threshold, or the test is not significant).
 *
 * @param e - from {@link pairedEvidence}.
 * @returns the verdict and, unless it holds, why.
 */
export function pairedVerdict(e: PairedEvidence): { verdict: Claim['verdict']; reason?: string } {
  if (e.n < e.minN || !e.interval)
    return {
      verdict: 'inconclusive',
      reason: `${e.n} repetition(s), fewer than the ${e.minN} an exact one-sided test at α = ${e.alpha} needs`,
    };
  const { low, high } = e.interval;
  if (low > e.threshold && e.test.pValue < e.alpha) return { verdict: 'holds' };
  if (high < e.threshold)
    return {
      verdict: 'does not hold',
      reason: `the whole interval lies below ${sig(e.threshold)} ${e.unit}`,
    };
  return {
    verdict: 'inconclusive',
    reason:
      low <= e.threshold
        ? `the interval [${sig(low)}, ${sig(high)}] ${e.unit} contains the threshold ${sig(e.threshold)}`
        : `p = ${sig(e.test.pValue)} ≥ α = ${e.alpha}`,
  };
}

/**
 * The rule of a paired claim in words, e.g. for a claim row.
 *
 * @param e - the evidence.
 * @returns one sentence.
 */
export function pairedRuleText(e: PairedEvidence): string {
  const confidence = Math.round(100 * (e.interval?.confidence ?? 0.95));
  const test =
    e.test.test === 'sign'
      ? 'exact one-sided sign test'
      : 'exact one-sided Wilcoxon signed-rank test';
  return `paired over repetitions: ${e.effect} (${e.unit}); holds if the ${confidence} % percentile-bootstrap interval of the mean lies above ${sig(e.threshold)} and the ${test} gives p < ${e.alpha} (needs n ≥ ${e.minN}); does not hold if the interval lies below ${sig(e.threshold)}; otherwise inconclusive`;
}

/**
 * The evidence in one line: n, the mean effect, its interval and the test.
 *
 * @param e - the evidence.
 * @returns e.g. `'n = 20, mean +12.3 points, 95 % CI [8.1, 16.0], Wilcoxon p = 0.0001 (bootstrap seed 1234, 10000 resamples)'`.
 */
export function pairedEvidenceText(e: PairedEvidence): string {
  const ci = e.interval
    ? `${Math.round(100 * e.interval.confidence)} % CI [${sig(e.interval.low)}, ${sig(e.interval.high)}]`
    : 'no interval (one repetition)';
  const seed = e.interval
    ? ` (bootstrap seed ${e.interval.seed}, ${e.interval.resamples} resamples)`
    : '';
  return `n = ${e.n}, mean ${e.mean >= 0 ? '+' : ''}${sig(e.mean)} ${e.unit}, ${ci}, ${e.test.test === 'sign' ? 'sign test' : 'Wilcoxon'} p = ${sig(e.test.pValue)}${seed}; per repetition ${e.perRepetition.map((x) => sig(x)).join(', ')}`;
}
