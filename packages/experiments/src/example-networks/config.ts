import { z } from 'zod';
import { toneSchema, VA_TONES } from '../core/spectral';

/**
 * Config of `exampleNetworks` (paper V.A): the V.A signal through "relu(avg)" — ReLU, then
 * [Conv1D(1 filter, kernel 9, weights 1/9, bias 0, valid) → ReLU] × 5 — and "relu(diff)" —
 * ReLU, then twice ReLU(fs · first difference).
 */
export const exampleNetworksConfigSchema = z.strictObject({
  /** Input tones (Hz, amplitude, rad). */
  tones: z.array(toneSchema).min(1).max(256).default(VA_TONES),
  /** Sampling rate, Hz. */
  fs: z.number().positive().max(1e7).default(1024),
  /** Duration, s (n = round(fs · duration) samples, t = i/fs). */
  duration: z.number().positive().max(3600).default(8),
  /** Taps of the averaging kernel (weights 1/kernelSize). */
  avgKernelSize: z.number().int().min(1).max(100_000).default(9),
  /** Conv → ReLU blocks after the first ReLU in relu(avg). */
  avgLayers: z.number().int().min(1).max(1000).default(5),
  /** ReLU(fs·diff) blocks after the first ReLU in relu(diff). */
  diffLayers: z.number().int().min(1).max(100).default(2),
  /** Half-width of the band around each input tone counted as "input", Hz. */
  toneToleranceHz: z.number().min(0).max(1e6).default(0.25),
  /** Spectra in the result stop at this frequency, Hz (the breakdown uses all bins). */
  spectrumMaxFreq: z.number().positive().max(1e7).default(128),
});

/** A validated `exampleNetworks` config. */
export type ExampleNetworksConfig = z.infer<typeof exampleNetworksConfigSchema>;

/** The paper's signal (8 s at 1024 Hz) and a 2 s quick version. */
export const exampleNetworksPresets: {
  paper: ExampleNetworksConfig;
  quick: ExampleNetworksConfig;
} = {
  paper: exampleNetworksConfigSchema.parse({}),
  quick: exampleNetworksConfigSchema.parse({ duration: 2 }),
};
