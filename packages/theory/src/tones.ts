import { checkFinite, describeValue } from '@rectify/signal';
import { checkInteger, checkPositive } from '@rectify/signal/validate';

/**
 * One real tone `amp · cos(2π · freq · t + phase)`.
 */
export interface Tone {
  /** Frequency in Hz, finite and > 0. */
  freq: number;
  /** Amplitude (signal units), finite and >= 0. */
  amp: number;
  /** Phase in rad (default 0). */
  phase?: number;
}

/** A validated tone with the phase filled in. */
export interface ResolvedTone {
  freq: number;
  amp: number;
  phase: number;
}

/**
 * Validates a tone list at the public boundary: non-empty, every `freq` finite and > 0, every
 * `amp` finite and >= 0, every `phase` finite, no frequency listed twice.
 *
 * @internal
 */
export function checkTones(name: string, tones: unknown): ResolvedTone[] {
  if (!Array.isArray(tones)) {
    throw new TypeError(
      `${name} must be an array of { freq, amp, phase? } objects, got ${describeValue(tones)}`,
    );
  }
  if (tones.length === 0) {
    throw new RangeError(`${name} must contain at least one tone, got an empty array`);
  }
  const out: ResolvedTone[] = [];
  for (let i = 0; i < tones.length; i++) {
    const t = tones[i] as unknown;
    if (typeof t !== 'object' || t === null) {
      throw new TypeError(
        `${name}[${i}] must be an object { freq, amp, phase? }, got ${describeValue(t)}`,
      );
    }
    const { freq, amp, phase } = t as { freq?: unknown; amp?: unknown; phase?: unknown };
    const f = checkPositive(`${name}[${i}].freq (Hz)`, freq);
    const a = checkFinite(`${name}[${i}].amp`, amp);
    if (a < 0) throw new RangeError(`${name}[${i}].amp must be a finite number >= 0, got ${a}`);
    const p = phase === undefined ? 0 : checkFinite(`${name}[${i}].phase (rad)`, phase);
    for (let j = 0; j < i; j++) {
      if (out[j]?.freq === f) {
        throw new RangeError(
          `${name}[${i}].freq must differ from every other tone's frequency (merge equal tones first), got ${f} Hz twice (indices ${j} and ${i})`,
        );
      }
    }
    out.push({ freq: f, amp: a, phase: p });
  }
  return out;
}

/**
 * The authors' choice of the expansion constant for a tone sum: `A = (Σ|a_i|)² / 2`, which
 * bounds `x² ≤ 2A` for every phase, so `m = x²/A − 1 ∈ [−1, 1]`.
 *
 * @param tones - the tones (validated).
 * @returns A in signal units squared.
 * @throws RangeError when the tone list is empty or invalid.
 * @example
 * ```ts
 * tonesA([{ freq: 5, amp: 1 }, { freq: 10, amp: 1 }]); // 2
 * ```
 */
export function tonesA(tones: readonly Tone[]): number {
  const list = checkTones('tones', tones);
  let s = 0;
  for (const t of list) s += t.amp;
  return (s * s) / 2;
}

/** A common fundamental of a set of frequencies: `freq_i = multiples[i] · fundamental`. */
export interface CommonFundamental {
  /** The largest f0 (Hz) such that every frequency is an integer multiple of it. */
  fundamental: number;
  /** The integer multiple of `fundamental` of each input frequency, in input order. */
  multiples: number[];
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return Math.abs(a);
}

/** Best rational approximation p/q of r with q ≤ maxDen, by continued fractions. */
function rationalApproximation(r: number, maxDen: number): [number, number] {
  let h0 = 0;
  let h1 = 1;
  let k0 = 1;
  let k1 = 0;
  let x = r;
  for (let iter = 0; iter < 64; iter++) {
    const a = Math.floor(x);
    const h2 = a * h1 + h0;
    const k2 = a * k1 + k0;
    if (k2 > maxDen) break;
    h0 = h1;
    h1 = h2;
    k0 = k1;
    k1 = k2;
    const frac = x - a;
    if (frac < 1e-15) break;
    x = 1 / frac;
  }
  return [h1, k1];
}

/**
 * Finds a common fundamental of frequencies with rational ratios: `f_i = n_i · f0` with integer
 * `n_i` and each ratio `f_i / f_1` matched by a fraction of denominator <= `maxDenominator` to
 * relative tolerance `rtol`.
 *
 * @param freqs - frequencies in Hz, each finite and > 0.
 * @param options - `maxDenominator` (default 1000), `rtol` (default 1e-9).
 * @returns the fundamental and multiples, or `null` when the ratios are not (recognisably) rational.
 * @throws RangeError for an empty list or a bad frequency.
 * @example
 * ```ts
 * commonFundamental([10, 5, 20, 40]); // { fundamental: 5, multiples: [2, 1, 4, 8] }
 * ```
 */
export function commonFundamental(
  freqs: readonly number[],
  options: { maxDenominator?: number; rtol?: number } = {},
): CommonFundamental | null {
  if (!Array.isArray(freqs) || freqs.length === 0) {
    throw new RangeError(
      `freqs must be a non-empty array of frequencies (Hz), got ${describeValue(freqs)}`,
    );
  }
  for (let i = 0; i < freqs.length; i++) checkPositive(`freqs[${i}] (Hz)`, freqs[i]);
  const maxDen = checkInteger('maxDenominator', options.maxDenominator ?? 1000, 1, 1e6);
  const rtol = checkPositive('rtol', options.rtol ?? 1e-9);
  const f1 = freqs[0] as number;
  const fracs: [number, number][] = [];
  let lcm = 1;
  for (const f of freqs) {
    const r = f / f1;
    const [p, q] = rationalApproximation(r, maxDen);
    if (q === 0 || Math.abs(r - p / q) > rtol * r) return null;
    fracs.push([p, q]);
    lcm = (lcm / gcd(lcm, q)) * q;
    if (lcm > 1e12) return null;
  }
  let multiples = fracs.map(([p, q]) => (p * lcm) / q);
  let g = 0;
  for (const n of multiples) g = gcd(g, n);
  multiples = multiples.map((n) => n / g);
  return { fundamental: f1 / (multiples[0] as number), multiples };
}
