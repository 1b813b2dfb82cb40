import {
  amplitudeSpectrum,
  getWindow,
  type Spectrum,
  syntheticPpg,
  valueAt,
  type WindowName,
} from '@rectify/signal';
import * as tf from '@tensorflow/tfjs';
import type { KerasLayerFactory } from './build';
import type { KerasSource } from './h5';
import { loadKeras } from './load';
import { isActivationLayerClass } from '../probes/activation-layers';

/** Options of {@link analyzeKerasModel}. */
export interface AnalyzeKerasModelOptions {
  /** Heart rate of the synthetic PPG input (beats per minute), finite and > 0. Required. */
  heartRate: number;
  /**
   * Layers to probe (at least one): layers with a non-linear activation (a Conv1D with
   * `activation: 'relu'`), or layers directly followed by an Activation/ReLU layer. Nested
   * layers qualified (`'block1/conv1d_2'`) or by their own name when unique. Default: every
   * such layer whose output is a time series `[batch, time, channels]`
   * ({@link activationLayerNames}).
   */
  layers?: string[];
  /** Sampling rate of the model's input (Hz), > 0. Default 32 (PPG-DaLiA). */
  fs?: number;
  /** Input length (samples), integer ≥ 2. Default 256 (8 s at 32 Hz). */
  n?: number;
  /** Seed of the synthetic PPG (phases, noise). Default 0. */
  seed?: number;
  /** Use this signal (length n) instead of the synthetic PPG. */
  input?: ArrayLike<number>;
  /** Multiples k·f_HR to report, k = 1 … harmonics (those below each layer's Nyquist). Default 4. */
  harmonics?: number;
  /** Window of the amplitude spectra. Default `'hann'` (low leakage, exact on-bin amplitudes). */
  window?: WindowName;
  /**
   * A bin is "new" in the post-activation spectrum when the pre-activation amplitude there is
   * below this fraction of the pre-activation's largest amplitude. In (0, 1). Default 0.01 (−40 dB).
   */
  newFrequencyThreshold?: number;
  /** When `source` is a file: passed to {@link loadKeras}. */
  upTo?: string;
  /** When `source` is a file: passed to {@link loadKeras}. */
  customLayers?: Record<string, KerasLayerFactory>;
}

/** Amplitude of one multiple of the heart rate. */
export interface HarmonicAmplitude {
  /** k in k·f_HR (1 = the heart rate itself). */
  order: number;
  /** k·f_HR (Hz). */
  freq: number;
  /** Largest amplitude among the bins nearest k·f_HR and its two neighbours (units of the activation). */
  amplitude: number;
}

/** Spectral summary of one channel of one signal (pre- or post-activation). */
export interface SignalSummary {
  /**
   * The measured DC: the mean of the activation weighted by the analysis window, Σ w·x / Σ w
   * (signed; the plain time mean with `window: 'rectangular'`). The window keeps the start-up
   * transient of causal padding out of it.
   */
  dc: number;
  /** Amplitude at the heart rate (same as `harmonics[0].amplitude`). */
  heartRate: number;
  /** Amplitudes at k·f_HR, k = 1 … (below this layer's Nyquist frequency). */
  harmonics: HarmonicAmplitude[];
  /** Single-sided amplitude spectrum (`amplitudeSpectrum` of @rectify/signal, at the layer's rate). */
  spectrum: Spectrum;
}

/** Pre- versus post-activation of one channel. */
export interface ChannelAnalysis {
  /** Channel (filter) index. */
  channel: number;
  /** Before the activation (convolution + bias). */
  pre: SignalSummary;
  /** After the activation. */
  post: SignalSummary;
  /**
   * Energy the activation put at frequencies the pre-activation did not have: Σ amplitude² of the
   * post-activation spectrum over the "new" bins (see `newFrequencyThreshold`), DC included
   * (units of the activation, squared).
   */
  newFrequencyEnergy: number;
  /** `newFrequencyEnergy` over Σ amplitude² of the whole post-activation spectrum, in [0, 1]. */
  newFrequencyFraction: number;
}

