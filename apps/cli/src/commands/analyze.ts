import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import {
  amplitudeSpectrum,
  findPeaks,
  type Spectrum,
  tones as sampleTones,
  valueAt,
} from '@rectify/signal';
import {
  type Activation,
  activationByName,
  activationSpectrum,
  firstOrderDc,
  newFrequencies,
  predictActivation,
  reluDc,
  reluSeries,
  seriesError,
  tonesA,
} from '@rectify/theory';
import type { CliContext } from '../context';
import { RuntimeError, UsageError } from '../errors';
import { formatHz, formatNumber, textTable } from '../format';
import { parseCsvColumn } from '../io/csv';
import { decodeWav } from '../io/wav';
import {
  type ActivationSpec,
  parseActivation,
  parseNumberOption,
  parseTones,
  type ToneSpec,
} from '../parse';
import { analyzePlotSpec } from '../plot/specs';
import { writePlot } from '../plot/render';

/** Options of `rectify analyze` as commander hands them over (strings). */
export interface AnalyzeOptions {
  tones?: string;
  input?: string;
  column?: string;
  fs?: string;
  duration: string;
  terms: string;
  activation: string;
  lines: string;
  floor: string;
  plot?: string;
  json?: boolean;
}

/** One row of the line table. */
export interface AnalyzedLine {
  /** Frequency, Hz. */
  freq: number;
  /** Amplitude of the input at this frequency (single-sided amplitude spectrum). */
  input: number;
  /** Amplitude of the activation's output, measured on the sampled signal. */
  measured: number;
  /** Amplitude the theory predicts (series for relu/leaky/abs, one exact period otherwise); null if none. */
  predicted: number | null;
  /** Where the line comes from: `DC`, `f1`, `2·f1`, `f1+f3`, … (`?` when nothing predicts it). */
  origin: string;
  /** Every combination that lands on the frequency. */
  origins: string[];
}

/** What `analyze` computes (the `--json` output). */
export interface Analysis {
  /** What was analysed. */
  input:
    | { kind: 'tones'; tones: ToneSpec[]; fs: number; n: number; duration: number }
    | { kind: 'file'; path: string; column: string; fs: number; n: number; duration: number };
  /** Activation name, e.g. `relu`, `leaky:0.1`. */
  activation: string;
  /** Series terms N. */
  terms: number;
  /** Expansion constant A (signal units²): (Σ|a_i|)²/2 for tones, max(x²)/2 for a recording. */
  A: number | null;
  /** Frequency resolution of the measured spectra, Hz. */
  binHz: number;
  /** Listed lines, by frequency. */
  lines: AnalyzedLine[];
  /** The output's DC by every route available. */
  dc: {
    measured: number;
    exact: number | null;
    firstOrder: number | null;
    series: number | null;
    period: number | null;
  };
  /** Error of the truncated ReLU series against the exact ReLU (null for other activations). */
  seriesError: {
    relativeRmse: number;
    maxAbsError: number;
    errorAtZeroCrossing: number;
    authorsPercentRrmse: number;
  } | null;
}

function activationName(a: ActivationSpec): string {
  return a.kind === 'leaky' ? `leaky:${a.alpha}` : a.kind;
}

/** The negative slope of a leaky activation, as `activationByName` and `predictActivation` take it. */
function activationOptions(a: ActivationSpec): { alpha?: number } {
  return a.kind === 'leaky' ? { alpha: a.alpha } : {};
}

/**
 * Reads one channel of a recording: a WAV channel (`column` = channel index, fs from the file
 * unless given) or a CSV/TSV column (fs required).
 *
 * @param path - the file.
 * @param column - CSV column (index or header) or WAV channel, default the first.
 * @param fsText - the `--fs` flag's text, Hz.
 * @returns the samples, the sampling rate (Hz) and a description of the column.
 * @throws UsageError/RuntimeError naming the flag or the file.
 */
