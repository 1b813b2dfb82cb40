import {
  amplitudeSpectrum,
  maxAbsError,
  relativeRmse,
  timeAxis,
  tones as toneSignal,
  valueAt,
} from '@rectify/signal';
import {
  type Activation,
  absApproximation,
  activationByName,
  activationSpectrum,
  commonFundamental,
  convergenceStudy,
  firstOrderDc,
  type LineSpectrum,
  predictActivation,
  reluDc,
  reluSeries,
  seriesError,
} from '@rectify/theory';
import uPlot from 'uplot';
import type { ActivationName, ExplorerParams } from './state';

/** One predicted line of the output spectrum, with the measured amplitude at its frequency. */
export interface PredictedLine {
  /** Frequency in Hz. */
  freq: number;
  /** Predicted cosine amplitude (signal units). */
  amplitude: number;
  /** Origin labels of the combinations landing here, e.g. `'2·f1'`, `'f1+f3'`, `'DC'`. */
  label: string;
  /** Amplitude of the measured output spectrum at the nearest bin. */
  measured: number;
}

/** Error of the N-term approximation against the activation's exact output. */
export interface ErrorView {
  /** ‖approx − f(x)‖ / ‖f(x)‖. */
  relativeRmse: number;
  /** max |approx − f(x)|. */
  maxAbsError: number;
  /** Largest error at the input's zero crossings (ReLU only, from `seriesError`). */
  errorAtZeroCrossing: number | null;
  /** The authors' printed %RRMSE, relative to the input (ReLU only). */
  paperRrmse: number | null;
}

/** Everything the explorer draws for one set of parameters. */
export interface ExplorerView {
  /** Sample times (s). */
  time: Float64Array;
  input: Float64Array;
  output: Float64Array;
  /** The N-term approximation, or null for activations without a series (GELU, SiLU, tanh). */
  approximation: Float64Array | null;
  /** Spectrum chart data: [freqs, input, output, predicted] aligned for uPlot (nulls between lines). */
  spectrum: uPlot.AlignedData;
  /** Predicted lines within [0, fs/2], sorted by frequency. */
  lines: PredictedLine[];
  dc: {
    exact: number | null;
    exactNote: string;
    firstOrder: number | null;
    series: number | null;
    measured: number;
  };
  error: ErrorView | null;
  notes: string[];
}

/** Error against terms for the current input. */
export interface ConvergenceView {
  terms: number[];
  relativeRmse: (number | null)[];
  /** A sentence naming the law the error follows, with its fit. */
  law: string;
}

const SERIES_ACTIVATIONS: ReadonlySet<ActivationName> = new Set(['relu', 'leaky', 'abs']);

/** Terms at which the convergence study evaluates the series. */
const STUDY_TERMS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];

/** Samples per common period when the DC of a non-ReLU activation is measured over one period. */
const PERIOD_SAMPLES = 1 << 14;

function activationFn(params: ExplorerParams): Activation {
  return activationByName(params.activation, { alpha: params.alpha });
}

function mean(x: Float64Array): number {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
}

function withoutMean(x: Float64Array): Float64Array {
  const m = mean(x);
  return x.map((v) => v - m);
}

function predictedSpectrum(params: ExplorerParams): LineSpectrum | null {
  return predictActivation(params.activation, params.tones, {
    terms: params.terms,
    method: params.expansion,
    maxFreq: params.fs / 2,
    alpha: params.alpha,
  });
}

function approximate(params: ExplorerParams, x: Float64Array): Float64Array | null {
  const options = {
    terms: params.terms,
    method: params.expansion,
    A: 'tones',
    tones: params.tones,
  } as const;
  switch (params.activation) {
    case 'relu':
      return reluSeries(x, options);
    case 'abs':
      return absApproximation(x, options);
    case 'leaky': {
      // LeakyReLU_α(x) = α·x + (1 − α)·ReLU(x), with ReLU replaced by its N-term series. (Summing
      // the predicted lines with LineSpectrum.toSignal gives the same signal but costs seconds
      // for incommensurate tones, which have thousands of lines.)
      const alpha = params.alpha;
      const series = reluSeries(x, options);
      return series.map((r, i) => alpha * (x[i] as number) + (1 - alpha) * r);
    }
    default:
      return null;
  }
}

let exactDcCache: { key: string; value: { value: number | null; note: string } } | null = null;

/** {@link computeExactDc}, remembered for the last input: it does not depend on the terms. */
function exactDc(params: ExplorerParams, fn: Activation): { value: number | null; note: string } {
  const key = JSON.stringify([params.tones, params.activation, params.alpha]);
  if (exactDcCache?.key !== key) exactDcCache = { key, value: computeExactDc(params, fn) };
  return exactDcCache.value;
}

/** The DC of the activation output: exact for ReLU, else measured over one common period. */
function computeExactDc(
  params: ExplorerParams,
  fn: Activation,
): { value: number | null; note: string } {
  if (params.activation === 'relu') return { value: reluDc(params.tones), note: 'reluDc' };
  const common = commonFundamental(params.tones.map((t) => t.freq));
  if (!common) return { value: null, note: 'tones share no common period' };
  const measured = activationSpectrum(fn, params.tones, {
    fs: common.fundamental * PERIOD_SAMPLES,
  });
  return { value: measured.dc, note: `over one common period (${PERIOD_SAMPLES} samples)` };
}

