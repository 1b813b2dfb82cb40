import { causalConv1d, dcRelu, linearDc } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';
import { defineExperiment } from '../core/define';
import { deriveSeed } from '../core/hash';
import { type MeanStd, mean, meanStdColumns, percent, sig, std } from '../core/stats';
import { toneClasses } from '../core/tone-classes';
import { type EpochRecord, evaluateAccuracy, predictBatched, trainClassifier } from '../core/train';
import {
  type PairedEvidence,
  pairedEvidence,
  pairedEvidenceText,
  pairedRuleText,
  pairedVerdict,
} from '../core/claims';
import type { Claim, ClaimVariant, ResultMeta, UnitContext } from '../core/types';
import {
  DC_ABLATION_VARIANTS,
  type DcAblationConfig,
  type DcAblationVariant,
  dcAblationConfigSchema,
  dcAblationPresets,
} from './config';
import { LinearConvPairPooled } from './reduced';

/** What one (repetition, variant) unit produces. */
export interface DcAblationUnit {
  /** Repetition index. */
  repetition: number;
  /** Variant. */
  variant: DcAblationVariant;
  /** One record per epoch. */
  history: EpochRecord[];
  /** Accuracy on the held-out signals after the last epoch. */
  testAccuracy: number;
}

/** Per-variant summary over repetitions. */
export interface DcAblationVariantResult {
  /** Variant. */
  variant: DcAblationVariant;
  /** What the variant's conv activations are. */
  description: string;
  /** Per epoch: mean ± std (ddof 0) over repetitions of the training loss. */
  loss: MeanStd[];
  /** Per epoch: mean ± std of the training accuracy. */
  accuracy: MeanStd[];
  /** Per conv layer, per epoch: mean ± std of ‖W − W₀‖₂. */
  kernelDistance: MeanStd[][];
  /** Held-out accuracy after the last epoch, mean ± std over repetitions. */
  finalAccuracy: MeanStd;
  /** Held-out accuracy per repetition. */
  finalAccuracyPerRepetition: number[];
  /** Final-epoch training loss per repetition. */
  finalLossPerRepetition: number[];
  /** Per conv layer, final ‖W − W₀‖₂ per repetition. */
  finalKernelDistancePerRepetition: number[][];
}

/** Result of `dcAblation`. */
export interface DcAblationResult extends ResultMeta {
  /** One entry per variant, in config order. */
  variants: DcAblationVariantResult[];
  /** Statements tested and their verdicts. */
  claims: Claim[];
}

const DESCRIPTIONS: Record<DcAblationVariant, string> = {
  relu: 'Conv1D activation ReLU (the paper)',
  linear: 'Conv1D activation linear (the paper)',
  'linear-input-dc': 'linear, input + a_n·√2/4 per class (the paper)',
  'relu-dc-removed': "ReLU with its DC removed (DCReLU dcMode 'remove')",
  'linear-dc': 'linear + the DC a ReLU would add (LinearDC)',
};

function unitId(repetition: number, variant: DcAblationVariant): string {
  return `rep-${String(repetition).padStart(4, '0')}.${variant}`;
}

/**
 * Reads a dcAblation unit id, `rep-<repetition>.<variant>` (e.g. `rep-0001.relu`): the one
 * owner of the rule, for callers that group units by variant (live charts, merges).
 *
 * @param id - the unit id.
 * @returns the repetition (from 0) and the variant.
 * @throws RangeError naming the id when it is not a dcAblation unit id.
 * @example
 * ```ts
 * parseDcAblationUnitId('rep-0001.relu'); // { repetition: 1, variant: 'relu' }
 * ```
 */
export function parseDcAblationUnitId(id: string): {
  repetition: number;
  variant: DcAblationVariant;
} {
  const m = /^rep-(\d+)\.(.+)$/.exec(id);
  const variant = m?.[2] as DcAblationVariant;
  if (!m || !DC_ABLATION_VARIANTS.includes(variant))
    throw new RangeError(`unitId must look like rep-0001.relu, got ${JSON.stringify(id)}`);
  return { repetition: Number(m[1]), variant };
}

/** A model to train, the kernels whose distance is tracked, and what it takes as input. */
interface VariantModel {
  /** Maps `[B, ...inputShape]` to logits. */
  model: tf.LayersModel;
  /** The two conv kernels, `[conv0, conv1]`. */
  kernels: tf.LayerVariable[];
  /** Shape of one example the model takes. */
  inputShape: number[];
  /** Turns signals `[N, T, 1]` into the model's inputs (identity unless the front is frozen). */
  prepare: (x: Float32Array, count: number) => Float32Array;
  /** Frees everything. */
  dispose: () => void;
}

