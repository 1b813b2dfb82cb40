import { checkInteger, checkOneOf } from './validate';

/** Window names accepted by {@link getWindow} and {@link amplitudeSpectrum}. */
export type WindowName = 'rectangular' | 'hann' | 'hamming' | 'blackman' | 'flattop';

/** All window names, in the order the README lists them. */
export const windowNames: readonly WindowName[] = [
  'rectangular',
  'hann',
  'hamming',
  'blackman',
  'flattop',
];

/** Cosine-sum coefficients a_j of w = Σ_j a_j cos(j·θ), θ from −π to π (scipy's general_cosine). */
const cosineCoefficients: Record<Exclude<WindowName, 'rectangular'>, readonly number[]> = {
  hann: [0.5, 0.5],
  hamming: [0.54, 0.46],
  blackman: [0.42, 0.5, 0.08],
  flattop: [0.21557895, 0.41663158, 0.277263158, 0.083578947, 0.006947368],
};

/**
 * A periodic ("DFT-even") window of length n, exactly scipy.signal.get_window(name, n) with its
 * default `fftbins=True`: the symmetric window of length n + 1 without its last point,
 * `w_k = Σ_j a_j cos(j(2πk/n − π))`, k = 0 … n − 1 (hann a = [0.5, 0.5], hamming [0.54, 0.46],
 * blackman [0.42, 0.5, 0.08], flattop scipy's 5-term coefficients; rectangular w = 1; any
 * window of length 1 is [1], as in scipy).
 *
 * @param name - one of 'rectangular', 'hann', 'hamming', 'blackman', 'flattop'.
 * @param n - length (samples), an integer ≥ 1.
 * @returns the window, length n.
 * @throws RangeError/TypeError for an unknown name or a bad length.
 * @example
 * ```ts
 * getWindow('hann', 4); // [0, 0.5, 1, 0.5]
 * ```
 */
export function getWindow(name: WindowName, n: number): Float64Array {
  checkOneOf('window', name, windowNames);
  checkInteger('n', n, 1);
  const w = new Float64Array(n);
  // scipy returns ones for n = 1 whatever the window.
  if (name === 'rectangular' || n === 1) return w.fill(1);
  const a = cosineCoefficients[name];
  // scipy: fac = linspace(−π, π, M) with M = n + 1, i.e. −π + k·(2π/n).
  const step = (2 * Math.PI) / n;
  for (let k = 0; k < n; k++) {
    const theta = -Math.PI + k * step;
    let sum = 0;
    for (let j = 0; j < a.length; j++) sum += (a[j] as number) * Math.cos(j * theta);
    w[k] = sum;
  }
  return w;
}
