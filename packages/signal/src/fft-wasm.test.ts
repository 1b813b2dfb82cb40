import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { compileFftWasm, moduleText } from '../wasm/build.mjs';
import { cachedPlan, PLAN_CACHE_BYTES, planCacheBytes, rfft } from './fft';
import { factorize } from './fft-kernels';
import {
  decodeBase64,
  fftWasmReady,
  setFftWasmEnabled,
  WASM_HEAP_LIMIT,
  WASM_MAX_POINTS,
  WASM_MIN_POINTS,
  wasmHeapBytes,
  wasmTableBytes,
} from './fft-wasm';
import { FFT_WASM_BASE64 } from './fft-wasm-module';
import { signalA } from '../test/inputs';

/** Every double of a and b compared as bits (−0 ≠ +0): "bit-identical". */
function firstDifference(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return -2;
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return i;
  return -1;
}

/** rfft of x through the JS passes and through the WebAssembly passes. */
function bothPaths(x: Float64Array): { js: Float64Array; wasm: Float64Array } {
  setFftWasmEnabled(false);
  const js = rfft(x);
  setFftWasmEnabled(true);
  const wasm = rfft(x);
  return { js, wasm };
}

afterEach(() => setFftWasmEnabled(true));

describe('the WebAssembly FFT module', () => {
  it('is the one wasm/fft.ts compiles to (rebuilt here with asc, byte for byte)', async () => {
    const bytes = await compileFftWasm();
    expect(Buffer.from(decodeBase64(FFT_WASM_BASE64)).equals(Buffer.from(bytes))).toBe(true);
    const committed = readFileSync(new URL('./fft-wasm-module.ts', import.meta.url), 'utf8');
    expect(committed).toBe(moduleText(bytes));
    // Small, so that compiling it synchronously on a browser's main thread stays cheap: Chromium
    // 150 refuses that above 8 MB (fft-wasm.browser.test.ts checks that it compiles there).
    expect(bytes.length).toBeLessThanOrEqual(8192);
  }, 60_000);

  it('decodes base64 like Buffer at every length mod 3, padded or not', () => {
    for (let length = 0; length < 40; length++) {
      const bytes = Buffer.from(Array.from({ length }, (_, i) => (i * 37 + 11) & 255));
      const text = bytes.toString('base64');
      expect(Array.from(decodeBase64(text)), `length ${length}`).toEqual(Array.from(bytes));
      expect(Array.from(decodeBase64(text.replace(/=+$/, '')))).toEqual(Array.from(bytes));
    }
  });

  it('runs in Node (compiled synchronously)', () => {
    expect(fftWasmReady()).toBe(true);
  });
});

describe('rfft through WebAssembly gives the bits of the JS passes', () => {
  // Every radix the Stockham passes take, with and without twiddles: radix 2, 3, 4, 5, 7, 8, 11
  // and 13 in WebAssembly, the generic butterfly (17) as the JS pass on the module's memory;
  // from the smallest half length that runs there (WASM_MIN_POINTS) to the largest.
  const lengths = [2 * WASM_MIN_POINTS, 136, 160, 192, 200, 250, 256, 300, 1000, 1024, 1536]
    .concat([2048, 2 * 3 ** 7, 2 * 5 ** 5, 7168, 88200, 146432, 2 * 17 * 64, 20480, 196608])
    .concat([614400, 2 * WASM_MAX_POINTS]);
  for (const n of lengths) {
    it(`n = ${n} (${factorize(n / 2).join('·')} complex)`, () => {
      const x = signalA(n);
      const { js, wasm } = bothPaths(x);
      expect(firstDifference(js, wasm)).toBe(-1);
      // and into a caller's array, twice (tables already resident the second time)
      const out = new Float64Array(js.length);
      expect(firstDifference(js, rfft(x, out))).toBe(-1);
      expect(firstDifference(js, rfft(x, out))).toBe(-1);
    });
  }

  it('keeps its memory within WASM_HEAP_LIMIT, dropping other plans’ tables when full', () => {
    // The largest half length fills most of the limit, so the tables of the smaller plans used
    // in between are dropped and copied in again: every result must still be the JS one.
    const sizes = [2 * WASM_MAX_POINTS, 20480, 1000000, 1024, 2 * WASM_MAX_POINTS, 20480, 1024];
    for (const n of sizes) {
      const x = signalA(n);
      const { js, wasm } = bothPaths(x);
      expect(firstDifference(js, wasm), `n = ${n}`).toBe(-1);
      expect(wasmHeapBytes()).toBeLessThanOrEqual(WASM_HEAP_LIMIT);
    }
    expect(wasmHeapBytes()).toBeGreaterThan(2 * 16 * WASM_MAX_POINTS);
    // The plan cache counts the table copies in its budget.
    cachedPlan(1024);
    expect(wasmTableBytes()).toBeGreaterThan(0);
    expect(planCacheBytes()).toBeGreaterThanOrEqual(wasmTableBytes());
    expect(planCacheBytes()).toBeLessThanOrEqual(PLAN_CACHE_BYTES);
  });
});

describe('without WebAssembly the JS passes run, with the same result', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('no WebAssembly at all', async () => {
    const x = signalA(20480);
    const expected = rfft(x);
    vi.stubGlobal('WebAssembly', undefined);
    vi.resetModules();
    const fresh = await import('./fft');
    const freshWasm = await import('./fft-wasm');
    expect(firstDifference(expected, fresh.rfft(x))).toBe(-1);
    expect(freshWasm.fftWasmReady()).toBe(false);
  });

  it('a synchronous compile refused (as on a browser main thread): async, JS meanwhile', async () => {
    const real = (globalThis as unknown as { WebAssembly: Record<string, unknown> }).WebAssembly;
    const refusing = {
      ...real,
      Module: class {
        constructor() {
          throw new RangeError('WebAssembly.Compile is disallowed on the main thread');
        }
      },
      Instance: real.Instance,
      instantiate: (real.instantiate as (...args: unknown[]) => unknown).bind(real),
    };
    const x = signalA(20480);
    const expected = rfft(x);
    vi.stubGlobal('WebAssembly', refusing);
    vi.resetModules();
    const fresh = await import('./fft');
    const freshWasm = await import('./fft-wasm');
    expect(firstDifference(expected, fresh.rfft(x))).toBe(-1);
    expect(freshWasm.fftWasmReady()).toBe(false);
    await vi.waitFor(() => expect(freshWasm.fftWasmReady()).toBe(true));
    expect(firstDifference(expected, fresh.rfft(x))).toBe(-1);
    expect(freshWasm.wasmHeapBytes()).toBeGreaterThan(0);
  });
});
