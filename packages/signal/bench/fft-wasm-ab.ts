/**
 * rfft through the WebAssembly passes against the JS passes, in one process, alternating bursts
 * (Node only; `npm run bench:wasm-ab [-- ROUNDS [N,N,…]]` in packages/signal). Prints each
 * path's shortest call, their ratio and whether the two outputs are bit-identical.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { rfft } from '../src/index';
import { fftWasmReady, setFftWasmEnabled } from '../src/fft-wasm';

const root = new URL('../../', pathToFileURL(`${process.cwd()}/`));
const sweep = JSON.parse(
  readFileSync(new URL('tools/fixtures/signal/fft_sweep.json', root), 'utf8'),
) as { lengths: number[] };
const rounds = Number(process.argv[2] ?? 9);
const lengths =
  process.argv[3] === undefined ? sweep.lengths : process.argv[3].split(',').map(Number);
if (!fftWasmReady()) throw new Error('the WebAssembly path is not available here');

console.log('| n | JS (µs) | wasm (µs) | wasm / JS | same bits |');
console.log('|---:|---:|---:|---:|---|');
for (const n of lengths) {
  const x = new Float64Array(n).map((_, i) => Math.sin(0.001 * i));
  const out = new Float64Array(2 * (Math.floor(n / 2) + 1));
  const reps = Math.max(3, Math.min(50, Math.floor(2e5 / n)));
  const best = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
  for (let r = 0; r < rounds + 1; r++) {
    for (const side of [0, 1]) {
      setFftWasmEnabled(side === 1);
      for (let k = 0; k < reps; k++) {
        const start = performance.now();
        rfft(x, out);
        const t = (performance.now() - start) * 1000;
        if (r > 0) best[side] = Math.min(best[side] as number, t);
      }
    }
  }
  setFftWasmEnabled(false);
  const js = rfft(x);
  setFftWasmEnabled(true);
  const wasm = rfft(x);
  const same = js.every((v, i) => Object.is(v, wasm[i]));
  const [a, b] = best as [number, number];
  console.log(
    `| ${n} | ${a.toPrecision(4)} | ${b.toPrecision(4)} | ${(b / a).toFixed(2)} | ${same ? 'yes' : 'NO'} |`,
  );
}
