import type { ActivationAnalysis, ActivationConvergence } from './analyze';
import type { ConvergenceFit } from './convergence';

/** One line of an analysis as a reader lists it: predicted (tones), or measured only (samples). */
export interface SummaryLine {
  /** Frequency in Hz. */
  freq: number;
  /** Predicted cosine amplitude (signal units); null for a recording's measured-only lines. */
  amplitude: number | null;
  /** The line's origins in short: at most three combinations, e.g. `'2·f1, f1+f3, …'`. */
  label: string;
  /** Amplitude of the measured output spectrum at the nearest bin (signal units). */
  measured: number;
}

/** The DC an analysis calls exact, and the route it comes from. */
export interface ReferenceDc {
  /** The DC (signal units), or null when no exact route applies. */
  value: number | null;
  /** Where it comes from, e.g. `'reluDc'`, `'(1 − α)·reluDc'`, `'over one common period'`. */
  route: string;
}

/** Combinations a short origin label names before it ends in `…`. */
const LABEL_ORIGINS = 3;

/** The closed form behind `dc.exact`, per activation with a series. */
const EXACT_ROUTES: Readonly<Record<string, string>> = {
  relu: 'reluDc',
  leaky: '(1 − α)·reluDc',
  abs: '2·reluDc',
};

/**
 * A line's origins in short: the first three, joined by `, `, then `, …` when there are more.
 *
 * @param origins - the combinations landing on the line (e.g. `AnalyzedLine.origins`).
 * @param none - the label when nothing explains the line; default `'?'`.
 * @returns the label.
 * @example
 * ```ts
 * originLabel(['2·f1', 'f1+f3', 'f2−f1', 'DC']); // '2·f1, f1+f3, f2−f1, …'
 * ```
 */
export function originLabel(origins: readonly string[], none = '?'): string {
  if (origins.length === 0) return none;
  const shown = origins.slice(0, LABEL_ORIGINS).join(', ');
  return origins.length > LABEL_ORIGINS ? `${shown}, …` : shown;
}

/**
 * The lines of an analysis as a reader lists them: for tones every predicted line within
 * 0 … fs/2 (labelled `'one period'` when one period predicts it and no combination names it),
 * else the measured line table (`tableLines` of {@link analyzeActivation}).
 *
 * @param analysis - an {@link ActivationAnalysis}.
 * @returns the lines by frequency (Hz), with amplitudes in signal units.
 * @example
 * ```ts
 * summaryLines(analyzeActivation([{ freq: 10, amp: 2 }], { fs: 1024, n: 8192 }))[1]?.label; // 'f1'
 * ```
 */
export function summaryLines(analysis: ActivationAnalysis): SummaryLine[] {
  if (analysis.predicted) {
    return analysis.predicted.map((line) => ({
      freq: line.freq,
      amplitude: line.amplitude,
      label: originLabel(line.labels, 'one period'),
      measured: line.measured,
    }));
  }
  return analysis.lines.map((line) => ({
    freq: line.freq,
    amplitude: line.predicted,
    label: originLabel(line.origins),
    measured: line.measured,
  }));
}

/**
 * The DC an analysis calls exact: the closed form (`reluDc`, (1 − α)·`reluDc`, 2·`reluDc`),
 * else the mean over one common period, else none (tones without a common period, samples).
 *
 * @param analysis - an {@link ActivationAnalysis}.
 * @returns the DC (signal units) or null, and its route in words.
 * @example
 * ```ts
 * referenceDc(analyzeActivation([{ freq: 10, amp: 2 }], { fs: 1024 })); // { value: 2/π, route: 'reluDc' }
 * ```
 */
export function referenceDc(analysis: ActivationAnalysis): ReferenceDc {
  const { exact, periodic } = analysis.dc;
  if (exact !== null) return { value: exact, route: EXACT_ROUTES[analysis.activation] ?? '' };
  if (periodic !== null) return { value: periodic, route: 'over one common period' };
  return { value: null, route: 'tones share no common period' };
}

/**
 * What a reader should know about an analysis before reading its figures: no series for the
 * activation, the first-order DC √A/2 being ReLU's, the mean removed.
 *
 * @param analysis - an {@link ActivationAnalysis}.
 * @param options - `removeDc`: whether the analysis ran with `removeDc` (default false).
 * @returns one sentence per note, possibly none.
 * @example
 * ```ts
 * analysisNotes(analyzeActivation(va, { fs: 1024, activation: 'gelu' })).length; // 2
 * ```
 */
export function analysisNotes(
  analysis: ActivationAnalysis,
  options: { removeDc?: boolean } = {},
): string[] {
  const notes: string[] = [];
  if (!analysis.signals.approximation) {
    notes.push(
      'No series expansion for this activation: the spectrum and DC are measured; predicted lines and errors are for ReLU, leaky ReLU and |x|.',
    );
  }
  if (analysis.activation !== 'relu')
    notes.push('The first-order DC √A/2 is the paper’s term for ReLU.');
  if (options.removeDc) {
    notes.push(
      'DC removed: the output and the approximation have their mean subtracted, as a DC-removing ReLU does.',
    );
  }
  return notes;
}

/**
 * The term counts N at which a convergence study evaluates the series by default: 1 … 100,
 * dense where the error falls fastest.
 */
export const convergenceTerms: readonly number[] = [
  1, 2, 3, 4, 5, 6, 8, 10, 12, 15, 20, 25, 30, 40, 50, 60, 70, 80, 90, 100,
];

function lawSentence(best: ConvergenceFit, other: ConvergenceFit): string {
  const coefficient = best.coefficient.toPrecision(3);
  const rate = best.rate.toPrecision(3);
  return best.law === 'power'
    ? `Relative RMSE ≈ ${coefficient}·N^(−${rate}) (power law, r² = ${best.r2.toFixed(3)}; exponential r² = ${other.r2.toFixed(3)})`
    : `Relative RMSE ≈ ${coefficient}·e^(−${rate}·N) (exponential, r² = ${best.r2.toFixed(3)}; power law r² = ${other.r2.toFixed(3)})`;
}

/**
 * The law a convergence study's relative RMSE follows, in one sentence: the better fit
 * (c·N^(−p) or c·e^(−r·N)) with both r², or what was measured when nothing was fitted.
 *
 * @param study - an {@link ActivationConvergence} (`activationConvergence`).
 * @returns the sentence (coefficient and rate to 3 significant digits, r² to 3 decimals).
 * @example
 * ```ts
 * convergenceLaw(activationConvergence(va, { fs: 1024 }, convergenceTerms)!);
 * // 'Relative RMSE ≈ 0.318·N^(−0.502) (power law, r² = 0.998; exponential r² = 0.812)'
 * ```
 */
export function convergenceLaw(study: ActivationConvergence): string {
  const { fits } = study;
  if (!fits)
    return 'Relative RMSE of the approximation against the activation, measured at each N.';
  return fits.better === 'power'
    ? lawSentence(fits.powerLaw, fits.exponential)
    : lawSentence(fits.exponential, fits.powerLaw);
}