/** The analysis of one probed layer. */
export interface LayerAnalysis {
  /** The probed layer (qualified name). */
  layer: string;
  /** Its tfjs class (`Conv1D`, `CausalConv1D`, `Dense`, …). */
  className: string;
  /** The activation analysed (`'relu'`, …). */
  activation: string;
  /** Where the activation is: in the layer (`'fused'`) or in the next layer (`'next-layer'`). */
  activationSource: 'fused' | 'next-layer';
  /** Sampling rate of this layer's time axis (Hz): the input rate over the strides and pooling before it. */
  fs: number;
  /** Time steps of the activation. */
  steps: number;
  /** One entry per channel. */
  channels: ChannelAnalysis[];
  /** Channel means: |DC| before and after, and the new-frequency fraction. */
  summary: { meanAbsPreDc: number; meanAbsPostDc: number; meanNewFrequencyFraction: number };
  /** Channels with no positive post-activation value on the probe ("dead" for this input). */
  deadChannels: number[];
  /**
   * A live channel that represents the layer: among the channels that are not dead, the one
   * whose post-activation amplitude at the heart rate is the median (the lower one of the two
   * middle ones for an even count); null when every channel is dead.
   */
  representativeChannel: number | null;
}

/** What {@link analyzeKerasModel} returns. */
export interface KerasModelAnalysis {
  /** Heart rate (bpm) and its frequency (Hz). */
  heartRate: { bpm: number; hz: number };
  /** Input sampling rate (Hz) and length (samples). */
  fs: number;
  n: number;
  /** The input fed to the model (synthetic PPG unless `input` was given). */
  input: Float64Array;
  /** One entry per probed layer, in the order asked. */
  layers: LayerAnalysis[];
  /** The model's own output for the input (its first output, batch 1), e.g. a heart rate. */
  output: { shape: number[]; values: number[] };
}

function fail(parameter: string, rule: string, value: unknown): never {
  throw new RangeError(
    `${parameter} must be ${rule}, got ${JSON.stringify(value) ?? String(value)}`,
  );
}

interface Checked {
  heartRate: number;
  layers: string[] | undefined;
  fs: number;
  n: number;
  seed: number;
  input: Float64Array | undefined;
  harmonics: number;
  window: WindowName;
  threshold: number;
}

function check(options: AnalyzeKerasModelOptions): Checked {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(`options must be an object with heartRate, got ${String(options)}`);
  }
  const { heartRate, layers } = options;
  if (typeof heartRate !== 'number' || !Number.isFinite(heartRate) || heartRate <= 0) {
    fail('heartRate', 'a finite number of beats per minute > 0', heartRate);
  }
  if (
    layers !== undefined &&
    (!Array.isArray(layers) || layers.length === 0 || !layers.every((l) => typeof l === 'string'))
  ) {
    fail('layers', 'a non-empty array of layer names', layers);
  }
  const fs = options.fs ?? 32;
  if (typeof fs !== 'number' || !Number.isFinite(fs) || fs <= 0)
    fail('fs', 'a finite number > 0 (Hz)', fs);
  const n = options.n ?? (options.input ? options.input.length : 256);
  if (!Number.isInteger(n) || n < 2) fail('n', 'an integer >= 2 (samples)', n);
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(seed)) fail('seed', 'a safe integer', seed);
  let input: Float64Array | undefined;
  if (options.input !== undefined) {
    input = Float64Array.from(options.input);
    if (input.length !== n) fail('input', `of length n = ${n}`, `length ${input.length}`);
    if (!input.every(Number.isFinite)) fail('input', 'finite', 'a non-finite sample');
  }
  const harmonics = options.harmonics ?? 4;
  if (!Number.isInteger(harmonics) || harmonics < 1)
    fail('harmonics', 'an integer >= 1', harmonics);
  const threshold = options.newFrequencyThreshold ?? 0.01;
  if (typeof threshold !== 'number' || !(threshold > 0 && threshold < 1)) {
    fail('newFrequencyThreshold', 'a number in (0, 1)', threshold);
  }
  return {
    heartRate,
    layers,
    fs,
    n,
    seed,
    input,
    harmonics,
    window: options.window ?? 'hann',
    threshold,
  };
}

function findLayer(model: tf.LayersModel, name: string): tf.layers.Layer {
  const exact = model.layers.find((l) => l.name === name);
  if (exact) return exact;
  const matches = model.layers.filter((l) => l.name.endsWith(`/${name}`));
  if (matches.length === 1 && matches[0]) return matches[0];
  const hint = matches.length > 1 ? ` (ambiguous: ${matches.map((l) => l.name).join(', ')})` : '';
  throw new RangeError(
    `layers must name layers of the model, got '${name}'${hint}; layers: ${model.layers.map((l) => l.name).join(', ')}`,
  );
}

function activationName(layer: tf.layers.Layer): string | undefined {
  const activation = layer.getConfig().activation;
  return typeof activation === 'string' ? activation : undefined;
}

