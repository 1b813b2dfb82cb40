import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { analyzeKerasModel, causalConv1d, type KerasModelAnalysis } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';
import { defineExperiment } from '../core/define';
import { CheckpointMismatchError } from '../core/errors';
import { deriveSeed } from '../core/hash';
import { mean, sig } from '../core/stats';
import type { Claim, Provenance, ResultMeta, UnitContext } from '../core/types';
import { type RealWorldConfig, realWorldConfigSchema, realWorldPresets } from './config';

/** Per-channel figures of one probed layer. */
export interface RealWorldChannel {
  /** Channel index. */
  channel: number;
  /** DC before / after the activation. */
  preDc: number;
  postDc: number;
  /** Amplitudes at k·f_HR, k = 1 …, before / after. */
  preHarmonics: number[];
  postHarmonics: number[];
  /** Share of the post-activation energy at frequencies the pre-activation lacked. */
  newFrequencyFraction: number;
}

/** One probed layer at one heart rate. */
export interface RealWorldLayer {
  /** Layer name. */
  layer: string;
  /** Sampling rate of the layer's time axis, Hz. */
  fs: number;
  /** Channel means: |DC| before and after, new-frequency fraction. */
  summary: { meanAbsPreDc: number; meanAbsPostDc: number; meanNewFrequencyFraction: number };
  /** Mean over channels of post/pre amplitude at f_HR. */
  heartRatePassRatio: number;
  /** Mean over channels of the DC the activation added, post DC − pre DC (= mean ReLU(−x) ≥ 0 for ReLU). */
  meanAddedDc: number;
  /** Mean over channels of the pre-activation amplitude at f_HR, the scale the added DC is compared with. */
  meanPreHeartRate: number;
  /** Every channel. */
  channels: RealWorldChannel[];
  /** Full spectra of the first config.spectraChannels channels. */
  spectra: { channel: number; freqs: number[]; pre: number[]; post: number[] }[];
}

/** One heart rate (unit). */
export interface RealWorldUnit {
  /** Beats per minute. */
  heartRate: number;
  /** f_HR, Hz. */
  heartRateHz: number;
  /** What was analysed: the file and its SHA-256, or the built-in model. */
  model: { source: 'file' | 'built-in'; path: string | null; sha256: string | null };
  /** One entry per probed layer. */
  layers: RealWorldLayer[];
}

/** Result of `realWorld`. */
export interface RealWorldResult extends ResultMeta {
  /** What was analysed. */
  model: RealWorldUnit['model'];
  /** One entry per heart rate. */
  heartRates: RealWorldUnit[];
  /** Statements tested and their verdicts. */
  claims: Claim[];
}

function unitId(bpm: number): string {
  return `hr-${String(bpm).replace('.', 'p')}`;
}

/** The paper's conv front, blocks 1–2, with seeded weights. */
function builtInModel(config: RealWorldConfig, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [config.samples, 1] });
  let h: tf.SymbolicTensor = input;
  const blocks = [
    { filters: 32, pool: 4 },
    { filters: 48, pool: 2 },
  ];
  blocks.forEach((block, b) => {
    for (let c = 1; c <= 3; c++) {
      const name = `block${b + 1}_conv${c}`;
      h = causalConv1d({
        name,
        filters: block.filters,
        kernelSize: 5,
        dilationRate: 2,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({
          seed: deriveSeed(seed, `model/${name}`),
        }),
      }).apply(h) as tf.SymbolicTensor;
    }
    h = tf.layers
      .averagePooling1d({ poolSize: block.pool, name: `block${b + 1}_pool` })
      .apply(h) as tf.SymbolicTensor;
    h = tf.layers
      .dropout({ rate: 0.5, name: `block${b + 1}_dropout` })
      .apply(h) as tf.SymbolicTensor;
  });
  return tf.model({ inputs: input, outputs: h });
}

function summariseLayer(
  config: RealWorldConfig,
  l: KerasModelAnalysis['layers'][number],
): RealWorldLayer {
  const channels = l.channels.map((c) => ({
    channel: c.channel,
    preDc: c.pre.dc,
    postDc: c.post.dc,
    preHarmonics: c.pre.harmonics.map((h) => h.amplitude),
    postHarmonics: c.post.harmonics.map((h) => h.amplitude),
    newFrequencyFraction: c.newFrequencyFraction,
  }));
  return {
    layer: l.layer,
    fs: l.fs,
    summary: l.summary,
    heartRatePassRatio: mean(
      l.channels.map((c) => c.post.heartRate / Math.max(1e-12, c.pre.heartRate)),
    ),
    meanAddedDc: mean(l.channels.map((c) => c.post.dc - c.pre.dc)),
    meanPreHeartRate: mean(l.channels.map((c) => c.pre.heartRate)),
    channels,
    spectra: l.channels.slice(0, config.spectraChannels).map((c) => ({
      channel: c.channel,
      freqs: Array.from(c.post.spectrum.freqs),
      pre: Array.from(c.pre.spectrum.amplitude),
      post: Array.from(c.post.spectrum.amplitude),
    })),
  };
}

