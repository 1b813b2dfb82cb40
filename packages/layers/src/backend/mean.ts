import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs';
import { instantiateOnHeap } from './heap-transpose';
import { MEAN_WASM_BASE64 } from './mean-module';
import { floatView, type WasmBackend } from './wasm-access';

/** `meanOverMiddleAxis(x, out, outer, reduce, inner)` of `assembly/mean.ts` (byte addresses). */
type HeapMean = (x: number, out: number, outer: number, reduce: number, inner: number) => void;

let moduleBytes: Uint8Array | undefined;

/** {@link sumOverMiddleAxis} in WebAssembly SIMD on the backend's heap, or undefined. */
export function heapMeanOverMiddleAxis(backend: WasmBackend): HeapMean | undefined {
  moduleBytes ??= Uint8Array.from(atob(MEAN_WASM_BASE64), (ch) => ch.charCodeAt(0));
  return instantiateOnHeap(backend, moduleBytes)?.meanOverMiddleAxis as HeapMean | undefined;
}

const f32 = Math.fround;

/**
 * `out[o, i] = (Σ_r x[o, r, i]) / reduce` for x `[outer, reduce, inner]` row-major, the sum
 * accumulated in float32 in the order r = 0, 1, …, the quotient rounded to float32. Eight
 * columns at a time in local variables (a third of the time of a loop over a row of sums).
 */
export function sumOverMiddleAxis(
  x: Float32Array,
  outer: number,
  reduce: number,
  inner: number,
  out: Float32Array,
): void {
  const size = f32(reduce);
  for (let o = 0; o < outer; o++) {
    const start = o * reduce * inner;
    let i = 0;
    for (; i + 8 <= inner; i += 8) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      let s7 = 0;
      for (let r = 0, at = start + i; r < reduce; r++, at += inner) {
        s0 = f32(s0 + x[at]!);
        s1 = f32(s1 + x[at + 1]!);
        s2 = f32(s2 + x[at + 2]!);
        s3 = f32(s3 + x[at + 3]!);
        s4 = f32(s4 + x[at + 4]!);
        s5 = f32(s5 + x[at + 5]!);
        s6 = f32(s6 + x[at + 6]!);
        s7 = f32(s7 + x[at + 7]!);
      }
      const to = o * inner + i;
      out[to] = s0 / size;
      out[to + 1] = s1 / size;
      out[to + 2] = s2 / size;
      out[to + 3] = s3 / size;
      out[to + 4] = s4 / size;
      out[to + 5] = s5 / size;
      out[to + 6] = s6 / size;
      out[to + 7] = s7 / size;
    }
    for (; i < inner; i++) {
      let sum = 0;
      for (let r = 0, at = start + i; r < reduce; r++, at += inner) sum = f32(sum + x[at]!);
      out[o * inner + i] = sum / size;
    }
  }
}

/**
 * `Mean` over a run of consecutive axes that are not the innermost (global average pooling:
 * `[batch, time, channels]` over time) without the transposed copy the stock wasm kernel makes
 * first (≈ 1 ms of a V.C training step, more than the sum itself). Seen as
 * `[outer, reduce, inner]`, each output `out[o, i]` is the float32 sum of `x[o, r, i]` for
 * r = 0, 1, … in order, then divided by the reduced size in float32: the stock kernel's
 * arithmetic, in the stock kernel's order, so the results are the same floats (tested). On the
 * heap in WebAssembly SIMD (`assembly/mean.ts`: eight columns per pass in two f32x4 sums), in JS
 * where that module cannot run.
 * Innermost axes (no transpose needed), other dtypes and empty tensors go to the stock kernel.
 */
export function makeMeanWasmConfig(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const backend = args.backend as WasmBackend;
    const { axis, keepDims } = args.attrs as { axis: number | number[]; keepDims: boolean };
    const rank = x.shape.length;
    const axes = util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const first = axes[0] ?? 0;
    const last = axes.at(-1) ?? -1;
    const consecutive = axes.length > 0 && last - first === axes.length - 1;
    if (
      x.dtype !== 'float32' ||
      !consecutive ||
      last === rank - 1 ||
      util.sizeFromShape(x.shape) === 0
    ) {
      return original.kernelFunc(args);
    }
    const outer = util.sizeFromShape(x.shape.slice(0, first));
    const reduce = util.sizeFromShape(x.shape.slice(first, last + 1));
    const inner = util.sizeFromShape(x.shape.slice(last + 1));
    const [outShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
    const out = backend.makeOutput(
      keepDims ? backend_util.expandShapeToKeepDim(outShape, axes) : outShape,
      'float32',
    );
    // Views taken after the allocation: a growing heap detaches earlier views.
    const source = floatView(backend, x);
    const target = floatView(backend, out);
    const simd = heapMeanOverMiddleAxis(backend);
    if (simd !== undefined) simd(source.byteOffset, target.byteOffset, outer, reduce, inner);
    else sumOverMiddleAxis(source, outer, reduce, inner, target);
    return out;
  };
  return {
    kernelName: 'Mean',
    backendName: 'wasm',
    kernelFunc,
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
  };
}
