// Results as plain text for a terminal or a log: the tables `rectify analyze`, `inspect`,
// `ablate`, `run`, `merge` and `repro` print, as functions any Node script or job can call.
// Pure string work (no tfjs, no Node built-ins); every type import is erased.
import type { KerasModelAnalysis } from '@rectify/layers/keras';
import type { AnalysisSeriesError, AnalyzedLine, Tone } from '@rectify/theory';
import { originLabel } from '@rectify/theory';
import type {
  AblationReport,
  AblationSummary,
  GroupInterval,
  LayerRank,
} from '../dc-in-trained-models/study';
import { type ClaimRow, measuredWithContext, provenanceNotes } from './text';

/**
 * Formats a number for a table: `digits` decimals for magnitudes in [1e-3, 1e4), exponent form
 * outside, `0` below `zero` (round-off), `—` for no value.
 *
 * @param value - the number (undefined, null or NaN for "no value").
 * @param options.digits - decimals in fixed form, significant digits − 1 in exponent form (default 4).
 * @param options.zero - magnitudes below this print as `0` (default 1e-12).
 * @returns the text.
 * @example
 * ```ts
 * formatNumber(0.31831); // '0.3183'
 * formatNumber(2.5e-7); // '2.500e-7'
 * ```
 */
export function formatNumber(
  value: number | undefined | null,
  options: { digits?: number; zero?: number } = {},
): string {
  if (value === undefined || value === null || Number.isNaN(value)) return '—';
  const digits = options.digits ?? 4;
  const abs = Math.abs(value);
  if (abs < (options.zero ?? 1e-12)) return '0';
  if (abs >= 1e-3 && abs < 1e4) return value.toFixed(digits);
  return value.toExponential(Math.max(1, digits - 1));
}

/**
 * Formats a frequency: up to 4 decimals, trailing zeros dropped.
 *
 * @param hz - frequency (Hz).
 * @returns the text, e.g. `5`, `2.5`, `0.125`.
 * @example
 * ```ts
 * formatHz(1.2); // '1.2'
 * ```
 */
export function formatHz(hz: number): string {
  return String(Number(hz.toFixed(4)));
}

/** Horizontal alignment of a {@link textTable} column. */
export type Align = 'left' | 'right';

/**
 * Lays out rows as a plain-text table with a header and a rule (`─`) under it; columns are two
 * spaces apart and lines carry no trailing spaces.
 *
 * @param header - column titles.
 * @param rows - cells, already formatted.
 * @param align - per-column alignment (default: right for every column but the last).
 * @returns the table, lines joined by `\n` (no trailing newline).
 * @example
 * ```ts
 * textTable(['f (Hz)', 'origin'], [['10', 'f1']]); // 'f (Hz)  origin\n──────  ──────\n    10  f1'
 * ```
 */
