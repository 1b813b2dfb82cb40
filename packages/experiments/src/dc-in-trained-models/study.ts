import {
  ablateActivations,
  parseAblationMode,
  type ReluSite,
  resolveReluLayers,
  reluSites,
} from '@rectify/layers';
import { createRng, syntheticPpg } from '@rectify/signal';
import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../core/hash';
import { mean } from '../core/stats';

/** One input of an ablation probe. */
export interface ProbeSignal {
  /** The samples, fed as `[1, length, 1]`. */
  x: Float64Array;
  /** The true heart rate, beats per minute, or null when unknown (a recording). */
  heartRate: number | null;
  /** The group the intervals resample: the noise seed's index, or the recording's index. */
  group: number;
  /** A short label, e.g. `'72 bpm, seed 3'` or the file name. */
  label: string;
}

/** Options of {@link syntheticPpgProbe}. */
export interface SyntheticPpgProbeOptions {
  /** True heart rates, beats per minute. */
  heartRates: readonly number[];
  /** Noise seeds per heart rate (integer ≥ 1). */
  seeds: number;
  /** Sampling rate, Hz. Default 32. */
  fs?: number;
  /** Samples per signal. Default 256. */
  samples?: number;
  /** Std of the additive noise (signal units). Default 0.05. */
  noiseStd?: number;
  /** The run's seed; signal (h, s) uses `deriveSeed(seed, 'ppg/<h>/<s>')`. Default 0. */
  seed?: number;
}

/**
 * Synthetic PPG over a grid of heart rates × noise seeds (signal's `syntheticPpg`: three pulse
 * harmonics, respiration at 0.25 Hz, Gaussian noise), in heart-rate-major order.
 *
 * @param options - see {@link SyntheticPpgProbeOptions}.
 * @returns heartRates.length × seeds signals; `group` is the seed's index.
 * @throws RangeError for an empty grid or a bad seed count.
 * @example
 * ```ts
 * const probe = syntheticPpgProbe({ heartRates: [60, 120], seeds: 10 }); // 20 signals
 * ```
 */
export function syntheticPpgProbe(options: SyntheticPpgProbeOptions): ProbeSignal[] {
  const { heartRates, seeds, fs = 32, samples = 256, noiseStd = 0.05, seed = 0 } = options;
  if (heartRates.length === 0)
    throw new RangeError('heartRates must hold at least one rate, got []');
  if (!Number.isInteger(seeds) || seeds < 1) {
    throw new RangeError(`seeds must be an integer ≥ 1, got ${seeds}`);
  }
  return heartRates.flatMap((heartRate) =>
    Array.from({ length: seeds }, (_, s) => ({
      x: syntheticPpg({
        heartRate,
        fs,
        n: samples,
        noiseStd,
        seed: deriveSeed(seed, `ppg/${heartRate}/${s}`),
      }),
      heartRate,
      group: s,
      label: `${heartRate} bpm, seed ${s}`,
    })),
  );
}

/** One ablated copy of the model and its outputs on the probe. */
export interface AblationRun {
  /** The canonical mode, e.g. `'remove-dc'`, `'scale-dc:0.5'`. */
  mode: string;
  /** `'all'`: every chosen ReLU at once; `'layer'`: one ReLU layer alone. */
  scope: 'all' | 'layer';
  /** The ReLU layers ablated (qualified names). */
  layers: string[];
  /** The model's output per probe signal (flattened). */
  outputs: number[][];
}

/** The model's ReLUs, its unablated outputs and every ablated run. */
export interface AblationStudy {
  /** The ReLUs of the model (see `reluSites`), ablatable or not. */
  sites: ReluSite[];
  /** The ReLU layers the study ablates. */
  chosen: string[];
  /** The unablated model's output per probe signal. */
  baseline: number[][];
  /** The ablated runs: per mode, all chosen layers at once, then (with `perLayer`) each alone. */
  runs: AblationRun[];
}

/** Options of {@link ablationStudy}. */
export interface AblationStudyOptions {
  /** Modes, as `parseAblationMode` reads them. */
  modes: readonly string[];
  /** `'all'` or a list of ReLU layer names. Default `'all'`. */
  layers?: 'all' | readonly string[];
  /** Also ablate each chosen layer alone. Default false. */
  perLayer?: boolean;
  /** Signals per predict call (integer ≥ 1). Default 64. */
  batchSize?: number;
}

