import { z } from 'zod';
import { refineClassesBelowNyquist } from '../core/config';

/** The five variants of the extended V.C ablation. */
export const DC_ABLATION_VARIANTS = [
  'relu',
  'linear',
  'linear-input-dc',
  'relu-dc-removed',
  'linear-dc',
] as const;

/**
 * How the variants are computed. `'reduced'`: the same function of the same weights with the
 * linear algebra done once — linear convs through their composed kernel, and the convs of
 * `relu-dc-removed` (whose exact gradient is 0) evaluated once; `'layers'`: layer by layer.
 */
export const DC_ABLATION_FORMULATIONS = ['reduced', 'layers'] as const;

/** One variant of {@link DC_ABLATION_VARIANTS}. */
export type DcAblationVariant = (typeof DC_ABLATION_VARIANTS)[number];

/**
 * Config of `dcAblation` (paper V.C, extended). Defaults are the paper's: three classes of
 * single tones at Normal(3|5|10 Hz, 0.1 Hz), 1024 signals per class of 256 samples at 32 Hz;
 * Conv1D(32, kernel 3, causal, no bias) × 2 → GAP → Dense(32, ReLU) → Dense(3); Adam(1e-3),
 * batch 64, 60 epochs, 100 repetitions; input DC a_n·√2/4 with a_n = 1, 5, 19.
 */
export const dcAblationConfigSchema = z
  .strictObject({
    /** Repetitions (independent data and initialisation per repetition). */
    repetitions: z.number().int().min(1).max(10_000).default(100),
    /** Training epochs per repetition and variant. */
    epochs: z.number().int().min(1).max(10_000).default(60),
    /** Variants to train, in this order. */
    variants: z
      .array(z.enum(DC_ABLATION_VARIANTS))
      .min(1)
      .refine((v) => new Set(v).size === v.length, 'must not repeat a variant')
      .default([...DC_ABLATION_VARIANTS]),
    /** Class centre frequencies, Hz. */
    classFrequencies: z.array(z.number().positive().max(1e6)).min(2).max(64).default([3, 5, 10]),
    /** Std of each signal's frequency around its class centre, Hz. */
    freqStd: z.number().min(0).max(1e3).default(0.1),
    /** Training signals per class. */
    signalsPerClass: z.number().int().min(1).max(1_000_000).default(1024),
    /** Held-out signals per class for the final accuracy. */
    testSignalsPerClass: z.number().int().min(1).max(1_000_000).default(256),
    /** Samples per signal. */
    samples: z.number().int().min(4).max(1_000_000).default(256),
    /** Sampling rate, Hz. */
    fs: z.number().positive().max(1e9).default(32),
    /** Filters per conv layer. */
    filters: z.number().int().min(1).max(4096).default(32),
    /** Taps per conv kernel. */
    kernelSize: z.number().int().min(1).max(1024).default(3),
    /** Units of the hidden dense layer. */
    denseUnits: z.number().int().min(1).max(4096).default(32),
    /** Batch size. */
    batchSize: z.number().int().min(1).max(1_000_000).default(64),
    /** Adam learning rate. */
    learningRate: z.number().positive().max(10).default(1e-3),
    /**
     * `'reduced'` (default): every variant but `relu` with exact algebraic shortcuts (same
     * function, same weights, ≈ 20× less arithmetic); `'layers'`: every variant layer by layer.
     */
    formulation: z.enum(DC_ABLATION_FORMULATIONS).default('reduced'),
    /** a_n of the class-dependent input DC a_n·√2/4 (variant `linear-input-dc`), one per class. */
    inputDcAmplitudes: z.array(z.number().min(0).max(1e6)).min(1).default([1, 5, 19]),
  })
  .superRefine((c, ctx) => {
    refineClassesBelowNyquist(c, ctx);
    if (c.inputDcAmplitudes.length !== c.classFrequencies.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['inputDcAmplitudes'],
        message: `must have one entry per class (${c.classFrequencies.length})`,
      });
    }
  });

/** A validated `dcAblation` config. */
export type DcAblationConfig = z.infer<typeof dcAblationConfigSchema>;

/** The paper's scale and a CI-sized one (2 repetitions × 3 epochs × 256 signals per class). */
export const dcAblationPresets: { paper: DcAblationConfig; quick: DcAblationConfig } = {
  paper: dcAblationConfigSchema.parse({}),
  quick: dcAblationConfigSchema.parse({
    repetitions: 2,
    epochs: 3,
    signalsPerClass: 256,
    testSignalsPerClass: 128,
  }),
};