function timeSeriesOutput(layer: tf.layers.Layer): boolean {
  const output = layer.output;
  return !Array.isArray(output) && output.shape.length === 3;
}

/**
 * The layers of a model whose output goes through a non-linear activation and is a time series
 * `[batch, time, channels]`: layers with a fused activation other than linear (a Conv1D with
 * `activation: 'relu'`), and layers read by exactly one Activation/ReLU layer. These are what
 * {@link analyzeKerasModel} probes by default.
 *
 * @param model - a tfjs model (e.g. from {@link loadKeras}).
 * @returns layer names in model order.
 * @throws TypeError when `model` is not a tfjs LayersModel.
 * @example
 * ```ts
 * activationLayerNames((await loadKeras('model_S5.h5')).model); // ['model_20/conv1d_45', …]
 * ```
 */
export function activationLayerNames(model: tf.LayersModel): string[] {
  if (!(model instanceof tf.LayersModel)) {
    throw new TypeError(`model must be a tf.LayersModel, got ${typeof model}`);
  }
  const names: string[] = [];
  for (const layer of model.layers) {
    if (isActivationLayerClass(layer.getClassName()) || layer.inboundNodes.length === 0) continue;
    if (layer.getClassName() === 'InputLayer' || !timeSeriesOutput(layer)) continue;
    const fused = activationName(layer);
    const output = layer.output as tf.SymbolicTensor;
    const followers = model.layers.filter(
      (l) =>
        isActivationLayerClass(l.getClassName()) &&
        l.inboundNodes.some((node) => node.inputTensors.includes(output)),
    );
    if ((fused !== undefined && fused !== 'linear') || followers.length === 1) {
      names.push(layer.name);
    }
  }
  return names;
}

interface Probe {
  layer: tf.layers.Layer;
  activation: string;
  activationSource: 'fused' | 'next-layer';
  pre: tf.SymbolicTensor;
  post: tf.SymbolicTensor;
  clone: tf.layers.Layer | undefined;
}

function singleOutput(layer: tf.layers.Layer): tf.SymbolicTensor {
  const output = layer.output;
  if (Array.isArray(output)) {
    throw new RangeError(
      `layers: '${layer.name}' has ${output.length} outputs; probe a single-output layer`,
    );
  }
  return output;
}

/** A copy of `layer` with a linear activation that shares its weights: the pre-activation. */
function linearTwin(layer: tf.layers.Layer): { clone: tf.layers.Layer; pre: tf.SymbolicTensor } {
  const Class = layer.constructor as new (config: tf.serialization.ConfigDict) => tf.layers.Layer;
  const config: tf.serialization.ConfigDict = {
    ...layer.getConfig(),
    activation: 'linear',
    name: `${layer.name}/pre_activation`,
  };
  delete config.batchInputShape;
  delete config.inputShape;
  const clone = new Class(config);
  const pre = clone.apply(layer.input as tf.SymbolicTensor) as tf.SymbolicTensor;
  clone.setWeights(layer.getWeights());
  return { clone, pre };
}

function makeProbe(model: tf.LayersModel, layer: tf.layers.Layer): Probe {
  const fused = activationName(layer);
  if (fused !== undefined && fused !== 'linear') {
    const { clone, pre } = linearTwin(layer);
    return {
      layer,
      activation: fused,
      activationSource: 'fused',
      pre,
      post: singleOutput(layer),
      clone,
    };
  }
  const output = singleOutput(layer);
  const next = model.layers.filter(
    (l) =>
      isActivationLayerClass(l.getClassName()) &&
      l.inboundNodes.some((node) => node.inputTensors.includes(output)),
  );
  const follower = next[0];
  if (next.length !== 1 || !follower) {
    throw new RangeError(
      `layers: '${layer.name}' has no activation to analyse (its activation is ${fused ?? 'none'} and ${next.length === 0 ? 'no' : 'more than one'} Activation/ReLU layer reads its output)`,
    );
  }
  return {
    layer,
    activation: activationName(follower) ?? follower.getClassName(),
    activationSource: 'next-layer',
    pre: output,
    post: singleOutput(follower),
    clone: undefined,
  };
}

function strideOf(layer: tf.layers.Layer): number {
  const name = layer.getClassName();
  if (!/Conv1D$|Pooling1D$/.test(name) || /^Global/.test(name)) return 1;
  const strides = layer.getConfig().strides;
  const value = Array.isArray(strides) ? strides[0] : strides;
  return typeof value === 'number' && value > 0 ? value : 1;
}