function probeTensor(model: tf.LayersModel, probe: readonly ProbeSignal[]): tf.Tensor3D {
  if (probe.length === 0) throw new RangeError('probe must hold at least one signal, got 0');
  const length = probe[0]?.x.length ?? 0;
  const shape = model.inputs[0]?.shape ?? [];
  if (model.inputs.length !== 1 || shape.length !== 3 || (shape[2] !== 1 && shape[2] !== null)) {
    throw new RangeError(
      `the model must take one input [batch, time, 1], got ${model.inputs.map((t) => `[${t.shape.join(', ')}]`).join(', ')}`,
    );
  }
  if (shape[1] !== null && shape[1] !== length) {
    throw new RangeError(`probe signals must have the model's ${shape[1]} samples, got ${length}`);
  }
  const data = new Float32Array(probe.length * length);
  probe.forEach((p, i) => {
    if (p.x.length !== length) {
      throw new RangeError(
        `probe signals must all have ${length} samples, got ${p.x.length} for '${p.label}'`,
      );
    }
    data.set(p.x, i * length);
  });
  return tf.tensor3d(data, [probe.length, length, 1]);
}

function predictRows(model: tf.LayersModel, x: tf.Tensor3D, batchSize: number): number[][] {
  const rows: number[][] = [];
  for (let start = 0; start < x.shape[0]; start += batchSize) {
    const size = Math.min(batchSize, x.shape[0] - start);
    const flat = tf.tidy(() => {
      const y = model.predict(x.slice([start, 0, 0], [size, -1, -1])) as tf.Tensor | tf.Tensor[];
      if (Array.isArray(y)) throw new RangeError(`the model must have one output, got ${y.length}`);
      return y.reshape([size, -1]).arraySync() as number[][];
    });
    rows.push(...flat);
  }
  return rows;
}

/**
 * Runs a model and its ReLU ablations (`ablateActivations`) on a probe.
 *
 * @param model - a tfjs model taking `[batch, time, 1]` with one output (not modified).
 * @param probe - the signals, e.g. from {@link syntheticPpgProbe}.
 * @param options - modes, layers, per-layer; see {@link AblationStudyOptions}.
 * @returns the baseline and one {@link AblationRun} per (mode, scope).
 * @throws RangeError for a bad mode, layer name, probe length or model shape.
 * @example
 * ```ts
 * const study = ablationStudy(model, syntheticPpgProbe({ heartRates: [72], seeds: 10 }), { modes: ['remove-dc'], perLayer: true });
 * ```
 */
export function ablationStudy(
  model: tf.LayersModel,
  probe: readonly ProbeSignal[],
  options: AblationStudyOptions,
): AblationStudy {
  const modes = options.modes.map((m) => parseAblationMode(m, 'modes').mode);
  const batchSize = options.batchSize ?? 64;
  const sites = reluSites(model);
  const chosen = resolveReluLayers(model, options.layers ?? 'all');
  if (chosen.length === 0) {
    throw new RangeError(
      `the model has no ReLU with a time axis to ablate (ReLU layers: ${sites.map((s) => s.name).join(', ') || 'none'})`,
    );
  }
  const x = probeTensor(model, probe);
  try {
    const baseline = predictRows(model, x, batchSize);
    const runs: AblationRun[] = [];
    const runOne = (mode: string, scope: 'all' | 'layer', layers: string[]) => {
      const ablated = ablateActivations(model, { mode, layers });
      try {
        runs.push({ mode, scope, layers, outputs: predictRows(ablated, x, batchSize) });
      } finally {
        ablated.dispose();
      }
    };
    for (const mode of modes) {
      runOne(mode, 'all', chosen);
      if (options.perLayer && chosen.length > 1) {
        for (const name of chosen) runOne(mode, 'layer', [name]);
      }
    }
    return { sites, chosen, baseline, runs };
  } finally {
    x.dispose();
  }
}

/** A mean over groups (seeds) with a percentile-bootstrap interval. */
export interface GroupInterval {
  /** The mean of the group means, in the unit of the values. */
  mean: number;
  /** Lower and upper ends of the interval. */
  low: number;
  high: number;
  /** Number of groups. */
  n: number;
}

/**
 * The mean of `values` over groups and its percentile-bootstrap interval: values are averaged
 * within each group (a noise seed), and the groups are resampled with replacement.
 *
 * @param values - one value per probe signal.
 * @param groups - the group of each value.
 * @param confidence - level in (0, 1), e.g. 0.95.
 * @param seed - seed of the resampling.
 * @returns the mean and interval; low = high = mean for a single group.
 */
export function groupInterval(
  values: readonly number[],
  groups: readonly number[],
  confidence: number,
  seed: number,
): GroupInterval {
  const byGroup = new Map<number, number[]>();
  values.forEach((v, i) => {
    const g = groups[i] as number;
    byGroup.set(g, [...(byGroup.get(g) ?? []), v]);
  });
  const means = [...byGroup.values()].map((v) => mean(v));
  const m = mean(means);
  if (means.length < 2) return { mean: m, low: m, high: m, n: means.length };
  const rng = createRng(seed);
  const resamples = 4000;
  const stats = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let s = 0;
    for (let i = 0; i < means.length; i++)
      s += means[Math.floor(rng.uniform() * means.length)] as number;
    stats[r] = s / means.length;
  }
  stats.sort();
  const tail = (1 - confidence) / 2;
  const at = (q: number) =>
    stats[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))] as number;
  return { mean: m, low: at(tail), high: at(1 - tail), n: means.length };
}