/** Dense(denseUnits, ReLU) → Dense(classes) on `h`, initialised from the repetition's seeds. */
function head(
  config: DcAblationConfig,
  h: tf.SymbolicTensor,
  initSeed: (key: string) => number,
): tf.SymbolicTensor {
  const hidden = tf.layers
    .dense({
      units: config.denseUnits,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: initSeed('dense0') }),
    })
    .apply(h) as tf.SymbolicTensor;
  return tf.layers
    .dense({
      units: config.classFrequencies.length,
      kernelInitializer: tf.initializers.glorotUniform({ seed: initSeed('dense1') }),
    })
    .apply(hidden) as tf.SymbolicTensor;
}

/** The literal conv stack of a variant, layer by layer, up to global average pooling. */
function convStack(
  config: DcAblationConfig,
  variant: DcAblationVariant,
  input: tf.SymbolicTensor,
  initSeed: (key: string) => number,
): { pooled: tf.SymbolicTensor; kernels: tf.LayerVariable[] } {
  const kernels: tf.LayerVariable[] = [];
  let h = input;
  for (let layer = 0; layer < 2; layer++) {
    const conv = causalConv1d({
      filters: config.filters,
      kernelSize: config.kernelSize,
      useBias: false,
      activation: variant === 'relu' || variant === 'relu-dc-removed' ? 'relu' : 'linear',
      kernelInitializer: tf.initializers.glorotUniform({ seed: initSeed(`conv${layer}`) }),
    });
    h = conv.apply(h) as tf.SymbolicTensor;
    kernels.push(conv.trainableWeights[0] as tf.LayerVariable);
    if (variant === 'relu-dc-removed')
      h = dcRelu({ dcMode: 'remove' }).apply(h) as tf.SymbolicTensor;
    if (variant === 'linear-dc') h = linearDc().apply(h) as tf.SymbolicTensor;
  }
  return { pooled: tf.layers.globalAveragePooling1d().apply(h) as tf.SymbolicTensor, kernels };
}

/**
 * The V.C model of one variant; initial weights depend only on (seed, repetition), so the five
 * variants of a repetition start from the same kernels (a paired comparison).
 *
 * `formulation: 'layers'` builds every variant layer by layer. `'reduced'` (the default) trains
 * the same function of the same weights with less arithmetic where the algebra allows:
 * - `linear`, `linear-input-dc`, `linear-dc`: the two linear convs (and GAP) through their
 *   composed kernel, {@link LinearConvPairPooled};
 * - `relu-dc-removed`: GAP of a DC-removed signal is 0 for every input and every kernel, so the
 *   convs' gradient is exactly 0 and Adam leaves them where they start (m = v = 0 → no step); the
 *   frozen conv stack is evaluated once per signal, layer by layer, and only the dense head trains.
 */
function buildModel(
  config: DcAblationConfig,
  variant: DcAblationVariant,
  initSeed: (key: string) => number,
): VariantModel {
  const signal = [config.samples, 1];
  const reduced = config.formulation === 'reduced';
  if (reduced && variant === 'relu-dc-removed') {
    const input = tf.input({ shape: signal });
    const { pooled, kernels } = convStack(config, variant, input, initSeed);
    const front = tf.model({ inputs: input, outputs: pooled });
    const features = tf.input({ shape: [config.filters] });
    const model = tf.model({ inputs: features, outputs: head(config, features, initSeed) });
    return {
      model,
      kernels,
      inputShape: [config.filters],
      prepare: (x, count) => predictBatched(front, x, count, signal) as Float32Array,
      dispose: () => {
        model.dispose();
        front.dispose();
      },
    };
  }
  const input = tf.input({ shape: signal });
  let pooled: tf.SymbolicTensor;
  let kernels: tf.LayerVariable[];
  if (reduced && variant !== 'relu') {
    const pair = new LinearConvPairPooled({
      filters: config.filters,
      kernelSize: config.kernelSize,
      linearDc: variant === 'linear-dc',
      kernelInitializers: [
        tf.initializers.glorotUniform({ seed: initSeed('conv0') }),
        tf.initializers.glorotUniform({ seed: initSeed('conv1') }),
      ],
    });
    pooled = pair.apply(input) as tf.SymbolicTensor;
    kernels = pair.convKernels;
  } else {
    ({ pooled, kernels } = convStack(config, variant, input, initSeed));
  }
  const model = tf.model({ inputs: input, outputs: head(config, pooled, initSeed) });
  return { model, kernels, inputShape: signal, prepare: (x) => x, dispose: () => model.dispose() };
}