async function computeUnit(
  config: RealWorldConfig,
  id: string,
  context: UnitContext,
): Promise<RealWorldUnit> {
  const bpm = config.heartRates.find((h) => unitId(h) === id);
  if (bpm === undefined)
    throw new RangeError(
      `unitId must be one of ${config.heartRates.map(unitId).join(', ')}, got ${JSON.stringify(id)}`,
    );
  const options = {
    heartRate: bpm,
    layers: config.layers,
    fs: config.fs,
    n: config.samples,
    seed: deriveSeed(context.seed, `ppg/${id}`),
    harmonics: config.harmonics,
    ...(config.upTo ? { upTo: config.upTo } : {}),
  };
  let analysis: KerasModelAnalysis;
  let model: RealWorldUnit['model'];
  if (config.modelPath) {
    const bytes = readFileSync(config.modelPath);
    model = {
      source: 'file',
      path: config.modelPath,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    };
    analysis = await analyzeKerasModel(new Uint8Array(bytes), options);
  } else {
    model = { source: 'built-in', path: null, sha256: null };
    const built = builtInModel(config, context.seed);
    try {
      analysis = await analyzeKerasModel(built, options);
    } finally {
      built.dispose();
    }
  }
  context.onStep?.(1, 1);
  return {
    heartRate: bpm,
    heartRateHz: analysis.heartRate.hz,
    model,
    layers: analysis.layers.map((l) => summariseLayer(config, l)),
  };
}

function claims(units: RealWorldUnit[]): Claim[] {
  const layers = units.flatMap((u) => u.layers.map((l) => ({ bpm: u.heartRate, ...l })));
  const added = layers.map((l) => l.meanAddedDc / Math.max(1e-12, l.meanPreHeartRate));
  const newFraction = mean(layers.map((l) => l.summary.meanNewFrequencyFraction));
  const pass = layers.map((l) => l.heartRatePassRatio);
  // A channel whose pre-activation never goes positive passes nothing: ReLU output 0 throughout.
  const dead = layers.map(
    (l) =>
      `${l.channels.filter((c) => c.postDc <= 0 && Math.max(0, ...c.postHarmonics) <= 0).length}/${l.channels.length}`,
  );
  const where = `${layers.length} (layer, heart rate) pairs`;
  return [
    {
      id: 'relu-adds-dc',
      statement:
        'The ReLUs add a DC to the activations (paper V.B): post-activation DC minus pre-activation DC, comparable to the heart-rate line.',
      measured: `added DC / pre-activation amplitude at f_HR, mean over channels: ${added.map((x) => sig(x)).join(', ')} over ${where} (holds if every ratio ≥ 0.1)`,
      verdict: added.every((x) => x >= 0.1)
        ? 'holds'
        : added.some((x) => x >= 0.1)
          ? 'inconclusive'
          : 'does not hold',
      rule: 'holds if every (layer, heart rate) ratio ≥ 0.1; does not hold if none is; otherwise inconclusive',
      paper:
        '§V.B (activation spectra of blocks 1 and 2, trained PPG network on PPG-DaLiA): a DC beside the heart-rate line and its harmonics.',
      kind: 'reproduction',
    },
    {
      id: 'post-relu-new-frequencies',
      statement:
        'The ReLU puts energy at frequencies (heart-rate harmonics, intermodulation, DC) the pre-activation lacked.',
      measured: `mean share of post-activation energy at new frequencies ${sig(100 * newFraction)} % over ${where} (holds if ≥ 1 %)`,
      verdict: newFraction >= 0.01 ? 'holds' : 'does not hold',
      rule: 'holds if the mean share of post-activation energy at new frequencies ≥ 1 %',
      paper:
        '§V.B: after the ReLU the spectra show heart-rate harmonics that the filtered input lacks.',
      kind: 'reproduction',
    },
    {
      id: 'heart-rate-passes',
      statement: 'The heart-rate frequency itself passes the ReLU (the x/2 term).',
      measured: `post/pre amplitude at f_HR, mean over channels: ${pass.map((p) => sig(p)).join(', ')} (holds if every ratio ≥ 0.25); dead channels (ReLU output 0 throughout): ${dead.join(', ')}`,
      verdict: pass.every((p) => p >= 0.25)
        ? 'holds'
        : pass.some((p) => p >= 0.25)
          ? 'inconclusive'
          : 'does not hold',
      rule: 'holds if every (layer, heart rate) ratio ≥ 0.25; does not hold if none is; otherwise inconclusive',
      paper: '§V.B: the heart-rate frequency is visible after the ReLUs of blocks 1 and 2.',
      kind: 'reproduction',
    },
  ];
}

/** What stands in for the paper's trained network and its recordings. */
function provenance(model: RealWorldUnit['model']): Provenance {
  return {
    standIn: true,
    notes: [
      ...(model.source === 'built-in'
        ? ['model: random-weight stand-in, not a trained model (the paper’s trained PPG network)']
        : []),
      'signals: synthetic PPG at known heart rates, not the PPG-DaLiA recordings the paper used',
    ],
  };
}

/**
 * Paper V.B: per-channel spectra before and after the ReLUs of the PPG network, on synthetic PPG
 * at known heart rates; units are heart rates (`hr-72`, …).
 *
 * @example
 * ```ts
 * const r = await realWorld.run({ modelPath: 'ppg.h5', layers: ['conv1d_2', 'conv1d_5'], upTo: 'flatten' });
 * r.heartRates[0].layers[0].meanAddedDc;
 * ```
 */
export const realWorld = defineExperiment<RealWorldConfig, RealWorldUnit, RealWorldResult>({
  name: 'real-world',
  configSchema: realWorldConfigSchema,
  presets: realWorldPresets,
  usesTf: true,
  listUnits: (config) => config.heartRates.map(unitId),
  computeUnit,
  merge(config, units) {
    const list = config.heartRates.map((h) => units[unitId(h)] as RealWorldUnit);
    const hashes = new Set(list.map((u) => u.model.sha256));
    if (hashes.size > 1) {
      throw new CheckpointMismatchError(
        `the model file ${config.modelPath} changed between units (SHA-256 ${[...hashes].join(', ')}); rerun in a fresh directory`,
      );
    }
    const model = (list[0] as RealWorldUnit).model;
    return { model, heartRates: list, claims: claims(list), provenance: provenance(model) };
  },
});
