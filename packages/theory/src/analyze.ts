import {
  amplitudeSpectrum,
  amplitudeSpectrumAsync,
  describeValue,
  FftAbortedError,
  findPeaks,
  maxAbsError,
  relativeRmse,
  type Spectrum,
  tones as sampleTones,
  valueAt,
} from '@rectify/signal';
import {
  type Activation,
  type ActivationName,
  activationByName,
  activationNames,
  activationSpectrum,
} from './activations';
import { type ConvergenceFits, convergenceStudy, seriesError } from './convergence';
import { firstOrderDc, reluDc } from './dc';
import { ExpansionAbortedError } from './errors';
import type { AbortSignalLike } from './expansion';
import type { LineSpectrum } from './line-spectrum';
import { newFrequencies, predictActivation, predictActivationAsync } from './predict';
import { leakyAlphaRange, nyquistFrequency, termsRange } from './rules';
import { absApproximation, type ExpansionMethod, reluSeries } from './series';
import { checkTones, commonFundamental, type ResolvedTone, type Tone, tonesA } from './tones';
import {
  checkInteger,
  checkNonNegative,
  checkOneOf,
  checkPositive,
  checkArray,
} from '@rectify/signal/validate';

/** Samples per common period when an activation without a series is measured over one period. */
const PERIOD_SAMPLES = 1 << 14;
/** Highest order of the combinations that name a line's origin. */
const ORIGIN_ORDER = 4;
/** Activations with a series expansion (the paper's ReLU, and LeakyReLU and |x| built on it). */
const SERIES_ACTIVATIONS: ReadonlySet<ActivationName> = new Set(['relu', 'leaky', 'abs']);

/** Options of {@link analyzeActivation}. */
export interface AnalyzeActivationOptions {
  /** Sampling rate in Hz, finite > 0; every tone must lie at or below fs/2. */
  fs: number;
  /** Samples to synthesise from tones (integer ≥ 2); ignored for samples. Default 8·fs. */
  n?: number;
  /** One of {@link activationNames}. Default `'relu'`. */
  activation?: ActivationName;
  /** Negative slope of `'leaky'`, in {@link leakyAlphaRange} = [0, 1]. Default 0.01. */
  alpha?: number;
  /** Series terms N (n = 0 … N−1), integer ≥ 1. Default 50. */
  terms?: number;
  /** Expansion of |x|: the paper's `'binomial'` (default) or `'chebyshev'`. */
  method?: ExpansionMethod;
  /** List lines above this fraction of the largest output line, ≥ 0. Default 0.01. */
  floor?: number;
  /** List at most this many lines (the largest), integer ≥ 0 (0: no line table). Default 24. */
  tableLines?: number;
  /** Subtract the mean from the output and its approximation (a DC-removing activation). Default false. */
  removeDc?: boolean;
  /** The prediction's order cut (see `PredictOptions.maxOrder`), integer ≥ 0 or Infinity (default). */
  maxOrder?: number;
  /**
   * The prediction's line budget (see `PredictOptions.maxLines`): past it a
   * `LineBudgetError` is thrown before any work. Integer ≥ 1 or Infinity; default
   * `defaultMaxLines` (1 000 000).
   */
  maxLines?: number;
}

/** Options of {@link analyzeActivationAsync}: {@link AnalyzeActivationOptions} and a `signal`. */
export interface AnalyzeActivationAsyncOptions extends AnalyzeActivationOptions {
  /**
   * Stops the prediction between chunks and the FFTs of the n samples between passes (each
   * returns to the event loop every ~20–50 ms): the promise rejects with an `ExpansionAbortedError`.
   */
  signal?: AbortSignalLike;
}

