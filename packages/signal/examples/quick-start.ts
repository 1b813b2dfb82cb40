/**
 * Quick start: ReLU as a half-wave rectifier, seen through @rectify/signal.
 * A 5 Hz cosine of amplitude a = 2 (fs = 64 Hz, 256 samples, every line on a bin) goes through
 * ReLU; its amplitude spectrum shows a DC of a/π, the fundamental at a/2, the second harmonic at
 * 2a/(3π) and no third harmonic. Then the response of a 2-tap average at 5 Hz.
 *
 * Run: npm run example -w @rectify/signal
 */
import { amplitudeSpectrum, complexAbs, freqz, tones, valueAt } from '@rectify/signal';

/** Computes the report lines (exported so a test checks them against the README). */
export function quickStart(): string[] {
  const fs = 64;
  const x = tones([{ freq: 5, amp: 2 }], { fs, n: 256 });
  const relu = x.map((v) => Math.max(0, v));
  const spectrum = amplitudeSpectrum(relu, { fs });
  const line = (label: string, f: number, note: string) =>
    `${label.padEnd(6)} ${valueAt(spectrum, f).toFixed(3)}  ${note}`;
  const { h } = freqz([0.5, 0.5], [1], { worN: [5], fs });
  return [
    line('DC', 0, '(a/π = 0.637)'),
    line('5 Hz', 5, '(a/2 = 1)'),
    line('10 Hz', 10, '(2a/(3π) = 0.424)'),
    line('15 Hz', 15, '(odd harmonics vanish)'),
    `|H(5 Hz)| of [0.5, 0.5] at fs = 64 Hz: ${complexAbs(h)[0]!.toFixed(4)}`,
  ];
}

console.log(quickStart().join('\n'));
