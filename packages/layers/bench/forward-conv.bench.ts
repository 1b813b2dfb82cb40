/**
 * The forward conv of the V.C model's two causal convs (`FusedConv2D` with a ReLU, batch 64,
 * 256 samples, 32 filters, kernel 3, explicit causal padding) on wasm: tfjs-wasm's own (XNNPACK)
 * kernel and ours (`directConv2d`), alternately in one process, `ROUNDS` rounds of 40 calls on 8
 * rotating (x, filter) pairs. Reported: CPU ms per call (medians) and the per-round ratios
 * ours / stock. Run with `cd packages/layers && npx vitest bench --run bench/forward-conv.bench.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { afterAll, bench, describe } from 'vitest';
import { cpuSeconds, median, printTable } from './alternate';
import { directConv2d } from '../src/backend/conv2d';
import { release, type WasmBackend } from '../src/backend/wasm-access';

const ROUNDS = Number(process.env.ROUNDS ?? 9);
const CALLS = 40;
/** The stock kernel, taken before anything replaces it. */
const stock = tf.getKernel('FusedConv2D', 'wasm')!;
const lines: string[] = [];

describe('V.C forward conv on wasm: XNNPACK vs ours, alternating', () => {
  bench(
    'alternating rounds',
    async () => {
      await tf.setBackend('wasm');
      await tf.ready();
      const backend = tf.backend() as WasmBackend;
      const attrs = {
        strides: [1, 1],
        dilations: [1, 1],
        pad: [
          [0, 0],
          [0, 0],
          [2, 0],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        activation: 'relu',
      };
      for (const cin of [1, 32]) {
        const xs = Array.from({ length: 8 }, () => tf.randomNormal([64, 1, 256, cin]));
        const filters = Array.from({ length: 8 }, () => tf.randomNormal([1, 3, cin, 32]));
        const args = (i: number) =>
          ({ inputs: { x: xs[i % 8]!, filter: filters[i % 8]! }, backend, attrs }) as never;
        const runStock = () => {
          for (let i = 0; i < CALLS; i++) {
            release(backend, stock.kernelFunc(args(i)) as tf.TensorInfo);
          }
        };
        const runOurs = () => {
          for (let i = 0; i < CALLS; i++) release(backend, directConv2d('FusedConv2D', args(i))!);
        };
        runStock();
        runOurs();
        const ms: Record<'stock' | 'ours', number[]> = { stock: [], ours: [] };
        const ratios: number[] = [];
        for (let r = 0; r < ROUNDS; r++) {
          const a = cpuSeconds(runStock);
          const b = cpuSeconds(runOurs);
          ms.stock.push((1000 * a) / CALLS);
          ms.ours.push((1000 * b) / CALLS);
          ratios.push(b / a);
        }
        lines.push(
          `| cin ${cin} | ${median(ms.stock).toFixed(3)} | ${median(ms.ours).toFixed(3)} | ${median(ratios).toFixed(3)} | ${ratios.map((q) => q.toFixed(2)).join(', ')} |`,
        );
        tf.dispose([...xs, ...filters]);
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0, throws: true },
  );
});

afterAll(() => {
  printTable(
    'forward-conv',
    [
      '',
      '| forward conv | XNNPACK, CPU ms/call | ours | ours / XNNPACK (median) | per-round ratios |',
      '| --- | --- | --- | --- | --- |',
      ...lines,
    ].join('\n'),
  );
});
