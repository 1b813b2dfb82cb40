import { createRng } from './rng';
import {
  checkArray,
  checkFinite,
  checkInteger,
  checkNonNegative,
  checkOneOf,
  checkOptions,
  checkPositive,
  describeValue,
} from './validate';

/** One cosine component of {@link tones}. */
export interface Tone {
  /** Frequency (Hz, finite). */
  freq: number;
  /** Amplitude (units of the signal, finite). */
  amp: number;
  /** Phase (rad, finite). Default 0. */
  phase?: number;
}

/** Sampling grid: rate and length. */
export interface Grid {
  /** Sampling rate (Hz), finite and > 0. */
  fs: number;
  /** Number of samples, an integer ≥ 1. */
  n: number;
}

function checkTones(name: string, list: unknown): Tone[] {
  if (!Array.isArray(list))
    throw new TypeError(`${name} must be an array of tones, got ${describeValue(list)}`);
  list.forEach((t: unknown, i) => {
    const tone = checkOptions<Tone>(`${name}[${i}]`, t, false);
    checkFinite(`${name}[${i}].freq`, tone.freq);
    checkFinite(`${name}[${i}].amp`, tone.amp);
    if (tone.phase !== undefined) checkFinite(`${name}[${i}].phase`, tone.phase);
  });
  return list as Tone[];
}

function checkGrid(grid: unknown): Grid {
  const g = checkOptions<Grid>('options', grid, false);
  checkPositive('fs', g.fs);
  checkInteger('n', g.n, 1);
  return g;
}

/** Adds Σ amp·cos(2π·freq·t_i + phase), t_i = i/fs, into `out` (numpy's operation order). */
function addTones(out: Float64Array, list: readonly Tone[], fs: number): void {
  for (const { freq, amp, phase = 0 } of list) {
    const omega = 2 * Math.PI * freq;
    for (let i = 0; i < out.length; i++) {
      out[i] = (out[i] as number) + amp * Math.cos(omega * (i / fs) + phase);
    }
  }
}

/**
 * A sum of sampled cosines: `x[i] = Σ amp·cos(2π·freq·i/fs + phase)`.
 *
 * @param list - tones `{ freq (Hz), amp, phase? (rad) }` (may be empty: all zeros).
 * @param grid - `fs` (Hz) and `n` (samples).
 * @returns x, length n.
 * @throws TypeError/RangeError for malformed tones or grid.
 * @example
 * ```ts
 * tones([{ freq: 10, amp: 1 }, { freq: 5, amp: 1 }], { fs: 1024, n: 8192 });
 * ```
 */
export function tones(list: readonly Tone[], grid: Grid): Float64Array {
  const checked = checkTones('list', list);
  const { fs, n } = checkGrid(grid);
  const x = new Float64Array(n);
  addTones(x, checked, fs);
  return x;
}

/**
 * Sample times `t_i = i/fs`.
 *
 * @param fs - sampling rate (Hz), finite and > 0.
 * @param n - number of samples, an integer ≥ 1.
 * @returns t (s), length n.
 * @throws TypeError/RangeError for bad fs or n.
 * @example
 * ```ts
 * timeAxis(4, 3); // [0, 0.25, 0.5]
 * ```
 */
export function timeAxis(fs: number, n: number): Float64Array {
  checkPositive('fs', fs);
  checkInteger('n', n, 1);
  const t = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = i / fs;
  return t;
}

/** Options of {@link chirp}, as scipy.signal.chirp's. */
export interface ChirpOptions {
  /** Frequency at t = 0 (Hz). */
  f0: number;
  /** Time at which f1 is reached (s), > 0. */
  t1: number;
  /** Frequency at t1 (Hz). */
  f1: number;
  /** Sweep law; default 'linear'. */
  method?: 'linear' | 'quadratic' | 'logarithmic' | 'hyperbolic';
  /** Phase offset in **degrees**, as scipy. Default 0. */
  phi?: number;
}