export function textTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align?: readonly Align[],
): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => (r[c] ?? '').length)));
  const al = align ?? header.map((_, c) => (c === header.length - 1 ? 'left' : 'right'));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, c) => (al[c] === 'left' ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * One line per claim: a mark (✔ holds, ✘ does not hold, ? otherwise), the statement, the measured
 * figure with its context and the verdict.
 *
 * @param claims - the claims.
 * @returns the text, each line indented by two spaces and ending with a newline (empty for none).
 * @example
 * ```ts
 * process.stdout.write(claimsText(result.claims));
 * ```
 */
export function claimsText(claims: readonly ClaimRow[]): string {
  const mark = (v: string) => (v === 'holds' ? '✔' : v === 'does not hold' ? '✘' : '?');
  return claims
    .map(
      (c) =>
        `  ${mark(c.verdict)} ${c.kind === 'finding' ? '[finding] ' : ''}${c.statement} — ${measuredWithContext(c)} (${c.verdict})\n`,
    )
    .join('');
}

/**
 * A result's stand-in banner as text, one line per stand-in ({@link provenanceNotes}).
 *
 * @param result - a parsed result.json.
 * @returns the text (empty when nothing stands in).
 * @example
 * ```ts
 * process.stderr.write(provenanceText(result));
 * ```
 */
export function provenanceText(result: Record<string, unknown>): string {
  return provenanceNotes(result)
    .map((n) => `  ⚠ stand-in: ${n}\n`)
    .join('');
}

/**
 * An activation's analysis as `rectify analyze --json` records it: theory's `analyzeActivation`
 * without the signals and spectra, plus what was analysed.
 */
export interface AnalysisRecord {
  /** What was analysed: a tone sum, or one column of a file (fs in Hz, duration in s). */
  input:
    | { kind: 'tones'; tones: Tone[]; fs: number; n: number; duration: number }
    | { kind: 'file'; path: string; column: string; fs: number; n: number; duration: number };
  /** Activation name, e.g. `relu`, `leaky:0.1`. */
  activation: string;
  /** Series terms N. */
  terms: number;
  /** Expansion constant A (signal units²), null when it does not apply. */
  A: number | null;
  /** Frequency resolution of the measured spectra (Hz). */
  binHz: number;
  /** Listed lines, by frequency. */
  lines: AnalyzedLine[];
  /** The output's DC by every route (signal units; `period`: theory's `periodic`). */
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

/**
 * An analysis as text: a header naming the input, the line table (input, measured and predicted
 * amplitudes with each line's origin), the DC by every route and the series error.
 *
 * @param a - the analysis.
 * @returns the text, ending with a newline.
 * @example
 * ```ts
 * process.stdout.write(analysisText(record));
 * ```
 */
export function analysisText(a: AnalysisRecord): string {
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
        originLabel(l.origins),
      ]),
    ),
    '',
  );
  const six = (v: number) => formatNumber(v, { digits: 6 });
  const dc = [`measured ${six(a.dc.measured)}`];
  if (a.dc.exact !== null) dc.push(`exact ${six(a.dc.exact)}`);
  if (a.dc.firstOrder !== null) dc.push(`first-order √A/2 ${six(a.dc.firstOrder)}`);
  if (a.dc.series !== null) dc.push(`series (${a.terms} terms) ${six(a.dc.series)}`);
  if (a.dc.period !== null) dc.push(`one period ${six(a.dc.period)}`);
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

/**
 * A model's per-layer probe without its signals and spectra, as `rectify inspect --json` writes
 * it: per layer its class, activation, rate (Hz), steps, summary, dead and representative
 * channels, and per channel the DC and harmonic amplitudes before and after the activation and
 * the share of energy at new frequencies.
 *
 * @param analysis - what `analyzeKerasModel` of `@rectify/layers/keras` returned.
 * @returns one plain object per layer, ready for `JSON.stringify`.
 * @example
 * ```ts
 * console.log(JSON.stringify(layerSpectraRecord(await analyzeKerasModel(model, { heartRate: 72 }))));
 * ```
 */
export function layerSpectraRecord(analysis: KerasModelAnalysis) {
  return analysis.layers.map((l) => ({
    layer: l.layer,
    className: l.className,
    activation: l.activation,
    activationSource: l.activationSource,
    fs: l.fs,
    steps: l.steps,
    summary: l.summary,
    deadChannels: l.deadChannels,
    representativeChannel: l.representativeChannel,
    channels: l.channels.map((c) => ({
      channel: c.channel,
      pre: { dc: c.pre.dc, harmonics: c.pre.harmonics },
      post: { dc: c.post.dc, harmonics: c.post.harmonics },
      newFrequencyFraction: c.newFrequencyFraction,
    })),
  }));
}

/** What {@link layerSpectraText} names besides the analysis. */
export interface LayerSpectraTextOptions {
  /** The model's name or file. */
  model: string;
  /** The probe in words, e.g. `synthetic PPG at 72 bpm (1.2 Hz), seed 0`. */
  probe: string;
  /** The tfjs backend that ran the model. */
  backend: string;
  /** Layers that were not built (`upTo`). */
  skipped: readonly string[];
  /** Channels listed per layer: the representative live one first, then live ones, dead ones last. */
  channels: number;
}