/** One predicted line (within 0 … fs/2), with the measured output amplitude at its frequency. */
export interface PredictedLine {
  /** Frequency in Hz. */
  freq: number;
  /** Predicted cosine amplitude (signal units; |DC| at 0 Hz). */
  amplitude: number;
  /** Every combination landing here, e.g. `'2·f1'`, `'f1+f3'`, `'DC'`. */
  labels: string[];
  /** Amplitude of the measured output spectrum at the nearest bin (signal units). */
  measured: number;
}

/** One row of the line table: a line that is predicted or measured above the floor. */
export interface AnalyzedLine {
  /** Frequency in Hz. */
  freq: number;
  /** Amplitude of the input at this frequency (single-sided amplitude spectrum, signal units). */
  input: number;
  /** Amplitude of the activation's output, measured on the sampled signal (signal units). */
  measured: number;
  /** Amplitude the theory predicts (the series, or one finely sampled period); null if none. */
  predicted: number | null;
  /** The first of `origins`, or `'?'` when nothing explains the line. */
  origin: string;
  /** Every combination of the tones (or of the recording's strongest lines) landing here. */
  origins: string[];
}

/** The DC (mean) of the activation's output by every route, in signal units; null where a route does not apply. */
export interface AnalysisDc {
  /** Bin 0 of the measured output spectrum (|mean| of the sampled output). */
  measured: number;
  /** Closed form over the tones' common period: `reluDc`, (1 − α)·`reluDc` (leaky), 2·`reluDc` (|x|). */
  exact: number | null;
  /** The paper's leading term √A/2 (ReLU of tones only). */
  firstOrder: number | null;
  /** DC of the N-term series (0 with `removeDc`). */
  series: number | null;
  /** Mean over one common period sampled at 2^14 points (activations without a series, commensurate tones). */
  periodic: number | null;
}

/** Error of the N-term approximation against the activation's exact output. */
export interface AnalysisSeriesError {
  /** ‖approx − f(x)‖ / ‖f(x)‖. */
  relativeRmse: number;
  /** max |approx − f(x)| (signal units). */
  maxAbsError: number;
  /** Largest error at the input's zero crossings (ReLU only, else null). */
  errorAtZeroCrossing: number | null;
  /** The authors' printed %RRMSE, relative to the input, in percent (ReLU only, else null). */
  authorsPercentRrmse: number | null;
}

/** What {@link analyzeActivation} finds. */
export interface ActivationAnalysis {
  /** `'tones'` when tones were given (then `tones` holds them, phases filled in), else `'samples'`. */
  kind: 'tones' | 'samples';
  /** The tones analysed; empty for samples. */
  tones: ResolvedTone[];
  /** The activation analysed. */
  activation: ActivationName;
  /** The leaky slope used, null for other activations. */
  alpha: number | null;
  /** Series terms N. */
  terms: number;
  /** Expansion of |x|. */
  method: ExpansionMethod;
  /** Sampling rate, Hz. */
  fs: number;
  /** Number of samples. */
  n: number;
  /** Frequency resolution of the measured spectra, fs/n in Hz. */
  binHz: number;
  /** Expansion constant A (signal units²): (Σ|a_i|)²/2 for tones, max(x²)/2 for samples (null for all-zero samples). */
  A: number | null;
  /** The sampled input, the activation's output and its N-term approximation (null without a series). */
  signals: { input: Float64Array; output: Float64Array; approximation: Float64Array | null };
  /** Single-sided amplitude spectra of the input and of the output. */
  spectra: { input: Spectrum; output: Spectrum };
  /** Every predicted line within 0 … fs/2 by frequency; null when nothing predicts (samples, incommensurate tones without a series). */
  predicted: PredictedLine[] | null;
  /** Whether `predicted` comes from one finely sampled period rather than a series. */
  predictedByPeriod: boolean;
  /** The line table: predicted or measured lines above the floor, at most `tableLines`, by frequency. */
  lines: AnalyzedLine[];
  /** The output's DC by every route. */
  dc: AnalysisDc;
  /** Error of the N-term approximation; null for activations without a series or all-zero input. */
  seriesError: AnalysisSeriesError | null;
}

