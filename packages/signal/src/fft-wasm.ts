/**
 * The WebAssembly path of the real FFT: the Stockham passes of radix 2, 3, 4, 5, 7, 8, 11 and 13
 * and the real packing's unpack as SIMD kernels (f64x2, one complex number per register; source
 * `wasm/fft.ts`, bytes in `fft-wasm-module.ts`). Each kernel does the JS pass's operations in
 * the same order, so both paths give the same bits; passes of other radices (the generic
 * butterfly, primes 17 … 97) run the JS pass on views of the module's memory. Where WebAssembly
 * (with SIMD) is missing or the module cannot be compiled synchronously (a browser's main thread
 * may refuse), it is compiled asynchronously and the JS passes run until it is ready, or for good
 * if it fails: nothing here throws.
 *
 * Memory: the module's memory holds the tables of the plans used recently (copies of their
 * twiddles) and one transform's data (two buffers of n/2 + 1 complex points). WebAssembly memory
 * never shrinks, so it is bounded by {@link WASM_HEAP_LIMIT}: only half lengths up to
 * {@link WASM_MAX_POINTS} run here, and when tables and data would not fit, the tables of every
 * other plan are dropped (they are copied in again on their next use).
 */

import { type Pass, runPass, type StockhamKernel } from './fft-kernels';
import { FFT_WASM_BASE64 } from './fft-wasm-module';

/** Bytes the module's memory may grow to (tables plus one transform's data). @internal */
export const WASM_HEAP_LIMIT = 32 * 2 ** 20;

/**
 * Largest half length (complex points; n/2 for `rfft` of even n) that runs in WebAssembly: at
 * and above 2^20 the JS passes are memory-bound and already below numpy's time (bench/README.md),
 * and the data alone would need 32 MiB.
 */
export const WASM_MAX_POINTS = 2 ** 19;

/**
 * Smallest half length that runs in WebAssembly: below it the copies in and out cost what the
 * passes save (n = 100: wasm / JS 1.02–1.11 measured; n = 256: 0.28–0.93).
 */
export const WASM_MIN_POINTS = 64;

interface FftExports {
  readonly memory: { readonly buffer: ArrayBuffer; grow(pages: number): number };
  pass2(cc: number, ch: number, tw: number, l1: number, ido: number): void;
  pass3(cc: number, ch: number, tw: number, l1: number, ido: number): void;
  pass4(cc: number, ch: number, tw: number, l1: number, ido: number): void;
  pass5(
    cc: number,
    ch: number,
    tw: number,
    l1: number,
    ido: number,
    sin1: number,
    sin2: number,
  ): void;
  pass8(cc: number, ch: number, l1: number): void;
  passOdd(
    cc: number,
    ch: number,
    tw: number,
    l1: number,
    ido: number,
    p: number,
    coef: number,
    work: number,
  ): void;
  unpack(out: number, coarse: number, fine: number, h: number): void;
}

/** The part of the WebAssembly JS API used here (the package's TS libs do not declare it). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
  instantiate(bytes: Uint8Array, imports: object): Promise<{ instance: { exports: unknown } }>;
}

type LoadState = 'untried' | 'compiling' | 'unavailable' | FftExports;

let state: LoadState = 'untried';
let enabled = true;

/**
 * Turns the WebAssembly path off (the JS passes run everywhere) or back on: for tests and
 * benchmarks that compare the two paths.
 *
 * @internal
 */
export function setFftWasmEnabled(on: boolean): void {
  enabled = on;
}

