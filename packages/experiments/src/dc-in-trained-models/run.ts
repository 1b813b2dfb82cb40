import { parseAblationMode } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';
import { defineExperiment } from '../core/define';
import { CheckpointMismatchError } from '../core/errors';
import { deriveSeed } from '../core/hash';
import { runPlatform } from '../core/platform';
import { sha256Hex } from '../core/sha256';
import { appendPpgBlocks, PPG_BLOCKS } from '../core/ppg-front';
import { mean, sig } from '../core/stats';
import type { Claim, ResultMeta, UnitContext } from '../core/types';
import {
  type DcInTrainedModelsConfig,
  dcInTrainedModelsConfigSchema,
  dcInTrainedModelsPresets,
} from './config';
import {
  type AblationReport,
  type AblationSummary,
  ablationStudy,
  type GroupInterval,
  type LayerRank,
  rankLayers,
  summarizeAblation,
  syntheticPpgProbe,
} from './study';

/** What was ablated: the file and its SHA-256, or the stand-in. */
export interface DcInTrainedModelsModel {
  source: 'file' | 'stand-in';
  path: string | null;
  sha256: string | null;
}

/** One mode (unit): the baseline, every run of that mode and the mean output per heart rate. */
export interface DcInTrainedModelsUnit {
  /** The canonical mode. */
  mode: string;
  model: DcInTrainedModelsModel;
  /** The ReLU layers ablated (qualified names, graph order). */
  layers: string[];
  /** Baseline and per-run figures (intervals over noise seeds). */
  report: AblationReport;
  /** Mean output per heart rate (config order): unablated and with every layer ablated. */
  byHeartRate: { heartRate: number; baseline: number; ablated: number }[];
}

/** Result of `dcInTrainedModels`. */
export interface DcInTrainedModelsResult extends ResultMeta {
  model: DcInTrainedModelsModel;
  /** Whether the output was read as a heart rate in bpm. */
  heartRateModel: boolean;
  /** The ReLU layers ablated. */
  layers: string[];
  /** Unablated mean output and mean |error| (bpm, heart-rate models). */
  baseline: AblationReport['baseline'];
  /** Every run, modes in config order: all layers first, then each layer alone. */
  runs: AblationSummary[];
  /** Per mode, the single-layer runs ranked by effect (largest first). */
  ranking: { mode: string; layers: LayerRank[] }[];
  /** Per mode, the mean output per heart rate with every layer ablated. */
  byHeartRate: { mode: string; points: DcInTrainedModelsUnit['byHeartRate'] }[];
  claims: Claim[];
}

/** Unit id of a mode: `scale-dc:0.5` → `scale-dc-0.5`. */
function unitId(mode: string): string {
  return parseAblationMode(mode).mode.replace(':', '-');
}

/**
 * The stand-in: the paper's V.B conv front (3 blocks of causal Conv1D(k5, d2, ReLU) × 3 →
 * AveragePooling1D → Dropout; 32/48/64 filters, pools 4/2/2) → Flatten → Dense(32, ReLU) →
 * Dense(1), seeded Glorot weights and small seeded biases, no attention head.
 */
function standInModel(config: DcInTrainedModelsConfig, seed: number): tf.LayersModel {
  const input = tf.input({ shape: [config.samples, 1], name: 'ppg' });
  let h: tf.SymbolicTensor = input;
  const init = (name: string) => ({
    kernelInitializer: tf.initializers.glorotUniform({
      seed: deriveSeed(seed, `stand-in/${name}`),
    }),
    biasInitializer: tf.initializers.randomNormal({
      mean: 0,
      stddev: 0.05,
      seed: deriveSeed(seed, `stand-in/${name}/bias`),
    }),
  });
  h = appendPpgBlocks(h, PPG_BLOCKS, init);
  h = tf.layers.flatten({ name: 'flatten' }).apply(h) as tf.SymbolicTensor;
  h = tf.layers
    .dense({ units: 32, activation: 'relu', name: 'dense', ...init('dense') })
    .apply(h) as tf.SymbolicTensor;
  h = tf.layers
    .dense({ units: 1, name: 'output', ...init('output') })
    .apply(h) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: h, name: 'stand_in' });
}