interface Resolved {
  activation: ActivationName;
  alpha: number;
  fn: Activation;
  terms: number;
  method: ExpansionMethod;
  fs: number;
  floor: number;
  tableLines: number;
  removeDc: boolean;
  maxOrder: number | undefined;
  maxLines: number | undefined;
}

function resolveOptions(options: AnalyzeActivationOptions): Resolved {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(`options must be an object { fs, … }, got ${describeValue(options)}`);
  }
  const activation = checkOneOf('activation', options.activation ?? 'relu', activationNames);
  const alpha = checkNonNegative('alpha', options.alpha ?? 0.01);
  if (alpha > leakyAlphaRange.max) {
    throw new RangeError(
      `alpha must be a finite number in [${leakyAlphaRange.min}, ${leakyAlphaRange.max}], got ${alpha}`,
    );
  }
  const removeDc = options.removeDc ?? false;
  if (typeof removeDc !== 'boolean') {
    throw new TypeError(`removeDc must be a boolean, got ${describeValue(removeDc)}`);
  }
  return {
    activation,
    alpha,
    fn: activationByName(activation, { alpha }),
    terms: checkInteger('terms', options.terms ?? 50, termsRange.min, termsRange.max),
    method: checkOneOf('method', options.method ?? 'binomial', ['binomial', 'chebyshev'] as const),
    fs: checkPositive('fs (Hz)', options.fs),
    floor: checkNonNegative('floor', options.floor ?? 0.01),
    tableLines: checkInteger('tableLines', options.tableLines ?? 24, 0),
    removeDc,
    maxOrder: options.maxOrder,
    maxLines: options.maxLines,
  };
}

function isToneList(input: unknown): boolean {
  return Array.isArray(input) && input.length > 0 && typeof input[0] === 'object';
}

/** Validates the input and samples tones on the grid: the tones (empty for samples) and x. */
function resolveInput(
  input: readonly Tone[] | ArrayLike<number>,
  options: AnalyzeActivationOptions,
  fs: number,
): { tones: ResolvedTone[]; x: Float64Array } {
  if (!isToneList(input)) {
    return { tones: [], x: Float64Array.from(checkArray('samples', input, 2)) };
  }
  const tones = checkTones('tones', input);
  const nyquist = nyquistFrequency(fs);
  tones.forEach((t, i) => {
    if (t.freq > nyquist) {
      throw new RangeError(
        `tones[${i}].freq must be at or below fs/2 = ${nyquist} Hz (Nyquist), got ${t.freq} Hz`,
      );
    }
  });
  if (tones.every((t) => t.amp === 0)) {
    throw new RangeError('tones must hold at least one amplitude > 0, got all zero');
  }
  const n = checkInteger('n (samples)', options.n ?? Math.round(8 * fs), 2);
  return { tones, x: sampleTones(tones, { fs, n }) };
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] as number;
  return s / x.length;
}

function withoutMean(x: Float64Array): Float64Array {
  const m = mean(x);
  return x.map((v) => v - m);
}

/** The N-term approximation of the activation: the series of ReLU, |x| or LeakyReLU. */
function approximate(
  x: Float64Array,
  r: Resolved,
  tones: readonly ResolvedTone[],
): Float64Array | null {
  const options =
    tones.length > 0
      ? ({ terms: r.terms, method: r.method, A: 'tones', tones } as const)
      : ({ terms: r.terms, method: r.method, A: 'peak' } as const);
  switch (r.activation) {
    case 'relu':
      return reluSeries(x, options);
    case 'abs':
      return absApproximation(x, options);
    case 'leaky': {
      // LeakyReLU_α(x) = α·x + (1 − α)·ReLU(x), with ReLU replaced by its N-term series.
      const series = reluSeries(x, options);
      return series.map((s, i) => r.alpha * (x[i] as number) + (1 - r.alpha) * s);
    }
    default:
      return null;
  }
}

