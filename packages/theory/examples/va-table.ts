/**
 * Measures the README tables on the paper's V.A signal and prints them as Markdown.
 * Run from packages/theory:
 *   npx esbuild examples/va-table.ts --bundle --platform=node --format=esm \
 *     --conditions=@rectify/source --outfile=dist/examples/va-table.mjs && node dist/examples/va-table.mjs
 */
import { amplitudeSpectrum, tones as sampleTones } from '@rectify/signal';
import { convergenceStudy, firstOrderDc, predictRelu, reluDc, seriesError } from '@rectify/theory';

const tones = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
const fs = 1024;
const n = 8192;
const x = sampleTones(tones, { fs, n });
const termsList = [1, 2, 5, 10, 20, 50, 100, 200];
const e = (v: number) => v.toExponential(2);

console.log(
  '| terms | binomial rel. RMSE | binomial max err | Chebyshev rel. RMSE | Chebyshev max err | authors\' "%RRMSE" (vs input) |',
);
console.log('|---:|---:|---:|---:|---:|---:|');
for (const terms of termsList) {
  const b = seriesError(x, terms, { tones });
  const c = seriesError(x, terms, { tones, method: 'chebyshev' });
  console.log(
    `| ${terms} | ${e(b.relativeRmse)} | ${e(b.maxAbsError)} | ${e(c.relativeRmse)} | ${e(c.maxAbsError)} | ${b.authorsPercentRrmse.toFixed(3)} |`,
  );
}

console.log(
  '\n| method | measure | power law C·N^(−p): p, r² | exponential C·e^(−rN): r, r² | better |',
);
console.log('|---|---|---|---|---|');
for (const method of ['binomial', 'chebyshev'] as const) {
  const s = convergenceStudy(x, termsList.slice(2), { tones, method });
  for (const [name, fit] of [
    ['rel. RMSE', s.relativeRmse],
    ['max err', s.maxAbsError],
  ] as const) {
    console.log(
      `| ${method} | ${name} | ${fit.powerLaw.rate.toFixed(3)}, ${fit.powerLaw.r2.toFixed(4)} | ${fit.exponential.rate.toFixed(4)}, ${fit.exponential.r2.toFixed(4)} | ${fit.better} |`,
    );
  }
}

const exact = reluDc(tones);
let sampled = 0;
for (const v of x) sampled += Math.max(v, 0);
sampled /= n;
console.log('\n| DC of ReLU(x) on V.A | value | error vs exact |');
console.log('|---|---:|---:|');
console.log(`| exact (period integration) | ${exact.toFixed(9)} | — |`);
console.log(`| sampled mean (8192 samples) | ${sampled.toFixed(9)} | ${e(sampled - exact)} |`);
console.log(
  `| independent phases (Bessel integral) | ${reluDc(tones, { method: 'bessel' }).toFixed(9)} | ${e(reluDc(tones, { method: 'bessel' }) - exact)} |`,
);
const first = firstOrderDc(tones);
console.log(`| first order sqrt(A)/2 | ${first.toFixed(9)} | ${e(first - exact)} |`);
for (const terms of [10, 50, 200]) {
  for (const method of ['binomial', 'chebyshev'] as const) {
    const dc = predictRelu(tones, { terms, method }).dc;
    console.log(`| truncated ${method}, ${terms} terms | ${dc.toFixed(9)} | ${e(dc - exact)} |`);
  }
}

const spectrum = amplitudeSpectrum(
  x.map((v) => Math.max(v, 0)),
  { fs },
);
let largest = 0;
for (const a of spectrum.amplitude) largest = Math.max(largest, a);
const strong: { freq: number; amplitude: number }[] = [];
spectrum.amplitude.forEach((a, i) => {
  if (a > 0.01 * largest) strong.push({ freq: spectrum.freqs[i] as number, amplitude: a });
});
console.log(
  `\nPrediction vs FFT of the sampled ReLU: ${strong.length} measured lines above 1% of the largest peak (${largest.toFixed(4)}).`,
);
console.log(
  '\n| terms | method | lines kept | distinct freqs | all strong lines predicted | worst abs. amplitude error | time (ms) |',
);
console.log('|---:|---|---:|---:|---|---:|---:|');
for (const terms of [5, 10, 20, 50, 100]) {
  for (const method of ['binomial', 'chebyshev'] as const) {
    const t0 = performance.now();
    const p = predictRelu(tones, { terms, method });
    const ms = performance.now() - t0;
    const merged = p.byFrequency();
    let worst = 0;
    let all = true;
    for (const line of strong) {
      const hit = merged.find((m) => Math.abs(m.freq - line.freq) < 1e-9);
      if (hit === undefined) all = false;
      worst = Math.max(worst, Math.abs((hit?.amplitude ?? 0) - line.amplitude));
    }
    console.log(
      `| ${terms} | ${method} | ${p.size} | ${merged.length} | ${all ? 'yes' : 'no'} | ${e(worst)} | ${ms.toFixed(1)} |`,
    );
  }
}
