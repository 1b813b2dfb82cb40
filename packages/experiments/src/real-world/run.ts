import type { KerasModelAnalysis } from '@rectify/layers/keras';
import * as tf from '@tensorflow/tfjs';
import { defineExperiment } from '../core/define';
import { CheckpointMismatchError } from '../core/errors';
import { deriveSeed } from '../core/hash';
import { runPlatform } from '../core/platform';
import { sha256Hex } from '../core/sha256';
import { appendPpgBlocks, PPG_BLOCKS } from '../core/ppg-front';
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
  /** Channels with no positive post-activation value on the probe (`analyzeKerasModel`'s). */
  deadChannels: number[];
  /** Full spectra of the first config.spectraChannels channels. */
  spectra: { channel: number; freqs: number[]; pre: number[]; post: number[] }[];
}

/** One heart rate (unit). */
export interface RealWorldUnit {
  /** Beats per minute. */
  heartRate: number;
  /** f_HR, Hz. */
  heartRateHz: number;
  /** What was analysed: the file and its SHA-256, or the built-in stand-in. */
  model: {
    source: 'file' | 'built-in';
    path: string | null;
    sha256: string | null;
    /** How to name it wherever its numbers appear: {@link STAND_IN_LABEL} for the built-in. */
    label: string;
  };
  /**
   * The model's own prediction for the synthetic PPG (its single output value, the heart rate in
   * bpm for the paper's network); null when the output is not a single value (the stand-in's
   * conv front).
   */
  predictedHeartRate: number | null;
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

/** What the built-in model is, said wherever its numbers appear. */
export const STAND_IN_LABEL = 'random-weight stand-in, not a trained model';

/** Layers probed on the built-in stand-in when `layers` is null. */
const STAND_IN_LAYERS = ['block1_conv3', 'block2_conv3'];

function unitId(bpm: number): string {
  return `hr-${String(bpm).replace('.', 'p')}`;
}

/** The paper's conv front, blocks 1–2, with seeded weights. */
function builtInModel(config: RealWorldConfig, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [config.samples, 1] });
  const h = appendPpgBlocks(input, PPG_BLOCKS.slice(0, 2), (name) => ({
    kernelInitializer: tf.initializers.glorotUniform({ seed: deriveSeed(seed, `model/${name}`) }),
  }));
  return tf.model({ inputs: input, outputs: h });
}