async function loadModel(
  config: DcInTrainedModelsConfig,
  seed: number,
): Promise<{ model: tf.LayersModel; meta: DcInTrainedModelsModel }> {
  if (config.modelPath === null) {
    return {
      model: standInModel(config, seed),
      meta: { source: 'stand-in', path: null, sha256: null },
    };
  }
  // The Keras reader (h5wasm, zip) loads lazily so that this package's '.' entry stays
  // browser-safe; the file is read through the run platform (Node's, or refused in a browser).
  const { loadKeras } = await import('@rectify/layers/keras');
  const bytes = runPlatform().readFile(config.modelPath, 'modelPath');
  const { model } = await loadKeras(bytes);
  return {
    model,
    meta: {
      source: 'file',
      path: config.modelPath,
      sha256: sha256Hex(bytes),
    },
  };
}

async function computeUnit(
  config: DcInTrainedModelsConfig,
  id: string,
  context: UnitContext,
): Promise<DcInTrainedModelsUnit> {
  const mode = config.modes.find((m) => unitId(m) === id);
  if (mode === undefined) {
    throw new RangeError(
      `unitId must be one of ${config.modes.map(unitId).join(', ')}, got ${JSON.stringify(id)}`,
    );
  }
  const probe = syntheticPpgProbe({
    heartRates: config.heartRates,
    seeds: config.seeds,
    fs: config.fs,
    samples: config.samples,
    noiseStd: config.noiseStd,
    seed: context.seed,
  });
  const { model, meta } = await loadModel(config, context.seed);
  try {
    const study = ablationStudy(model, probe, { modes: [mode], perLayer: config.perLayer });
    const report = summarizeAblation(study, probe, {
      confidence: config.confidence,
      seed: deriveSeed(context.seed, `bootstrap/${id}`),
      heartRateModel: meta.source === 'file',
    });
    const all = study.runs[0];
    const byHeartRate = config.heartRates.map((heartRate) => {
      const rows = probe.flatMap((p, i) => (p.heartRate === heartRate ? [i] : []));
      return {
        heartRate,
        baseline: mean(rows.map((i) => study.baseline[i]?.[0] as number)),
        ablated: mean(rows.map((i) => all?.outputs[i]?.[0] as number)),
      };
    });
    context.onStep?.(1, 1);
    return {
      mode: parseAblationMode(mode).mode,
      model: meta,
      layers: study.chosen,
      report,
      byHeartRate,
    };
  } finally {
    model.dispose();
  }
}

function verdictAbove(i: GroupInterval, threshold: number): Claim['verdict'] {
  if (i.low > threshold) return 'holds';
  if (i.high < threshold) return 'does not hold';
  return 'inconclusive';
}

function fmt(i: GroupInterval, unit: string): string {
  return `${sig(i.mean)}${unit ? ` ${unit}` : ''} [${sig(i.low)}, ${sig(i.high)}]`;
}