/** The product of the time strides from the model input to (and including) `layer`. */
function timeStride(layer: tf.layers.Layer): number {
  let factor = 1;
  let current: tf.layers.Layer | undefined = layer;
  const seen = new Set<tf.layers.Layer>();
  while (current && !seen.has(current)) {
    seen.add(current);
    factor *= strideOf(current);
    current = current.inboundNodes[0]?.inboundLayers[0];
  }
  return factor;
}

function summarize(series: Float64Array, fs: number, f0: number, checked: Checked): SignalSummary {
  const spectrum = amplitudeSpectrum(series, { fs, window: checked.window });
  const df = fs / series.length;
  const top = spectrum.freqs[spectrum.freqs.length - 1] as number;
  const harmonics: HarmonicAmplitude[] = [];
  for (let order = 1; order <= checked.harmonics && order * f0 < fs / 2; order++) {
    const freq = order * f0;
    const amplitude = Math.max(
      ...[freq - df, freq, freq + df]
        .filter((f) => f >= 0 && f <= top)
        .map((f) => valueAt(spectrum, f)),
    );
    harmonics.push({ order, freq, amplitude });
  }
  const weights = getWindow(checked.window, series.length);
  let weighted = 0;
  let total = 0;
  series.forEach((v, t) => {
    weighted += (weights[t] as number) * v;
    total += weights[t] as number;
  });
  return { dc: weighted / total, heartRate: harmonics[0]?.amplitude ?? 0, harmonics, spectrum };
}

function analyzeChannel(
  channel: number,
  pre: Float64Array,
  post: Float64Array,
  fs: number,
  f0: number,
  checked: Checked,
): ChannelAnalysis {
  const preSummary = summarize(pre, fs, f0, checked);
  const postSummary = summarize(post, fs, f0, checked);
  const preAmp = preSummary.spectrum.amplitude;
  const postAmp = postSummary.spectrum.amplitude;
  const floor = checked.threshold * Math.max(...preAmp);
  let total = 0;
  let fresh = 0;
  for (let k = 0; k < postAmp.length; k++) {
    const energy = (postAmp[k] as number) ** 2;
    total += energy;
    if ((preAmp[k] as number) < floor) fresh += energy;
  }
  return {
    channel,
    pre: preSummary,
    post: postSummary,
    newFrequencyEnergy: fresh,
    newFrequencyFraction: total > 0 ? fresh / total : 0,
  };
}

function channelsOf(
  values: Float32Array,
  steps: number,
  channels: number,
  c: number,
): Float64Array {
  const out = new Float64Array(steps);
  for (let t = 0; t < steps; t++) out[t] = values[t * channels + c] as number;
  return out;
}

/** Checks that the model takes `[batch, n, 1]` and returns the signal to feed it. */
function modelInput(model: tf.LayersModel, checked: Checked): Float64Array {
  const inputShape = model.inputs.length === 1 ? model.inputs[0]?.shape : undefined;
  if (inputShape?.length !== 3 || inputShape[2] !== 1) {
    throw new RangeError(
      `the model must take one input [batch, time, 1], got ${JSON.stringify(model.inputs.map((i) => i.shape))}`,
    );
  }
  if (inputShape[1] !== null && inputShape[1] !== checked.n) {
    fail('n', `the model's input length ${inputShape[1]}`, checked.n);
  }
  const { heartRate, fs, n, seed } = checked;
  return checked.input ?? syntheticPpg({ heartRate, fs, n, seed });
}

/**
 * The paper's V.B analysis (Kechris et al., "DC is all you need"): feeds a synthetic PPG at a known
 * heart rate through a model and, for each probed layer and channel, compares the activation's
 * spectrum before and after its non-linearity: the measured DC, the amplitude at the heart rate
 * f_HR = bpm/60 Hz and at its multiples k·f_HR, and the energy at frequencies the pre-activation
 * did not have. For a tone a·cos through ReLU the theory predicts DC a/π, fundamental a/2, second
 * harmonic 2a/(3π) and no odd harmonics.
 *
 * @param source - a Keras `.h5` or `.keras` file (path or bytes), or a tfjs model (e.g. from
 *   {@link loadKeras}).
 * @param options - heart rate (bpm), layers to probe, input rate/length/seed; see {@link AnalyzeKerasModelOptions}.
 * @returns per layer and channel the pre/post spectra and their summaries.
 * @throws RangeError/TypeError for bad options, an unknown layer, or a layer without activation;
 *   {@link KerasImportError} when the file cannot be loaded. The model must take one input
 *   `[batch, n, 1]`.
 * @example
 * ```ts
 * const analysis = await analyzeKerasModel('ppg_model.h5', {
 *   heartRate: 72, layers: ['conv1d_2', 'conv1d_5'], upTo: 'block3',
 * });
 * for (const ch of analysis.layers[0].channels) console.log(ch.post.dc, ch.post.harmonics);
 * ```
 */
