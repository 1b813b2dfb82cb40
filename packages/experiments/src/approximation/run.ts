import { amplitudeSpectrum, findPeaks, tones } from '@rectify/signal';
import {
  type ConvergenceStudy,
  convergenceStudy,
  firstOrderDc,
  predictRelu,
  reluDc,
  reluSeries,
} from '@rectify/theory';
import { defineExperiment } from '../core/define';
import { type SpectrumData, truncateSpectrum } from '../core/spectral';
import { type LineFit, lineFit } from '../core/inference';
import { percent, sig } from '../core/stats';
import type { Claim, ResultMeta, UnitContext } from '../core/types';
import {
  type ApproximationConfig,
  approximationConfigSchema,
  approximationPresets,
} from './config';

/** A measured line of ReLU(x) beside the theory's predicted amplitude at several term counts. */
export interface LineComparison {
  /** Frequency, Hz. */
  freq: number;
  /** Measured amplitude in the spectrum of ReLU(x). */
  measured: number;
  /** Predicted amplitude (predictRelu) per entry of config.predictTermsList. */
  predicted: number[];
  /** Origins of the predicted line, e.g. `['2·f1', 'f3-f1']`. */
  labels: string[];
}

/** The spectra unit. */
export interface ApproximationSpectra {
  /** Amplitude spectra (up to config.spectrumMaxFreq) of input, ReLU(x) and the N-term series. */
  input: SpectrumData;
  relu: SpectrumData;
  series: SpectrumData;
  /** Every measured peak above lineThreshold·max, largest first. */
  lines: LineComparison[];
  /** Measured lines with no predicted line at spectrumTerms (frequencies, Hz). */
  unpredicted: number[];
  /** Mean |predicted − measured| over the lines, per predictTermsList entry. */
  meanLineError: number[];
}

/** The DC unit: exact, first-order, from the series, and measured. */
export interface ApproximationDc {
  /** reluDc(tones): exact mean of ReLU(x) (period integration). */
  exact: number;
  /** sqrt(A)/2, the paper's leading term. */
  firstOrder: number;
  /** The DC line of predictRelu at each config.predictTermsList entry. */
  series: number[];
  /** mean(ReLU(x)) of the sampled signal. */
  measured: number;
}

/** Local slope of log error against log N between two successive term counts. */
export interface LocalSlope {
  /** Smaller term count. */
  from: number;
  /** Larger term count. */
  to: number;
  /** log(e_to / e_from) / log(to / from), dimensionless. */
  slope: number;
}

/** The binomial series' convergence law in one error measure, over the asymptotic range. */
export interface ConvergenceLaw {
  /** Term counts N ≥ this were fitted (config.asymptoticFrom). */
  fromTerms: number;
  /** The slope the theory predicts as N → ∞: −3/4 for the relative RMSE, −1/2 for the max error. */
  limit: number;
  /** Least-squares slope of log error on log N over N ≥ fromTerms with its 95 % interval; absent below 3 term counts. */
  fit?: LineFit;
  /** Slopes between successive term counts, over every N of the run. */
  localSlopes: LocalSlope[];
}

/** Result of `approximation`. */
export interface ApproximationResult extends ResultMeta {
  /** Error against ReLU(x) per term count, and power-law/exponential fits, per expansion. */
  convergence: { binomial: ConvergenceStudy; chebyshev: ConvergenceStudy };
  /** The binomial series' power law over the asymptotic range, per error measure. */
  convergenceLaw: { relativeRmse: ConvergenceLaw; maxAbsError: ConvergenceLaw };
  /** Spectra and line-by-line comparison. */
  spectra: ApproximationSpectra;
  /** The DC four ways. */
  dc: ApproximationDc;
  /** Statements tested and their verdicts. */
  claims: Claim[];
}

type Unit = ConvergenceStudy | ApproximationSpectra | ApproximationDc;

const UNITS = ['convergence-binomial', 'convergence-chebyshev', 'spectra', 'dc'] as const;

function signal(config: ApproximationConfig): Float64Array {
  return tones(config.tones, { fs: config.fs, n: Math.round(config.fs * config.duration) });
}

