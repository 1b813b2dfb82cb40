import { checkFinite } from '@rectify/signal';
import { checkInteger, checkNonNegative, checkPositive } from '@rectify/signal/validate';

/** One harmonic of a closed-form spectrum. */
export interface HarmonicLine {
  /** Harmonic number h (0 = DC). */
  harmonic: number;
  /** Frequency h·f in Hz. */
  freq: number;
  /** Signed cosine coefficient: the line is `coefficient · cos(2π h f t)` (signal units). */
  coefficient: number;
  /** |coefficient| (signal units). */
  amplitude: number;
  /** Phase in rad: 0 for a positive coefficient, π for a negative one. */
  phase: number;
}

/**
 * The Fourier series of the half-wave rectified cosine ReLU(a·cos(2πft)):
 * `a/π + (a/2)·cos(2πft) + Σ_{k>=1} (−1)^(k+1) · 2a/(π(4k²−1)) · cos(2π·2k·f·t)`.
 * DC a/π, fundamental a/2, harmonic 2k with amplitude 2a/(π(4k²−1)) and sign (−1)^(k+1)
 * (so +2a/(3π) at 2f, −2a/(15π) at 4f, …), odd harmonics >= 3 exactly zero.
 *
 * @param amp - amplitude a (signal units), finite >= 0.
 * @param freq - frequency f in Hz, finite > 0.
 * @param harmonics - highest harmonic number H, integer in [0, 10⁶].
 * @returns harmonics 0 … H, in order.
 * @throws RangeError for a negative/non-finite amp, a bad freq or H.
 * @example
 * ```ts
 * halfWaveRectifiedCosine(1, 5, 4).map((h) => h.coefficient); // [1/π, 1/2, 2/(3π), 0, −2/(15π)]
 * ```
 */
export function halfWaveRectifiedCosine(
  amp: number,
  freq: number,
  harmonics: number,
): HarmonicLine[] {
  const a = checkNonNegative('amp', amp);
  const f = checkPositive('freq (Hz)', freq);
  const H = checkInteger('harmonics', harmonics, 0, 1_000_000);
  const out: HarmonicLine[] = [];
  for (let h = 0; h <= H; h++) {
    let c: number;
    if (h === 0) c = a / Math.PI;
    else if (h === 1) c = a / 2;
    else if (h % 2 === 1) c = 0;
    else {
      const k = h / 2;
      c = ((k % 2 === 1 ? 2 : -2) * a) / (Math.PI * (4 * k * k - 1));
    }
    checkFinite('coefficient', c);
    out.push({
      harmonic: h,
      freq: h * f,
      coefficient: c,
      amplitude: Math.abs(c),
      phase: c < 0 ? Math.PI : 0,
    });
  }
  return out;
}
