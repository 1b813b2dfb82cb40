import { complexAbs, conv1d, freqz, tones } from '@rectify/signal';
import { dcAfterFilter, relu } from '@rectify/theory';
import type { FilterParams } from './state';

/** The pooled features of one tone after filter → (ReLU) → global average pooling. */
export interface PooledTone {
  /** Tone frequency (Hz). */
  freq: number;
  /** |H(freq)| of the kernel. */
  gain: number;
  /** mean(ReLU(conv(x))) measured on the sampled tone. */
  measuredRelu: number;
  /** amp·|H(freq)|/π, the theory's prediction (`dcAfterFilter`). */
  predictedRelu: number;
  /** mean(conv(x)) without the ReLU (≈ 0 for a zero-mean tone). */
  measuredLinear: number;
}

/** What the filter page draws. */
export interface FilterView {
  /** Frequency grid (Hz) of the response, 0 … fs/2. */
  freqs: Float64Array;
  /** |H(f)| on the grid. */
  gain: Float64Array;
  /** amp·|H(f)|/π on the grid (null at 0 Hz, where no tone is defined). */
  predictedCurve: (number | null)[];
  tones: PooledTone[];
}

/** Grid points of the frequency response. */
const RESPONSE_POINTS = 512;

/** Global average pooling: the time-average of a feature map (what the network's pooled value is). */
function globalAveragePool(y: Float64Array): number {
  let s = 0;
  for (const v of y) s += v;
  return s / y.length;
}

/** Filters each tone with the kernel (Keras causal cross-correlation), rectifies and pools it. */
export function computeFilter(params: FilterParams): FilterView {
  const { kernel, fs, n, amp } = params;
  const { w, h } = freqz(kernel, [1], { worN: RESPONSE_POINTS, fs, includeNyquist: true });
  const gain = complexAbs(h);
  const predictedCurve = Array.from(w, (f) => (f > 0 ? dcAfterFilter(kernel, f, amp, fs) : null));
  const pooled = params.freqs.map((freq): PooledTone => {
    const x = tones([{ freq, amp }], { fs, n });
    const y = conv1d(x, kernel, { padding: 'causal' });
    return {
      freq,
      gain: complexAbs(freqz(kernel, [1], { worN: [freq], fs }).h)[0] ?? Number.NaN,
      measuredRelu: globalAveragePool(y.map(relu)),
      predictedRelu: dcAfterFilter(kernel, freq, amp, fs),
      measuredLinear: globalAveragePool(y),
    };
  });
  return { freqs: w, gain, predictedCurve, tones: pooled };
}
