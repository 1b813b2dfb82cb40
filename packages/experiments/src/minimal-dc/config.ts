import { z } from 'zod';
import { refineClassesBelowNyquist } from '../core/config';

/**
 * Config of `minimalDc` (paper V.D): Conv1D(1 filter, kernel 2, causal, no bias, ReLU) →
 * GlobalAveragePooling1D on the V.C tones (3, 5, 10 Hz ± 0.1 Hz, 1024 per class, 256 samples
 * at 32 Hz, no DC). The fixed kernel and the training schedule are ours (the paper shows the
 * network, not how its kernel was chosen): the trained variant adds a Dense(classes) readout
 * after the pooled value so the kernel can be learnt, and reads the kernel back.
 */
export const minimalDcConfigSchema = z
  .strictObject({
    /** Class centre frequencies, Hz. */
    classFrequencies: z.array(z.number().positive().max(1e6)).min(2).max(64).default([3, 5, 10]),
    /** Std of each signal's frequency around its class centre, Hz. */
    freqStd: z.number().min(0).max(1e3).default(0.1),
    /** Tone amplitude. */
    amplitude: z.number().positive().max(1e6).default(1),
    /** Signals per class. */
    signalsPerClass: z.number().int().min(2).max(1_000_000).default(1024),
    /** Samples per signal. */
    samples: z.number().int().min(4).max(1_000_000).default(256),
    /** Sampling rate, Hz. */
    fs: z.number().positive().max(1e9).default(32),
    /** The fixed 2-tap kernel [w0, w1] (Keras layout: y[t] = w0·x[t−1] + w1·x[t]); default a first difference. */
    fixedKernel: z
      .tuple([z.number().min(-1e6).max(1e6), z.number().min(-1e6).max(1e6)])
      .default([-1, 1]),
    /** Epochs of training for the trained kernel. */
    trainEpochs: z.number().int().min(1).max(10_000).default(30),
    /** Adam learning rate for the trained kernel. */
    learningRate: z.number().positive().max(10).default(0.01),
    /** Batch size for the trained kernel. */
    batchSize: z.number().int().min(1).max(1_000_000).default(64),
    /** Points of the |H(f)| curve on [0, fs/2). */
    responsePoints: z.number().int().min(8).max(1_000_000).default(256),
  })
  .superRefine(refineClassesBelowNyquist);

/** A validated `minimalDc` config. */
export type MinimalDcConfig = z.infer<typeof minimalDcConfigSchema>;

/** The paper's scale and a CI-sized one (128 signals per class, 10 training epochs). */
export const minimalDcPresets: { paper: MinimalDcConfig; quick: MinimalDcConfig } = {
  paper: minimalDcConfigSchema.parse({}),
  quick: minimalDcConfigSchema.parse({ signalsPerClass: 128, trainEpochs: 10 }),
};
