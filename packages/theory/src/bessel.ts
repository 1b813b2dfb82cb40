import { checkFinite } from '@rectify/signal';

function j0Series(z: number): number {
  const q = -(z * z) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; k < 40; k++) {
    term *= q / (k * k);
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return sum;
}

/** Miller's backward recurrence J_{k−1} = (2k/z)·J_k − J_{k+1}, normalised by J0 + 2ΣJ_{2k} = 1. */
function j0Miller(z: number): number {
  const start = 2 * Math.ceil((z + 45) / 2);
  let next = 0;
  let current = 1e-30;
  let j0 = 0;
  let norm = 0;
  for (let k = start; k >= 1; k--) {
    const previous = ((2 * k) / z) * current - next;
    next = current;
    current = previous;
    if (k - 1 > 0 && (k - 1) % 2 === 0) norm += 2 * current;
    if (Math.abs(current) > 1e250) {
      current *= 1e-250;
      next *= 1e-250;
      norm *= 1e-250;
    }
  }
  j0 = current;
  norm += j0;
  return j0 / norm;
}

/** Hankel's asymptotic expansion J0(z) = sqrt(2/(πz))·(P cos χ − Q sin χ), χ = z − π/4. */
function j0Asymptotic(z: number): number {
  let p = 0;
  let q = 0;
  let t = 1;
  for (let k = 0; k < 60; k++) {
    const sign = Math.floor(k / 2) % 2 === 0 ? 1 : -1;
    if (k % 2 === 0) p += sign * t;
    else q += sign * t;
    const nextT = (t * -((2 * k + 1) * (2 * k + 1))) / (8 * (k + 1) * z);
    if (Math.abs(nextT) < 1e-17 || Math.abs(nextT) > Math.abs(t)) break;
    t = nextT;
  }
  const chi = z - Math.PI / 4;
  return Math.sqrt(2 / (Math.PI * z)) * (p * Math.cos(chi) - q * Math.sin(chi));
}

/**
 * The Bessel function of the first kind of order 0, `J0(z) = (1/π)∫_0^π cos(z sin τ) dτ`.
 * Power series for |z| < 1, Miller's backward recurrence (normalised by
 * `J0 + 2Σ_k J_{2k} = 1`) for 1 <= |z| <= 25, and Hankel's asymptotic expansion beyond,
 * summed to its smallest term (truncation error below e^(−2|z|) < 2e−22). Measured against
 * scipy.special.j0 on [0, 200]: absolute error < 1e−14.
 *
 * @param z - argument (dimensionless), finite; J0 is even.
 * @returns J0(z).
 * @throws RangeError for a non-finite z.
 * @example
 * ```ts
 * besselJ0(2.404825557695773); // ≈ 0 (first zero)
 * ```
 */
export function besselJ0(z: number): number {
  checkFinite('z', z);
  return j0(z);
}

/** Unchecked J0 for hot loops. @internal */
export function j0(z: number): number {
  const a = Math.abs(z);
  if (a < 1) return j0Series(a);
  if (a <= 25) return j0Miller(a);
  return j0Asymptotic(a);
}

let gaussCache: { nodes: Float64Array; weights: Float64Array } | null = null;

/** 16-point Gauss–Legendre nodes and weights on [−1, 1], by Newton's method on P_16. */
function gaussLegendre16(): { nodes: Float64Array; weights: Float64Array } {
  if (gaussCache !== null) return gaussCache;
  const n = 16;
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let x = Math.cos((Math.PI * (i + 0.75)) / (n + 0.5));
    let dp = 0;
    for (let iter = 0; iter < 100; iter++) {
      let p0 = 1;
      let p1 = x;
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
        p0 = p1;
        p1 = p2;
      }
      dp = (n * (x * p1 - p0)) / (x * x - 1);
      const dx = p1 / dp;
      x -= dx;
      if (Math.abs(dx) < 1e-16) break;
    }
    nodes[i] = x;
    weights[i] = 2 / ((1 - x * x) * dp * dp);
  }
  gaussCache = { nodes, weights };
  return gaussCache;
}

/**
 * E|x| for x = Σ a_i cos(θ_i) with independent uniform phases θ_i (the time average of |x| for
 * incommensurate tones): `E|x| = (2/π) ∫_0^∞ (1 − Π_i J0(a_i u)) / u² du`.
 * After scaling u by S = Σ a_i, the integral runs on [0, V] in panels of width 2π with 16-point
 * Gauss–Legendre, and ∫_V^∞ du/u² = 1/V is added exactly; V is chosen so that the neglected
 * `∫_V^∞ Π J0 / u²`, bounded with |J0(z)| <= sqrt(2/(πz)), is below 1e−10 relative (at most
 * 2·10⁵ panels).
 *
 * @internal
 */
export function meanAbsIndependent(amps: readonly number[]): number {
  const active = amps.filter((a) => a > 0);
  if (active.length === 0) return 0;
  const S = active.reduce((s, a) => s + a, 0);
  const b = active.map((a) => a / S);
  const n = b.length;
  const sumSq = b.reduce((s, v) => s + v * v, 0);
  const estimate = Math.sqrt(sumSq / Math.PI) * (Math.PI / 2);
  const tol = 1e-10 * estimate;
  let C = 1;
  for (const v of b) C *= Math.sqrt(2 / (Math.PI * v));
  const p = 1 + n / 2;
  const panelWidth = 2 * Math.PI;
  const V0 = (C / (p * tol)) ** (1 / p);
  const panels = Math.min(200_000, Math.max(64, Math.ceil(V0 / panelWidth)));
  const V = panels * panelWidth;
  const { nodes, weights } = gaussLegendre16();
  let integral = 0;
  const half = panelWidth / 2;
  for (let j = 0; j < panels; j++) {
    const mid = (j + 0.5) * panelWidth;
    let s = 0;
    for (let g = 0; g < 16; g++) {
      const v = mid + half * (nodes[g] as number);
      let prod = 1;
      for (let i = 0; i < n; i++) prod *= j0((b[i] as number) * v);
      s += (weights[g] as number) * ((1 - prod) / (v * v));
    }
    integral += half * s;
  }
  integral += 1 / V;
  return ((2 * S) / Math.PI) * integral;
}