/**
 * Names the origin of a frequency: the tones' own lines first, then their combinations up to
 * order 4 (tabulated on first use: it grows combinatorially with the number of tones).
 */
function originLabeller(tones: readonly Tone[], binHz: number): (freq: number) => string[] {
  if (tones.length === 0) return () => [];
  let table: { freq: number; labels: string[] }[] | null = null;
  const names = tones.map((t, i) => ({ freq: t.freq, label: `f${i + 1}` }));
  return (freq) => {
    table ??= newFrequencies(tones, ORIGIN_ORDER).map((f) => ({
      freq: f.freq,
      labels: f.combinations.map((c) => c.label),
    }));
    const own = names.filter((n) => Math.abs(n.freq - freq) <= binHz / 2).map((n) => n.label);
    const made = table.find((t) => Math.abs(t.freq - freq) <= binHz / 2)?.labels ?? [];
    return [...own, ...made.filter((l) => !own.includes(l))];
  };
}

/** The recording's strongest lines (≥ 5 % of the largest, at most 4) stand in for tones when naming origins. */
function strongestLines(input: Spectrum, binHz: number): Tone[] {
  const strongest = findPeaks(input, { count: 2 }).find((p) => p.freq > 0)?.amplitude ?? 0;
  return findPeaks(input, { count: 5, minDistanceHz: 2 * binHz, minHeight: 0.05 * strongest })
    .filter((p) => p.freq > 0)
    .slice(0, 4)
    .map((p) => ({ freq: p.freq, amp: p.amplitude }));
}

function lineTable(
  spectra: { input: Spectrum; output: Spectrum },
  predicted: readonly PredictedLine[] | null,
  labelOf: (freq: number) => string[],
  r: Resolved,
  binHz: number,
): AnalyzedLine[] {
  if (r.tableLines === 0) return [];
  const out = spectra.output;
  let peak = 0;
  for (const a of out.amplitude) peak = Math.max(peak, a);
  const threshold = r.floor * peak;
  const rows = new Map<number, AnalyzedLine>();
  const add = (freq: number, amplitude: number | null, labels: readonly string[]) => {
    const key = Math.round(freq / binHz);
    const existing = rows.get(key);
    if (existing) {
      if (amplitude !== null) existing.predicted = (existing.predicted ?? 0) + amplitude;
      return;
    }
    const origins = [...labels, ...labelOf(freq).filter((l) => !labels.includes(l))];
    rows.set(key, {
      freq,
      input: valueAt(spectra.input, freq),
      measured: valueAt(out, freq),
      predicted: amplitude,
      origin: origins[0] ?? '?',
      origins,
    });
  };
  for (const line of predicted ?? []) {
    if (line.amplitude >= threshold || line.measured >= threshold)
      add(line.freq, line.amplitude, line.labels);
  }
  for (const p of findPeaks(out, { minHeight: threshold })) add(p.freq, predicted ? 0 : null, []);
  const size = (l: AnalyzedLine) => Math.max(l.measured, l.predicted ?? 0);
  return [...rows.values()]
    .sort((a, b) => size(b) - size(a))
    .slice(0, r.tableLines)
    .sort((a, b) => a.freq - b.freq);
}

