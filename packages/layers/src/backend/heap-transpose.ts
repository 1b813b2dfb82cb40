import type { WasmBackend } from './wasm-access';

/**
 * Transposes whole 4 × 4 tiles of a [rows, columns] float32 block on the wasm heap:
 * `transpose4(src, dst, rows4, cols4, rowBytes, strideBytes)` writes
 * heap[dst + c·strideBytes + 4r] = heap[src + r·rowBytes + 4c] for r < rows4, c < cols4
 * (byte addresses; rows4 and cols4 multiples of 4). Each tile is four 16-byte loads, eight
 * shuffles and four 16-byte stores, against one JS element access per float.
 */
export type HeapTranspose4 = (
  src: number,
  dst: number,
  rows4: number,
  cols4: number,
  rowBytes: number,
  strideBytes: number,
) => void;

/** Unsigned LEB128, as WebAssembly's binary format encodes indices and sizes. */
function leb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  do {
    const low = rest & 0x7f;
    rest >>>= 7;
    bytes.push(rest === 0 ? low : low | 0x80);
  } while (rest !== 0);
  return bytes;
}

function section(id: number, body: number[]): number[] {
  return [id, ...leb(body.length), ...body];
}

function name(text: string): number[] {
  return [...leb(text.length), ...Array.from(text, (ch) => ch.charCodeAt(0))];
}

// Opcodes of the WebAssembly core and SIMD proposals (spec: "Binary Format", "SIMD" chapters).
const I32 = 0x7f;
const V128 = 0x7b;
const BLOCK = 0x02;
const LOOP = 0x03;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const GET = 0x20;
const SET = 0x21;
const TEE = 0x22;
const CONST = 0x41;
const GE_U = 0x4f;
const ADD = 0x6a;
const MUL = 0x6c;
const SIMD = 0xfd;
/** v128.load / v128.store with alignment hint 1 byte (the addresses are not 16-byte aligned). */
const LOAD = [SIMD, 0x00, 0x00, 0x00];
const STORE = [SIMD, 0x0b, 0x00, 0x00];

/** i8x16.shuffle picking four f32 lanes of the pair (a, b): lanes 0–3 from a, 4–7 from b. */
function shuffle(lanes: [number, number, number, number]): number[] {
  return [SIMD, 0x0d, ...lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3])];
}

// Locals: parameters 0–5, then i32 6–11, then v128 12–19.
const [SRC, DST, ROWS4, COLS4, ROW_BYTES, STRIDE] = [0, 1, 2, 3, 4, 5];
const [R, C, S, D, TMP, STRIDE4] = [6, 7, 8, 9, 10, 11];
const [A0, A1, A2, A3, T0, T1, T2, T3] = [12, 13, 14, 15, 16, 17, 18, 19];

function pair(a: number, b: number, lanes: [number, number, number, number]): number[] {
  return [GET, a, GET, b, ...shuffle(lanes)];
}

const LOW: [number, number, number, number] = [0, 4, 1, 5];
const HIGH: [number, number, number, number] = [2, 6, 3, 7];
const FRONT: [number, number, number, number] = [0, 1, 4, 5];
const BACK: [number, number, number, number] = [2, 3, 6, 7];