function spectrumRank(l: KerasModelAnalysis['layers'][number], channel: number): number {
  if (channel === l.representativeChannel) return -1;
  return l.deadChannels.includes(channel) ? 1e9 + channel : channel;
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
    deadChannels: [...l.deadChannels],
    // The representative live channel first, then the other live ones; dead channels last.
    spectra: [...l.channels]
      .sort((a, b) => spectrumRank(l, a.channel) - spectrumRank(l, b.channel))
      .slice(0, config.spectraChannels)
      .map((c) => ({
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
    ...(config.layers
      ? { layers: config.layers }
      : config.modelPath
        ? {}
        : { layers: STAND_IN_LAYERS }),
    fs: config.fs,
    n: config.samples,
    seed: deriveSeed(context.seed, `ppg/${id}`),
    harmonics: config.harmonics,
    ...(config.upTo ? { upTo: config.upTo } : {}),
  };
  // The Keras reader (h5wasm) loads only when this experiment runs, so the package's `.` entry
  // stays light for pages that never analyse a model (the web lab).
  const { analyzeKerasModel } = await import('@rectify/layers/keras');
  let analysis: KerasModelAnalysis;
  let model: RealWorldUnit['model'];
  if (config.modelPath) {
    const bytes = runPlatform().readFile(config.modelPath, 'modelPath');
    const sha256 = sha256Hex(bytes);
    model = {
      source: 'file',
      path: config.modelPath,
      sha256,
      label: `${config.modelPath} (SHA-256 ${sha256.slice(0, 12)}…)`,
    };
    analysis = await analyzeKerasModel(bytes, options);
  } else {
    model = { source: 'built-in', path: null, sha256: null, label: STAND_IN_LABEL };
    const built = builtInModel(config, context.seed);
    try {
      analysis = await analyzeKerasModel(built, options);
    } finally {
      built.dispose();
    }
  }
  context.onStep?.(1, 1);
  const single = analysis.output.values.length === 1;
  return {
    heartRate: bpm,
    heartRateHz: analysis.heartRate.hz,
    model,
    predictedHeartRate: single ? (analysis.output.values[0] as number) : null,
    layers: analysis.layers.map((l) => summariseLayer(config, l)),
  };
}

/** Mean absolute error (bpm) up to which the prediction claim holds. */
const PREDICTION_TOLERANCE_BPM = 5;

function predictionClaim(units: RealWorldUnit[]): Claim[] {
  const pairs = units.map((u) => [u.heartRate, u.predictedHeartRate] as const);
  if (pairs.some(([, p]) => p === null)) return [];
  const errors = pairs.map(([t, p]) => Math.abs((p as number) - t));
  const mae = mean(errors);
  return [
    {
      id: 'predicts-heart-rate',
      statement:
        "The whole network predicts the heart rate of synthetic PPG (paper V.B's task), within 5 bpm on average.",
      measured: `true → predicted (bpm): ${pairs.map(([t, p]) => `${t} → ${sig(p as number)}`).join(', ')}; mean |error| ${sig(mae)} bpm (holds if ≤ ${PREDICTION_TOLERANCE_BPM})`,
      verdict: mae <= PREDICTION_TOLERANCE_BPM ? 'holds' : 'does not hold',
      rule: `holds if the mean |predicted − true| heart rate ≤ ${PREDICTION_TOLERANCE_BPM} bpm`,
      paper:
        '§V.B: the network estimates heart rate from 8 s PPG windows (PPG-DaLiA); the paper reports no error figure for synthetic PPG.',
      kind: 'reproduction',
    },
  ];
}

function labelled(units: RealWorldUnit[], list: Claim[]): Claim[] {
  if (units[0]?.model.source !== 'built-in') return list;
  return list.map((c) => ({ ...c, statement: `[${STAND_IN_LABEL}] ${c.statement}` }));
}

function claims(units: RealWorldUnit[]): Claim[] {
  // A layer whose time axis is too slow for the heart rate (f_HR ≥ its Nyquist frequency, e.g.
  // 150 bpm in the 4 Hz third block of the paper's model) has no heart-rate line to compare with.
  const layers = units.flatMap((u) =>
    u.layers.filter((l) => u.heartRateHz < l.fs / 2).map((l) => ({ bpm: u.heartRate, ...l })),
  );
  const added = layers.map((l) => l.meanAddedDc / Math.max(1e-12, l.meanPreHeartRate));
  const newFraction = mean(layers.map((l) => l.summary.meanNewFrequencyFraction));
  const pass = layers.map((l) => l.heartRatePassRatio);
  // A dead channel (no positive output on the probe) passes nothing and pulls the mean down.
  const dead = layers.map((l) => `${l.deadChannels.length}/${l.channels.length}`);
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
      measured: `post/pre amplitude at f_HR, mean over channels: ${pass.map((p) => sig(p)).join(', ')} (holds if every ratio ≥ 0.25); dead channels (no positive output): ${dead.join(', ')}`,
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
 * at known heart rates; units are heart rates (`hr-72`, …). With `modelPath` the whole file's
 * model runs: every ReLU is probed and its prediction is reported beside the true heart rate.
 * Without it, a random-weight stand-in of the conv front is used, and every claim says so.
 *
 * @example
 * ```ts
 * const r = await realWorld.run({ modelPath: 'model_S5.h5', heartRates: [60, 72, 120] });
 * r.heartRates[0].predictedHeartRate; // the network's estimate for 60 bpm
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
    return {
      model,
      heartRates: list,
      claims: labelled(list, [...predictionClaim(list), ...claims(list)]),
      provenance: provenance(model),
    };
  },
});