function classDc(config: DcAblationConfig, variant: DcAblationVariant): number[] | undefined {
  return variant === 'linear-input-dc'
    ? config.inputDcAmplitudes.map((a) => (a * Math.SQRT2) / 4)
    : undefined;
}

async function computeUnit(
  config: DcAblationConfig,
  id: string,
  context: UnitContext,
): Promise<DcAblationUnit> {
  const { repetition, variant } = parseDcAblationUnitId(id);
  const repKey = `rep-${repetition}`;
  const common = {
    centers: config.classFrequencies,
    freqStd: config.freqStd,
    samples: config.samples,
    fs: config.fs,
    classDc: classDc(config, variant),
  };
  const train = toneClasses({
    ...common,
    perClass: config.signalsPerClass,
    seed: deriveSeed(context.seed, `${repKey}/train`),
  });
  const test = toneClasses({
    ...common,
    perClass: config.testSignalsPerClass,
    seed: deriveSeed(context.seed, `${repKey}/test`),
  });
  const built = buildModel(config, variant, (key) =>
    deriveSeed(context.seed, `${repKey}/init/${key}`),
  );
  try {
    const history = await trainClassifier(built.model, {
      x: built.prepare(train.x, train.count),
      labels: train.labels,
      inputShape: built.inputShape,
      classes: config.classFrequencies.length,
      epochs: config.epochs,
      batchSize: config.batchSize,
      learningRate: config.learningRate,
      shuffleSeed: (epoch) => deriveSeed(context.seed, `${repKey}/shuffle/${epoch}`),
      trackedKernels: built.kernels,
      partial: context.partial,
      checkpointEvery: context.checkpointEvery,
      signal: context.signal,
      onEpoch: (epoch, epochs, r) =>
        context.onStep?.(epoch, epochs, { loss: r.loss, accuracy: r.accuracy }),
    });
    const testAccuracy = evaluateAccuracy(
      built.model,
      built.prepare(test.x, test.count),
      test.labels,
      built.inputShape,
    );
    return { repetition, variant, history, testAccuracy };
  } finally {
    built.dispose();
  }
}

function summarise(
  config: DcAblationConfig,
  units: Readonly<Record<string, DcAblationUnit>>,
): DcAblationVariantResult[] {
  return config.variants.map((variant) => {
    const runs = Array.from(
      { length: config.repetitions },
      (_, r) => units[unitId(r, variant)] as DcAblationUnit,
    );
    const finals = runs.map((u) => u.testAccuracy);
    return {
      variant,
      description: DESCRIPTIONS[variant],
      loss: meanStdColumns(runs.map((u) => u.history.map((e) => e.loss))),
      accuracy: meanStdColumns(runs.map((u) => u.history.map((e) => e.accuracy))),
      kernelDistance: [0, 1].map((layer) =>
        meanStdColumns(runs.map((u) => u.history.map((e) => e.kernelDistance[layer] as number))),
      ),
      finalAccuracy: { mean: mean(finals), std: std(finals) },
      finalAccuracyPerRepetition: finals,
      finalLossPerRepetition: runs.map((u) => u.history.at(-1)?.loss ?? Number.NaN),
      finalKernelDistancePerRepetition: [0, 1].map((layer) =>
        runs.map((u) => u.history.at(-1)?.kernelDistance[layer] ?? Number.NaN),
      ),
    };
  });
}

/** Accuracy gap (points) within which two variants count as equally accurate. */
const TIE_POINTS = 5;

function variantContext(v: DcAblationVariantResult): ClaimVariant {
  return { name: v.variant, accuracy: v.finalAccuracy.mean, std: v.finalAccuracy.std };
}

const points = (x: number[]) => x.map((a) => 100 * a);

/**
 * Whether variant `a` learns the task better than `b`, paired over repetitions: first the
 * held-out accuracy a − b (points) against 0; where that interval lies within ±5 points (both
 * equally accurate, e.g. both at 100 % after the paper's 60 epochs), log10(final training loss
 * b / a) against 1 (a's loss 10× lower), i.e. faster learning.
 */
