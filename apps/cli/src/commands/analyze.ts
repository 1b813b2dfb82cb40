import { DecodeError, decodeRecording, type Recording } from '@rectify/signal';
import {
  ANALYSIS_BYTES_PER_SAMPLE,
  checkToneGrid,
  DEFAULT_MAX_ANALYSIS_SAMPLES,
  MIN_ANALYSIS_SAMPLES,
  ToneGridError,
  type ActivationAnalysis,
  analyzeActivationAsync,
  ExpansionAbortedError,
  estimateLineCount,
  LineBudgetError,
  type Tone,
  termsRange,
} from '@rectify/theory';
import {
  MAX_RECORDING_BYTES,
  RecordingFileError,
  readRecordingBytes,
} from '@rectify/experiments/node/files';
import {
  type AnalysisRecord,
  activationSpectrumChart,
  analysisText,
} from '@rectify/experiments/report';
import type { CliContext } from '../context';
import type { AnalyzeOptions } from '../program';
import { InterruptedError, RuntimeError, UsageError } from '../errors';
import { type ActivationSpec, parseActivation, parseNumberOption, parseTones } from '../parse';
import { writePlot } from '../plot/render';

/** Default of `--max-lines`: theory's line budget of the prediction (lines). */
export const DEFAULT_MAX_LINES = 1_000_000;
/** Default of `--max-samples`: theory's `DEFAULT_MAX_ANALYSIS_SAMPLES` (2^22, about 0.8 GB). */
export const DEFAULT_MAX_SAMPLES = DEFAULT_MAX_ANALYSIS_SAMPLES;
/** Peak memory of the analysis per sample (bytes): theory's `ANALYSIS_BYTES_PER_SAMPLE`. */
export const BYTES_PER_SAMPLE = ANALYSIS_BYTES_PER_SAMPLE;
/** The largest `--input` file read (bytes, 1 GiB: experiments' `MAX_RECORDING_BYTES`); anything larger is refused before reading. */
export const MAX_INPUT_BYTES = MAX_RECORDING_BYTES;

/** A count for a message: exact below a million, else three digits (`2.09e+10`). */
function formatCount(count: number): string {
  return count < 1e6 ? String(Math.round(count)) : count.toExponential(2);
}

/** Above this many predicted lines the command says on stderr that it is working and can be stopped. */
const ANNOUNCE_LINES = 100_000;

