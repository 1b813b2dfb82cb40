import { amplitudeSpectrum, bandEnergy, dcFraction, type WindowName } from '@rectify/signal';
import * as tf from '@tensorflow/tfjs';
import { findLayer } from './conv-layers';
import { isActivationLayerClass } from './activation-layers';

/** Options of {@link activationSpectra}. */
export interface ActivationSpectraOptions {
  /** Layers to probe (names or indices into `model.layers`). Required, at least one. */
  layers: (string | number)[];
  /** Sampling rate of the input (Hz), > 0. */
  fs: number;
  /** Which example of the batch to analyse (integer, 0-based). Default 0. */
  example?: number;
  /** Window for the amplitude spectra. Default `'rectangular'`. */
  window?: WindowName;
  /**
   * The input's band ends at the highest frequency whose amplitude is at least this fraction of
   * the input's largest non-DC amplitude (dimensionless, in (0, 1]). Default 0.01.
   */
  bandThreshold?: number;
}

/** Spectra and DC measures of one channel of a probed layer. */
export interface ChannelSpectra {
  /** Single-sided amplitude spectrum before the activation (units of the layer's output). */
  pre: Float64Array;
  /** Single-sided amplitude spectrum after the activation. */
  post: Float64Array;
  /** Share of the pre-activation energy at DC, in [0, 1] (0 for an all-zero channel). */
  preDcFraction: number;
  /** Share of the post-activation energy at DC, in [0, 1] (0 for an all-zero channel). */
  postDcFraction: number;
  /** Share of the pre-activation energy above the input's band, in [0, 1]. */
  preEnergyAboveBand: number;
  /** Share of the post-activation energy above the input's band, in [0, 1]. */
  postEnergyAboveBand: number;
}

/** The spectra of one probed layer. */
export interface LayerSpectra {
  layerName: string;
  /** Index in `model.layers`. */
  layerIndex: number;
  /** How the pre-activation output was obtained. */
  preActivation: 'linear-clone' | 'layer-input' | 'identity';
  /** Sampling rate of this layer's output (Hz): fs · outputLength / inputLength (strides, pooling). */
  fs: number;
  /** Bin frequencies of this layer's spectra (Hz). */
  freqs: Float64Array;
  /** Per channel. */
  channels: ChannelSpectra[];
}

/** The result of {@link activationSpectra}. */
export interface ActivationSpectraResult {
  /** Bin frequencies of the input spectra (Hz). */
  inputFreqs: Float64Array;
  /** Per input channel, the amplitude spectrum of the analysed example. */
  input: Float64Array[];
  /** Upper edge of the input's band (Hz), see {@link ActivationSpectraOptions.bandThreshold}. */
  inputBandEdgeHz: number;
  /** One entry per requested layer, in request order. */
  layers: LayerSpectra[];
}

/** Reads [time][channel] of one example as one Float64Array per channel. */
function channelsOf(
  values: Float32Array | Int32Array | Uint8Array,
  shape: number[],
  example: number,
): Float64Array[] {
  const [, time, channels] = shape as [number, number, number];
  const base = example * time * channels;
  return Array.from({ length: channels }, (_, c) => {
    const out = new Float64Array(time);
    for (let t = 0; t < time; t++) out[t] = values[base + t * channels + c] as number;
    return out;
  });
}

function safeDcFraction(x: Float64Array): number {
  return x.some((v) => v !== 0) ? dcFraction(x) : 0;
}

function shareAbove(x: Float64Array, fs: number, edge: number): number {
  const total = bandEnergy(x, { fs, low: 0, high: fs / 2 });
  if (total === 0 || edge >= fs / 2) return 0;
  const df = fs / x.length;
  return bandEnergy(x, { fs, low: edge + df / 2, high: fs / 2 }) / total;
}

/** Pre-activation output of a layer with an `activation` option: a clone with activation 'linear' and the same weights. */
function linearClone(layer: tf.layers.Layer, input: tf.Tensor): tf.Tensor {
  const ctor = layer.constructor as unknown as {
    fromConfig(cls: unknown, config: tf.serialization.ConfigDict): tf.layers.Layer;
  };
  const clone = ctor.fromConfig(layer.constructor, {
    ...layer.getConfig(),
    activation: 'linear',
    name: `${layer.name}_linear_probe`,
  });
  clone.build(input.shape);
  clone.setWeights(layer.getWeights());
  const out = clone.apply(input) as tf.Tensor;
  for (const weight of clone.weights) weight.dispose();
  return out;
}

/**
 * Amplitude spectra of chosen layers' outputs before and after their activation, per channel,
 * with the share of energy at DC and above the input's band — the paper's view of what a ReLU adds
 * (a DC, even harmonics, intermodulation) — computed with `@rectify/signal`.
 *
 * Pre-activation output: for a layer with an `activation` option (`CausalConv1D`, `Conv1D`,
 * `Dense`) a clone with `activation: 'linear'` and the same weights; for an activation-only layer
 * (`DCReLU`, `Activation`, `ReLU`, …) its input; otherwise the output itself.
 *
 * @param model - a built model whose probed layers output `[batch, time, channels]`.
 * @param input - the model input `[batch, time, channels]`, or one single-channel signal.
 * @param options - see {@link ActivationSpectraOptions}.
 * @returns input spectra, band edge and per-layer spectra.
 * @throws RangeError for an unknown layer, a non-rank-3 input or layer output, a bad `fs`,
 *   `example` or `bandThreshold`.
 * @example
 * ```ts
 * const x = tones([{ freq: 3, amp: 1 }], { fs: 32, n: 256 });
 * const { layers } = activationSpectra(model, x, { layers: ['conv1'], fs: 32 });
 * layers[0].channels[0].postDcFraction; // the DC the ReLU added
 * ```
 */