/**
 * A model's per-layer probe (`analyzeKerasModel` of `@rectify/layers/keras`) as text: the model's
 * output, one table row per layer (DC before and after, share of energy at new frequencies, dead
 * channels, representative channel), then per layer its dead channels and the listed channels'
 * DC and harmonics before → after.
 *
 * @param analysis - the analysis.
 * @param options - model, probe, backend, layers not built, channels to list.
 * @returns the text, ending with a newline.
 * @example
 * ```ts
 * process.stdout.write(layerSpectraText(await analyzeKerasModel(model, { heartRate: 72 }), { model: 'm.h5', probe: 'PPG at 72 bpm', backend: 'wasm', skipped: [], channels: 2 }));
 * ```
 */
export function layerSpectraText(
  analysis: KerasModelAnalysis,
  options: LayerSpectraTextOptions,
): string {
  const out: string[] = [
    `${options.model}: ${analysis.layers.length} layer(s) probed with ${options.probe}; fs ${formatHz(analysis.fs)} Hz, ${analysis.n} samples, backend ${options.backend}`,
  ];
  if (options.skipped.length > 0) out.push(`(not built: ${options.skipped.join(', ')})`);
  const outputValues = analysis.output.values.slice(0, 8).map((v) => formatNumber(v));
  out.push(
    `model output [${analysis.output.shape.join(', ')}]: ${outputValues.join(', ')}${analysis.output.values.length > 8 ? ', …' : ''}`,
  );
  const header = ['layer', 'class', 'activation', 'fs (Hz)', 'steps', 'mean |DC| pre'];
  header.push('mean |DC| post', 'new-freq energy', 'dead', 'repr.');
  out.push(
    '',
    textTable(
      header,
      analysis.layers.map((l) => [
        l.layer,
        l.className,
        l.activation,
        formatHz(l.fs),
        String(l.steps),
        formatNumber(l.summary.meanAbsPreDc),
        formatNumber(l.summary.meanAbsPostDc),
        `${(100 * l.summary.meanNewFrequencyFraction).toFixed(1)} %`,
        `${l.deadChannels.length}/${l.channels.length}`,
        l.representativeChannel === null ? '-' : String(l.representativeChannel),
      ]),
      header.map((_, i) => (i < 3 ? 'left' : 'right')),
    ),
  );
  for (const l of analysis.layers) {
    if (l.deadChannels.length > 0)
      out.push(`  ${l.layer}: dead channels (no positive output) ${l.deadChannels.join(', ')}`);
    const rank = (channel: number) =>
      channel === l.representativeChannel
        ? -1
        : l.deadChannels.includes(channel)
          ? 1e9 + channel
          : channel;
    const order = [...l.channels].sort((a, b) => rank(a.channel) - rank(b.channel));
    for (const c of order.slice(0, options.channels)) {
      const harmonics = c.post.harmonics.map(
        (h) =>
          `${h.order === 1 ? 'f' : `${h.order}f`} ${formatNumber(c.pre.harmonics.find((p) => p.order === h.order)?.amplitude)}→${formatNumber(h.amplitude)}`,
      );
      out.push(
        `  ${l.layer}[${c.channel}]: DC ${formatNumber(c.pre.dc)}→${formatNumber(c.post.dc)}; ${harmonics.join(', ')}; new-freq ${(100 * c.newFrequencyFraction).toFixed(1)} %`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

/** What {@link ablationText} names besides the report. */
export interface AblationTextOptions {
  /** The model's name or file. */
  model: string;
  /** The probe in words. */
  probe: string;
  /** The tfjs backend that ran the model. */
  backend: string;
  /** The ReLU layers ablated. */
  layers: readonly string[];
  /** Whether every ReLU layer was asked for (rows read `all (n)` instead of the names). */
  allLayers: boolean;
  /** Signals in the probe. */
  signals: number;
  /** Groups the intervals are over, and what they are, e.g. `10 noise seeds`, `3 recordings`. */
  groups: string;
  /** Level of the intervals, in (0, 1). */
  confidence: number;
  /** Said after the unablated output when the report is not scored as a heart rate (may be empty). */
  unscoredNote?: string;
}

/** An interval as `mean [low, high]` with 2 decimals, the mean alone for one group, `—` for none. */
function intervalText(i: GroupInterval | null): string {
  if (i === null) return '—';
  const two = (v: number) => formatNumber(v, { digits: 2 });
  return i.n < 2 ? two(i.mean) : `${two(i.mean)} [${two(i.low)}, ${two(i.high)}]`;
}

/**
 * An ablation study (`summarizeAblation` and `rankLayers`) as text: what was ablated and probed,
 * the unablated output, a table of the every-layer runs, then per mode the one-layer runs with
 * the largest effect first. Intervals are `mean [low, high]` over the probe's groups.
 *
 * @param report - from `summarizeAblation`.
 * @param ranking - from `rankLayers(report)`.
 * @param options - model, probe, backend, layers, interval description.
 * @returns the text (no trailing newline).
 * @example
 * ```ts
 * console.log(ablationText(report, rankLayers(report), { model: 'm.h5', probe: 'PPG', backend: 'wasm', layers: study.chosen, allLayers: true, signals: 140, groups: '10 noise seeds', confidence: 0.95 }));
 * ```
 */
export function ablationText(
  report: AblationReport,
  ranking: readonly { mode: string; layers: readonly LayerRank[] }[],
  options: AblationTextOptions,
): string {
  const hr = report.heartRateModel;
  const unit = hr ? ' (bpm)' : '';
  const groupsText =
    options.signals > 1
      ? `; means over ${options.signals} signals, ${Math.round(options.confidence * 100)} % intervals over ${options.groups}`
      : '';
  const out: string[] = [
    `${options.model}: ${options.layers.length} ReLU layer(s) ablated (${options.layers.join(', ')}); probe: ${options.probe}; backend ${options.backend}${groupsText}`,
    hr
      ? `output read as the heart rate (bpm); unablated: ${formatNumber(report.baseline.meanOutput, { digits: 2 })} bpm, mean |error| ${intervalText(report.baseline.error)} bpm`
      : `unablated mean output: ${formatNumber(report.baseline.meanOutput)}${options.unscoredNote ?? ''}`,
    '',
  ];
  const header = ['mode', 'layers', `output${unit}`, `|Δ output|${unit}`];
  if (hr) header.push('|error| (bpm)', 'Δ|error| (bpm)');
  const align = header.map((_, i): Align => (i < 2 ? 'left' : 'right'));
  const row = (r: AblationSummary, name: string) => {
    const cells = [r.mode, name, formatNumber(r.meanOutput, { digits: 2 }), intervalText(r.change)];
    if (hr) cells.push(intervalText(r.error), intervalText(r.errorIncrease));
    return cells;
  };
  const all = report.runs.filter((r) => r.scope === 'all');
  out.push(
    textTable(
      header,
      all.map((r) => row(r, options.allLayers ? `all (${r.layers.length})` : r.layers.join(','))),
      align,
    ),
  );
  for (const m of ranking) {
    if (m.layers.length === 0) continue;
    out.push('', `${m.mode}, one layer at a time (largest effect first):`);
    const runOf = (layer: string) =>
      report.runs.find(
        (r) => r.mode === m.mode && r.scope === 'layer' && r.layers[0] === layer,
      ) as AblationSummary;
    out.push(
      textTable(
        header,
        m.layers.map((l) => row(runOf(l.layer), l.layer)),
        align,
      ),
    );
  }
  return out.join('\n');
}
