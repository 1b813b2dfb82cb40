import { createRng } from '@rectify/signal';

/** Options of {@link toneClasses}. */
export interface ToneClassesOptions {
  /** Class centre frequencies in Hz (the paper: 3, 5, 10). */
  centers: readonly number[];
  /** Standard deviation of each signal's frequency around its class centre, Hz (paper 0.1). */
  freqStd: number;
  /** Signals per class (paper 1024). */
  perClass: number;
  /** Samples per signal (paper 256). */
  samples: number;
  /** Sampling rate in Hz (paper 32). */
  fs: number;
  /** Seed of the frequency draws. */
  seed: number;
  /** Constant added to every signal of class n (V.C's input DC); default none. */
  classDc?: readonly number[];
}

/** A labelled set of single-tone signals, class-major. */
export interface ToneClasses {
  /** Signals, row-major `[signal][sample]`. */
  x: Float32Array;
  /** Class of each signal. */
  labels: Int32Array;
  /** Frequency of each signal in Hz. */
  freqs: Float64Array;
  /** Number of signals. */
  count: number;
  /** Samples per signal. */
  samples: number;
}

/**
 * The paper's V.C/V.D data: for class n, `perClass` tones x[i] = cos(2π f i/fs) + dc_n with
 * f ~ Normal(centers[n], freqStd).
 *
 * @param options - see {@link ToneClassesOptions}.
 * @returns signals, labels and frequencies.
 */
export function toneClasses(options: ToneClassesOptions): ToneClasses {
  const { centers, freqStd, perClass, samples, fs, seed, classDc } = options;
  const rng = createRng(seed);
  const count = centers.length * perClass;
  const x = new Float32Array(count * samples);
  const labels = new Int32Array(count);
  const freqs = new Float64Array(count);
  for (let c = 0; c < centers.length; c++) {
    const dc = classDc?.[c] ?? 0;
    for (let k = 0; k < perClass; k++) {
      const s = c * perClass + k;
      const f = rng.normal(centers[c] as number, freqStd);
      labels[s] = c;
      freqs[s] = f;
      for (let i = 0; i < samples; i++)
        x[s * samples + i] = Math.cos((2 * Math.PI * f * i) / fs) + dc;
    }
  }
  return { x, labels, freqs, count, samples };
}