// biome-ignore format: bytecode, one instruction sequence per line
const body: number[] = [
  // stride4 = 4·strideBytes
  GET, STRIDE, CONST, 4, MUL, SET, STRIDE4,
  BLOCK, 0x40, LOOP, 0x40, GET, R, GET, ROWS4, GE_U, BR_IF, 1,
  // s = src + r·rowBytes; d = dst + 4r; c = 0
  GET, SRC, GET, R, GET, ROW_BYTES, MUL, ADD, SET, S,
  GET, DST, GET, R, CONST, 4, MUL, ADD, SET, D,
  CONST, 0, SET, C,
  BLOCK, 0x40, LOOP, 0x40, GET, C, GET, COLS4, GE_U, BR_IF, 1,
  // the tile's four source rows
  GET, S, ...LOAD, SET, A0,
  GET, S, GET, ROW_BYTES, ADD, TEE, TMP, ...LOAD, SET, A1,
  GET, TMP, GET, ROW_BYTES, ADD, TEE, TMP, ...LOAD, SET, A2,
  GET, TMP, GET, ROW_BYTES, ADD, ...LOAD, SET, A3,
  // t0 = a0₀ a1₀ a0₁ a1₁, t1 = a0₂ a1₂ a0₃ a1₃, t2 and t3 the same for rows 2 and 3
  ...pair(A0, A1, LOW), SET, T0,
  ...pair(A0, A1, HIGH), SET, T1,
  ...pair(A2, A3, LOW), SET, T2,
  ...pair(A2, A3, HIGH), SET, T3,
  // column k of the tile goes to target row c + k
  GET, D, ...pair(T0, T2, FRONT), ...STORE,
  GET, D, GET, STRIDE, ADD, TEE, TMP, ...pair(T0, T2, BACK), ...STORE,
  GET, TMP, GET, STRIDE, ADD, TEE, TMP, ...pair(T1, T3, FRONT), ...STORE,
  GET, TMP, GET, STRIDE, ADD, ...pair(T1, T3, BACK), ...STORE,
  // s += 16; d += 4·strideBytes; c += 4
  GET, S, CONST, 16, ADD, SET, S,
  GET, D, GET, STRIDE4, ADD, SET, D,
  GET, C, CONST, 4, ADD, SET, C,
  BR, 0, END, END,
  // r += 4
  GET, R, CONST, 4, ADD, SET, R,
  BR, 0, END, END,
  END,
];

const transposeCode = [...leb(2), ...leb(6), I32, ...leb(8), V128, ...body];

const V128_CONST = [SIMD, 0x0c];
const F32X4_NE = [SIMD, 0x42];
const F32X4_GT = [SIMD, 0x44];
const V128_AND = [SIMD, 0x4e];
const V128_OR = [SIMD, 0x50];
const F32X4_MUL = [SIMD, 0xe6, 0x01];
const ZEROS = new Array<number>(16).fill(0);
/** 1.0f in each lane (0x3f800000, little-endian). */
const ONES = [0, 0, 0x80, 0x3f, 0, 0, 0x80, 0x3f, 0, 0, 0x80, 0x3f, 0, 0, 0x80, 0x3f];

// reluGrad4 locals: parameters dy, y, out, bytes (0–3), then i32 i (4), v128 y (5).
const [DY, Y, OUT, BYTES, I, YV] = [0, 1, 2, 3, 4, 5];
// biome-ignore format: bytecode, one instruction sequence per line
const reluGradBody: number[] = [
  BLOCK, 0x40, LOOP, 0x40, GET, I, GET, BYTES, GE_U, BR_IF, 1,
  GET, Y, GET, I, ADD, ...LOAD, SET, YV,
  // out[i] = dy[i] · step(y[i]), step = 1 where y > 0, NaN where y is NaN, else 0
  GET, OUT, GET, I, ADD,
  GET, DY, GET, I, ADD, ...LOAD,
  GET, YV, ...V128_CONST, ...ZEROS, ...F32X4_GT, ...V128_CONST, ...ONES, ...V128_AND,
  GET, YV, GET, YV, ...F32X4_NE, GET, YV, ...V128_AND, ...V128_OR,
  ...F32X4_MUL, ...STORE,
  GET, I, CONST, 16, ADD, SET, I,
  BR, 0, END, END,
  END,
];
const reluGradCode = [...leb(2), ...leb(1), I32, ...leb(1), V128, ...reluGradBody];

