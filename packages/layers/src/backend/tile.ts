import { type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-access';

type TypedArray = Float32Array | Int32Array | Uint8Array;

/**
 * Writes `x` (row-major, shape `shape`) tiled `reps` times along each axis into `out` (shape
 * `shape[a]·reps[a]`) with block copies: each innermost row of x is placed once, then, from the
 * last axis to the first, each filled block is doubled with `copyWithin` until it spans its
 * `reps[a]` copies. The number of copies grows with log₂ of the repetitions, not with the size.
 */
export function tileInto(
  x: TypedArray,
  shape: readonly number[],
  reps: readonly number[],
  out: TypedArray,
): void {
  const rank = shape.length;
  if (rank === 0) {
    out[0] = x[0]!;
    return;
  }
  const outShape = shape.map((d, a) => d * reps[a]!);
  // outStride[a]: elements of out per step along axis a.
  const outStride = util.computeStrides(outShape);
  outStride.push(1);
  const row = shape[rank - 1]!;
  const rows = x.length / row;
  // Place x's rows: row k has the multi-index (i_0 … i_{rank−2}) of k in shape[0 … rank−2].
  for (let k = 0; k < rows; k++) {
    let rest = k;
    let at = 0;
    for (let a = rank - 2; a >= 0; a--) {
      const d = shape[a]!;
      at += (rest % d) * outStride[a]!;
      rest = Math.floor(rest / d);
    }
    out.set(x.subarray(k * row, (k + 1) * row), at);
  }
  // Tile axis a inside every block indexed by the original range of the axes before it.
  for (let a = rank - 1; a >= 0; a--) {
    const r = reps[a]!;
    if (r === 1) continue;
    const span = shape[a]! * outStride[a]!;
    const total = span * r;
    const outer = util.sizeFromShape(shape.slice(0, a));
    for (let k = 0; k < outer; k++) {
      let rest = k;
      let base = 0;
      for (let b = a - 1; b >= 0; b--) {
        const d = shape[b]!;
        base += (rest % d) * outStride[b]!;
        rest = Math.floor(rest / d);
      }
      let have = span;
      while (have < total) {
        const n = Math.min(have, total - have);
        out.copyWithin(base + have, base, base + n);
        have += n;
      }
    }
  }
}

/**
 * `Tile` (and so `broadcastTo`) as block copies on the heap ({@link tileInto}). The stock wasm
 * kernel copies element by element: broadcasting a [64, 1, 32] gradient over 256 time steps
 * took ≈ 30 ms, this ≈ 0.05 ms. String tensors and empty outputs go to the stock kernel.
 */
export function makeTileWasmConfig(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const backend = args.backend as WasmBackend;
    const { reps } = args.attrs as { reps: number[] };
    const outShape = x.shape.map((d, a) => d * reps[a]!);
    if (
      x.dtype === 'string' ||
      reps.length !== x.shape.length ||
      util.sizeFromShape(outShape) === 0
    ) {
      return original.kernelFunc(args);
    }
    const out = backend.makeOutput(outShape, x.dtype);
    // Views taken after the allocation: a growing heap detaches earlier views.
    tileInto(
      backend.typedArrayFromHeap(x) as TypedArray,
      x.shape,
      reps,
      backend.typedArrayFromHeap(out) as TypedArray,
    );
    return out;
  };
  return {
    kernelName: 'Tile',
    backendName: 'wasm',
    kernelFunc,
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
  };
}