function spectra(config: ApproximationConfig): ApproximationSpectra {
  const x = signal(config);
  const r = x.map((v) => Math.max(v, 0));
  const s = reluSeries(x, { terms: config.spectrumTerms, A: 'tones', tones: config.tones });
  const fs = config.fs;
  const reluSpectrum = amplitudeSpectrum(r, { fs });
  const largest = Math.max(...reluSpectrum.amplitude);
  const peaks = findPeaks(reluSpectrum, { minHeight: config.lineThreshold * largest });
  if (
    (reluSpectrum.amplitude[0] as number) >= config.lineThreshold * largest &&
    !peaks.some((p) => p.index === 0)
  ) {
    peaks.push({ freq: 0, amplitude: reluSpectrum.amplitude[0] as number, index: 0 });
  }
  peaks.sort((a, b) => b.amplitude - a.amplitude || a.freq - b.freq);
  const binHz = fs / x.length;
  const predictions = config.predictTermsList.map((terms) =>
    predictRelu(config.tones, { terms, A: 'tones' }).byFrequency(),
  );
  const atSpectrumTerms = predictRelu(config.tones, {
    terms: config.spectrumTerms,
    A: 'tones',
  }).byFrequency();
  const near = (lines: typeof atSpectrumTerms, f: number) =>
    lines.find((m) => Math.abs(m.freq - f) <= binHz / 2);
  const lines: LineComparison[] = peaks.map((p) => ({
    freq: p.freq,
    measured: p.amplitude,
    predicted: predictions.map((lines) => near(lines, p.freq)?.amplitude ?? 0),
    labels: near(atSpectrumTerms, p.freq)?.labels ?? [],
  }));
  const unpredicted = lines.filter((l) => !near(atSpectrumTerms, l.freq)).map((l) => l.freq);
  const meanLineError = config.predictTermsList.map(
    (_, j) =>
      lines.reduce((acc, l) => acc + Math.abs((l.predicted[j] as number) - l.measured), 0) /
      Math.max(1, lines.length),
  );
  const keep = (v: ArrayLike<number>) =>
    truncateSpectrum(
      {
        freqs: Array.from(reluSpectrum.freqs),
        amplitude: Array.from(amplitudeSpectrum(v, { fs }).amplitude),
      },
      config.spectrumMaxFreq,
    );
  return { input: keep(x), relu: keep(r), series: keep(s), lines, unpredicted, meanLineError };
}

function dc(config: ApproximationConfig): ApproximationDc {
  const x = signal(config);
  let sum = 0;
  for (const v of x) sum += Math.max(v, 0);
  return {
    exact: reluDc(config.tones),
    firstOrder: firstOrderDc(config.tones),
    series: config.predictTermsList.map(
      (terms) => predictRelu(config.tones, { terms, A: 'tones' }).dc,
    ),
    measured: sum / x.length,
  };
}

async function computeUnit(
  config: ApproximationConfig,
  id: string,
  context: UnitContext,
): Promise<Unit> {
  let out: Unit;
  if (id === 'convergence-binomial' || id === 'convergence-chebyshev') {
    const method = id === 'convergence-binomial' ? 'binomial' : 'chebyshev';
    out = convergenceStudy(signal(config), config.termsList, {
      A: 'tones',
      tones: config.tones,
      method,
    });
  } else if (id === 'spectra') out = spectra(config);
  else if (id === 'dc') out = dc(config);
  else throw new RangeError(`unitId must be one of ${UNITS.join(', ')}, got ${JSON.stringify(id)}`);
  context.onStep?.(1, 1);
  return out;
}

function convergenceLaw(
  study: ConvergenceStudy,
  measure: 'relativeRmse' | 'maxAbsError',
  fromTerms: number,
): ConvergenceLaw {
  const rows = [...study.rows]
    .sort((p, q) => p.terms - q.terms)
    .filter((r, i, all) => r[measure] > 0 && (i === 0 || r.terms !== all[i - 1]?.terms));
  const localSlopes = rows.slice(1).map((r, i) => {
    const prev = rows[i] as (typeof rows)[number];
    return {
      from: prev.terms,
      to: r.terms,
      slope: Math.log(r[measure] / prev[measure]) / Math.log(r.terms / prev.terms),
    };
  });
  const tail = rows.filter((r) => r.terms >= fromTerms);
  return {
    fromTerms,
    limit: measure === 'relativeRmse' ? -0.75 : -0.5,
    ...(tail.length >= 3
      ? {
          fit: lineFit(
            tail.map((r) => Math.log(r.terms)),
            tail.map((r) => Math.log(r[measure])),
          ),
        }
      : {}),
    localSlopes,
  };
}

