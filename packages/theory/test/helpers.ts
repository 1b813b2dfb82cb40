/** The paper's V.A signal, shared by the tests: Σ cos(2π f t), f = 10, 5, 20, 40 Hz, fs 1024, n 8192. */
export const vaTones = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
export const vaFs = 1024;
export const vaN = 8192;

/** Samples Σ a cos(2π f i/fs + φ). */
export function sampleTones(
  tones: readonly { freq: number; amp: number; phase?: number }[],
  fs: number,
  n: number,
): Float64Array {
  const x = new Float64Array(n);
  for (const t of tones) {
    for (let i = 0; i < n; i++) {
      x[i] = (x[i] as number) + t.amp * Math.cos((2 * Math.PI * t.freq * i) / fs + (t.phase ?? 0));
    }
  }
  return x;
}

export const vaSignal = (): Float64Array => sampleTones(vaTones, vaFs, vaN);
