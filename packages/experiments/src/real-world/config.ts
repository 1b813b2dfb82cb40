import { z } from 'zod';

/**
 * Config of `realWorld` (paper V.B): the heart-rate-from-PPG network's activations on synthetic
 * PPG at known heart rates (32 Hz, 256 samples). With `modelPath` null, the paper's conv front
 * (two blocks of [causal Conv1D(kernel 5, dilation 2, ReLU) × 3 → AveragePooling1D → Dropout]
 * with 32 and 48 filters) is built in memory with seeded Glorot weights — the trained weights of
 * the paper are not available offline, so this tests the mechanism, not the trained model.
 */
export const realWorldConfigSchema = z.strictObject({
  /**
   * A Keras `.keras` or `.h5` file to analyse, whole (its prediction is reported beside the true
   * heart rate); null → the built-in random-weight stand-in of the paper's conv front.
   */
  modelPath: z.string().min(1).nullable().default(null),
  /**
   * Layers to probe (must have a ReLU); null → every ReLU layer of the file's model (time-series
   * outputs), or the third conv of blocks 1 and 2 of the built-in stand-in.
   */
  layers: z.array(z.string().min(1)).min(1).nullable().default(null),
  /** Build the loaded model only up to this layer; null → the whole model. */
  upTo: z.string().min(1).nullable().default(null),
  /** Heart rates of the synthetic PPG, beats per minute. */
  heartRates: z
    .array(z.number().min(20).max(300))
    .min(1)
    .refine((h) => new Set(h).size === h.length, 'must not repeat a heart rate')
    .default([60, 90, 120, 150]),
  /** Input sampling rate, Hz. */
  fs: z.number().positive().max(1e6).default(32),
  /** Input length, samples. */
  samples: z.number().int().min(16).max(1_000_000).default(256),
  /** Multiples of the heart rate reported. */
  harmonics: z.number().int().min(1).max(64).default(4),
  /** Channels per layer whose full spectra are kept in the result (summaries keep all). */
  spectraChannels: z.number().int().min(0).max(4096).default(4),
});

/** A validated `realWorld` config. */
export type RealWorldConfig = z.infer<typeof realWorldConfigSchema>;

/** Paper-like settings and a quick one (two heart rates), both on the built-in model. */
export const realWorldPresets: { paper: RealWorldConfig; quick: RealWorldConfig } = {
  paper: realWorldConfigSchema.parse({}),
  quick: realWorldConfigSchema.parse({ heartRates: [72, 120], spectraChannels: 2 }),
};
