import type { KerasModelAnalysis } from '@rectify/layers/keras';
import type { VegaLiteSpec } from '../plot/render';

/**
 * The `inspect --plot` figure: per probed layer, the amplitude spectrum of its representative
 * live channel before (grey) and after (blue) the activation. Layers whose channels are all
 * dead on the probe get a panel that says so.
 *
 * @param model - the model file, for the title.
 * @param probe - the probe's description.
 * @param analysis - what analyzeKerasModel returned.
 * @returns a Vega-Lite spec with inline data.
 */
export function inspectPlotSpec(
  model: string,
  probe: string,
  analysis: KerasModelAnalysis,
): VegaLiteSpec {
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