function betterLearner(
  a: DcAblationVariantResult,
  b: DcAblationVariantResult,
  seed: number,
  id: string,
): Pick<Claim, 'verdict' | 'evidence' | 'reason' | 'rule'> & {
  evidence: PairedEvidence;
  text: string;
} {
  const accuracy = pairedEvidence(
    points(a.finalAccuracyPerRepetition),
    points(b.finalAccuracyPerRepetition),
    {
      effect: `held-out accuracy, ${a.variant} − ${b.variant}`,
      unit: 'points',
      seed: deriveSeed(seed, `claims/${id}/accuracy`),
    },
  );
  const tieRule = `; where that interval lies within ±${TIE_POINTS} points (equally accurate), the same rule on log10(final training loss ${b.variant} / ${a.variant}) against 1 (a 10× lower loss: faster learning)`;
  const interval = accuracy.interval;
  const tie = interval !== undefined && interval.low >= -TIE_POINTS && interval.high <= TIE_POINTS;
  if (!tie || accuracy.n < accuracy.minN)
    return {
      ...pairedVerdict(accuracy),
      evidence: accuracy,
      rule: pairedRuleText(accuracy) + tieRule,
      text: pairedEvidenceText(accuracy),
    };
  const loss = pairedEvidence(
    b.finalLossPerRepetition.map((x) => Math.log10(Math.max(x, 1e-30))),
    a.finalLossPerRepetition.map((x) => Math.log10(Math.max(x, 1e-30))),
    {
      effect: `log10(final training loss ${b.variant} / ${a.variant}), accuracies tied`,
      unit: 'log10 ratio',
      threshold: 1,
      seed: deriveSeed(seed, `claims/${id}/loss`),
    },
  );
  return {
    ...pairedVerdict(loss),
    evidence: loss,
    rule: pairedRuleText(accuracy) + tieRule,
    text: `accuracy ${pairedEvidenceText(accuracy)}; tied within ±${TIE_POINTS} points, so the loss decides: ${pairedEvidenceText(loss)}`,
  };
}

const PAPER_KERNELS =
  '§V.C (kernel-distance figure): with the class-dependent DC in the input, the linear network’s kernels end closer to their random start (mean ± std over 100 repetitions × 60 epochs).';
const PAPER_RELU =
  '§V.C: ReLU, linear and linear + input DC were trained 100 × 60 epochs; the paper plots loss and kernel distance and reads the ReLU’s DC as what drives learning.';
const PAPER_EXTENSION =
  'Not in the paper: an ablation Rectify adds to §V.C to test “is it the DC?” directly (DCReLU, LinearDC).';