/**
 * Swept-frequency cosine, exactly `scipy.signal.chirp(t, f0, t1, f1, method, phi)` (quadratic
 * with `vertex_zero=True`): `y = cos(φ(t) + phi·π/180)`, with φ(t) = 2π(f0·t + (f1 − f0)/(2t1)·t²)
 * for 'linear', 2π(f0·t + (f1 − f0)/(3t1²)·t³) for 'quadratic',
 * 2π·f0·t1/ln(f1/f0)·((f1/f0)^{t/t1} − 1) for 'logarithmic' (f0·f1 > 0), and
 * −2π·f0·s·ln|1 − t/s|, s = f1·t1/(f1 − f0), for 'hyperbolic' (f0, f1 ≠ 0); equal f0 and f1
 * give 2π·f0·t.
 *
 * @param t - times (s), finite.
 * @param options - `f0`, `f1` (Hz), `t1` (s), `method`, `phi` (degrees).
 * @returns y, same length as t.
 * @throws TypeError/RangeError for bad t or options (including f0·f1 ≤ 0 for 'logarithmic').
 * @example
 * ```ts
 * chirp(timeAxis(1000, 1000), { f0: 5, t1: 1, f1: 50 });
 * ```
 */
export function chirp(t: ArrayLike<number>, options: ChirpOptions): Float64Array {
  checkArray('t', t);
  const opts = checkOptions<ChirpOptions>('options', options, false);
  const f0 = checkFinite('f0', opts.f0);
  const f1 = checkFinite('f1', opts.f1);
  const t1 = checkPositive('t1', opts.t1);
  const method = checkOneOf('method', opts.method ?? 'linear', [
    'linear',
    'quadratic',
    'logarithmic',
    'hyperbolic',
  ] as const);
  const phi = ((opts.phi === undefined ? 0 : checkFinite('phi', opts.phi)) * Math.PI) / 180;
  if (method === 'logarithmic' && !(f0 * f1 > 0)) {
    throw new RangeError(
      `f0 and f1 must be non-zero with the same sign for method 'logarithmic', got f0 = ${f0}, f1 = ${f1}`,
    );
  }
  if (method === 'hyperbolic' && (f0 === 0 || f1 === 0)) {
    throw new RangeError(
      `f0 and f1 must be non-zero for method 'hyperbolic', got f0 = ${f0}, f1 = ${f1}`,
    );
  }
  const phase = (time: number): number => {
    switch (method) {
      case 'linear':
        return 2 * Math.PI * (f0 * time + 0.5 * ((f1 - f0) / t1) * time * time);
      case 'quadratic':
        return 2 * Math.PI * (f0 * time + (((f1 - f0) / (t1 * t1)) * time ** 3) / 3);
      case 'logarithmic': {
        if (f0 === f1) return 2 * Math.PI * f0 * time;
        const beta = t1 / Math.log(f1 / f0);
        return 2 * Math.PI * beta * f0 * ((f1 / f0) ** (time / t1) - 1);
      }
      default: {
        if (f0 === f1) return 2 * Math.PI * f0 * time;
        const sing = (-f1 * t1) / (f0 - f1);
        return 2 * Math.PI * (-sing * f0) * Math.log(Math.abs(1 - time / sing));
      }
    }
  };
  const y = new Float64Array(t.length);
  for (let i = 0; i < y.length; i++) y[i] = Math.cos(phase(t[i] as number) + phi);
  return y;
}

/**
 * Seeded Gaussian white noise, `x[i] ~ Normal(0, std²)` from {@link createRng}(seed).
 *
 * @param n - number of samples, an integer ≥ 1.
 * @param options - `seed` (safe integer), `std` (≥ 0, default 1).
 * @returns x, length n.
 * @throws TypeError/RangeError for bad n, seed or std.
 * @example
 * ```ts
 * whiteNoise(256, { seed: 1, std: 0.1 });
 * ```
 */
export function whiteNoise(n: number, options: { seed: number; std?: number }): Float64Array {
  checkInteger('n', n, 1);
  const opts = checkOptions<{ seed: number; std?: number }>('options', options, false);
  const std = opts.std === undefined ? 1 : checkNonNegative('std', opts.std);
  const rng = createRng(opts.seed);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = rng.normal(0, std);
  return x;
}

