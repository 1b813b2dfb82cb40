/**
 * The transposed copies in the wasm filter gradient (`buildPlanes`, dy in `viewsOnTheRight`) on
 * the V.C model's blocks: [64·256, 32] written with a row stride of 64·258 (per-sample padding),
 * eight rows per pass (`transposeInto`) against one element per pass (the previous loop), in the
 * same run. Run with `npx vitest bench --run bench/transpose.bench.ts`.
 */
import { bench, describe } from 'vitest';
import { transposeInto } from '../src/backend/conv2d-backprop-filter';

const BATCH = 64;
const STEPS = 256;
const PADDED = 258;
const CHANNELS = 32;
const source = Float32Array.from({ length: BATCH * STEPS * CHANNELS }, (_, i) => Math.sin(i));
const target = new Float32Array(CHANNELS * BATCH * PADDED);

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

function eightPerPass() {
  for (let b = 0; b < BATCH; b++) {
    transposeInto(
      source,
      b * STEPS * CHANNELS,
      STEPS,
      CHANNELS,
      target,
      b * PADDED + 2,
      BATCH * PADDED,
    );
  }
}

describe('transposed copy [64·256, 32] → [32, 64·258]', () => {
  bench('one element per pass (previous)', onePerPass, { time: 1000 });
  bench('eight rows per pass (transposeInto)', eightPerPass, { time: 1000 });
});