function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toPrecision(3)} GB`;
  return `${(bytes / 1e6).toPrecision(3)} MB`;
}

/** Refuses an analysis of more than `--max-samples` samples before any memory is taken. */
function checkSampleBudget(n: number, maxSamples: number, what: string, wayOut: string): void {
  if (n <= maxSamples) return;
  throw new UsageError(
    `${what} gives ${formatCount(n)} samples (about ${formatBytes(n * BYTES_PER_SAMPLE)} of memory), more than --max-samples ${maxSamples}; ${wayOut}, or raise --max-samples`,
  );
}

/** `--terms`: an integer in theory's `termsRange`. */
function parseTerms(text: string): number {
  const terms = parseNumberOption('--terms', text, 'integer≥1');
  if (terms > termsRange.max)
    throw new UsageError(
      `--terms must be an integer in [${termsRange.min}, ${termsRange.max}], got '${text}'`,
    );
  return terms;
}

/** Theory's `checkToneGrid` in the command's words: `--tones`, and the flags that make the grid. */
function checkTonesForGrid(tones: readonly Tone[], fs: number, n: number): void {
  try {
    checkToneGrid(tones, fs, n);
  } catch (e) {
    if (!(e instanceof ToneGridError)) throw e;
    throw new UsageError(
      e.code === 'amplitude-sum'
        ? `--${e.message}`
        : `--tones frequencies must be at least one bin, fs/n = ${e.binHz} Hz (--fs ${fs} Hz over ${n} samples), got ${e.value} Hz; lengthen --duration to resolve it`,
    );
  }
}

/** Theory's line-budget error in the command's words: the estimate and the flags that fit. */
function lineBudgetMessage(
  e: LineBudgetError,
  terms: number,
  maxOrder: number | undefined,
): string {
  const ways: string[] = [];
  if (e.suggestedMaxOrder >= 0) ways.push(`--max-order ${e.suggestedMaxOrder}`);
  if (e.suggestedTerms >= 1 && e.suggestedTerms < terms) ways.push(`--terms ${e.suggestedTerms}`);
  ways.push(`a larger --max-lines (about 100 bytes a line)`);
  const estimate = formatCount(e.estimate);
  const order = maxOrder === undefined ? '' : `, --max-order ${maxOrder}`;
  return `the predicted spectrum would hold up to ${estimate} lines (--terms ${terms}${order}), more than --max-lines ${e.maxLines}; use ${ways.join(', or ')}`;
}

/** What `analyze` prints with `--json`: experiments' `AnalysisRecord`. */
export type Analysis = AnalysisRecord;

function activationName(a: ActivationSpec): string {
  return a.kind === 'leaky' ? `leaky:${a.alpha}` : a.kind;
}

/** Theory's and signal's argument errors are usage errors of the command. */
function asUsageError(error: unknown): unknown {
  return error instanceof RangeError || error instanceof TypeError
    ? new UsageError(error.message)
    : error;
}

/** The flag names a command gives its recording options (see {@link readRecording}). */
export interface RecordingFlags {
  /** The file's flag (default `--input`). */
  input?: string;
  /** The column's or channel's flag (default `--column`). */
  column?: string;
  /** The sample rate's flag (default `--fs`). */
  fs?: string;
}

/**
 * Reads one channel of a recording: a WAV channel (`column` = channel index, fs from the file
 * unless given) or a CSV/TSV column (fs required), as signal's `decodeRecording` decodes it, from
 * a file experiments' `readRecordingBytes` reads safely (a regular file of at most 1 GiB).
 *
 * @param path - the file.
 * @param column - CSV column (index or header) or WAV channel, default the first.
 * @param fsText - the `--fs` flag's text, Hz.
 * @param flags - the names of the calling command's flags for the file, the column and the rate,
 *   as its messages must say them (default `--input`, `--column`, `--fs`).
 * @returns the samples, the sampling rate (Hz) and what was read.
 * @throws UsageError/RuntimeError naming the flag or the file.
 */
export async function readRecording(
  path: string,
  column: string | undefined,
  fsText: string | undefined,
  flags: RecordingFlags = {},
): Promise<Recording> {
  const { input = '--input', column: columnFlag = '--column', fs: fsFlag = '--fs' } = flags;
  let bytes: Uint8Array;
  try {
    bytes = await readRecordingBytes(path, { maxBytes: MAX_INPUT_BYTES });
  } catch (e) {
    if (!(e instanceof RecordingFileError)) throw e;
    if (e.code === 'unreadable') throw new RuntimeError(`${input} ${e.message}`);
    throw new UsageError(
      e.code === 'too-large'
        ? `${input} '${path}' holds ${formatBytes(e.details.size ?? 0)}, more than the ${formatBytes(MAX_INPUT_BYTES)} read at most`
        : `${input} ${e.message}`,
    );
  }
  const fs = fsText === undefined ? undefined : parseNumberOption(fsFlag, fsText, 'positive');
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
        `${fsFlag} is required with a CSV ${input} ('${path}'): the sample rate in Hz`,
      );
    if (error.code === 'no-such-column')
      throw new UsageError(error.message.replace(/^column\b/, columnFlag));
    throw new RuntimeError(error.message);
  }
}

/** Says on stderr, before a long prediction, how large it may get and that Ctrl-C stops it. */
function announce(
  tones: readonly Tone[],
  terms: number,
  maxOrder: number | undefined,
  maxLines: number,
  context: CliContext,
): void {
  let estimate: number;
  try {
    estimate = estimateLineCount(tones, { terms, ...(maxOrder !== undefined ? { maxOrder } : {}) });
  } catch {
    return; // the analysis reports the bad argument itself
  }
  if (estimate > ANNOUNCE_LINES && estimate <= maxLines)
    context.stderr(
      `rectify: predicting up to ${formatCount(estimate)} lines; this may take a while (Ctrl-C stops it)\n`,
    );
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
  const maxOrder =
    options.maxOrder === undefined
      ? undefined
      : parseNumberOption('--max-order', options.maxOrder, 'integer≥0');
  const settings = {
    activation: act.kind,
    ...(act.kind === 'leaky' ? { alpha: act.alpha } : {}),
    terms: parseTerms(options.terms),
    tableLines: parseNumberOption('--lines', options.lines, 'integer≥1'),
    floor: parseNumberOption('--floor', options.floor, 'nonNegative'),
    ...(maxOrder !== undefined ? { maxOrder } : {}),
    maxLines: parseNumberOption('--max-lines', options.maxLines, 'integer≥1'),
  };
  const maxSamples = parseNumberOption('--max-samples', options.maxSamples, 'integer≥1');
  const analyze = async (input: readonly Tone[] | ArrayLike<number>, fs: number, n?: number) => {
    try {
      return await analyzeActivationAsync(input, {
        ...settings,
        fs,
        ...(n !== undefined ? { n } : {}),
        signal: context.signal,
      });
    } catch (error) {
      if (error instanceof LineBudgetError)
        throw new UsageError(lineBudgetMessage(error, settings.terms, maxOrder));
      if (error instanceof ExpansionAbortedError || context.signal.aborted)
        throw new InterruptedError('analyze interrupted (Ctrl-C); nothing written');
      throw asUsageError(error);
    }
  };

  let result: ActivationAnalysis;
  let input: Analysis['input'];
  if (options.tones !== undefined) {
    const tones = parseTones(options.tones);
    const fs = parseNumberOption('--fs', options.fs ?? '1024', 'positive');
    const duration = parseNumberOption('--duration', options.duration, 'positive');
    const n = Math.round(fs * duration);
    if (n < MIN_ANALYSIS_SAMPLES)
      throw new UsageError(
        `--fs × --duration must give at least ${MIN_ANALYSIS_SAMPLES} samples, got ${n} (${fs} Hz × ${duration} s)`,
      );
    checkSampleBudget(
      n,
      maxSamples,
      `--fs ${fs} Hz × --duration ${duration} s`,
      'shorten --duration or lower --fs',
    );
    checkTonesForGrid(tones, fs, n);
    announce(tones, settings.terms, maxOrder, settings.maxLines, context);
    result = await analyze(tones, fs, n);
    input = { kind: 'tones', tones, fs, n, duration: n / fs };
  } else {
    const path = options.input as string;
    const rec = await readRecording(path, options.column, options.fs);
    if (rec.samples.length < MIN_ANALYSIS_SAMPLES)
      throw new RuntimeError(
        `--input '${path}' holds ${rec.samples.length} sample(s); at least ${MIN_ANALYSIS_SAMPLES} are needed`,
      );
    checkSampleBudget(
      rec.samples.length,
      maxSamples,
      `--input '${path}'`,
      'analyse a shorter excerpt',
    );
    result = await analyze(rec.samples, rec.fs);
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
      activationSpectrumChart(analysis, result.spectra.input, result.spectra.output),
      context.signal,
    );
  }
  if (context.signal.aborted) throw new InterruptedError('analyze interrupted (Ctrl-C)');
  context.stdout(options.json ? `${JSON.stringify(analysis, null, 2)}\n` : analysisText(analysis));
  if (options.plot !== undefined && !options.json) context.stdout(`wrote ${options.plot}\n`);
  return analysis;
}
