/**
 * Test inputs defined by formula, evaluated identically by the fixture generators
 * (tools/fixtures/signal/common.py), so fixtures store outputs only.
 */

/** sin(0.7 j + 0.3) + 0.25 cos(0.013 j j) + 0.1, j = 0 … n − 1. */
export function signalA(n: number): Float64Array {
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = Math.sin(0.7 * j + 0.3) + 0.25 * Math.cos(0.013 * j * j) + 0.1;
  return x;
}

/** cos(1.9 j − 0.4) − 0.5 sin(0.031 j), j = 0 … n − 1. */
export function signalB(n: number): Float64Array {
  const x = new Float64Array(n);
  for (let j = 0; j < n; j++) x[j] = Math.cos(1.9 * j - 0.4) - 0.5 * Math.sin(0.031 * j);
  return x;
}

/** Bin indices stored by a strided fixture: 0, s, 2s, … and the last bin. */
export function stridedIndices(count: number, stride: number): number[] {
  const idx: number[] = [];
  for (let k = 0; k < count; k += stride) idx.push(k);
  if (idx[idx.length - 1] !== count - 1) idx.push(count - 1);
  return idx;
}

/** Picks complex bins `idx` from an interleaved array. */
export function pickBins(z: Float64Array, idx: number[]): Float64Array {
  const out = new Float64Array(2 * idx.length);
  idx.forEach((k, i) => {
    out[2 * i] = z[2 * k] as number;
    out[2 * i + 1] = z[2 * k + 1] as number;
  });
  return out;
}