/**
 * Analyses what a pointwise activation does to a signal, the paper's Section IV made one call:
 * the measured output spectrum beside the theory's predicted lines with their origin
 * (`2·f1`, `f1+f3`, …), the output's DC by every route (measured, exact, first order √A/2,
 * series, one period) and the error of the N-term series against the exact activation.
 *
 * Tones `Σ a_i cos(2π f_i t + φ_i)` are sampled at `fs` for `n` samples and predicted by the
 * series (ReLU, LeakyReLU, |x|) or, for activations without one (GELU, SiLU, tanh), by one
 * common period sampled at 2^14 points. Samples (a recording) are measured only; their
 * strongest lines name the origins and the series uses A = max(x²)/2.
 *
 * @param input - non-empty tones `{ freq (Hz, 0 < freq ≤ fs/2, distinct), amp (≥ 0), phase? (rad) }`
 *   with at least one amp > 0, or at least 2 finite samples (signal units).
 * @param options - {@link AnalyzeActivationOptions}: `fs` (Hz), `n`, `activation`, `alpha`,
 *   `terms`, `method`, `floor`, `tableLines`, `removeDc`.
 * @returns {@link ActivationAnalysis}.
 * @throws RangeError naming the parameter, the rule and the value received: bad tones, a tone
 *   above fs/2, all amplitudes zero, too few samples, alpha outside [0, 1], terms < 1, ….
 * @throws TypeError for input or options of the wrong kind.
 * @example
 * ```ts
 * const va = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
 * const a = analyzeActivation(va, { fs: 1024, n: 8192, terms: 50 });
 * a.dc.exact; // ≈ 0.5744 (the paper's V.A signal)
 * ```
 */
export function analyzeActivation(
  input: readonly Tone[] | ArrayLike<number>,
  options: AnalyzeActivationOptions,
): ActivationAnalysis {
  const prepared = prepare(input, options);
  const { r, tones } = prepared;
  const prediction =
    tones.length > 0
      ? predictActivation(r.activation, tones, predictOptions(r, prepared.fs))
      : null;
  const work = finish(prepared, prediction);
  let next = work.next();
  while (!next.done) next = work.next(amplitudeSpectrum(next.value, { fs: prepared.fs }));
  return next.value;
}

/**
 * {@link analyzeActivation} whose prediction (the part that grows with tones and terms) returns
 * to the event loop every ~20 ms, and whose FFTs of the n samples (the part that grows with
 * fs × duration) every ~50 ms (`amplitudeSpectrumAsync` of `@rectify/signal`), so that
 * `options.signal` can stop it; the line budget is checked before any work, as in the
 * synchronous form. The result is the synchronous form's, bit for bit.
 *
 * @param input - tones or samples, as {@link analyzeActivation} takes them.
 * @param options - {@link AnalyzeActivationAsyncOptions}.
 * @returns a promise of the {@link ActivationAnalysis}.
 * @throws (rejects with) as {@link analyzeActivation}; `LineBudgetError` past `maxLines`;
 *   `ExpansionAbortedError` when `signal` fires.
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = analyzeActivationAsync(va, { fs: 1024, signal: controller.signal });
 * ```
 */
export async function analyzeActivationAsync(
  input: readonly Tone[] | ArrayLike<number>,
  options: AnalyzeActivationAsyncOptions,
): Promise<ActivationAnalysis> {
  const prepared = prepare(input, options);
  const { r, tones } = prepared;
  const prediction =
    tones.length > 0
      ? await predictActivationAsync(r.activation, tones, {
          ...predictOptions(r, prepared.fs),
          ...(options.signal !== undefined ? { signal: options.signal } : {}),
        })
      : null;
  const { signal } = options;
  const work = finish(prepared, prediction);
  let next = work.next();
  while (!next.done) {
    let spectrum: Spectrum;
    try {
      spectrum = await amplitudeSpectrumAsync(next.value, {
        fs: prepared.fs,
        ...(signal !== undefined ? { signal } : {}),
      });
    } catch (error) {
      if (error instanceof FftAbortedError) {
        throw new ExpansionAbortedError('analyzeActivationAsync', signal?.reason);
      }
      throw error;
    }
    next = work.next(spectrum);
  }
  return next.value;
}

interface Prepared {
  r: Resolved;
  fs: number;
  tones: ResolvedTone[];
  x: Float64Array;
}

function prepare(
  input: readonly Tone[] | ArrayLike<number>,
  options: AnalyzeActivationOptions,
): Prepared {
  const r = resolveOptions(options);
  const { tones, x } = resolveInput(input, options, r.fs);
  return { r, fs: r.fs, tones, x };
}

