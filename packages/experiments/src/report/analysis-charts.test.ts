import * as tf from '@tensorflow/tfjs';
import { setupBackend } from '@rectify/layers';
import { analyzeKerasModel } from '@rectify/layers/keras';
import { analyzeActivation, type Tone } from '@rectify/theory';
import { compile, type TopLevelSpec } from 'vega-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationSpectrumChart, layerSpectraChart } from './analysis-charts';

type Panel = { title: string; data?: { values: { freq: number }[] }; layer?: Panel[] };

describe('activationSpectrumChart', () => {
  const tones: Tone[] = [
    { freq: 10, amp: 1 },
    { freq: 25, amp: 0.5 },
  ];
  const fs = 1024;
  const a = analyzeActivation(tones, { fs, n: 8192, terms: 20 });
  const analysis = { ...a, activation: 'relu', input: { kind: 'tones' as const, tones, fs } };
  const spec = activationSpectrumChart(analysis, a.spectra.input, a.spectra.output);

  it('compiles with vega-lite: the input panel above the measured-and-predicted panel', () => {
    expect(() => compile(spec as unknown as TopLevelSpec)).not.toThrow();
    const [top, bottom] = spec.vconcat as Panel[];
    expect(top?.title).toBe('input x');
    expect(bottom?.title).toBe('ReLU(x): measured (bars) and predicted (points)');
    expect((spec.title as { subtitle: string }).subtitle).toBe(
      'x = 10 Hz + 25 Hz; fs 1024 Hz, 20 terms',
    );
  });

  it('ends the axis a little above the highest line; every predicted line below it is a point', () => {
    const highest = Math.max(...a.lines.map((l) => l.freq));
    const fmax = Math.min(fs / 2, highest * 1.08 + 4 * a.binHz);
    const [top, bottom] = spec.vconcat as Panel[];
    const bins = top?.data?.values ?? [];
    expect(Math.max(...bins.map((r) => r.freq))).toBeLessThanOrEqual(fmax);
    expect(bins.length).toBe(Math.floor(fmax / a.binHz) + 1);
    const points = bottom?.layer?.[1]?.data?.values ?? [];
    expect(points).toHaveLength(
      a.lines.filter((l) => l.predicted !== null && l.freq <= fmax).length,
    );
  });

  it('strides a long spectrum to at most 4000 points per panel, and names a file input', () => {
    const long = analyzeActivation(tones, { fs: 65536, n: 65536, terms: 5 });
    const fileSpec = activationSpectrumChart(
      { ...long, activation: 'leaky:0.1', input: { kind: 'file', path: 'ppg.wav', fs: 65536 } },
      long.spectra.input,
      long.spectra.output,
    );
    const [top] = fileSpec.vconcat as Panel[];
    expect(top?.data?.values.length).toBeLessThanOrEqual(4000);
    expect((fileSpec.title as { text: string; subtitle: string }).text).toBe(
      'Spectrum of leaky:0.1(x)',
    );
    expect((fileSpec.title as { subtitle: string }).subtitle).toContain('x = ppg.wav');
  });
});

describe('layerSpectraChart', () => {
  beforeAll(async () => {
    await setupBackend({ backend: 'cpu' });
  });

  it('draws one panel per probed layer with its representative channel before and after', async () => {
    const input = tf.input({ shape: [64, 1] });
    const conv = tf.layers
      .conv1d({ filters: 3, kernelSize: 3, activation: 'relu', name: 'c1', padding: 'same' })
      .apply(input) as tf.SymbolicTensor;
    const out = tf.layers.globalAveragePooling1d({}).apply(conv) as tf.SymbolicTensor;
    const model = tf.model({ inputs: input, outputs: out });
    const analysis = await analyzeKerasModel(model, { heartRate: 72, fs: 32, n: 64, seed: 1 });
    model.dispose();
    const spec = layerSpectraChart('m.h5', 'synthetic PPG', analysis);
    expect(() => compile(spec as unknown as TopLevelSpec)).not.toThrow();
    const panels = spec.vconcat as Panel[];
    expect(panels).toHaveLength(analysis.layers.length);
    const layer = analysis.layers[0]!;
    const values = panels[0]?.data?.values ?? [];
    if (layer.representativeChannel === null) {
      expect(panels[0]?.title).toContain('every channel dead');
      expect(values).toEqual([]);
    } else {
      expect(panels[0]?.title).toBe(
        `c1, channel ${layer.representativeChannel} (live; ${layer.deadChannels.length}/3 dead)`,
      );
      const channel = layer.channels.find((c) => c.channel === layer.representativeChannel)!;
      expect(values).toHaveLength(
        channel.pre.spectrum.freqs.length + channel.post.spectrum.freqs.length,
      );
    }
    expect(spec.title).toEqual({ text: 'Activations of m.h5', subtitle: 'synthetic PPG' });
  });
});
