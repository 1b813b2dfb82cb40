import { parseAblationMode } from '@rectify/layers';
import { z } from 'zod';

const modeSchema = z.string().superRefine((value, ctx) => {
  try {
    parseAblationMode(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
  }
});

/**
 * Config of `dcInTrainedModels` (issue 20, "Is it the DC?"): the ReLU ablations of
 * `ablateActivations` applied to a trained heart-rate-from-PPG network, probed with synthetic PPG
 * over a grid of heart rates and noise seeds. With `modelPath` null the network is the
 * **stand-in**: the paper's V.B conv front (three blocks of [causal Conv1D(kernel 5, dilation 2,
 * ReLU) × 3 → AveragePooling1D → Dropout], 32/48/64 filters) → Flatten → Dense(32, ReLU) →
 * Dense(1) with seeded random weights and no attention head. Its output is not a heart rate, so
 * it tests the mechanism and the pipeline, not the trained model.
 */
export const dcInTrainedModelsConfigSchema = z.strictObject({
  /** A Keras `.keras` or `.h5` file (e.g. the paper's `model_S5.h5`) whose output is the heart rate in bpm; null → the stand-in. */
  modelPath: z.string().min(1).nullable().default(null),
  /** True heart rates of the synthetic PPG, beats per minute. */
  heartRates: z
    .array(z.number().min(20).max(300))
    .min(1)
    .refine((h) => new Set(h).size === h.length, 'must not repeat a heart rate')
    .default([50, 60, 70, 80, 90, 100, 110, 120, 130, 140, 150, 160, 170, 180]),
  /** Noise seeds per heart rate (each draws its own phases and noise); intervals are over seeds. */
  seeds: z.number().int().min(2).max(10_000).default(10),
  /** Standard deviation of the additive Gaussian noise of the synthetic PPG (signal units). */
  noiseStd: z.number().min(0).max(100).default(0.05),
  /** Input sampling rate, Hz. */
  fs: z.number().positive().max(1e6).default(32),
  /** Input length, samples (the model's input length). */
  samples: z.number().int().min(16).max(1_000_000).default(256),
  /** Ablation modes, each one unit: 'remove-dc', 'remove-harmonics', 'dc-only', 'scale-dc:k'. */
  modes: z
    .array(modeSchema)
    .min(1)
    .refine((m) => new Set(m).size === m.length, 'must not repeat a mode')
    .default(['remove-dc', 'remove-harmonics', 'dc-only', 'scale-dc:0.5']),
  /** Also ablate each ReLU layer alone (the per-layer ranking). */
  perLayer: z.boolean().default(true),
  /** Heart-rate error (bpm) that counts as ruining the estimate, and as keeping it, in the claims. */
  toleranceBpm: z.number().positive().max(1000).default(10),
  /** Confidence level of the intervals over seeds. */
  confidence: z.number().gt(0).lt(1).default(0.95),
});

/** A validated `dcInTrainedModels` config. */
export type DcInTrainedModelsConfig = z.infer<typeof dcInTrainedModelsConfigSchema>;

/** The issue's scale (14 heart rates × 10 seeds) and a quick one (4 × 3), both on the stand-in. */
export const dcInTrainedModelsPresets: {
  paper: DcInTrainedModelsConfig;
  quick: DcInTrainedModelsConfig;
} = {
  paper: dcInTrainedModelsConfigSchema.parse({}),
  quick: dcInTrainedModelsConfigSchema.parse({ heartRates: [60, 100, 140, 180], seeds: 3 }),
};
