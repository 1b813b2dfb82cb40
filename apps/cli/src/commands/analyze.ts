import { readFile } from 'node:fs/promises';
import { DecodeError, decodeRecording, type Recording } from '@rectify/signal';
import {
  type ActivationAnalysis,
  type AnalysisSeriesError,
  type AnalyzedLine,
  analyzeActivation,
  type Tone,
} from '@rectify/theory';
import type { CliContext } from '../context';
import { RuntimeError, UsageError } from '../errors';
import { formatHz, formatNumber, textTable } from '../format';
import { type ActivationSpec, parseActivation, parseNumberOption, parseTones } from '../parse';
import { writePlot } from '../plot/render';
import { analyzePlotSpec } from '../plot/specs';

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

/** What `analyze` prints with `--json`: theory's analysis without the signals, plus the input's description. */
export interface Analysis {
  /** What was analysed. */
  input:
    | { kind: 'tones'; tones: Tone[]; fs: number; n: number; duration: number }
    | { kind: 'file'; path: string; column: string; fs: number; n: number; duration: number };
  /** Activation name, e.g. `relu`, `leaky:0.1`. */
  activation: string;
  /** Series terms N. */
  terms: number;
  /** Expansion constant A (signal units²). */
  A: number | null;
  /** Frequency resolution of the measured spectra, Hz. */
  binHz: number;
  /** Listed lines, by frequency. */
  lines: AnalyzedLine[];
  /** The output's DC by every route (`period`: theory's `periodic`). */
  dc: {
    measured: number;
    exact: number | null;
    firstOrder: number | null;
    series: number | null;
    period: number | null;
  };
  /** Error of the truncated series against the exact activation. */
  seriesError: AnalysisSeriesError | null;
}

function activationName(a: ActivationSpec): string {
  return a.kind === 'leaky' ? `leaky:${a.alpha}` : a.kind;
}

/** Theory's and signal's argument errors are usage errors of the command. */
function asUsageError(error: unknown): unknown {
  return error instanceof RangeError || error instanceof TypeError
    ? new UsageError(error.message)
    : error;
}

/**
 * Reads one channel of a recording: a WAV channel (`column` = channel index, fs from the file
 * unless given) or a CSV/TSV column (fs required), as signal's `decodeRecording` decodes it.
 *
 * @param path - the file.
 * @param column - CSV column (index or header) or WAV channel, default the first.
 * @param fsText - the `--fs` flag's text, Hz.
 * @returns the samples, the sampling rate (Hz) and what was read.
 * @throws UsageError/RuntimeError naming the flag or the file.
 */
export async function readRecording(
  path: string,
  column: string | undefined,
  fsText: string | undefined,
): Promise<Recording> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new RuntimeError(
      `--input '${path}' cannot be read: ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  const fs = fsText === undefined ? undefined : parseNumberOption('--fs', fsText, 'positive');
  try {
    return decodeRecording(bytes, {
      name: path,
      ...(column !== undefined ? { column } : {}),
      ...(fs !== undefined ? { fs, fsOverridesHeader: true } : {}),
    });
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    if (error.code === 'missing-rate')
      throw new UsageError(
        `--fs is required with a CSV --input ('${path}'): the sample rate in Hz`,
      );
    if (error.code === 'no-such-column') throw new UsageError(`--${error.message}`);
    throw new RuntimeError(error.message);
  }
}

/**
 * `rectify analyze`: the spectrum of an activation applied to a tone sum (or a recording) —
 * measured lines beside the theory's prediction, the DC by every route, and the series error —
 * as `analyzeActivation` of `@rectify/theory` computes them.
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
  const settings = {
    activation: act.kind,
    ...(act.kind === 'leaky' ? { alpha: act.alpha } : {}),
    terms: parseNumberOption('--terms', options.terms, 'integer≥1'),
    tableLines: parseNumberOption('--lines', options.lines, 'integer≥1'),
    floor: parseNumberOption('--floor', options.floor, 'nonNegative'),
  };

  let result: ActivationAnalysis;
  let input: Analysis['input'];
  if (options.tones !== undefined) {
    const tones = parseTones(options.tones);
    const fs = parseNumberOption('--fs', options.fs ?? '1024', 'positive');
    const duration = parseNumberOption('--duration', options.duration, 'positive');
    const n = Math.round(fs * duration);
    if (n < 16)
      throw new UsageError(
        `--fs × --duration must give at least 16 samples, got ${n} (${fs} Hz × ${duration} s)`,
      );
    try {
      result = analyzeActivation(tones, { ...settings, fs, n });
    } catch (error) {
      throw asUsageError(error);
    }
    input = { kind: 'tones', tones, fs, n, duration: n / fs };
  } else {
    const path = options.input as string;
    const rec = await readRecording(path, options.column, options.fs);
    if (rec.samples.length < 16)
      throw new RuntimeError(
        `--input '${path}' holds ${rec.samples.length} sample(s); at least 16 are needed`,
      );
    try {
      result = analyzeActivation(rec.samples, { ...settings, fs: rec.fs });
    } catch (error) {
      throw asUsageError(error);
    }
    const { fs, n } = result;
    input = { kind: 'file', path, column: rec.source, fs, n, duration: n / fs };
  }

  const { periodic, ...dc } = result.dc;
  const analysis: Analysis = {
    input,
    activation: activationName(act),
    terms: result.terms,
    A: result.A,
    binHz: result.binHz,
    lines: result.lines,
    dc: { ...dc, period: periodic },
    seriesError: result.seriesError,
  };
  if (options.plot !== undefined) {
    await writePlot(
      options.plot,
      analyzePlotSpec(analysis, result.spectra.input, result.spectra.output),
    );
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
    const atZero =
      e.errorAtZeroCrossing === null
        ? ''
        : `, at zero crossings ${formatNumber(e.errorAtZeroCrossing)}`;
    out.push(
      `Series error (${a.terms} terms, vs exact ${name}): relative RMSE ${formatNumber(e.relativeRmse)}, max ${formatNumber(e.maxAbsError)}${atZero}`,
    );
    if (e.authorsPercentRrmse !== null)
      out.push(
        `Authors' %RRMSE (vs the input x, as printed in the paper): ${formatNumber(e.authorsPercentRrmse)} %`,
      );
  }
  return `${out.join('\n')}\n`;
}
