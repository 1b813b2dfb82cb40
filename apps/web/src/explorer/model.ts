import { type Recording, timeAxis } from '@rectify/signal';
import {
  type ActivationAnalysis,
  activationConvergence,
  analyzeActivation,
  type ConvergenceFit,
} from '@rectify/theory';
import uPlot from 'uplot';
import type { ExplorerParams } from './state';

/** One line of the output spectrum: predicted (tones), or measured only (a recording). */
export interface PredictedLine {
  /** Frequency in Hz. */
  freq: number;
  /** Predicted cosine amplitude (signal units); null for a recording's measured lines. */
  amplitude: number | null;
  /** Origin labels of the combinations landing here, e.g. `'2·f1'`, `'f1+f3'`, `'DC'`. */
  label: string;
  /** Amplitude of the measured output spectrum at the nearest bin. */
  measured: number;
}

/** Everything the explorer draws for one set of parameters. */
export interface ExplorerView {
  /** Sample times (s). */
  time: Float64Array;
  /** Theory's analysis: signals, spectra, predicted lines, DC by every route, series error. */
  analysis: ActivationAnalysis;
  /** Spectrum chart data: [freqs, input, output, predicted] aligned for uPlot (nulls between lines). */
  spectrum: uPlot.AlignedData;
  /** Predicted lines within [0, fs/2], sorted by frequency. */
  lines: PredictedLine[];
  /** The DC the explorer calls exact (closed form, else one period) and where it comes from. */
  exactDc: { value: number | null; note: string };
  notes: string[];
}

/** Error against terms for the current input. */
export interface ConvergenceView {
  terms: number[];
  relativeRmse: (number | null)[];
  /** A sentence naming the law the error follows, with its fit. */
  law: string;
}

/** Terms at which the convergence study evaluates the series. */
const STUDY_TERMS = [1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100];

const EXACT_NOTES: Record<string, string> = {
  relu: 'reluDc',
  leaky: '(1 − α)·reluDc',
  abs: '2·reluDc',
};

function analysisOptions(params: ExplorerParams, recording?: Recording) {
  return {
    fs: recording?.fs ?? params.fs,
    n: params.n,
    activation: params.activation,
    alpha: params.alpha,
    terms: params.terms,
    method: params.expansion,
    removeDc: params.dc === 'remove',
    // Tones: the predicted lines are the table; a recording's table is its measured lines.
    tableLines: recording ? 24 : 0,
  };
}

function exactDc(a: ActivationAnalysis): { value: number | null; note: string } {
  if (a.dc.exact !== null) return { value: a.dc.exact, note: EXACT_NOTES[a.activation] ?? '' };
  if (a.dc.periodic !== null) return { value: a.dc.periodic, note: 'over one common period' };
  return { value: null, note: 'tones share no common period' };
}

/**
 * Computes the explorer's views: theory's analysis of the tones (or of the open recording),
 * laid out for the charts and readouts.
 */
export function computeExplorer(params: ExplorerParams, recording?: Recording): ExplorerView {
  const analysis = analyzeActivation(
    recording?.samples ?? params.tones,
    analysisOptions(params, recording),
  );
  const notes: string[] = [];
  if (!analysis.signals.approximation) {
    notes.push(
      'No series expansion for this activation: the spectrum and DC are measured; predicted lines and errors are for ReLU, leaky ReLU and |x|.',
    );
  }
  if (params.activation !== 'relu')
    notes.push('The first-order DC √A/2 is the paper’s term for ReLU.');
  if (params.dc === 'remove') {
    notes.push(
      'DC removed: the output and the approximation have their mean subtracted, as a DC-removing ReLU does.',
    );
  }
  const label = (labels: readonly string[], none: string) =>
    labels.length === 0 ? none : labels.slice(0, 3).join(', ') + (labels.length > 3 ? ', …' : '');
  const lines: PredictedLine[] = analysis.predicted
    ? analysis.predicted.map((line) => ({
        freq: line.freq,
        amplitude: line.amplitude,
        label: label(line.labels, 'one period'),
        measured: line.measured,
      }))
    : analysis.lines.map((line) => ({
        freq: line.freq,
        amplitude: line.predicted,
        label: label(line.origins, '?'),
        measured: line.measured,
      }));
  const { input, output } = analysis.spectra;
  const spectrum = uPlot.join([
    [input.freqs, input.amplitude, output.amplitude] as unknown as uPlot.AlignedData,
    [lines.map((l) => l.freq), lines.map((l) => l.amplitude ?? l.measured)],
  ]);
  if (params.log) {
    // A log axis cannot show zeros; bins at exactly 0 are left out of the drawing.
    for (let s = 1; s < spectrum.length; s++) {
      const ys = spectrum[s] as (number | null)[];
      for (let i = 0; i < ys.length; i++)
        if (ys[i] !== null && !((ys[i] as number) > 1e-12)) ys[i] = null;
    }
  }
  return {
    time: timeAxis(analysis.fs, analysis.n),
    analysis,
    spectrum,
    lines,
    exactDc: exactDc(analysis),
    notes,
  };
}

function describeFit(best: ConvergenceFit, other: ConvergenceFit): string {
  const coefficient = best.coefficient.toPrecision(3);
  const rate = best.rate.toPrecision(3);
  return best.law === 'power'
    ? `Relative RMSE ≈ ${coefficient}·N^(−${rate}) (power law, r² = ${best.r2.toFixed(3)}; exponential r² = ${other.r2.toFixed(3)})`
    : `Relative RMSE ≈ ${coefficient}·e^(−${rate}·N) (exponential, r² = ${best.r2.toFixed(3)}; power law r² = ${other.r2.toFixed(3)})`;
}

/** Error against terms (theory's convergence study) for the current input and activation. */
export function computeConvergence(
  params: ExplorerParams,
  recording?: Recording,
): ConvergenceView | null {
  const study = activationConvergence(
    recording?.samples ?? params.tones,
    analysisOptions(params, recording),
    STUDY_TERMS,
  );
  if (!study) return null;
  const { fits } = study;
  const law = fits
    ? fits.better === 'power'
      ? describeFit(fits.powerLaw, fits.exponential)
      : describeFit(fits.exponential, fits.powerLaw)
    : 'Relative RMSE of the approximation against the activation, measured at each N.';
  return { terms: study.terms, relativeRmse: study.relativeRmse, law };
}
