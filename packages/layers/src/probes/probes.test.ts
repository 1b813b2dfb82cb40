import { amplitudeSpectrum, complexAbs, rfft, tones } from '@rectify/signal';
import * as tf from '@tensorflow/tfjs';
import { expectClose, expectComplexClose, loadFixture } from '@rectify/test-utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { CausalConv1D, causalConv1d } from '../layers/causal-conv1d';
import { dcRelu } from '../layers/dc-relu';
import { activationSpectra } from './activation-spectra';
import { convFrequencyResponse } from './frequency-response';

interface ProbesFixture {
  fs: number;
  worN: number;
  dilations: number[];
  k1: number[];
  k1Shape: [number, number, number];
  k2: number[];
  k2Shape: [number, number, number];
  w: number[];
  kernel: number[][][];
  filter: number[][][];
  spectra: {
    fs: number;
    x: number[];
    kernel: number[];
    bias: number;
    bandEdgeHz: number;
    inputAmplitude: number[];
    preAmplitude: number[];
    postAmplitude: number[];
    preDcFraction: number;
    postDcFraction: number;
    preEnergyAboveBand: number;
    postEnergyAboveBand: number;
  };
}

const fixture = loadFixture<ProbesFixture>('layers/probes.json');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two causal convs with the fixture's kernels, a ReLU between them (ignored by the probe). */
function fixtureModel(activation: 'relu' | 'linear' = 'relu'): tf.Sequential {
  const model = tf.sequential({
    layers: [
      causalConv1d({
        filters: 2,
        kernelSize: 3,
        useBias: false,
        activation,
        inputShape: [null, 1],
        name: 'c1',
      }),
      causalConv1d({
        filters: 3,
        kernelSize: 2,
        dilationRate: 2,
        useBias: false,
        activation,
        name: 'c2',
      }),
    ],
  });
  model.layers[0]!.setWeights([tf.tensor3d(fixture.k1, fixture.k1Shape)]);
  model.layers[1]!.setWeights([tf.tensor3d(fixture.k2, fixture.k2Shape)]);
  return model;
}

