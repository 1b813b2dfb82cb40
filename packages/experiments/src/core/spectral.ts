import { amplitudeSpectrum } from '@rectify/signal';
import { z } from 'zod';

/** zod schema of one tone `amp·cos(2π·freq·t + phase)` (freq in Hz, phase in rad). */
export const toneSchema = z.strictObject({
  freq: z.number().positive().max(1e9),
  amp: z.number().min(0).max(1e9),
  phase: z.number().min(-1e3).max(1e3).optional(),
});

/** The V.A test signal's tones: cos(2π·10t) + cos(2π·5t) + cos(2π·20t) + cos(2π·40t). */
export const VA_TONES = [
  { freq: 10, amp: 1 },
  { freq: 5, amp: 1 },
  { freq: 20, amp: 1 },
  { freq: 40, amp: 1 },
];

/** Where a signal's power sits: at DC, on the input's tones, elsewhere. */
export interface PowerBreakdown {
  /** Fraction of the mean power at 0 Hz. */
  dc: number;
  /** Fraction on the input tones' bins (± tolerance). */
  inputTones: number;
  /** Fraction everywhere else: frequencies the input did not have. */
  newFrequencies: number;
  /** Power-weighted mean frequency excluding DC, Hz. */
  centroidHz: number;
  /** Mean power (mean of x²). */
  meanPower: number;
}

/** A single-sided amplitude spectrum kept as plain arrays (JSON). */
export interface SpectrumData {
  /** Bin frequencies, Hz. */
  freqs: number[];
  /** Amplitude per bin (a·cos on a bin reads a; a constant c reads c at DC). */
  amplitude: number[];
}

/**
 * Power breakdown of `x` from its single-sided amplitude spectrum (rectangular window): the
 * power of bin k is a_k²/2 (a_0² at DC, a²/… at Nyquist), so the parts sum to mean(x²) when
 * every tone sits on a bin.
 *
 * @param x - samples.
 * @param fs - sampling rate, Hz.
 * @param inputFreqs - frequencies of the input's tones, Hz.
 * @param toleranceHz - half-width of the band around each input tone counted as that tone, Hz.
 * @returns the breakdown and the spectrum.
 */
export function powerBreakdown(
  x: ArrayLike<number>,
  fs: number,
  inputFreqs: readonly number[],
  toleranceHz: number,
): { breakdown: PowerBreakdown; spectrum: SpectrumData } {
  const s = amplitudeSpectrum(x, { fs });
  const n = x.length;
  let dc = 0;
  let tonesPower = 0;
  let other = 0;
  let weighted = 0;
  for (let k = 0; k < s.freqs.length; k++) {
    const f = s.freqs[k] as number;
    const a = s.amplitude[k] as number;
    const p = k === 0 || 2 * k === n ? a * a : (a * a) / 2;
    if (k === 0) dc += p;
    else {
      weighted += p * f;
      if (inputFreqs.some((g) => Math.abs(f - g) <= toleranceHz)) tonesPower += p;
      else other += p;
    }
  }
  const total = dc + tonesPower + other;
  return {
    breakdown: {
      dc: dc / total,
      inputTones: tonesPower / total,
      newFrequencies: other / total,
      centroidHz: weighted / Math.max(1e-300, tonesPower + other),
      meanPower: total,
    },
    spectrum: { freqs: Array.from(s.freqs), amplitude: Array.from(s.amplitude) },
  };
}

/**
 * Keeps the bins of a spectrum up to `maxFreq` (Hz), to keep results small.
 *
 * @returns the truncated spectrum.
 */
export function truncateSpectrum(s: SpectrumData, maxFreq: number): SpectrumData {
  const keep = s.freqs.findIndex((f) => f > maxFreq);
  const end = keep < 0 ? s.freqs.length : keep;
  return { freqs: s.freqs.slice(0, end), amplitude: s.amplitude.slice(0, end) };
}