function claims(
  config: DcAblationConfig,
  variants: DcAblationVariantResult[],
  seed: number,
): Claim[] {
  const byName = new Map(variants.map((v) => [v.variant, v]));
  const chance = 1 / config.classFrequencies.length;
  const scale = `${config.repetitions} repetitions × ${config.epochs} epochs`;
  const atChance = (v: DcAblationVariantResult) =>
    v.finalAccuracy.mean < chance + 0.1
      ? ` ${v.variant} classifies at ${percent(v.finalAccuracy.mean)} (chance ${percent(chance)}): it has not learnt the task.`
      : '';
  const out: Claim[] = [];
  const relu = byName.get('relu');
  const linear = byName.get('linear');
  const withDc = byName.get('linear-input-dc');
  if (linear && withDc) {
    const id = 'input-dc-kernels-stay-closer';
    const closerBy = (r: number) =>
      Math.min(
        ...[0, 1].map(
          (l) =>
            (linear.finalKernelDistancePerRepetition[l]?.[r] as number) -
            (withDc.finalKernelDistancePerRepetition[l]?.[r] as number),
        ),
      );
    const effects = Array.from({ length: config.repetitions }, (_, r) => closerBy(r));
    const evidence = pairedEvidence(
      effects,
      effects.map(() => 0),
      {
        effect: 'final ‖W−W₀‖ linear − linear-input-dc, the smaller of the two conv layers',
        unit: '‖W−W₀‖',
        seed: deriveSeed(seed, `claims/${id}`),
      },
    );
    const last = (v: DcAblationVariantResult, layer: number) =>
      sig(v.kernelDistance[layer]?.at(-1)?.mean ?? Number.NaN);
    out.push({
      id,
      statement:
        'With a class-dependent DC in the input, the linear network’s conv kernels end closer to their initial values than without it (paper V.C).',
      measured: `final ‖W−W₀‖ conv1/conv2: linear+input DC ${last(withDc, 0)}/${last(withDc, 1)}, linear ${last(linear, 0)}/${last(linear, 1)} (mean, ${scale}); ${pairedEvidenceText(evidence)}.${atChance(withDc)}${atChance(linear)}`,
      ...pairedVerdict(evidence),
      rule: pairedRuleText(evidence),
      paper: PAPER_KERNELS,
      kind: 'reproduction',
      variants: [variantContext(linear), variantContext(withDc)],
      evidence,
    });
  }
  if (relu && linear) {
    const id = 'relu-beats-linear';
    const c = betterLearner(relu, linear, seed, id);
    out.push({
      id,
      statement:
        'The ReLU network classifies the tones better than the same network with linear activations — or, where both reach the same accuracy, learns them faster.',
      measured: `held-out accuracy ReLU ${percent(relu.finalAccuracy.mean)} ± ${percent(relu.finalAccuracy.std)}, linear ${percent(linear.finalAccuracy.mean)} ± ${percent(linear.finalAccuracy.std)} (${scale}); ${c.text}`,
      verdict: c.verdict,
      rule: c.rule,
      evidence: c.evidence,
      ...(c.reason ? { reason: c.reason } : {}),
      paper: PAPER_RELU,
      kind: 'reproduction',
      variants: [variantContext(relu), variantContext(linear)],
    });
  }
  const removed = byName.get('relu-dc-removed');
  if (relu && removed) {
    const id = 'relu-without-dc-fails';
    const evidence = pairedEvidence(
      removed.finalAccuracyPerRepetition.map(() => 100 * (chance + 0.1)),
      points(removed.finalAccuracyPerRepetition),
      {
        effect: 'chance + 10 points − held-out accuracy of relu-dc-removed',
        unit: 'points',
        seed: deriveSeed(seed, `claims/${id}`),
      },
    );
    out.push({
      id,
      statement:
        'Removing the DC of each ReLU (keeping its harmonics) leaves global average pooling nothing to classify: accuracy falls to chance.',
      measured: `held-out accuracy ReLU ${percent(relu.finalAccuracy.mean)}, ReLU without DC ${percent(removed.finalAccuracy.mean)} ± ${percent(removed.finalAccuracy.std)} (chance ${percent(chance)}, ${scale}); ${pairedEvidenceText(evidence)}`,
      ...pairedVerdict(evidence),
      rule: pairedRuleText(evidence),
      paper: PAPER_EXTENSION,
      kind: 'reproduction',
      variants: [variantContext(relu), variantContext(removed)],
      evidence,
    });
  }
  const linearDcVariant = byName.get('linear-dc');
  if (linearDcVariant && linear) {
    const id = 'dc-alone-suffices';
    const c = betterLearner(linearDcVariant, linear, seed, id);
    out.push({
      id,
      statement:
        'Adding only the DC a ReLU would produce (LinearDC, no harmonics) to the linear network restores what ReLU gives: better classification, or, at equal accuracy, faster learning.',
      measured: `held-out accuracy linear+DC ${percent(linearDcVariant.finalAccuracy.mean)}, linear ${percent(linear.finalAccuracy.mean)}${relu ? `, ReLU ${percent(relu.finalAccuracy.mean)}` : ''} (${scale}); ${c.text}`,
      verdict: c.verdict,
      rule: c.rule,
      evidence: c.evidence,
      ...(c.reason ? { reason: c.reason } : {}),
      paper: PAPER_EXTENSION,
      kind: 'reproduction',
      variants: [
        variantContext(linearDcVariant),
        variantContext(linear),
        ...(relu ? [variantContext(relu)] : []),
      ],
    });
  }
  return out;
}

/**
 * Paper V.C, extended — "is it the DC?". Units are (repetition, variant) pairs, ids
 * `rep-0000.relu`, …; a repetition's variants share data, initial kernels and batch order.
 *
 * @example
 * ```ts
 * const r = await dcAblation.run(dcAblation.presets.quick, { seed: 0, workers: 2, checkpointDir: 'runs/vc' });
 * r.variants.map((v) => [v.variant, v.finalAccuracy.mean]);
 * ```
 */
export const dcAblation = defineExperiment<DcAblationConfig, DcAblationUnit, DcAblationResult>({
  name: 'dc-ablation',
  configSchema: dcAblationConfigSchema,
  presets: dcAblationPresets,
  usesTf: true,
  listUnits: (config) =>
    Array.from({ length: config.repetitions }, (_, r) =>
      config.variants.map((v) => unitId(r, v)),
    ).flat(),
  computeUnit,
  merge(config, units, { seed }) {
    const variants = summarise(config, units);
    return { variants, claims: claims(config, variants, seed) };
  },
});
