import { createRng, freqz, tones } from '@rectify/signal';
import { expectClose } from '@rectify/test-utils';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { activationLayerNames, analyzeKerasModel, loadKerasH5 } from '../../src/keras/index';
import { type WeightSpec, writeKerasH5 } from './keras-h5-writer';
import { vbArchitecture } from './vb-architecture';

const FS = 32;
const N = 256;
const BPM = 75; // 1.25 Hz: exactly 10 cycles in 256 samples at 32 Hz
const F0 = BPM / 60;
const KERNEL = 5;
const DILATION = 2;
const FILTERS = 4;

function randomWeight(name: string, shape: number[], seed: number): WeightSpec {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return { name, shape, data: Array.from({ length: size }, () => rng.normal(0, 0.5)) };
}

function layer(className: string, name: string, config: Record<string, unknown>, from?: string) {
  return {
    class_name: className,
    config: { name, trainable: true, dtype: 'float32', ...config },
    name,
    inbound_nodes: from ? [[[from, 0, 0, {}]]] : [],
  };
}

/** Input(256, 1) → Conv1D(4, k5, dilation 2, causal, relu, no bias) → GAP → Dense(1). */
const probeKernel = randomWeight('probe_conv/kernel:0', [KERNEL, 1, FILTERS], 11);
const probeModelSpec = {
  modelConfig: {
    class_name: 'Functional',
    config: {
      name: 'probe_model',
      layers: [
        layer('InputLayer', 'ppg', { batch_input_shape: [null, N, 1] }),
        layer(
          'Conv1D',
          'probe_conv',
          {
            filters: FILTERS,
            kernel_size: [KERNEL],
            strides: [1],
            padding: 'causal',
            dilation_rate: [DILATION],
            activation: 'relu',
            use_bias: false,
          },
          'ppg',
        ),
        layer('GlobalAveragePooling1D', 'gap', {}, 'probe_conv'),
        layer('Dense', 'dense', { units: 1, activation: 'linear', use_bias: true }, 'gap'),
      ],
      input_layers: [['ppg', 0, 0]],
      output_layers: [['dense', 0, 0]],
    },
  },
  weights: [
    { layer: 'ppg', weights: [] },
    { layer: 'probe_conv', weights: [probeKernel] },
    { layer: 'gap', weights: [] },
    {
      layer: 'dense',
      weights: [
        randomWeight('dense/kernel:0', [FILTERS, 1], 12),
        randomWeight('dense/bias:0', [1], 13),
      ],
    },
  ],
};

/** |H(f0)| of channel c of the causal dilated kernel: taps w[j] at lag j·d. */
function gainAt(c: number, freq: number): number {
  const taps = new Float64Array((KERNEL - 1) * DILATION + 1);
  for (let j = 0; j < KERNEL; j++) taps[j * DILATION] = probeKernel.data[j * FILTERS + c] as number;
  const { h } = freqz(taps, [1], { worN: [freq], fs: FS });
  return Math.hypot(h[0] as number, h[1] as number);
}