function predictOptions(r: Resolved, fs: number) {
  return {
    terms: r.terms,
    method: r.method,
    maxFreq: nyquistFrequency(fs),
    alpha: r.alpha,
    ...(r.maxOrder !== undefined ? { maxOrder: r.maxOrder } : {}),
    ...(r.maxLines !== undefined ? { maxLines: r.maxLines } : {}),
  };
}

/**
 * Everything but the prediction, which `prediction` brings (null for samples). It yields the
 * input and then the output samples and takes back their amplitude spectra (the FFTs of n
 * samples), so that the synchronous and the cancellable forms share it.
 */
function* finish(
  prepared: Prepared,
  prediction: LineSpectrum | null,
): Generator<Float64Array, ActivationAnalysis, Spectrum> {
  const { r, fs, tones, x } = prepared;
  const n = x.length;
  const binHz = fs / n;
  const nonZero = x.some((v) => v !== 0);

  let output: Float64Array = x.map(r.fn);
  let approximation: Float64Array | null = nonZero ? approximate(x, r, tones) : null;
  let error: AnalysisSeriesError | null = null;
  if (approximation && r.activation === 'relu') {
    const e = seriesError(
      x,
      r.terms,
      tones.length > 0 ? { A: 'tones', tones, method: r.method } : { method: r.method },
    );
    error = {
      relativeRmse: e.relativeRmse,
      maxAbsError: e.maxAbsError,
      errorAtZeroCrossing: e.errorAtZeroCrossing,
      authorsPercentRrmse: e.authorsPercentRrmse,
    };
  } else if (approximation) {
    error = {
      relativeRmse: relativeRmse(approximation, output),
      maxAbsError: maxAbsError(approximation, output),
      errorAtZeroCrossing: null,
      authorsPercentRrmse: null,
    };
  }

  let peakSquare = 0;
  for (const v of x) peakSquare = Math.max(peakSquare, v * v);
  const A = tones.length > 0 ? tonesA(tones) : nonZero ? peakSquare / 2 : null;

  const dc: AnalysisDc = {
    measured: 0,
    exact: null,
    firstOrder: null,
    series: null,
    periodic: null,
  };
  let predictedLines: { freq: number; amplitude: number; labels: string[] }[] | null = null;
  let predictedByPeriod = false;
  if (tones.length > 0) {
    const exactRelu = SERIES_ACTIVATIONS.has(r.activation) ? reluDc(tones) : null;
    if (exactRelu !== null) {
      if (r.activation === 'relu') dc.exact = exactRelu;
      // LeakyReLU_α = α·x + (1 − α)·ReLU and |x| = 2·ReLU − x; a tone sum has zero mean.
      else if (r.activation === 'leaky') dc.exact = (1 - r.alpha) * exactRelu;
      else dc.exact = 2 * exactRelu;
    }
    if (r.activation === 'relu') dc.firstOrder = firstOrderDc(tones);
    if (prediction) {
      predictedLines = prediction.byFrequency();
      dc.series = prediction.dc;
    } else {
      const common = commonFundamental(tones.map((t) => t.freq));
      if (common) {
        const period = activationSpectrum(r.fn, tones, {
          fs: common.fundamental * PERIOD_SAMPLES,
        });
        dc.periodic = period.dc;
        predictedByPeriod = true;
        predictedLines = period.lines
          .filter((l) => l.freq <= nyquistFrequency(fs))
          .map((l) => ({ freq: l.freq, amplitude: l.amplitude, labels: [] }));
      }
    }
  } else if (approximation) {
    dc.series = mean(approximation);
  }

  if (r.removeDc) {
    output = withoutMean(output);
    if (approximation) approximation = withoutMean(approximation);
    if (predictedLines) predictedLines = predictedLines.filter((l) => l.freq !== 0);
    if (dc.series !== null) dc.series = 0;
  }
  const spectra = { input: yield x, output: yield output };
  dc.measured = valueAt(spectra.output, 0);
  const top = spectra.output.freqs[spectra.output.freqs.length - 1] as number;
  const predicted =
    predictedLines
      ?.filter((l) => l.freq <= top + binHz / 2)
      .map((l) => ({
        freq: l.freq,
        amplitude: l.amplitude,
        labels: l.labels,
        measured: valueAt(spectra.output, Math.min(l.freq, top)),
      })) ?? null;
  const labelOf = originLabeller(
    tones.length > 0 ? tones : strongestLines(spectra.input, binHz),
    binHz,
  );

  return {
    kind: tones.length > 0 ? 'tones' : 'samples',
    tones,
    activation: r.activation,
    alpha: r.activation === 'leaky' ? r.alpha : null,
    terms: r.terms,
    method: r.method,
    fs,
    n,
    binHz,
    A,
    signals: { input: x, output, approximation },
    spectra,
    predicted,
    predictedByPeriod,
    lines: lineTable(spectra, predicted, labelOf, r, binHz),
    dc,
    seriesError: error,
  };
}