function claims(
  config: DcInTrainedModelsConfig,
  units: DcInTrainedModelsUnit[],
  ranking: DcInTrainedModelsResult['ranking'],
): Claim[] {
  const heartRate = units[0]?.report.heartRateModel ?? false;
  const level = `${Math.round(config.confidence * 100)} % interval over ${config.seeds} noise seeds`;
  const tol = config.toleranceBpm;
  const allRun = (mode: string) =>
    units.find((u) => u.mode === mode)?.report.runs.find((r) => r.scope === 'all');
  const out: Claim[] = [];
  const standIn =
    'the stand-in’s output is not a heart rate (random weights); run with modelPath set to a trained heart-rate model';
  const removeDc = allRun('remove-dc');
  if (removeDc) {
    out.push({
      id: 'dc-removal-breaks-estimate',
      rule: `holds if the ${level} of the increase in mean |error| lies above ${tol} bpm, does not hold if it lies below, inconclusive otherwise (and always on a model whose output is not a heart rate)`,
      paper:
        '§V.C: without its DC a ReLU network trained from scratch stays at chance; the paper does not ablate a trained network',
      kind: 'reproduction',
      statement: `Removing the ReLUs' DC at every conv layer raises the heart-rate error by more than ${tol} bpm.`,
      measured:
        heartRate && removeDc.errorIncrease
          ? `increase of mean |error| ${fmt(removeDc.errorIncrease, 'bpm')} (${level}; holds if the interval is above ${tol} bpm)`
          : standIn,
      verdict:
        heartRate && removeDc.errorIncrease
          ? verdictAbove(removeDc.errorIncrease, tol)
          : 'inconclusive',
    });
  }
  const dcOnly = allRun('dc-only');
  if (dcOnly) {
    const error = dcOnly.error;
    out.push({
      id: 'dc-alone-keeps-estimate',
      rule: `holds if the ${level} of the mean |error| with only the DC lies below ${tol} bpm, does not hold if it lies above, inconclusive otherwise`,
      paper:
        '§V.C: a linear network given only the DC (linear + LinearDC) learns as well as the ReLU network',
      kind: 'reproduction',
      statement: `The DC alone (every conv ReLU replaced by its time-average) keeps the estimate within ${tol} bpm.`,
      measured:
        heartRate && error
          ? `mean |error| with only the DC ${fmt(error, 'bpm')} (${level}; holds if the interval is below ${tol} bpm)`
          : standIn,
      verdict:
        heartRate && error
          ? error.high < tol
            ? 'holds'
            : error.low > tol
              ? 'does not hold'
              : 'inconclusive'
          : 'inconclusive',
    });
  }
  const harmonics = allRun('remove-harmonics');
  if (removeDc && harmonics) {
    out.push({
      id: 'dc-matters-more-than-harmonics',
      rule: `holds if the ${level} of the output change without the DC lies wholly above the one without the harmonics, does not hold if wholly below, inconclusive if they overlap`,
      paper:
        '§V.C and the title: the DC carries the information ReLU adds; the new frequencies are not needed',
      kind: 'reproduction',
      statement:
        'Removing the DC changes the output more than removing the harmonics and intermodulation products (keeping x/2 and the DC).',
      measured: `mean |output change| without the DC ${fmt(removeDc.change, heartRate ? 'bpm' : '')}, without the harmonics ${fmt(harmonics.change, heartRate ? 'bpm' : '')} (${level}; holds if the intervals do not overlap in that order)`,
      verdict:
        removeDc.change.low > harmonics.change.high
          ? 'holds'
          : removeDc.change.high < harmonics.change.low
            ? 'does not hold'
            : 'inconclusive',
    });
  }
  const perLayer = ranking.find((r) => r.mode === 'remove-dc')?.layers ?? [];
  const top = perLayer[0];
  if (top) {
    const figure = heartRate ? top.errorIncrease : null;
    out.push({
      id: 'dc-matters-at-one-layer',
      rule: `holds if the ${level} of the most sensitive layer's error increase lies above ${tol} bpm, does not hold if below, inconclusive otherwise`,
      paper: '§V.B inspects the spectra layer by layer but ablates none; not in the paper',
      kind: 'reproduction',
      statement: `Removing the DC at a single ReLU layer (the most sensitive, ${top.layer}) raises the heart-rate error by more than ${tol} bpm.`,
      measured: figure
        ? `ranking by error increase: ${perLayer
            .slice(0, 3)
            .map((l) => `${l.layer} ${fmt(l.errorIncrease as GroupInterval, 'bpm')}`)
            .join('; ')} (${level}; holds if the top interval is above ${tol} bpm)`
        : standIn,
      verdict: figure ? verdictAbove(figure, tol) : 'inconclusive',
    });
  }
  return out;
}

/**
 * Issue 20, "Is it the DC?": the ReLU ablations (remove the DC, remove the harmonics, keep only
 * the DC, scale the DC) applied to a trained heart-rate network, on synthetic PPG over heart
 * rates × noise seeds, every layer at once and each layer alone; one unit per mode.
 *
 * @example
 * ```ts
 * const r = await dcInTrainedModels.run({ modelPath: 'model_S5.h5' }, { seed: 0 });
 * r.runs.find((x) => x.mode === 'remove-dc' && x.scope === 'all')?.error?.mean; // bpm
 * ```
 */
export const dcInTrainedModels = defineExperiment<
  DcInTrainedModelsConfig,
  DcInTrainedModelsUnit,
  DcInTrainedModelsResult
>({
  name: 'dc-in-trained-models',
  configSchema: dcInTrainedModelsConfigSchema,
  presets: dcInTrainedModelsPresets,
  usesTf: true,
  listUnits: (config) => config.modes.map(unitId),
  computeUnit,
  merge(config, units) {
    const list = config.modes.map((m) => units[unitId(m)] as DcInTrainedModelsUnit);
    const hashes = new Set(list.map((u) => u.model.sha256));
    if (hashes.size > 1) {
      throw new CheckpointMismatchError(
        `the model file ${config.modelPath} changed between units (SHA-256 ${[...hashes].join(', ')}); rerun in a fresh directory`,
      );
    }
    const first = list[0] as DcInTrainedModelsUnit;
    const ranking = list.flatMap((u) => rankLayers(u.report));
    return {
      model: first.model,
      heartRateModel: first.report.heartRateModel,
      layers: first.layers,
      baseline: first.report.baseline,
      runs: list.flatMap((u) => u.report.runs),
      ranking,
      byHeartRate: list.map((u) => ({ mode: u.mode, points: u.byHeartRate })),
      claims: claims(config, list, ranking),
    };
  },
});