const tone = () => tones([{ freq: F0, amp: 1, phase: 0.3 }], { fs: FS, n: N });

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('analyzeKerasModel (paper V.B)', () => {
  it('post-ReLU activations carry a DC and heart-rate harmonics that the pre-activations lack', async () => {
    const bytes = await writeKerasH5(probeModelSpec);
    const analysis = await analyzeKerasModel(bytes, {
      heartRate: BPM,
      layers: ['probe_conv'],
      input: tone(),
    });
    expect(analysis.heartRate).toEqual({ bpm: 75, hz: 1.25 });
    const [probe] = analysis.layers;
    expect(probe).toMatchObject({
      layer: 'probe_conv',
      className: 'CausalConv1D',
      activation: 'relu',
      activationSource: 'fused',
      fs: 32,
      steps: 256,
    });
    expect(probe?.channels).toHaveLength(FILTERS);
    for (const ch of probe?.channels ?? []) {
      const a = gainAt(ch.channel, F0);
      const label = `channel ${ch.channel}`;
      // Pre-activation: the filtered tone a·cos, nothing else.
      expectClose(ch.pre.heartRate, a, { rtol: 5e-3, label: `${label} pre |H(f0)|` });
      expect(Math.abs(ch.pre.dc), `${label} pre DC`).toBeLessThan(1e-3 * a);
      expect(ch.pre.harmonics[1]?.amplitude, `${label} pre 2f0`).toBeLessThan(1e-3 * a);
      // Post-ReLU: half-wave rectified cosine: DC a/π, a/2 at f0, 2a/(3π) at 2f0, nothing at 3f0.
      expectClose(ch.post.dc, a / Math.PI, { rtol: 1e-2, label: `${label} post DC` });
      expectClose(ch.post.heartRate, a / 2, { rtol: 1e-2, label: `${label} post f0` });
      expectClose(ch.post.harmonics[1]?.amplitude ?? 0, (2 * a) / (3 * Math.PI), {
        rtol: 2e-2,
        label: `${label} post 2f0`,
      });
      expect(ch.post.harmonics[2]?.amplitude, `${label} post 3f0`).toBeLessThan(5e-3 * a);
      expect(ch.post.harmonics.map((h) => h.freq)).toEqual([1.25, 2.5, 3.75, 5]);
      expect(ch.newFrequencyFraction, `${label} new-frequency fraction`).toBeGreaterThan(0.25);
      expect(ch.newFrequencyEnergy).toBeGreaterThan(0);
    }
    expect(probe?.summary.meanAbsPostDc).toBeGreaterThan(100 * (probe?.summary.meanAbsPreDc ?? 1));
  });

  it('finds the activation in the next layer (Conv1D linear → ReLU) and accepts a loaded model', async () => {
    const kernel = randomWeight('lin_conv/kernel:0', [3, 1, 3], 21);
    const bytes = await writeKerasH5({
      modelConfig: {
        class_name: 'Sequential',
        config: {
          name: 'seq',
          layers: [
            layer('InputLayer', 'x', { batch_input_shape: [null, N, 1] }),
            layer('Conv1D', 'lin_conv', {
              filters: 3,
              kernel_size: [3],
              padding: 'same',
              activation: 'linear',
              use_bias: false,
            }),
            layer('ReLU', 'relu', { max_value: null, negative_slope: 0, threshold: 0 }),
          ],
        },
      },
      weights: [
        { layer: 'lin_conv', weights: [kernel] },
        { layer: 'relu', weights: [] },
      ],
    });
    const { model } = await loadKerasH5(bytes);
    const tensors = tf.memory().numTensors;
    const analysis = await analyzeKerasModel(model, {
      heartRate: BPM,
      layers: ['lin_conv'],
      input: tone(),
    });
    expect(tf.memory().numTensors, 'tensors left behind').toBe(tensors);
    const [probe] = analysis.layers;
    expect(probe).toMatchObject({
      className: 'Conv1D',
      activation: 'ReLU',
      activationSource: 'next-layer',
    });
    for (const ch of probe?.channels ?? []) {
      const a = ch.pre.heartRate;
      expect(Math.abs(ch.pre.dc)).toBeLessThan(1e-3 * a);
      expectClose(ch.post.dc, a / Math.PI, { rtol: 1e-2, label: `channel ${ch.channel} post DC` });
    }
  });

  it("probes the third conv of blocks 1 and 2 of the paper's model at their own sampling rates", async () => {
    const bytes = await writeKerasH5(vbArchitecture());
    const tensors = tf.memory().numTensors;
    const analysis = await analyzeKerasModel(bytes, {
      heartRate: 72,
      layers: ['conv1d_2', 'block2/conv1d_5'],
      upTo: 'block2',
      seed: 3,
    });
    expect(tf.memory().numTensors, 'the model loaded for the analysis is freed').toBe(tensors);
    expect(analysis.input).toHaveLength(256);
    const [first, second] = analysis.layers;
    expect(first).toMatchObject({ layer: 'block1/conv1d_2', fs: 32, steps: 256 });
    expect(second).toMatchObject({ layer: 'block2/conv1d_5', fs: 8, steps: 64 });
    expect(first?.channels).toHaveLength(32);
    expect(second?.channels).toHaveLength(48);
    // 1.2 Hz: 4 multiples below 16 Hz, 3 below the 4 Hz Nyquist of block 2.
    expect(first?.channels[0]?.post.harmonics.map((h) => h.order)).toEqual([1, 2, 3, 4]);
    expect(second?.channels[0]?.post.harmonics.map((h) => h.order)).toEqual([1, 2, 3]);
    for (const layerAnalysis of [first, second]) {
      for (const ch of layerAnalysis?.channels ?? []) {
        // ReLU(x) ≥ x pointwise, so the (window-weighted) mean can only grow, and stays ≥ 0.
        expect(ch.post.dc).toBeGreaterThanOrEqual(Math.max(ch.pre.dc, 0) - 1e-6);
        expect(ch.newFrequencyFraction).toBeGreaterThanOrEqual(0);
        expect(ch.newFrequencyFraction).toBeLessThanOrEqual(1);
      }
    }
  });

  it('the whole V.B model with no layers given: every ReLU layer, dead channels, the prediction', async () => {
    const bytes = await writeKerasH5(vbArchitecture());
    const { model } = await loadKerasH5(bytes);
    const names = activationLayerNames(model);
    // The nine causal convs; Dense(32, relu) is not a time series and is left out.
    expect(names).toHaveLength(9);
    expect(names[0]).toBe('block1/conv1d');
    const x = tf.tensor3d(
      Float32Array.from(tones([{ freq: 1.2, amp: 1 }], { fs: 32, n: 256 })),
      [1, 256, 1],
    );
    const expected = (model.predict(x) as tf.Tensor).dataSync()[0] as number;
    const analysis = await analyzeKerasModel(bytes, {
      heartRate: 72,
      input: tones([{ freq: 1.2, amp: 1 }], { fs: 32, n: 256 }),
    });
    expect(analysis.layers.map((l) => l.layer)).toEqual(names);
    expect(analysis.output.shape).toEqual([1, 1]);
    expectClose(analysis.output.values[0] as number, expected, { rtol: 1e-5, label: 'output' });
    for (const l of analysis.layers) {
      for (const c of l.channels) {
        const dead = l.deadChannels.includes(c.channel);
        // A dead channel is zero after the ReLU: no DC, no harmonics.
        if (dead) expect(Math.max(Math.abs(c.post.dc), c.post.heartRate)).toBe(0);
        else expect(c.post.spectrum.amplitude.some((a) => a > 0)).toBe(true);
      }
      if (l.deadChannels.length === l.channels.length) expect(l.representativeChannel).toBeNull();
      else expect(l.deadChannels).not.toContain(l.representativeChannel);
    }
    tf.dispose(x);
    model.dispose();
  });

  it('rejects bad options with the parameter, the rule and the value', async () => {
    const bytes = await writeKerasH5(probeModelSpec);
    const { model } = await loadKerasH5(bytes);
    const tensors = tf.memory().numTensors;
    await analyzeKerasModel(model, { heartRate: 72, layers: ['probe_conv'] });
    expect(tf.memory().numTensors, 'tensors left behind by the linear twin').toBe(tensors);
    const run = (options: Record<string, unknown>) =>
      analyzeKerasModel(model, { heartRate: 72, layers: ['probe_conv'], ...options } as never);
    await expect(run({ heartRate: -1 })).rejects.toThrow(
      new RangeError('heartRate must be a finite number of beats per minute > 0, got -1'),
    );
    await expect(run({ layers: [] })).rejects.toThrow(
      /^layers must be a non-empty array of layer names/,
    );
    await expect(analyzeKerasModel(model, { heartRate: 72 })).resolves.toMatchObject({
      layers: [{ layer: 'probe_conv' }],
    });
    await expect(run({ layers: ['nope'] })).rejects.toThrow(
      /^layers must name layers of the model, got 'nope'/,
    );
    await expect(run({ layers: ['dense'] })).rejects.toThrow(
      /^layers: 'dense' has no activation to analyse/,
    );
    await expect(run({ n: 128 })).rejects.toThrow(
      /^n must be the model's input length 256, got 128/,
    );
    await expect(run({ input: [1, 2, 3] })).rejects.toThrow(
      /^n must be the model's input length 256, got 3/,
    );
    await expect(run({ newFrequencyThreshold: 2 })).rejects.toThrow(RangeError);
  });
});