function lawText(name: string, law: ConvergenceLaw): string {
  const fit = law.fit
    ? `slope ${sig(law.fit.slope)}, 95 % CI [${sig(law.fit.low)}, ${sig(law.fit.high)}] over N ≥ ${law.fromTerms} (${law.fit.n} term counts)`
    : `no fit over N ≥ ${law.fromTerms} (fewer than 3 term counts)`;
  const local = law.localSlopes.map((l) => `${l.from}→${l.to} ${sig(l.slope)}`).join(', ');
  return `${name}: ${fit}; local slopes ${local}; limit ${law.limit}`;
}

function claims(
  config: ApproximationConfig,
  r: Omit<ApproximationResult, keyof ResultMeta | 'claims'>,
): Claim[] {
  const b = [...r.convergence.binomial.rows].sort((p, q) => p.terms - q.terms);
  const c = [...r.convergence.chebyshev.rows].sort((p, q) => p.terms - q.terms);
  const falls = b.every(
    (row, i) => i === 0 || row.relativeRmse <= (b[i - 1]?.relativeRmse ?? Number.POSITIVE_INFINITY),
  );
  const first = b[0];
  const last = b.at(-1);
  const chebWins = c.filter(
    (row, i) => row.terms >= 2 && row.relativeRmse < (b[i]?.relativeRmse ?? 0),
  ).length;
  const comparable = c.filter((row) => row.terms >= 2).length;
  const fit = r.convergence.binomial.relativeRmse;
  const { dc, spectra: s } = r;
  const seriesDc = dc.series.at(-1) ?? Number.NaN;
  const firstOrderError = Math.abs(dc.firstOrder - dc.exact) / dc.exact;
  const seriesDcError = Math.abs(seriesDc - dc.exact) / dc.exact;
  const lineErrorFalls = s.meanLineError.every(
    (e, i) => i === 0 || e <= (s.meanLineError[i - 1] as number),
  );
  return [
    {
      id: 'series-error-falls-with-terms',
      statement: 'The truncated series approaches ReLU(x) as terms are added.',
      measured: `relative RMSE against ReLU(x): ${b.map((row) => `${row.terms} terms ${sig(row.relativeRmse)}`).join(', ')}`,
      verdict:
        falls && first && last && last.relativeRmse < first.relativeRmse
          ? 'holds'
          : 'does not hold',
      rule: 'holds if the relative RMSE never rises as terms are added and ends below where it starts',
      paper: '§V.A (time-domain figure): the 50-term series follows ReLU(x) closely.',
      kind: 'reproduction',
    },
    {
      id: 'series-convergence-law',
      statement:
        'Because of the branch point at the zero crossings, the binomial series converges algebraically (a power law in N), not exponentially.',
      measured: `fit of log relative RMSE over every N: power law N^−${sig(fit.powerLaw.rate)} (r² ${sig(fit.powerLaw.r2)}), exponential e^−${sig(fit.exponential.rate)}·N (r² ${sig(fit.exponential.r2)}). ${lawText('Relative RMSE', r.convergenceLaw.relativeRmse)}. ${lawText('Max error', r.convergenceLaw.maxAbsError)}`,
      verdict:
        fit.better === 'power' && fit.powerLaw.r2 > 0.9
          ? 'holds'
          : fit.better === 'exponential'
            ? 'does not hold'
            : 'inconclusive',
      rule: 'holds if a power law in N fits log error better than an exponential, with r² > 0.9; does not hold if the exponential fits better; slopes and intervals over the asymptotic range are shown beside their limits',
      paper:
        'Not stated in the paper; our notes (§1): the branch point at the zero crossings makes the rate something to measure. Theory: slopes → −3/4 (RMS) and −1/2 (max).',
      kind: 'reproduction',
    },
    {
      id: 'chebyshev-beats-binomial',
      statement:
        'At equal terms (same frequencies), the Chebyshev expansion of |x| approximates ReLU better than the binomial series.',
      measured: `lower relative RMSE at ${chebWins} of ${comparable} term counts ≥ 2; at ${last?.terms} terms ${sig(c.at(-1)?.relativeRmse ?? Number.NaN)} vs ${sig(last?.relativeRmse ?? Number.NaN)}`,
      verdict:
        chebWins === comparable ? 'holds' : chebWins === 0 ? 'does not hold' : 'inconclusive',
      rule: 'holds if Chebyshev is lower at every term count ≥ 2; does not hold if at none; otherwise inconclusive',
      paper:
        'Not in the paper: a comparison Rectify adds (the best polynomial approximation of |x| on the same range).',
      kind: 'reproduction',
    },
    {
      id: 'predicted-lines-cover-measured',
      statement: `Every line of ReLU(x) above ${percent(config.lineThreshold)} of the largest peak is one the series predicts (DC, harmonics, intermodulation).`,
      measured: `${s.lines.length - s.unpredicted.length} of ${s.lines.length} measured lines predicted at ${config.spectrumTerms} terms${s.unpredicted.length ? `; missing at ${s.unpredicted.join(', ')} Hz` : ''}`,
      verdict: s.unpredicted.length === 0 ? 'holds' : 'does not hold',
      rule: `holds if no measured line above ${percent(config.lineThreshold)} of the largest peak lacks a predicted line`,
      paper:
        '§V.A (spectrum figure): the series’ spectrum has the lines of ReLU(x): DC, even harmonics and intermodulation.',
      kind: 'reproduction',
    },
    {
      id: 'predicted-amplitudes-converge',
      statement: 'The predicted line amplitudes approach the measured ones as terms grow.',
      measured: `mean |predicted − measured| over the lines: ${config.predictTermsList.map((t, i) => `${t} terms ${sig(s.meanLineError[i] as number)}`).join(', ')}`,
      verdict: lineErrorFalls ? 'holds' : 'does not hold',
      rule: 'holds if the mean line error never rises from one term count to the next',
      paper: '§V.A (spectrum figure): predicted and measured amplitudes agree at N = 50.',
      kind: 'reproduction',
    },
    {
      id: 'first-order-dc',
      statement: 'To first order the DC of ReLU(x) is sqrt(A)/2.',
      measured: `sqrt(A)/2 = ${sig(dc.firstOrder)}, exact DC ${sig(dc.exact)}`,
      verdict: firstOrderError <= 0.1 ? 'holds' : 'does not hold',
      rule: 'holds if sqrt(A)/2 is within 10 % of the exact DC (period integration of ReLU(x))',
      paper:
        '§III (the series’ constant term): to first order the DC is sqrt(A)/2. A finding about the paper’s approximation: the series DC below converges to the exact value.',
      kind: 'finding',
      error: { relative: firstOrderError, of: 'the exact DC of ReLU(x)' },
    },
    {
      id: 'series-dc',
      statement: 'The DC of the truncated series approaches the exact DC of ReLU(x).',
      measured: `series DC ${config.predictTermsList.map((t, i) => `${t} terms ${sig(dc.series[i] as number)}`).join(', ')}; exact ${sig(dc.exact)}, measured mean ${sig(dc.measured)}`,
      verdict: seriesDcError <= 0.05 ? 'holds' : 'does not hold',
      rule: `holds if the series DC at ${config.predictTermsList.at(-1)} terms is within 5 % of the exact DC`,
      paper: '§III–V.A: every term of the series adds to the DC; the truncated sum approaches it.',
      kind: 'reproduction',
    },
  ];
}

/**
 * Paper V.A: the series against ReLU in time and frequency; units are the four analyses.
 *
 * @example
 * ```ts
 * const r = await approximation.run({}, { seed: 0 }); // the paper's signal and A
 * r.convergence.binomial.rows.at(-1)?.relativeRmse;  // error against ReLU(x) at 200 terms
 * ```
 */
export const approximation = defineExperiment<ApproximationConfig, Unit, ApproximationResult>({
  name: 'approximation',
  configSchema: approximationConfigSchema,
  presets: approximationPresets,
  usesTf: false,
  listUnits: () => [...UNITS],
  computeUnit,
  merge(config, units) {
    const binomial = units['convergence-binomial'] as ConvergenceStudy;
    const body = {
      convergence: {
        binomial,
        chebyshev: units['convergence-chebyshev'] as ConvergenceStudy,
      },
      convergenceLaw: {
        relativeRmse: convergenceLaw(binomial, 'relativeRmse', config.asymptoticFrom),
        maxAbsError: convergenceLaw(binomial, 'maxAbsError', config.asymptoticFrom),
      },
      spectra: units.spectra as ApproximationSpectra,
      dc: units.dc as ApproximationDc,
    };
    return { ...body, claims: claims(config, body) };
  },
});
