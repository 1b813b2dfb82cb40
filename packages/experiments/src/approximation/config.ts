import { z } from 'zod';
import { toneSchema, VA_TONES } from '../core/spectral';

/**
 * Config of `approximation` (paper V.A): x(t) = cos(2π·10t) + cos(2π·5t) + cos(2π·20t) +
 * cos(2π·40t) sampled at fs = 1024 Hz for 8 s (t = i/fs), the ReLU series with
 * A = (Σ|a_i|)²/2 and N = 50 terms, compared with ReLU(x) in time and in the single-sided
 * amplitude spectrum.
 */
export const approximationConfigSchema = z.strictObject({
  /** Input tones (Hz, amplitude, rad). */
  tones: z.array(toneSchema).min(1).max(64).default(VA_TONES),
  /** Sampling rate, Hz. */
  fs: z.number().positive().max(1e7).default(1024),
  /** Duration, s (n = round(fs · duration) samples). */
  duration: z.number().positive().max(3600).default(8),
  /** Term counts of the error table (≥ 3 distinct, for the convergence fits). */
  termsList: z
    .array(z.number().int().min(1).max(100_000))
    .min(3)
    .refine((t) => new Set(t).size >= 3, 'must hold at least 3 distinct term counts')
    .default([1, 2, 5, 10, 20, 50, 100, 200]),
  /**
   * The convergence law is fitted over term counts N ≥ this (the asymptotic range), where the
   * slopes of log error against log N approach their limits (−3/4 RMS, −1/2 max).
   */
  asymptoticFrom: z.number().int().min(1).max(100_000).default(10),
  /** Terms of the approximation whose spectrum is shown (the paper's N). */
  spectrumTerms: z.number().int().min(1).max(100_000).default(50),
  /** Term counts at which predicted line amplitudes are compared with the measured ones. */
  predictTermsList: z.array(z.number().int().min(1).max(1000)).min(1).default([10, 20, 50]),
  /** Measured lines above this fraction of the largest measured peak must be predicted. */
  lineThreshold: z.number().gt(0).lt(1).default(0.01),
  /** Spectra in the result stop at this frequency, Hz. */
  spectrumMaxFreq: z.number().positive().max(1e7).default(200),
});

/** A validated `approximation` config. */
export type ApproximationConfig = z.infer<typeof approximationConfigSchema>;

/** The paper's parameters and a quick version (2 s, fewer term counts). */
export const approximationPresets: { paper: ApproximationConfig; quick: ApproximationConfig } = {
  paper: approximationConfigSchema.parse({}),
  quick: approximationConfigSchema.parse({
    duration: 2,
    termsList: [1, 2, 5, 10, 20, 50],
    predictTermsList: [5, 10, 20],
    spectrumTerms: 20,
  }),
};