export async function readRecording(
  path: string,
  column: string | undefined,
  fsText: string | undefined,
): Promise<{ x: Float64Array; fs: number; column: string }> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new RuntimeError(
      `--input '${path}' cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const fsGiven = fsText === undefined ? undefined : parseNumberOption('--fs', fsText, 'positive');
  if (extname(path).toLowerCase() === '.wav') {
    const wav = decodeWav(bytes, path);
    const channel = column === undefined ? 0 : parseNumberOption('--column', column, 'integer≥0');
    const x = wav.channels[channel];
    if (!x)
      throw new UsageError(
        `--column ${channel} is out of range: ${path} has ${wav.channels.length} channel(s), numbered from 0`,
      );
    return { x, fs: fsGiven ?? wav.sampleRate, column: `channel ${channel} (${wav.encoding})` };
  }
  if (fsGiven === undefined)
    throw new UsageError(`--fs is required with a CSV --input ('${path}'): the sample rate in Hz`);
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  if (text.includes('\u0000'))
    throw new RuntimeError(`${path}: malformed CSV: the file is binary (use .wav for audio)`);
  const col = parseCsvColumn(text, { ...(column !== undefined ? { column } : {}), name: path });
  return { x: col.values, fs: fsGiven, column: col.name };
}

/** Whole periods of the tones' common fundamental that land on the sample grid, or null. */
function onePeriodSpectrum(fn: Activation, tones: ToneSpec[], fs: number) {
  for (let periods = 1; periods <= 64; periods++) {
    try {
      return activationSpectrum(fn, tones, { fs, periods });
    } catch {
      // not a whole number of samples per `periods` periods (or incommensurate): try the next
    }
  }
  return null;
}

function originLabeller(
  tones: readonly ToneSpec[],
  binHz: number,
  order: number,
): (freq: number) => string[] {
  if (tones.length === 0) return () => [];
  let table: { freq: number; labels: string[] }[] = [];
  try {
    table = newFrequencies(tones, order).map((f) => ({
      freq: f.freq,
      labels: f.combinations.map((c) => c.label),
    }));
  } catch {
    table = [];
  }
  const names = tones.map((t, i) => ({ freq: t.freq, label: `f${i + 1}` }));
  return (freq) => {
    const own = names.filter((n) => Math.abs(n.freq - freq) <= binHz / 2).map((n) => n.label);
    const made = table.find((t) => Math.abs(t.freq - freq) <= binHz / 2)?.labels ?? [];
    return [...own, ...made.filter((l) => !own.includes(l))];
  };
}

function buildLines(
  inSpec: Spectrum,
  outSpec: Spectrum,
  predicted: { freq: number; amplitude: number; labels: string[] }[] | null,
  labelOf: (freq: number) => string[],
  options: { floor: number; maxLines: number; binHz: number },
): AnalyzedLine[] {
  let peak = 0;
  for (const a of outSpec.amplitude) peak = Math.max(peak, a);
  const threshold = options.floor * peak;
  const rows = new Map<number, AnalyzedLine>();
  const key = (f: number) => Math.round(f / options.binHz);
  const add = (freq: number, pred: number | null, labels: string[]) => {
    const k = key(freq);
    const existing = rows.get(k);
    if (existing) {
      if (pred !== null) existing.predicted = (existing.predicted ?? 0) + pred;
      return;
    }
    const origins = [...labels, ...labelOf(freq).filter((l) => !labels.includes(l))];
    rows.set(k, {
      freq,
      input: valueAt(inSpec, freq),
      measured: valueAt(outSpec, freq),
      predicted: pred,
      origin: origins[0] ?? '?',
      origins,
    });
  };
  const maxFreq = outSpec.freqs[outSpec.freqs.length - 1] ?? 0;
  for (const line of predicted ?? []) {
    if (line.freq > maxFreq + options.binHz / 2) continue;
    if (line.amplitude >= threshold || valueAt(outSpec, line.freq) >= threshold)
      add(line.freq, line.amplitude, line.labels);
  }
  for (const p of findPeaks(outSpec, { minHeight: threshold }))
    add(p.freq, predicted ? 0 : null, []);
  const chosen = [...rows.values()]
    .sort((a, b) => Math.max(b.measured, b.predicted ?? 0) - Math.max(a.measured, a.predicted ?? 0))
    .slice(0, options.maxLines);
  return chosen.sort((a, b) => a.freq - b.freq);
}

/**
 * `rectify analyze`: the spectrum of an activation applied to a tone sum (or a recording) —
 * measured lines beside the theory's prediction, the DC by every route, and the series error.
 *
 * @param options - the parsed flags.
 * @param context - streams.
 * @returns the analysis (also printed, as a table or as JSON).
 */
export async function analyzeCommand(
  options: AnalyzeOptions,
  context: CliContext,
): Promise<Analysis> {
  if (options.tones === undefined && options.input === undefined) {
    throw new UsageError(
      'analyze needs --tones "freq:amp[:phase],…" or --input signal.csv|signal.wav',
    );
  }
  if (options.tones !== undefined && options.input !== undefined) {
    throw new UsageError('analyze takes either --tones or --input, not both');
  }
  const act = parseActivation(options.activation);
  const fn = activationByName(act.kind, activationOptions(act));
  const terms = parseNumberOption('--terms', options.terms, 'integer≥1');
  const maxLines = parseNumberOption('--lines', options.lines, 'integer≥1');
  const floor = parseNumberOption('--floor', options.floor, 'nonNegative');

  let x: Float64Array;
  let fs: number;
  let tones: ToneSpec[] = [];
  let input: Analysis['input'];
  if (options.tones !== undefined) {
    tones = parseTones(options.tones);
    fs = parseNumberOption('--fs', options.fs ?? '1024', 'positive');
    const duration = parseNumberOption('--duration', options.duration, 'positive');
    const n = Math.round(fs * duration);
    if (n < 16)
      throw new UsageError(
        `--fs × --duration must give at least 16 samples, got ${n} (${fs} Hz × ${duration} s)`,
      );
    for (const [i, t] of tones.entries()) {
      if (t.freq >= fs / 2) {
        throw new UsageError(
          `--tones item ${i + 1}: frequency must be below fs/2 = ${fs / 2} Hz (Nyquist), got ${t.freq} Hz`,
        );
      }
    }
    if (tones.every((t) => t.amp === 0))
      throw new UsageError('--tones needs at least one tone with amplitude > 0');
    x = sampleTones(tones, { fs, n });
    input = { kind: 'tones', tones, fs, n, duration: n / fs };
  } else {
    const rec = await readRecording(options.input!, options.column, options.fs);
    x = rec.x;
    fs = rec.fs;
    if (x.length < 16)
      throw new RuntimeError(
        `--input '${options.input}' holds ${x.length} sample(s); at least 16 are needed`,
      );
    input = {
      kind: 'file',
      path: options.input!,
      column: rec.column,
      fs,
      n: x.length,
      duration: x.length / fs,
    };
  }

  const y = Float64Array.from(x, fn);
  const inSpec = amplitudeSpectrum(x, { fs });
  const outSpec = amplitudeSpectrum(y, { fs });
  const binHz = fs / x.length;

  let predictedLines: { freq: number; amplitude: number; labels: string[] }[] | null = null;
  let seriesDc: number | null = null;
  let periodDc: number | null = null;
  let labelTones: ToneSpec[] = tones;
  if (tones.length > 0) {
    const prediction = predictActivation(act.kind, tones, { terms, ...activationOptions(act) });
    if (prediction) {
      predictedLines = prediction.byFrequency();
      seriesDc = prediction.dc;
    } else {
      const period = onePeriodSpectrum(fn, tones, fs);
      if (period) {
        periodDc = period.dc;
        predictedLines = period.lines.map((l) => ({ ...l, labels: [] }));
      }
    }
  } else {
    // The recording's strongest lines (≥ 5 % of the largest) stand in for tones when naming origins.
    const strongest = findPeaks(inSpec, { count: 2 }).find((p) => p.freq > 0)?.amplitude ?? 0;
    const peaks = findPeaks(inSpec, {
      count: 5,
      minDistanceHz: 2 * binHz,
      minHeight: 0.05 * strongest,
    })
      .filter((p) => p.freq > 0)
      .slice(0, 4);
    labelTones = peaks.map((p) => ({ freq: p.freq, amp: p.amplitude }));
    if (act.kind === 'relu' && x.some((v) => v !== 0)) {
      seriesDc = valueAt(amplitudeSpectrum(reluSeries(x, { terms, A: 'peak' }), { fs }), 0);
    }
  }
  const labelOf = originLabeller(labelTones, binHz, 4);
  const lines = buildLines(inSpec, outSpec, predictedLines, labelOf, { floor, maxLines, binHz });

  const A = tones.length > 0 ? tonesA(tones) : null;
  const err =
    act.kind === 'relu' && x.some((v) => v !== 0)
      ? seriesError(x, terms, tones.length > 0 ? { tones } : {})
      : null;
  const analysis: Analysis = {
    input,
    activation: activationName(act),
    terms,
    A: err?.A ?? A,
    binHz,
    lines,
    dc: {
      measured: valueAt(outSpec, 0),
      exact: act.kind === 'relu' && tones.length > 0 ? reluDc(tones) : null,
      firstOrder: act.kind === 'relu' && tones.length > 0 ? firstOrderDc(tones) : null,
      series: seriesDc,
      period: periodDc,
    },
    seriesError: err
      ? {
          relativeRmse: err.relativeRmse,
          maxAbsError: err.maxAbsError,
          errorAtZeroCrossing: err.errorAtZeroCrossing,
          authorsPercentRrmse: err.authorsPercentRrmse,
        }
      : null,
  };

  if (options.plot !== undefined) {
    await writePlot(options.plot, analyzePlotSpec(analysis, inSpec, outSpec));
  }
  context.stdout(
    options.json ? `${JSON.stringify(analysis, null, 2)}\n` : formatAnalysis(analysis),
  );
  if (options.plot !== undefined && !options.json) context.stdout(`wrote ${options.plot}\n`);
  return analysis;
}

/**
 * The analysis as terminal text: a header, the line table, the DC and the series error.
 *
 * @param a - the analysis.
 * @returns the text, ending with a newline.
 */
export function formatAnalysis(a: Analysis): string {
  const out: string[] = [];
  const name = a.activation === 'relu' ? 'ReLU' : a.activation;
  if (a.input.kind === 'tones') {
    const list = a.input.tones
      .map((t, i) => `f${i + 1} = ${t.freq} Hz × ${t.amp}${t.phase ? ` ∠${t.phase}` : ''}`)
      .join(', ');
    out.push(`${name} of ${a.input.tones.length} tone(s): ${list}`);
  } else {
    out.push(`${name} of ${a.input.path} (${a.input.column})`);
  }
  out.push(
    `fs ${formatHz(a.input.fs)} Hz, ${a.input.n} samples (${formatHz(a.input.duration)} s, bins ${formatHz(a.binHz)} Hz), ${a.terms} terms${a.A !== null ? `, A = ${formatNumber(a.A)}` : ''}`,
    '',
  );
  const tiny = 1e-9 * Math.max(1e-300, ...a.lines.map((l) => Math.max(l.input, l.measured)));
  const predictedTitle =
    a.input.kind === 'tones' && a.dc.period !== null ? 'one period' : 'predicted';
  out.push(
    textTable(
      ['freq (Hz)', 'input', 'measured', predictedTitle, 'origin'],
      a.lines.map((l) => [
        formatHz(l.freq),
        formatNumber(l.input, { zero: tiny }),
        formatNumber(l.measured, { zero: tiny }),
        formatNumber(l.predicted, { zero: tiny }),
        l.origins.length > 3
          ? `${l.origins.slice(0, 3).join(', ')}, …`
          : l.origins.join(', ') || '?',
      ]),
    ),
    '',
  );
  const dc = [`measured ${formatNumber(a.dc.measured, { digits: 6 })}`];
  if (a.dc.exact !== null) dc.push(`exact ${formatNumber(a.dc.exact, { digits: 6 })}`);
  if (a.dc.firstOrder !== null)
    dc.push(`first-order √A/2 ${formatNumber(a.dc.firstOrder, { digits: 6 })}`);
  if (a.dc.series !== null)
    dc.push(`series (${a.terms} terms) ${formatNumber(a.dc.series, { digits: 6 })}`);
  if (a.dc.period !== null) dc.push(`one period ${formatNumber(a.dc.period, { digits: 6 })}`);
  out.push(`DC: ${dc.join(', ')}`);
  if (a.seriesError) {
    const e = a.seriesError;
    out.push(
      `Series error (${a.terms} terms, vs exact ReLU): relative RMSE ${formatNumber(e.relativeRmse)}, max ${formatNumber(e.maxAbsError)}, at zero crossings ${formatNumber(e.errorAtZeroCrossing)}`,
      `Authors' %RRMSE (vs the input x, as printed in the paper): ${formatNumber(e.authorsPercentRrmse)} %`,
    );
  }
  return `${out.join('\n')}\n`;
}