describe('convFrequencyResponse', () => {
  it.each(['kernel', 'filter'] as const)(
    'matches scipy.signal.freqz composites (%s convention)',
    (convention) => {
      const responses = convFrequencyResponse(fixtureModel(), {
        worN: fixture.worN,
        fs: fixture.fs,
        convention,
      });
      expect(responses.map((r) => [r.layerName, r.layerIndex, r.depth])).toEqual([
        ['c1', 0, 1],
        ['c2', 1, 2],
      ]);
      expectClose(responses[0]!.w, fixture.w, { rtol: 1e-12 });
      responses.forEach((r, layer) => {
        expect(r.h).toHaveLength(fixture[convention][layer]!.length);
        r.h.forEach((h, o) => {
          expectComplexClose(h, fixture[convention][layer]![o]!, {
            rtol: 1e-9,
            label: `layer ${layer} out ${o}`,
          });
          expectClose(r.magnitude[o]!, complexAbs(h), { rtol: 1e-12 });
        });
      });
    },
  );

  it("'filter' equals the DFT of the linear stack's impulse response (the model itself)", () => {
    const model = fixtureModel('linear');
    const n = 2 * fixture.worN;
    const impulse = tf.oneHot([0], n).toFloat().reshape([1, n, 1]);
    const y = (model.predict(impulse) as tf.Tensor).arraySync() as number[][][];
    const [, second] = convFrequencyResponse(model, { worN: fixture.worN, convention: 'filter' });
    second!.h.forEach((h, o) => {
      const spectrum = rfft(y[0]!.map((row) => row[o]!)).subarray(0, 2 * fixture.worN);
      expectComplexClose(h, spectrum, { rtol: 1e-6, label: `out ${o}` });
    });
  });

  it('kernel and filter conventions agree in magnitude when the dilation is 1', () => {
    const model = tf.sequential({
      layers: [
        causalConv1d({ filters: 2, kernelSize: 4, inputShape: [8, 1] }),
        causalConv1d({ filters: 2, kernelSize: 3 }),
      ],
    });
    const a = convFrequencyResponse(model, { worN: 32, convention: 'kernel' });
    const b = convFrequencyResponse(model, { worN: 32, convention: 'filter' });
    for (const [l, r] of a.entries()) {
      for (const [o, m] of r.magnitude.entries()) {
        expectClose(m, b[l]!.magnitude[o]!, { rtol: 1e-9, atol: 1e-12 });
      }
    }
  });

  it('explains the paper V.D minimal network: pooled ReLU output of a unit tone ≈ |H(f)|/π', () => {
    const fs = 32;
    const model = tf.sequential({
      layers: [
        causalConv1d({
          filters: 1,
          kernelSize: 2,
          useBias: false,
          activation: 'relu',
          inputShape: [256, 1],
        }),
        tf.layers.globalAveragePooling1d(),
      ],
    });
    model.layers[0]!.setWeights([tf.tensor3d([0.9, -0.4], [2, 1, 1])]);
    const [response] = convFrequencyResponse(model, { worN: 16, fs });
    for (const freq of [3, 5, 10]) {
      const x = tones([{ freq, amp: 1 }], { fs, n: 256 });
      const pooled = (
        model.predict(tf.tensor3d(Array.from(x), [1, 256, 1])) as tf.Tensor
      ).dataSync()[0]!;
      expect(response!.w[freq]).toBe(freq);
      expectClose(pooled, response!.magnitude[0]![freq]! / Math.PI, {
        rtol: 3e-2,
        label: `${freq} Hz`,
      });
    }
  });

  it('selects layers by name or index, counts tfjs Conv1D, and skips other layers', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv1d({
          filters: 2,
          kernelSize: 3,
          padding: 'same',
          inputShape: [16, 1],
          name: 'plain',
        }),
        dcRelu({ dcMode: 'remove' }),
        causalConv1d({ filters: 3, kernelSize: 2, name: 'causal' }),
      ],
    });
    const byName = convFrequencyResponse(model, { layers: ['causal'], worN: 8 });
    expect(byName.map((r) => [r.layerName, r.depth, r.h.length])).toEqual([['causal', 2, 3]]);
    expect(convFrequencyResponse(model, { layers: [0], worN: 8 }).map((r) => r.layerName)).toEqual([
      'plain',
    ]);
  });

  it('rejects bad options with clear messages', () => {
    const model = fixtureModel();
    expect(() => convFrequencyResponse(model, { worN: 0 })).toThrow(
      /worN must be an integer >= 1, got 0/,
    );
    expect(() => convFrequencyResponse(model, { fs: -1 })).toThrow(
      /fs must be a finite number > 0, got -1/,
    );
    expect(() => convFrequencyResponse(model, { layers: ['nope'] })).toThrow(
      /layers must hold layer names of the model \(c1, c2\), got 'nope'/,
    );
    expect(() => convFrequencyResponse(model, { layers: [5] })).toThrow(
      /indices in \[0, 1\], got 5/,
    );
    expect(() => convFrequencyResponse(model, { inputChannel: 1 })).toThrow(
      /inputChannel must be an integer in \[0, 0\], got 1/,
    );
    expect(() => convFrequencyResponse(model, { convention: 'x' as 'kernel' })).toThrow(
      /convention must be 'kernel' or 'filter'/,
    );
    const dense = tf.sequential({ layers: [tf.layers.dense({ units: 2, inputShape: [4] })] });
    expect(() => convFrequencyResponse(dense)).toThrow(/at least one Conv1D or CausalConv1D layer/);
    const broken = tf.sequential({
      layers: [
        causalConv1d({ filters: 4, kernelSize: 2, inputShape: [8, 1] }),
        tf.layers.dense({ units: 3 }),
        causalConv1d({ filters: 2, kernelSize: 2 }),
      ],
    });
    expect(() => convFrequencyResponse(broken)).toThrow(
      /conv layers must chain: .* has 3 input channels but the previous conv layer has 4 filters/,
    );
    expect(() => convFrequencyResponse(broken, { layers: [1] })).toThrow(
      /layers must name Conv1D\/CausalConv1D layers/,
    );
  });
});

