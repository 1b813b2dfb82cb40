import { type Recording, timeAxis } from '@rectify/signal';
import {
  type ActivationAnalysis,
  activationConvergence,
  analysisNotes,
  analyzeActivation,
  convergenceLaw,
  convergenceTerms,
  type ReferenceDc,
  referenceDc,
  type SummaryLine,
  summaryLines,
} from '@rectify/theory';
import { type ChartData, joinSeries } from '@rectify/ui';
import type { ExplorerParams } from './state';

/** Everything the explorer draws for one set of parameters. */
export interface ExplorerView {
  /** Sample times (s). */
  time: Float64Array;
  /** Theory's analysis: signals, spectra, predicted lines, DC by every route, series error. */
  analysis: ActivationAnalysis;
  /** Spectrum chart data: [freqs, input, output, lines] aligned for uPlot (nulls between lines). */
  spectrum: ChartData;
  /** theory's `summaryLines`: predicted lines (or a recording's measured ones) by frequency. */
  lines: SummaryLine[];
  /** theory's `referenceDc`: the exact DC and its route. */
  exactDc: ReferenceDc;
  /** theory's `analysisNotes`. */
  notes: string[];
}

/** Error against terms for the current input. */
export interface ConvergenceView {
  terms: number[];
  relativeRmse: (number | null)[];
  /** theory's `convergenceLaw`: the law the error follows, with its fit. */
  law: string;
}

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

/**
 * Computes the explorer's views: theory's analysis of the tones (or of the open recording),
 * laid out for the charts and readouts.
 */
export function computeExplorer(params: ExplorerParams, recording?: Recording): ExplorerView {
  const analysis = analyzeActivation(
    recording?.samples ?? params.tones,
    analysisOptions(params, recording),
  );
  const lines = summaryLines(analysis);
  const { input, output } = analysis.spectra;
  const spectrum = joinSeries([
    [input.freqs, input.amplitude, output.amplitude] as unknown as ChartData,
    [lines.map((l) => l.freq), lines.map((l) => l.amplitude ?? l.measured)],
  ]);
  if (params.log) {
    // A log axis cannot show zeros; bins at exactly 0 are left out of the drawing.
    for (const ys of spectrum.slice(1) as (number | null)[][])
      ys.forEach((y, i) => {
        if (y !== null && !(y > 1e-12)) ys[i] = null;
      });
  }
  return {
    time: timeAxis(analysis.fs, analysis.n),
    analysis,
    spectrum,
    lines,
    exactDc: referenceDc(analysis),
    notes: analysisNotes(analysis, { removeDc: params.dc === 'remove' }),
  };
}

/** Error against terms (theory's convergence study) for the current input and activation. */
export function computeConvergence(
  params: ExplorerParams,
  recording?: Recording,
): ConvergenceView | null {
  const study = activationConvergence(
    recording?.samples ?? params.tones,
    analysisOptions(params, recording),
    convergenceTerms,
  );
  return (
    study && { terms: study.terms, relativeRmse: study.relativeRmse, law: convergenceLaw(study) }
  );
}
