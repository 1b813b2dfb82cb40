/**
 * The transposed copies in the wasm filter gradient (`buildPlanes`, dy in `viewsOnTheRight`) on
 * the V.C model's blocks: [64·256, 32] written with a row stride of 64·258 (per-sample padding),
 * one element per pass (the loop before `transposeInto`), eight rows per pass in JS
 * (`transposeInto` alone) and 4 × 4 wasm SIMD tiles on the heap (`transposeInto` with
 * `heapTranspose4`, what the kernels run now), in the same run. Run with
 * `npx vitest bench --run bench/transpose.bench.ts`.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { bench, describe } from 'vitest';
import { transposeInto } from '../src/backend/conv2d-backprop-filter';
import { heapTranspose4 } from '../src/backend/heap-transpose';
import { floatView, type WasmBackend } from '../src/backend/wasm-access';

const BATCH = 64;
const STEPS = 256;
const PADDED = 258;
const CHANNELS = 32;

await tf.setBackend('wasm');
await tf.ready();
const backend = tf.backend() as WasmBackend;
const sourceInfo = backend.makeOutput([BATCH * STEPS * CHANNELS], 'float32');
const targetInfo = backend.makeOutput([CHANNELS * BATCH * PADDED], 'float32');
const tiles = heapTranspose4(backend);
if (tiles === undefined) throw new Error('transpose.bench: no wasm SIMD tile transpose here');
// Views taken after both allocations (a growing heap detaches earlier views).
const source = floatView(backend, sourceInfo);
const target = floatView(backend, targetInfo);
for (let i = 0; i < source.length; i++) source[i] = Math.sin(i);

function onePerPass() {
  for (let b = 0; b < BATCH; b++) {
    let src = b * STEPS * CHANNELS;
    for (let t = 0; t < STEPS; t++) {
      let dst = b * PADDED + 2 + t;
      for (let c = 0; c < CHANNELS; c++) {
        target[dst] = source[src]!;
        dst += BATCH * PADDED;
        src++;
      }
    }
  }
}

function blocks(withTiles: boolean) {
  for (let b = 0; b < BATCH; b++) {
    transposeInto(
      source,
      b * STEPS * CHANNELS,
      STEPS,
      CHANNELS,
      target,
      b * PADDED + 2,
      BATCH * PADDED,
      withTiles ? tiles : undefined,
    );
  }
}

describe('transposed copy [64·256, 32] → [32, 64·258]', () => {
  bench('one element per pass (before transposeInto)', onePerPass, { time: 1000 });
  bench('eight rows per pass in JS (transposeInto)', () => blocks(false), { time: 1000 });
  bench('4 × 4 wasm SIMD tiles (transposeInto + heapTranspose4)', () => blocks(true), {
    time: 1000,
  });
});