/** Options of {@link syntheticPpg}. */
export interface SyntheticPpgOptions {
  /** Heart rate (beats per minute), finite and > 0; the pulse fundamental is heartRate/60 Hz. */
  heartRate: number;
  /** Sampling rate (Hz). Default 32 (PPG-DaLiA). */
  fs?: number;
  /** Number of samples. Default 256 (8 s at 32 Hz). */
  n?: number;
  /** Seed of the random phases and noise (safe integer). */
  seed: number;
  /** Number of pulse harmonics, an integer ≥ 1; harmonic h has amplitude 0.5^(h−1). Default 3. */
  harmonics?: number;
  /** Respiration rate (breaths per minute, > 0) of the baseline wander. Default 15 (0.25 Hz). */
  respirationRate?: number;
  /** Amplitude of the respiratory baseline wander (≥ 0). Default 0.3. */
  respirationAmp?: number;
  /** Motion-artefact tones added as given. Default none. */
  motion?: readonly Tone[];
  /** Standard deviation of additive Gaussian noise (≥ 0). Default 0.05. */
  noiseStd?: number;
}

/**
 * A PPG-like test signal at a known heart rate:
 * `x(t) = Σ_{h=1}^{H} 0.5^{h−1} cos(2π·h·f_HR·t + φ_h) + A_r cos(2π·f_R·t + φ_R) + motion + ε`,
 * f_HR = heartRate/60 Hz, f_R = respirationRate/60 Hz, φ_1, φ_R uniform from the seed,
 * φ_h = h·φ_1 − (h − 1)·π/4 (a fixed pulse shape), ε ~ Normal(0, noiseStd²).
 *
 * @param options - see {@link SyntheticPpgOptions}; heartRate (bpm) and seed are required.
 * @returns x, length n (default 256 samples at 32 Hz).
 * @throws TypeError/RangeError for bad options.
 * @example
 * ```ts
 * const x = syntheticPpg({ heartRate: 90, seed: 7 }); // spectrum peaks at 1.5 Hz
 * ```
 */
export function syntheticPpg(options: SyntheticPpgOptions): Float64Array {
  const opts = checkOptions<SyntheticPpgOptions>('options', options, false);
  const heartRate = checkPositive('heartRate', opts.heartRate);
  const fs = opts.fs === undefined ? 32 : checkPositive('fs', opts.fs);
  const n = opts.n === undefined ? 256 : checkInteger('n', opts.n, 1);
  const harmonics = opts.harmonics === undefined ? 3 : checkInteger('harmonics', opts.harmonics, 1);
  const respirationRate =
    opts.respirationRate === undefined
      ? 15
      : checkPositive('respirationRate', opts.respirationRate);
  const respirationAmp =
    opts.respirationAmp === undefined
      ? 0.3
      : checkNonNegative('respirationAmp', opts.respirationAmp);
  const motion = opts.motion === undefined ? [] : checkTones('motion', opts.motion);
  const noiseStd = opts.noiseStd === undefined ? 0.05 : checkNonNegative('noiseStd', opts.noiseStd);
  const rng = createRng(opts.seed);
  const fHr = heartRate / 60;
  const pulsePhase = 2 * Math.PI * rng.uniform();
  const breathPhase = 2 * Math.PI * rng.uniform();
  const list: Tone[] = [];
  for (let h = 1; h <= harmonics; h++) {
    list.push({
      freq: h * fHr,
      amp: 0.5 ** (h - 1),
      phase: h * pulsePhase - ((h - 1) * Math.PI) / 4,
    });
  }
  list.push({ freq: respirationRate / 60, amp: respirationAmp, phase: breathPhase }, ...motion);
  const x = new Float64Array(n);
  addTones(x, list, fs);
  if (noiseStd > 0) for (let i = 0; i < n; i++) x[i] = (x[i] as number) + rng.normal(0, noiseStd);
  return x;
}