/** The module: imports the heap as env.memory, exports `transpose4` and `reluGrad4`. */
// biome-ignore format: one section per line
const MODULE_BYTES = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [2, 0x60, 6, I32, I32, I32, I32, I32, I32, 0, 0x60, 4, I32, I32, I32, I32, 0]),
  ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x00]),
  ...section(3, [2, 0, 1]),
  ...section(7, [2, ...name('transpose4'), 0x00, 0, ...name('reluGrad4'), 0x00, 1]),
  ...section(10, [
    2,
    ...leb(transposeCode.length), ...transposeCode,
    ...leb(reluGradCode.length), ...reluGradCode,
  ]),
]);

/**
 * `reluGrad4(dy, y, out, bytes)`: out = dy · step(y) on float32 arrays of the wasm heap (byte
 * addresses; `bytes` a multiple of 16), step(y) = 1 for y > 0, NaN for NaN, else 0: the values
 * of tfjs's ReLU gradient `mul(dy, step(y))` in one pass instead of two kernels.
 */
export type HeapReluGrad4 = (dy: number, y: number, out: number, bytes: number) => void;

interface HeapSimd {
  transpose4: HeapTranspose4;
  reluGrad4: HeapReluGrad4;
}

/** The part of the WebAssembly JS API used here (the package's TS libs do not declare it). */
interface WasmApi {
  Memory: abstract new (...args: never[]) => object;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (
    module: object,
    imports: Record<string, Record<string, unknown>>,
  ) => { exports: Record<string, unknown> };
}

const instances = new WeakMap<Uint8Array, WeakMap<object, Record<string, unknown> | null>>();

/**
 * The exports of the WebAssembly module `bytes` instantiated on the backend's own heap (imported
 * as env.memory; once per heap and module), or undefined where it cannot be: no WebAssembly or
 * no SIMD, a heap that is not an importable `WebAssembly.Memory` (a shared one in the threaded
 * build), a CSP without `wasm-eval`.
 */
export function instantiateOnHeap(
  backend: WasmBackend,
  bytes: Uint8Array,
): Record<string, unknown> | undefined {
  const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
  const memory = (backend.wasm as unknown as { asm?: { memory?: unknown } }).asm?.memory;
  if (api === undefined || !(memory instanceof api.Memory)) return undefined;
  let perHeap = instances.get(bytes);
  if (perHeap === undefined) {
    perHeap = new WeakMap();
    instances.set(bytes, perHeap);
  }
  let exports = perHeap.get(memory);
  if (exports === undefined) {
    try {
      exports = new api.Instance(new api.Module(bytes), { env: { memory } }).exports;
    } catch {
      exports = null;
    }
    perHeap.set(memory, exports);
  }
  return exports ?? undefined;
}

const cache = new WeakMap<object, HeapSimd>();

/** The module instantiated on the backend's heap (once per heap), or undefined where it cannot be. */
function heapSimd(backend: WasmBackend): HeapSimd | undefined {
  const exports = instantiateOnHeap(backend, MODULE_BYTES);
  if (exports === undefined) return undefined;
  let simd = cache.get(exports);
  if (simd === undefined) {
    simd = {
      transpose4: exports.transpose4 as HeapTranspose4,
      reluGrad4: exports.reluGrad4 as HeapReluGrad4,
    };
    cache.set(exports, simd);
  }
  return simd;
}

/**
 * A SIMD 4 × 4 tile transpose that runs on the wasm backend's own heap, or undefined where it
 * cannot (no WebAssembly SIMD, a heap that is not an importable `WebAssembly.Memory`, e.g. a
 * shared one in the threaded build); callers then copy in JS. Built once per heap.
 */
export function heapTranspose4(backend: WasmBackend): HeapTranspose4 | undefined {
  return heapSimd(backend)?.transpose4;
}

/** {@link HeapReluGrad4} on the backend's heap, or undefined where it cannot run (see above). */
export function heapReluGrad4(backend: WasmBackend): HeapReluGrad4 | undefined {
  return heapSimd(backend)?.reluGrad4;
}
