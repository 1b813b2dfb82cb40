/**
 * The filter gradient of the V.C model's two causal convs (batch 64, 256 samples, 32 filters,
 * kernel 3) on wasm: the matMul over shifted views (`conv2DBackpropFilterGemm`, with its SIMD
 * tile transposes; the kernel before) and our direct WebAssembly SIMD kernel (what
 * `registerTrainingKernels` installs now), alternately in one process with fresh inputs every
 * call, as a training step makes them. Reported: process CPU ms per call (median of the rounds)
 * and the median of the per-round ratios direct / matMul. Run with
 * `cd packages/layers && ROUNDS=9 npx vitest bench --run bench/filter-gradient.bench.ts`.
 */
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { afterAll, bench, describe } from 'vitest';
import { cpuSeconds, median, newFigures, printTable } from './alternate';
import { setupBackend } from '../src/backend/index';
import {
  type Conv2DBackpropFilterWasmAttrs,
  conv2DBackpropFilterGemm,
  conv2DBackpropFilterWasm,
} from '../src/backend/conv2d-backprop-filter';
import { release, type WasmBackend } from '../src/backend/wasm-access';

const ROUNDS = Number(process.env.ROUNDS ?? 7);
const CALLS = Number(process.env.CALLS ?? 30);
const BATCH = 64;
const STEPS = 256;
const FILTERS = 32;

type Kernel = typeof conv2DBackpropFilterWasm;
const lines: string[] = [];

/** CPU ms per call of `kernel` on `CALLS` fresh (x, dy) pairs. */
function msPerCall(kernel: Kernel, cin: number): number {
  const backend = tf.backend() as WasmBackend;
  const attrs: Conv2DBackpropFilterWasmAttrs = {
    strides: [1, 1],
    dilations: [1, 1],
    pad: [
      [0, 0],
      [0, 0],
      [2, 0],
      [0, 0],
    ],
    dataFormat: 'NHWC',
    filterShape: [1, 3, cin, FILTERS],
  };
  const inputs = Array.from({ length: CALLS }, () => ({
    x: tf.randomNormal([BATCH, 1, STEPS, cin]),
    dy: tf.randomNormal([BATCH, 1, STEPS, FILTERS]),
  }));
  const seconds = cpuSeconds(() => {
    for (const { x, dy } of inputs) release(backend, kernel({ inputs: { x, dy }, backend, attrs }));
  });
  tf.dispose(inputs.flatMap(({ x, dy }) => [x, dy]));
  return (1000 * seconds) / CALLS;
}

describe('V.C filter gradients on wasm: matMul vs direct, alternating', () => {
  bench(
    'alternating rounds',
    async () => {
      await setupBackend({ backend: 'wasm' });
      const figures = newFigures();
      for (const cin of [1, FILTERS]) {
        const ms: Record<'gemm' | 'direct', number[]> = { gemm: [], direct: [] };
        const ratios: number[] = [];
        msPerCall(conv2DBackpropFilterGemm, cin);
        msPerCall(conv2DBackpropFilterWasm, cin);
        for (let round = 0; round < ROUNDS; round++) {
          const order =
            round % 2 === 0 ? (['gemm', 'direct'] as const) : (['direct', 'gemm'] as const);
          const t: Record<string, number> = {};
          for (const name of order) {
            t[name] = msPerCall(
              name === 'gemm' ? conv2DBackpropFilterGemm : conv2DBackpropFilterWasm,
              cin,
            );
          }
          ms.gemm.push(t.gemm!);
          ms.direct.push(t.direct!);
          ratios.push(t.direct! / t.gemm!);
        }
        lines.push(
          `| V.C layer ${cin === 1 ? 1 : 2} (cin ${cin}) | ${median(ms.gemm).toFixed(3)} | ${median(ms.direct).toFixed(3)} | ${median(ratios).toFixed(3)} | ${ratios.map((r) => r.toFixed(2)).join(', ')} |`,
        );
      }
      lines.push(
        `machine: ${cpus().length} cores, Node ${process.versions.node}, tfjs ${tf.version.tfjs}; ${ROUNDS} rounds of ${CALLS} calls; 1-min load average ${figures.load.start.toFixed(1)} at start`,
      );
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0, throws: true },
  );
});

afterAll(() => {
  printTable(
    'filter-gradient',
    [
      '',
      '| filter gradient | matMul, CPU ms/call | direct | direct / matMul (median of rounds) | per-round ratios |',
      '| --- | --- | --- | --- | --- |',
      ...lines,
    ].join('\n'),
  );
});