/** Whether the WebAssembly path is ready to run (compiled, instantiated and enabled). @internal */
export function fftWasmReady(): boolean {
  return enabled && load() !== undefined;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes base64 (RFC 4648, with or without padding) without atob or Buffer. */
export function decodeBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (let i = 0; i < clean.length; i++) {
    value = (value << 6) | BASE64.indexOf(clean.charAt(i));
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  return bytes;
}

/**
 * The radices of passOdd and where their coefficients sit in the module's memory (bytes): for
 * q = 1 … (p−1)/2 and j = 1 … (p−1)/2, cos(2πk/p) and ±sin(2πk/p) with k = jq mod p folded
 * to k ≤ (p−1)/2, the sine's sign that of sin(2πjq/p); the same doubles as pass7, pass11 and
 * pass13 of fft-kernels.ts (Math.cos((2k·π)/p)).
 */
const ODD_RADICES = new Map<number, number>([
  [7, 0],
  [11, 144],
  [13, 544],
]);

/** passOdd's room for t_j and d_j, (p−1)/2 ≤ 6 pairs of complex numbers. */
const ODD_WORK = 1120;

/** Bytes at the start of the memory kept for the coefficients and the work area above. */
const RESERVED = 2048;

/** Writes the odd radices' coefficients; returns the exports. */
function ready(exports: FftExports): FftExports {
  reserve(exports, RESERVED);
  const heap = doubles(exports);
  for (const [p, at] of ODD_RADICES) {
    const half = (p - 1) >> 1;
    let d = at / 8;
    for (let q = 1; q <= half; q++) {
      for (let j = 1; j <= half; j++) {
        const r = (j * q) % p;
        const k = r <= half ? r : p - r;
        heap[d++] = Math.cos((2 * k * Math.PI) / p);
        heap[d++] = (r <= half ? 1 : -1) * Math.sin((2 * k * Math.PI) / p);
      }
    }
  }
  return exports;
}

/** The module's exports, compiling it on first use; undefined while unavailable. */
function load(): FftExports | undefined {
  if (typeof state === 'object') return state;
  if (state !== 'untried') return undefined;
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  if (api === undefined) {
    state = 'unavailable';
    return undefined;
  }
  const bytes = decodeBase64(FFT_WASM_BASE64);
  try {
    state = ready(new api.Instance(new api.Module(bytes), {}).exports as FftExports);
    return state;
  } catch {
    // A browser's main thread may refuse to compile synchronously; an engine without SIMD
    // rejects the module here and again below.
    state = 'compiling';
    api.instantiate(bytes, {}).then(
      (result) => {
        state = ready(result.instance.exports as FftExports);
      },
      () => {
        state = 'unavailable';
      },
    );
    return undefined;
  }
}

/** Bytes of WebAssembly memory the FFT module holds now (it never shrinks). @internal */
export function wasmHeapBytes(): number {
  return typeof state === 'object' ? state.memory.buffer.byteLength : 0;
}

/** Bytes of plan tables copied into the module's memory now (counted by the plan cache). @internal */
export function wasmTableBytes(): number {
  return typeof state === 'object' ? tablesEnd : 0;
}

/** Where a plan's tables sit in the module's memory (byte offsets), valid for one generation. */
interface Resident {
  readonly generation: number;
  /** Per pass: its twiddles' offset (0 for a pass without twiddles). */
  readonly twiddles: readonly number[];
  /** The packing twiddles' coarse and fine tables (see Plan in fft.ts). */
  readonly coarse: number;
  readonly fine: number;
}

/** The tables occupy [RESERVED, tablesEnd); data go above. A new generation drops them all. */
let tablesEnd = RESERVED;
let generation = 0;
const residents = new WeakMap<StockhamKernel, Resident>();

/** A view of the module's memory as doubles (a new one after each grow). */
function doubles(exports: FftExports): Float64Array {
  return new Float64Array(exports.memory.buffer);
}

/** Grows the memory to at least `bytes`; false if the engine refuses (out of memory). */
function reserve(exports: FftExports, bytes: number): boolean {
  const have = exports.memory.buffer.byteLength;
  if (bytes <= have) return true;
  try {
    exports.memory.grow(Math.ceil((bytes - have) / 65536));
    return true;
  } catch {
    return false;
  }
}

function tableBytes(kernel: StockhamKernel, coarse: Float64Array, fine: Float64Array): number {
  let bytes = coarse.byteLength + fine.byteLength;
  for (const pass of kernel.passes) bytes += pass.tw.byteLength;
  return bytes;
}

/** Copies a plan's tables into the memory at tablesEnd (reserved by the caller). */
function place(
  exports: FftExports,
  kernel: StockhamKernel,
  coarse: Float64Array,
  fine: Float64Array,
): Resident {
  const heap = doubles(exports);
  const put = (table: Float64Array): number => {
    const at = tablesEnd;
    heap.set(table, at / 8);
    tablesEnd += table.byteLength;
    return at;
  };
  const twiddles = kernel.passes.map((pass) => (pass.tw.length > 0 ? put(pass.tw) : 0));
  const resident = { generation, twiddles, coarse: put(coarse), fine: put(fine) };
  residents.set(kernel, resident);
  return resident;
}

/**
 * Runs `rfft` of the 2h real samples x (h = kernel.size) in WebAssembly: the half-length complex
 * transform of x's memory layout, then the real packing's unpack with the plan's coarse and fine
 * twiddles (see Plan.packedForward in fft.ts), written to out (2h + 2 doubles). Returns false,
 * touching nothing, where this path does not run (see the file comment); the caller then runs
 * the JS passes.
 *
 * @internal
 */
export function wasmRealForward(
  kernel: StockhamKernel,
  coarse: Float64Array,
  fine: Float64Array,
  x: Float64Array,
  out: Float64Array,
): boolean {
  const h = kernel.size;
  if (!enabled || h < WASM_MIN_POINTS || h > WASM_MAX_POINTS) return false;
  const exports = load();
  if (exports === undefined) return false;
  // Each buffer padded to 4 KiB plus 2 KiB: the streams a pass reads and those it writes then
  // fall on different cache sets where ido·16 bytes is a multiple of 4 KiB (5–10 % on 2^15·5).
  const bufferBytes = (Math.ceil((16 * (h + 1)) / 4096) * 4096 + 2048) | 0;
  let resident = residents.get(kernel);
  let fresh = resident === undefined || resident.generation !== generation;
  let newTables = fresh ? tableBytes(kernel, coarse, fine) : 0;
  if (tablesEnd + newTables + 2 * bufferBytes > WASM_HEAP_LIMIT) {
    generation++;
    tablesEnd = RESERVED;
    fresh = true;
    newTables = tableBytes(kernel, coarse, fine);
  }
  if (!reserve(exports, tablesEnd + newTables + 2 * bufferBytes)) return false;
  if (fresh || resident === undefined) resident = place(exports, kernel, coarse, fine);
  const outAt = tablesEnd;
  const partnerAt = outAt + bufferBytes;
  const heap = doubles(exports);
  const passes = kernel.passes;
  const count = passes.length;
  // The input goes where the first pass does not write: the last pass writes out, each pass
  // writes the other buffer than the one it reads.
  const inAt = (count - 1) % 2 === 0 ? partnerAt : outAt;
  heap.set(x, inAt / 8);
  for (let p = 0; p < count; p++) {
    const from = p === 0 ? inAt : (count - p) % 2 === 0 ? outAt : partnerAt;
    const to = (count - 1 - p) % 2 === 0 ? outAt : partnerAt;
    runPassIn(exports, heap, passes[p] as Pass, from, to, resident.twiddles[p] as number, h);
  }
  const o = outAt / 8;
  const z0r = heap[o] as number;
  const z0i = heap[o + 1] as number;
  heap[o] = z0r + z0i;
  heap[o + 1] = 0;
  heap[o + 2 * h] = z0r - z0i;
  heap[o + 2 * h + 1] = 0;
  exports.unpack(outAt, resident.coarse, resident.fine, h);
  out.set(heap.subarray(o, o + 2 * h + 2));
  return true;
}

const SIN1 = Math.sin((2 * Math.PI) / 5);
const SIN2 = Math.sin((4 * Math.PI) / 5);

/** One pass from byte offset `from` to `to`: in WebAssembly for its radices, else the JS pass. */
function runPassIn(
  exports: FftExports,
  heap: Float64Array,
  pass: Pass,
  from: number,
  to: number,
  tw: number,
  h: number,
): void {
  const { l1, ido } = pass;
  switch (pass.ip) {
    case 4:
      exports.pass4(from, to, tw, l1, ido);
      return;
    case 2:
      exports.pass2(from, to, tw, l1, ido);
      return;
    case 3:
      exports.pass3(from, to, tw, l1, ido);
      return;
    case 5:
      exports.pass5(from, to, tw, l1, ido, SIN1, SIN2);
      return;
    case 8:
      if (ido === 1) {
        exports.pass8(from, to, l1);
        return;
      }
      break;
    default: {
      const coef = ODD_RADICES.get(pass.ip);
      if (coef !== undefined) {
        exports.passOdd(from, to, tw, l1, ido, pass.ip, coef, ODD_WORK);
        return;
      }
    }
  }
  runPass(pass, heap.subarray(from / 8, from / 8 + 2 * h), heap.subarray(to / 8, to / 8 + 2 * h));
}