export async function analyzeKerasModel(
  source: KerasSource | tf.LayersModel,
  options: AnalyzeKerasModelOptions,
): Promise<KerasModelAnalysis> {
  const checked = check(options);
  const loaded =
    source instanceof tf.LayersModel
      ? undefined
      : await loadKeras(source, {
          ...(options.upTo === undefined ? {} : { upTo: options.upTo }),
          ...(options.customLayers === undefined ? {} : { customLayers: options.customLayers }),
        });
  const model = loaded?.model ?? (source as tf.LayersModel);
  const probes: Probe[] = [];
  let input: Float64Array;
  let values: { shape: number[]; data: Float32Array }[];
  try {
    input = modelInput(model, checked);
    const names = checked.layers ?? activationLayerNames(model);
    if (names.length === 0) {
      fail('layers', 'given: the model has no layer with a non-linear activation', names);
    }
    for (const name of names) probes.push(makeProbe(model, findLayer(model, name)));
    // tfjs refuses a tensor listed twice among a model's outputs: list each once.
    const wanted = [
      ...probes.flatMap((p) => [p.pre, p.post]),
      model.outputs[0] as tf.SymbolicTensor,
    ];
    const unique = [...new Set(wanted)];
    const probeModel = tf.model({ inputs: model.inputs, outputs: unique });
    const x = Float32Array.from(input);
    const computed = tf.tidy(() => {
      const raw = probeModel.predict(tf.tensor3d(x, [1, checked.n, 1]));
      const list = Array.isArray(raw) ? raw : [raw];
      return list.map((t) => ({ shape: t.shape, data: t.dataSync() as Float32Array }));
    });
    values = wanted.map((t) => computed[unique.indexOf(t)] as (typeof computed)[number]);
  } finally {
    for (const probe of probes) probe.clone?.dispose();
    loaded?.model.dispose();
  }
  const f0 = checked.heartRate / 60;
  const layers = probes.map((probe, i): LayerAnalysis => {
    const pre = values[2 * i];
    const post = values[2 * i + 1];
    if (!pre || !post || pre.shape.length !== 3 || post.shape.length !== 3) {
      throw new RangeError(
        `layers: '${probe.layer.name}' must output [batch, time, channels], got ${JSON.stringify(post?.shape)}`,
      );
    }
    const steps = post.shape[1] as number;
    const count = post.shape[2] as number;
    const fs = checked.fs / timeStride(probe.layer);
    const channels = Array.from({ length: count }, (_, c) =>
      analyzeChannel(
        c,
        channelsOf(pre.data, steps, count, c),
        channelsOf(post.data, steps, count, c),
        fs,
        f0,
        checked,
      ),
    );
    const mean = (f: (c: ChannelAnalysis) => number) =>
      channels.reduce((s, c) => s + f(c), 0) / count;
    const deadChannels: number[] = [];
    for (let c = 0; c < count; c++) {
      let alive = false;
      for (let t = 0; t < steps && !alive; t++) alive = (post.data[t * count + c] as number) > 0;
      if (!alive) deadChannels.push(c);
    }
    const live = channels
      .filter((c) => !deadChannels.includes(c.channel))
      .sort((a, b) => a.post.heartRate - b.post.heartRate || a.channel - b.channel);
    return {
      layer: probe.layer.name,
      className: probe.layer.getClassName(),
      activation: probe.activation,
      activationSource: probe.activationSource,
      fs,
      steps,
      channels,
      summary: {
        meanAbsPreDc: mean((c) => Math.abs(c.pre.dc)),
        meanAbsPostDc: mean((c) => Math.abs(c.post.dc)),
        meanNewFrequencyFraction: mean((c) => c.newFrequencyFraction),
      },
      deadChannels,
      representativeChannel: live[Math.floor((live.length - 1) / 2)]?.channel ?? null,
    };
  });
  const output = values[2 * probes.length] as { shape: number[]; data: Float32Array };
  return {
    heartRate: { bpm: checked.heartRate, hz: f0 },
    fs: checked.fs,
    n: checked.n,
    input,
    layers,
    output: { shape: output.shape, values: Array.from(output.data) },
  };
}