/** Figures of one ablated run against the unablated model. */
export interface AblationSummary {
  mode: string;
  scope: 'all' | 'layer';
  layers: string[];
  /** Mean |output − unablated output| (output units), over signals, interval over groups. */
  change: GroupInterval;
  /** Mean output (output units; bpm for a heart-rate model). */
  meanOutput: number;
  /** Mean |output − true heart rate| (bpm), or null when the output is not a heart rate. */
  error: GroupInterval | null;
  /** Mean of |output − HR| − |unablated − HR| (bpm), paired per signal, or null. */
  errorIncrease: GroupInterval | null;
}

/** The unablated model's figures and each run's {@link AblationSummary}. */
export interface AblationReport {
  /** Whether the output is read as a heart rate (one output and every signal's rate known). */
  heartRateModel: boolean;
  /** Unablated mean output and, for a heart-rate model, its mean |error| (bpm). */
  baseline: { meanOutput: number; error: GroupInterval | null };
  /** One per run, in the study's order. */
  runs: AblationSummary[];
}

/**
 * Summarises an {@link AblationStudy}: output change and, for a heart-rate model, the error
 * against the true rate, each with an interval over the probe's groups (noise seeds).
 *
 * @param study - from {@link ablationStudy}.
 * @param probe - the signals the study used.
 * @param options - `confidence` in (0, 1) (default 0.95), `seed` of the bootstrap (default 0),
 *   `heartRateModel` (default: true when the output is one number and every heart rate is known).
 * @returns the report.
 */
export function summarizeAblation(
  study: AblationStudy,
  probe: readonly ProbeSignal[],
  options: { confidence?: number; seed?: number; heartRateModel?: boolean } = {},
): AblationReport {
  const { confidence = 0.95, seed = 0 } = options;
  const groups = probe.map((p) => p.group);
  const hr = probe.map((p) => p.heartRate);
  const scalar = study.baseline.every((row) => row.length === 1);
  const heartRateModel = options.heartRateModel ?? (scalar && hr.every((h) => h !== null));
  const first = (rows: number[][]) => rows.map((r) => r[0] as number);
  const absError = (rows: number[][]) => first(rows).map((y, i) => Math.abs(y - (hr[i] as number)));
  const base = first(study.baseline);
  const baseError = heartRateModel ? absError(study.baseline) : null;
  const interval = (v: number[], key: string) =>
    groupInterval(v, groups, confidence, deriveSeed(seed, key));
  return {
    heartRateModel,
    baseline: {
      meanOutput: mean(base),
      error: baseError ? interval(baseError, 'baseline') : null,
    },
    runs: study.runs.map((run) => {
      const key = `${run.mode}/${run.scope}/${run.layers.join(',')}`;
      const change = run.outputs.map((row, i) =>
        mean(row.map((y, j) => Math.abs(y - (study.baseline[i]?.[j] as number)))),
      );
      const error = baseError ? absError(run.outputs) : null;
      return {
        mode: run.mode,
        scope: run.scope,
        layers: run.layers,
        change: interval(change, `${key}/change`),
        meanOutput: mean(first(run.outputs)),
        error: error ? interval(error, `${key}/error`) : null,
        errorIncrease:
          error && baseError
            ? interval(
                error.map((e, i) => e - (baseError[i] as number)),
                `${key}/increase`,
              )
            : null,
      };
    }),
  };
}

/** One row of a per-layer ranking. */
export interface LayerRank {
  /** The ReLU layer ablated alone. */
  layer: string;
  /** Mean |output change| (output units), interval over groups. */
  change: GroupInterval;
  /** Increase of the mean |heart-rate error| (bpm), or null when the output is not a heart rate. */
  errorIncrease: GroupInterval | null;
}

/**
 * Ranks the single-layer runs of each mode by effect, largest first: by the increase of the
 * heart-rate error for a heart-rate model, by the output change otherwise.
 *
 * @param report - from {@link summarizeAblation}.
 * @returns per mode (in the report's order) its layers ranked; modes without single-layer runs
 *   have an empty list.
 */
export function rankLayers(report: AblationReport): { mode: string; layers: LayerRank[] }[] {
  const modes = [...new Set(report.runs.map((r) => r.mode))];
  return modes.map((mode) => ({
    mode,
    layers: report.runs
      .filter((r) => r.mode === mode && r.scope === 'layer')
      .map((r) => ({
        layer: r.layers[0] as string,
        change: r.change,
        errorIncrease: r.errorIncrease,
      }))
      .sort((a, b) =>
        a.errorIncrease && b.errorIncrease
          ? b.errorIncrease.mean - a.errorIncrease.mean
          : b.change.mean - a.change.mean,
      ),
  }));
}
