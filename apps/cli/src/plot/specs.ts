import type { Spectrum } from '@rectify/signal';
import type { Analysis } from '../commands/analyze';
import type { VegaLiteSpec } from './render';

const MAX_POINTS = 4000;

/**
 * The `analyze --plot` figure: the input's and the output's single-sided amplitude spectra, one
 * above the other, with the predicted lines as points on the output's panel.
 *
 * @param analysis - the analysis (lines, activation, input description).
 * @param input - the input's amplitude spectrum.
 * @param output - the output's amplitude spectrum.
 * @returns a Vega-Lite spec with inline data.
 */
export function analyzePlotSpec(
  analysis: Analysis,
  input: Spectrum,
  output: Spectrum,
): VegaLiteSpec {
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
