import type { KerasModelAnalysis } from '@rectify/layers/keras';
import type { Spectrum } from '@rectify/signal';

const MAX_POINTS = 4000;

/** What {@link activationSpectrumChart} draws from an analysis (`rectify analyze --json` has it). */
export interface SpectrumChartAnalysis {
  /** What was analysed: a tone sum (frequencies in Hz) or a file; `fs` in Hz. */
  input:
    | { kind: 'tones'; tones: readonly { freq: number }[]; fs: number }
    | { kind: 'file'; path: string; fs: number };
  /** Activation name, e.g. `relu`, `leaky:0.1`. */
  activation: string;
  /** Series terms N. */
  terms: number;
  /** Frequency resolution of the spectra, Hz. */
  binHz: number;
  /** The listed lines: frequency (Hz), predicted amplitude (signal units, null if none), origin. */
  lines: readonly { freq: number; predicted: number | null; origin: string }[];
}

/**
 * The spectrum of an activation as a figure (`rectify analyze --plot`): the input's and the
 * output's single-sided amplitude spectra, one above the other, with the predicted lines as points
 * on the output's panel. The frequency axis ends a little above the highest listed line (at most
 * Nyquist); each panel keeps at most 4000 evenly strided bins.
 *
 * @param analysis - the analysis (lines, activation, input description).
 * @param input - the input's amplitude spectrum (Hz, signal units).
 * @param output - the output's amplitude spectrum (Hz, signal units).
 * @returns a Vega-Lite (v6) spec with inline data.
 * @example
 * ```ts
 * const a = analyzeActivation(tones, { fs: 1024, n: 8192 });
 * const spec = activationSpectrumChart({ ...a, activation: 'relu', input: { kind: 'tones', tones, fs: 1024 } }, a.spectra.input, a.spectra.output);
 * ```
 */
export function activationSpectrumChart(
  analysis: SpectrumChartAnalysis,
  input: Spectrum,
  output: Spectrum,
): Record<string, unknown> {
  const highest = Math.max(0, ...analysis.lines.map((l) => l.freq));
  const nyquist = input.freqs[input.freqs.length - 1] ?? 0;
  const fmax = Math.min(nyquist, highest > 0 ? highest * 1.08 + 4 * analysis.binHz : nyquist);
  const take = (s: Spectrum, signal: string) => {
    const rows: { freq: number; amplitude: number; signal: string }[] = [];
    let count = 0;
    for (let i = 0; i < s.freqs.length && s.freqs[i]! <= fmax; i++) count++;
    const stride = Math.max(1, Math.ceil(count / MAX_POINTS));
    for (let i = 0; i < count; i += stride)
      rows.push({ freq: s.freqs[i]!, amplitude: s.amplitude[i]!, signal });
    return rows;
  };
  const name = analysis.activation === 'relu' ? 'ReLU(x)' : `${analysis.activation}(x)`;
  const predicted = analysis.lines
    .filter((l) => l.predicted !== null && l.freq <= fmax)
    .map((l) => ({ freq: l.freq, amplitude: l.predicted, origin: l.origin }));
  const x = {
    field: 'freq',
    type: 'quantitative',
    title: 'frequency (Hz)',
    scale: { domain: [0, fmax] },
  };
  const y = { field: 'amplitude', type: 'quantitative', title: 'amplitude' };
  const panel = (title: string, values: unknown[], color: string) => ({
    title,
    width: 640,
    height: 180,
    data: { values },
    mark: { type: 'bar', color, width: 1.5 },
    encoding: { x, y },
  });
  const source =
    analysis.input.kind === 'tones'
      ? analysis.input.tones.map((t) => `${t.freq} Hz`).join(' + ')
      : analysis.input.path;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Spectrum of ${name}`,
      subtitle: `x = ${source}; fs ${analysis.input.fs} Hz, ${analysis.terms} terms`,
    },
    vconcat: [
      panel('input x', take(input, 'input'), '#888888'),
      {
        title: `${name}: measured (bars) and predicted (points)`,
        width: 640,
        height: 180,
        layer: [
          {
            data: { values: take(output, 'output') },
            mark: { type: 'bar', color: '#1f77b4', width: 1.5 },
            encoding: { x, y },
          },
          {
            data: { values: predicted },
            mark: { type: 'point', color: '#d62728', filled: true, size: 30 },
            encoding: {
              x,
              y,
              tooltip: [{ field: 'origin' }, { field: 'amplitude', type: 'quantitative' }],
            },
          },
        ],
      },
    ],
  };
}

/**
 * A model's activations as a figure (`rectify inspect --plot`): per probed layer, the amplitude
 * spectrum of its representative live channel before (grey) and after (blue) the activation.
 * Layers whose channels are all dead on the probe get a panel that says so.
 *
 * @param model - the model's name or file, for the title.
 * @param probe - the probe's description, for the subtitle.
 * @param analysis - what `analyzeKerasModel` of `@rectify/layers/keras` returned (spectra in Hz).
 * @returns a Vega-Lite (v6) spec with inline data.
 * @example
 * ```ts
 * const spec = layerSpectraChart('model.h5', 'synthetic PPG at 72 bpm', await analyzeKerasModel(model, { heartRate: 72 }));
 * ```
 */
export function layerSpectraChart(
  model: string,
  probe: string,
  analysis: KerasModelAnalysis,
): Record<string, unknown> {
  const panels = analysis.layers.map((l) => {
    const channel = l.channels.find((c) => c.channel === l.representativeChannel);
    const title =
      channel === undefined
        ? `${l.layer}: every channel dead on this probe (${l.channels.length})`
        : `${l.layer}, channel ${channel.channel} (live; ${l.deadChannels.length}/${l.channels.length} dead)`;
    const values = channel
      ? [
          ...Array.from(channel.pre.spectrum.freqs, (freq, i) => ({
            freq,
            amplitude: channel.pre.spectrum.amplitude[i],
            signal: 'before activation',
          })),
          ...Array.from(channel.post.spectrum.freqs, (freq, i) => ({
            freq,
            amplitude: channel.post.spectrum.amplitude[i],
            signal: `after ${l.activation}`,
          })),
        ]
      : [];
    return {
      title,
      width: 640,
      height: 140,
      data: { values },
      mark: { type: 'line', interpolate: 'step-after' },
      encoding: {
        x: { field: 'freq', type: 'quantitative', title: `frequency (Hz), fs ${l.fs} Hz` },
        y: { field: 'amplitude', type: 'quantitative', title: 'amplitude' },
        color: {
          field: 'signal',
          type: 'nominal',
          scale: { range: ['#888888', '#1f77b4'] },
        },
      },
    };
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: { text: `Activations of ${model}`, subtitle: probe },
    vconcat: panels,
  };
}
