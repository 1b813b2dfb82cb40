/**
 * rfft over the committed sweep against numpy, interleaved call by call (Node only; run with
 * `npm run bench:interleaved` in packages/signal). For each length, rounds alternate a burst of
 * single TS calls with the same burst of numpy calls (tools/fixtures/signal/time_fft_server.py,
 * a child process), so a load spike on the shared machine hits both sides alike; each side keeps
 * its shortest call. Prints a Markdown table of TS / numpy ratios (below 1: faster than numpy):
 * `rfft(x)` with a fresh output, like numpy, and `rfft(x, out)` into a caller-owned array.
 *
 * Usage: npm run bench:interleaved [-- ROUNDS [N,N,…]]   (default 15 rounds per length; the
 * optional comma-separated lengths replace the sweep, e.g. `-- 9 20480,65537`)
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { rfft } from '../src/index';

// Run from packages/signal (the npm script bundles this file elsewhere, so not import.meta.url).
const root = new URL('../../', pathToFileURL(`${process.cwd()}/`));
const sweep = JSON.parse(
  readFileSync(new URL('tools/fixtures/signal/fft_sweep.json', root), 'utf8'),
) as { lengths: number[] };
const rounds = Number(process.argv[2] ?? 15);
if (!Number.isInteger(rounds) || rounds < 1) {
  throw new RangeError(`ROUNDS must be an integer >= 1, got ${process.argv[2]}`);
}
const lengths =
  process.argv[3] === undefined ? sweep.lengths : process.argv[3].split(',').map(Number);
for (const n of lengths) {
  if (!Number.isInteger(n) || n < 1) {
    throw new RangeError(`each of N,N,… must be an integer >= 1, got ${process.argv[3]}`);
  }
}

const server = spawn(
  'python3',
  [new URL('tools/fixtures/signal/time_fft_server.py', root).pathname],
  { stdio: ['pipe', 'pipe', 'inherit'] },
);
const answers = createInterface({ input: server.stdout })[Symbol.asyncIterator]();

/** numpy's shortest of `reps` calls at length n (µs). */
async function numpyCall(n: number, reps: number): Promise<number> {
  server.stdin.write(`${n} ${reps}\n`);
  const line = await answers.next();
  if (line.done) throw new Error('time_fft_server.py exited early');
  return Number(line.value);
}

console.log('| n | TS min (µs) | TS with out (µs) | numpy min (µs) | ratio | ratio with out |');
console.log('|---:|---:|---:|---:|---:|---:|');
for (const n of lengths) {
  const x = new Float64Array(n).map((_, i) => Math.sin(0.001 * i));
  const out = new Float64Array(2 * (Math.floor(n / 2) + 1));
  const warm = performance.now();
  while (performance.now() - warm < 100) rfft(x);
  const reps = Math.max(3, Math.min(50, Math.floor(2e5 / n)));
  let ts = Number.POSITIVE_INFINITY;
  let tsOut = Number.POSITIVE_INFINITY;
  let ref = Number.POSITIVE_INFINITY;
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < reps; k++) {
      const start = performance.now();
      rfft(x);
      ts = Math.min(ts, (performance.now() - start) * 1000);
    }
    for (let k = 0; k < reps; k++) {
      const start = performance.now();
      rfft(x, out);
      tsOut = Math.min(tsOut, (performance.now() - start) * 1000);
    }
    ref = Math.min(ref, await numpyCall(n, reps));
  }
  const cells = [ts, tsOut, ref].map((v) => v.toPrecision(4));
  console.log(
    `| ${n} | ${cells.join(' | ')} | ${(ts / ref).toFixed(2)}× | ${(tsOut / ref).toFixed(2)}× |`,
  );
}
server.stdin.end();