/** Computes the explorer's views: signals, spectra, predicted lines, DC and error. */
export function computeExplorer(params: ExplorerParams): ExplorerView {
  const { fs, n } = params;
  const notes: string[] = [];
  const fn = activationFn(params);
  const time = timeAxis(fs, n);
  const input = toneSignal(params.tones, { fs, n });
  let output: Float64Array = input.map(fn);
  const predicted = predictedSpectrum(params);
  let approximation = approximate(params, input);

  let error: ErrorView | null = null;
  if (approximation) {
    if (params.activation === 'relu') {
      const e = seriesError(input, params.terms, {
        A: 'tones',
        tones: params.tones,
        method: params.expansion,
      });
      error = {
        relativeRmse: e.relativeRmse,
        maxAbsError: e.maxAbsError,
        errorAtZeroCrossing: e.errorAtZeroCrossing,
        paperRrmse: e.authorsPercentRrmse / 100,
      };
    } else {
      error = {
        relativeRmse: relativeRmse(approximation, output),
        maxAbsError: maxAbsError(approximation, output),
        errorAtZeroCrossing: null,
        paperRrmse: null,
      };
    }
  } else {
    notes.push(
      'No series expansion for this activation: the spectrum and DC are measured; predicted lines and errors are for ReLU, leaky ReLU and |x|.',
    );
  }

  const exact = exactDc(params, fn);
  const firstOrder = params.activation === 'relu' ? firstOrderDc(params.tones) : null;
  if (params.activation !== 'relu')
    notes.push('The first-order DC √A/2 is the paper’s term for ReLU.');
  let seriesDc = predicted ? predicted.dc : null;
  let lines = predicted ? predicted.byFrequency() : [];

  if (params.dc === 'remove') {
    output = withoutMean(output);
    if (approximation) approximation = withoutMean(approximation);
    lines = lines.filter((line) => line.freq !== 0);
    seriesDc = predicted ? 0 : null;
    notes.push(
      'DC removed: the output and the approximation have their mean subtracted, as a DC-removing ReLU does.',
    );
  }

  const inputSpectrum = amplitudeSpectrum(input, { fs });
  const outputSpectrum = amplitudeSpectrum(output, { fs });
  const predictedLines: PredictedLine[] = lines
    .filter((line) => line.freq <= fs / 2)
    .map((line) => ({
      freq: line.freq,
      amplitude: line.amplitude,
      label: line.labels.slice(0, 3).join(', ') + (line.labels.length > 3 ? ', …' : ''),
      measured: valueAt(outputSpectrum, line.freq),
    }));

  const spectrum = uPlot.join([
    [
      inputSpectrum.freqs,
      inputSpectrum.amplitude,
      outputSpectrum.amplitude,
    ] as unknown as uPlot.AlignedData,
    [predictedLines.map((l) => l.freq), predictedLines.map((l) => l.amplitude)],
  ]);
  if (params.log) {
    // A log axis cannot show zeros; bins at exactly 0 are left out of the drawing.
    for (let s = 1; s < spectrum.length; s++) {
      const ys = spectrum[s] as (number | null)[];
      for (let i = 0; i < ys.length; i++)
        if (ys[i] !== null && !((ys[i] as number) > 1e-12)) ys[i] = null;
    }
  }
  if (!SERIES_ACTIVATIONS.has(params.activation)) approximation = null;

  return {
    time,
    input,
    output,
    approximation,
    spectrum,
    lines: predictedLines,
    dc: {
      exact: exact.value,
      exactNote: exact.note,
      firstOrder,
      series: seriesDc,
      measured: outputSpectrum.amplitude[0] ?? 0,
    },
    error,
    notes,
  };
}

/** Error against terms (the convergence study) for the current input and activation. */
export function computeConvergence(
  params: ExplorerParams,
  view: ExplorerView,
): ConvergenceView | null {
  if (!view.approximation) return null;
  const terms = STUDY_TERMS;
  if (params.activation === 'relu') {
    const study = convergenceStudy(view.input, terms, {
      A: 'tones',
      tones: params.tones,
      method: params.expansion,
    });
    const fits = study.relativeRmse;
    const best = fits.better === 'power' ? fits.powerLaw : fits.exponential;
    const law =
      best.law === 'power'
        ? `Relative RMSE ≈ ${best.coefficient.toPrecision(3)}·N^(−${best.rate.toPrecision(3)}) (power law, r² = ${best.r2.toFixed(3)}; exponential r² = ${fits.exponential.r2.toFixed(3)})`
        : `Relative RMSE ≈ ${best.coefficient.toPrecision(3)}·e^(−${best.rate.toPrecision(3)}·N) (exponential, r² = ${best.r2.toFixed(3)}; power law r² = ${fits.powerLaw.r2.toFixed(3)})`;
    return { terms, relativeRmse: study.rows.map((r) => r.relativeRmse), law };
  }
  const output = view.input.map(activationFn(params));
  const relative = terms.map((t) => {
    const approx = approximate({ ...params, terms: t }, view.input);
    return approx ? relativeRmse(approx, output) : null;
  });
  return {
    terms,
    relativeRmse: relative,
    law: 'Relative RMSE of the approximation against the activation, measured at each N.',
  };
}