/** How the error of the N-term approximation falls with N; see {@link activationConvergence}. */
export interface ActivationConvergence {
  /** The terms N evaluated, as given. */
  terms: number[];
  /** ‖approx − f(x)‖ / ‖f(x)‖ at each N. */
  relativeRmse: number[];
  /** Power-law and exponential fits of the relative RMSE against N (ReLU only, else null). */
  fits: ConvergenceFits | null;
}

/**
 * The convergence study of {@link analyzeActivation}'s series: the relative RMSE of the N-term
 * approximation against the exact activation at each N, on the same input, with the paper's
 * power-law and exponential fits for ReLU ({@link convergenceStudy}).
 *
 * @param input - tones or samples, as {@link analyzeActivation} takes them.
 * @param options - {@link AnalyzeActivationOptions}; `terms`, `floor`, `tableLines` and `removeDc`
 *   are not used.
 * @param termsList - the N to evaluate, each an integer in [1, 100000], at least 3 for ReLU (the fits).
 * @returns {@link ActivationConvergence}, or null for an activation without a series (GELU, SiLU, tanh).
 * @throws RangeError / TypeError as {@link analyzeActivation}, or for a bad termsList.
 * @example
 * ```ts
 * activationConvergence(va, { fs: 1024, n: 8192 }, [5, 10, 20, 50])?.relativeRmse; // decreasing
 * ```
 */
export function activationConvergence(
  input: readonly Tone[] | ArrayLike<number>,
  options: AnalyzeActivationOptions,
  termsList: readonly number[],
): ActivationConvergence | null {
  const r = resolveOptions(options);
  const { tones, x } = resolveInput(input, options, r.fs);
  if (!Array.isArray(termsList) || termsList.length === 0) {
    throw new RangeError(
      `termsList must be a non-empty array of integers >= 1, got ${describeValue(termsList)}`,
    );
  }
  const terms = termsList.map((t, i) => checkInteger(`termsList[${i}]`, t, 1, 100_000));
  if (!SERIES_ACTIVATIONS.has(r.activation) || !x.some((v) => v !== 0)) return null;
  if (r.activation === 'relu') {
    const study = convergenceStudy(
      x,
      terms,
      tones.length > 0 ? { A: 'tones', tones, method: r.method } : { method: r.method },
    );
    return {
      terms,
      relativeRmse: study.rows.map((row) => row.relativeRmse),
      fits: study.relativeRmse,
    };
  }
  const output = x.map(r.fn);
  const relative = terms.map((t) => {
    const approximation = approximate(x, { ...r, terms: t }, tones) as Float64Array;
    return relativeRmse(approximation, output);
  });
  return { terms, relativeRmse: relative, fits: null };
}
