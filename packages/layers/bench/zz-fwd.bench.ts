import '@tensorflow/tfjs-backend-wasm';
import * as tf from '@tensorflow/tfjs';
import { bench, describe } from 'vitest';
import { cpuSeconds, median } from './alternate';
import { directConv2d } from '../src/backend/conv2d';
import { release, type WasmBackend } from '../src/backend/wasm-access';
const stock = tf.getKernel('FusedConv2D', 'wasm')!;
describe('k', () => {
  bench(
    'k',
    async () => {
      await tf.setBackend('wasm');
      await tf.ready();
      const backend = tf.backend() as WasmBackend;
      for (const cin of [1, 32]) {
        const xs = Array.from({ length: 8 }, () => tf.randomNormal([64, 1, 256, cin]));
        const ws = Array.from({ length: 8 }, () => tf.randomNormal([1, 3, cin, 32]));
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
        } as never;
        const a = () => {
          for (let i = 0; i < 40; i++)
            release(
              backend,
              stock.kernelFunc({
                inputs: { x: xs[i % 8]!, filter: ws[i % 8]! },
                backend,
                attrs,
              }) as tf.TensorInfo,
            );
        };
        const b = () => {
          for (let i = 0; i < 40; i++)
            release(
              backend,
              directConv2d('FusedConv2D', {
                inputs: { x: xs[i % 8]!, filter: ws[i % 8]! },
                backend,
                attrs,
              } as never)!,
            );
        };
        a();
        b();
        const ratios: number[] = [];
        const ta: number[] = [];
        const tb: number[] = [];
        for (let r = 0; r < 9; r++) {
          const x = cpuSeconds(a);
          const y = cpuSeconds(b);
          ta.push(x * 25);
          tb.push(y * 25);
          ratios.push(y / x);
        }
        console.log(
          `cin ${cin}: stock ${median(ta).toFixed(3)} ms, ours ${median(tb).toFixed(3)} ms, ours/stock ${median(ratios).toFixed(3)} [${ratios.map((r) => r.toFixed(2)).join(' ')}]`,
        );
        tf.dispose([...xs, ...ws]);
      }
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0, throws: true },
  );
});