export function activationSpectra(
  model: tf.LayersModel,
  input: tf.Tensor | ArrayLike<number>,
  options: ActivationSpectraOptions,
): ActivationSpectraResult {
  const { fs } = options;
  if (typeof fs !== 'number' || !Number.isFinite(fs) || fs <= 0) {
    throw new RangeError(`fs must be a finite number > 0, got ${String(fs)}`);
  }
  if (!Array.isArray(options.layers) || options.layers.length === 0) {
    throw new RangeError(
      `layers must list at least one layer name or index, got ${String(options.layers)}`,
    );
  }
  const threshold = options.bandThreshold ?? 0.01;
  if (!(threshold > 0 && threshold <= 1)) {
    throw new RangeError(`bandThreshold must be in (0, 1], got ${String(threshold)}`);
  }
  const indices = options.layers.map((ref) => findLayer(model, ref, 'layers'));
  const window = options.window ?? 'rectangular';
  const x =
    input instanceof tf.Tensor ? input : tf.tensor3d(Array.from(input), [1, input.length, 1]);
  try {
    if (x.rank !== 3) {
      throw new RangeError(
        `input must be rank 3 [batch, time, channels], got rank ${x.rank} (shape [${x.shape.join(', ')}])`,
      );
    }
    const example = options.example ?? 0;
    if (!Number.isInteger(example) || example < 0 || example >= x.shape[0]!) {
      throw new RangeError(
        `example must be an integer in [0, ${x.shape[0]! - 1}], got ${String(example)}`,
      );
    }
    const inputSignals = channelsOf(x.dataSync() as Float32Array, x.shape, example);
    const inputSpectra = inputSignals.map((s) => amplitudeSpectrum(s, { fs, window }));
    const inputFreqs = inputSpectra[0]!.freqs;
    let peak = 0;
    for (const s of inputSpectra)
      for (let k = 1; k < s.amplitude.length; k++) peak = Math.max(peak, s.amplitude[k]!);
    let edgeBin = 0;
    for (const s of inputSpectra) {
      for (let k = 1; k < s.amplitude.length; k++) {
        if (peak > 0 && s.amplitude[k]! >= threshold * peak) edgeBin = Math.max(edgeBin, k);
      }
    }
    const inputBandEdgeHz = inputFreqs[edgeBin]!;
    const inputLength = x.shape[1]!;

    const layers = indices.map((index): LayerSpectra => {
      const layer = model.layers[index]!;
      const outputs = tf.tidy(() => {
        const probe = tf.model({
          inputs: model.inputs,
          outputs: [layer.input as tf.SymbolicTensor, layer.output as tf.SymbolicTensor],
        });
        const [layerInput, post] = probe.predict(x) as tf.Tensor[];
        const config = layer.getConfig();
        let kind: LayerSpectra['preActivation'];
        let pre: tf.Tensor;
        if (typeof config.activation === 'string' && config.activation !== 'linear') {
          kind = 'linear-clone';
          pre = linearClone(layer, layerInput!);
        } else if (isActivationLayerClass(layer.getClassName())) {
          kind = 'layer-input';
          pre = layerInput!;
        } else {
          kind = 'identity';
          pre = post!;
        }
        return { kind, pre, post: post! };
      });
      try {
        if (outputs.post.rank !== 3 || outputs.pre.rank !== 3) {
          throw new RangeError(
            `layers must output [batch, time, channels]; ${layer.name} gives shape [${outputs.post.shape.join(', ')}]`,
          );
        }
        const layerFs = (fs * outputs.post.shape[1]!) / inputLength;
        const pre = channelsOf(outputs.pre.dataSync() as Float32Array, outputs.pre.shape, example);
        const post = channelsOf(
          outputs.post.dataSync() as Float32Array,
          outputs.post.shape,
          example,
        );
        const channels = post.map((p, c): ChannelSpectra => {
          const q = pre[c]!;
          return {
            pre: amplitudeSpectrum(q, { fs: layerFs, window }).amplitude,
            post: amplitudeSpectrum(p, { fs: layerFs, window }).amplitude,
            preDcFraction: safeDcFraction(q),
            postDcFraction: safeDcFraction(p),
            preEnergyAboveBand: shareAbove(q, layerFs, inputBandEdgeHz),
            postEnergyAboveBand: shareAbove(p, layerFs, inputBandEdgeHz),
          };
        });
        return {
          layerName: layer.name,
          layerIndex: index,
          preActivation: outputs.kind,
          fs: layerFs,
          freqs: amplitudeSpectrum(post[0]!, { fs: layerFs }).freqs,
          channels,
        };
      } finally {
        tf.dispose([outputs.pre, outputs.post]);
      }
    });
    return { inputFreqs, input: inputSpectra.map((s) => s.amplitude), inputBandEdgeHz, layers };
  } finally {
    if (x !== input) x.dispose();
  }
}