describe('activationSpectra', () => {
  const s = fixture.spectra;
  function spectraModel(): tf.Sequential {
    const model = tf.sequential({
      layers: [
        causalConv1d({
          filters: 1,
          kernelSize: 3,
          activation: 'relu',
          inputShape: [s.x.length, 1],
          name: 'conv',
        }),
        dcRelu({ dcMode: 'remove', name: 'no_dc' }),
      ],
    });
    model.layers[0]!.setWeights([tf.tensor3d(s.kernel, [3, 1, 1]), tf.tensor1d([s.bias])]);
    return model;
  }

  it('matches the numpy oracle for a conv with ReLU (pre = linear clone, post = ReLU)', () => {
    const result = activationSpectra(spectraModel(), s.x, { layers: ['conv'], fs: s.fs });
    expect(result.inputBandEdgeHz).toBe(s.bandEdgeHz);
    expectClose(result.input[0]!, s.inputAmplitude, { rtol: 1e-5, atol: 1e-6 });
    const [conv] = result.layers;
    expect(conv!.preActivation).toBe('linear-clone');
    expect(conv!.fs).toBe(s.fs);
    const ch = conv!.channels[0]!;
    expectClose(ch.pre, s.preAmplitude, { rtol: 1e-5, atol: 1e-6, label: 'pre' });
    expectClose(ch.post, s.postAmplitude, { rtol: 1e-5, atol: 1e-6, label: 'post' });
    expectClose(ch.preDcFraction, s.preDcFraction, { rtol: 1e-4 });
    expectClose(ch.postDcFraction, s.postDcFraction, { rtol: 1e-4 });
    expectClose(ch.preEnergyAboveBand, s.preEnergyAboveBand, { rtol: 1e-4 });
    expectClose(ch.postEnergyAboveBand, s.postEnergyAboveBand, { rtol: 1e-4 });
  });

  it('sees DCReLU(remove) take away exactly the DC and nothing else', () => {
    const result = activationSpectra(spectraModel(), tf.tensor3d(s.x, [1, s.x.length, 1]), {
      layers: ['conv', 'no_dc'],
      fs: s.fs,
    });
    const [conv, noDc] = result.layers;
    expect(noDc!.preActivation).toBe('layer-input');
    expectClose(noDc!.channels[0]!.pre, conv!.channels[0]!.post, { rtol: 1e-6 });
    expect(noDc!.channels[0]!.postDcFraction).toBeLessThan(1e-10);
    expect(noDc!.channels[0]!.post[0]).toBeLessThan(1e-6);
    expectClose(noDc!.channels[0]!.post.subarray(1), conv!.channels[0]!.post.subarray(1), {
      rtol: 1e-5,
      atol: 1e-6,
    });
  });

  it("takes tfjs Conv1D's pre-activation output from a linear clone with the same weights", () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv1d({
          filters: 2,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          inputShape: [64, 1],
        }),
      ],
    });
    const [layer] = activationSpectra(model, s.x, { layers: [0], fs: s.fs }).layers;
    expect(layer!.preActivation).toBe('linear-clone');
    const [kernel, bias] = model.layers[0]!.getWeights();
    const linear = tf.add(
      tf.conv1d(tf.tensor3d(s.x, [1, 64, 1]), kernel as tf.Tensor3D, 1, 'same'),
      bias!,
    );
    const pre = linear.arraySync() as number[][][];
    for (const c of [0, 1]) {
      const expected = amplitudeSpectrum(
        pre[0]!.map((row) => row[c]!),
        { fs: s.fs },
      ).amplitude;
      expectClose(layer!.channels[c]!.pre, expected, { rtol: 1e-6, atol: 1e-7 });
    }
  });

  it('reports the output rate of strided layers and does not leak tensors', () => {
    const model = tf.sequential({
      layers: [
        causalConv1d({
          filters: 2,
          kernelSize: 2,
          strides: 2,
          activation: 'relu',
          inputShape: [32, 1],
        }),
      ],
    });
    const x = tones([{ freq: 2, amp: 1 }], { fs: 16, n: 32 });
    activationSpectra(model, x, { layers: [0], fs: 16 });
    const count = tf.memory().numTensors;
    const result = activationSpectra(model, x, { layers: [0], fs: 16 });
    convFrequencyResponse(model, { worN: 16 });
    expect(tf.memory().numTensors).toBe(count);
    expect(result.layers[0]!.fs).toBe(8);
    expect(result.layers[0]!.freqs).toHaveLength(9);
    expect(result.layers[0]!.channels).toHaveLength(2);
  });

  it('rejects bad input with clear messages', () => {
    const model = spectraModel();
    expect(() => activationSpectra(model, s.x, { layers: ['conv'], fs: 0 })).toThrow(
      /fs must be a finite number > 0, got 0/,
    );
    expect(() => activationSpectra(model, s.x, { layers: [], fs: 32 })).toThrow(
      /layers must list at least one layer/,
    );
    expect(() => activationSpectra(model, s.x, { layers: ['zzz'], fs: 32 })).toThrow(/got 'zzz'/);
    expect(() => activationSpectra(model, s.x, { layers: [0], fs: 32, example: 1 })).toThrow(
      /example must be an integer in \[0, 0\], got 1/,
    );
    expect(() => activationSpectra(model, s.x, { layers: [0], fs: 32, bandThreshold: 2 })).toThrow(
      /bandThreshold must be in \(0, 1\], got 2/,
    );
    expect(() => activationSpectra(model, tf.zeros([64, 1]), { layers: [0], fs: 32 })).toThrow(
      /input must be rank 3/,
    );
    const pooled = tf.sequential({
      layers: [
        causalConv1d({ filters: 1, kernelSize: 2, inputShape: [8, 1] }),
        tf.layers.globalAveragePooling1d(),
      ],
    });
    expect(() =>
      activationSpectra(pooled, new Float64Array(8).fill(1), { layers: [1], fs: 8 }),
    ).toThrow(/layers must output \[batch, time, channels\]; .* gives shape \[1, 1\]/);
    expect(model.layers[0]).toBeInstanceOf(CausalConv1D);
  });
});
