import {
  type KernelConfig,
  type KernelFunc,
  slice_util,
  type TensorInfo,
  util,
} from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-access';

/** Attributes of the `Slice` kernel (tfjs names). */
export interface SliceWasmAttrs {
  begin: number | number[];
  size: number | number[];
}

type TypedArray = Float32Array | Int32Array | Uint8Array;

/**
 * Copies the slice `begin`/`size` of `source` (row-major, shape `shape`) into `target` as the
 * fewest contiguous blocks: the trailing dimensions taken whole merge with the last partial one
 * into one block, so a slice along the batch or time axis is one `set` per outer index.
 */
export function copySliceBlocks(
  source: TypedArray,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  target: TypedArray,
): void {
  const rank = shape.length;
  if (rank === 0) {
    target[0] = source[0]!;
    return;
  }
  let split = rank - 1;
  while (split > 0 && begin[split] === 0 && size[split] === shape[split]) split--;
  const strides = util.computeStrides([...shape]);
  strides.push(1);
  const block = size[split]! * strides[split]!;
  const firstOffset = begin.reduce((acc, b, i) => acc + b * strides[i]!, 0);
  const counter = new Array<number>(split).fill(0);
  let sourceOffset = firstOffset;
  let targetOffset = 0;
  const total = target.length;
  while (targetOffset < total) {
    if (block >= 16) {
      target.set(source.subarray(sourceOffset, sourceOffset + block), targetOffset);
    } else {
      for (let e = 0; e < block; e++) target[targetOffset + e] = source[sourceOffset + e]!;
    }
    targetOffset += block;
    for (let axis = split - 1; axis >= 0; axis--) {
      counter[axis]!++;
      sourceOffset += strides[axis]!;
      if (counter[axis]! < size[axis]!) break;
      sourceOffset -= counter[axis]! * strides[axis]!;
      counter[axis] = 0;
    }
  }
}

/**
 * Builds the `Slice` replacement for the wasm backend: wasm's own kernel copies the whole input
 * off the heap, then one innermost row at a time; this one reads the heap in place and copies the
 * largest contiguous blocks. String tensors go to the original kernel.
 */
export function makeSliceWasm(original: KernelFunc): KernelFunc {
  return (args) => {
    const { inputs, attrs } = args;
    const backend = args.backend as WasmBackend;
    const x = inputs.x as TensorInfo;
    if (x.dtype === 'string' || x.dtype === 'complex64') return original(args);
    const { begin, size } = attrs as unknown as SliceWasmAttrs;
    const [begin_, size_] = slice_util.parseSliceParams(
      x as unknown as Parameters<typeof slice_util.parseSliceParams>[0],
      begin,
      size,
    ) as [number[], number[]];
    slice_util.assertParamsValid(
      x as unknown as Parameters<typeof slice_util.assertParamsValid>[0],
      begin_,
      size_,
    );
    const out = backend.makeOutput(size_, x.dtype);
    if (util.sizeFromShape(size_) === 0) return out;
    const source = backend.typedArrayFromHeap(x) as TypedArray;
    const target = backend.typedArrayFromHeap(out) as TypedArray;
    copySliceBlocks(source, x.shape, begin_, size_, target);
    return out;
  };
}

/** Kernel registration for the fast `Slice`, wrapping the stock kernel for string tensors. */
export function makeSliceWasmConfig(original: KernelConfig): KernelConfig {
  return {
    kernelName: 'Slice',
    backendName: 'wasm',
    kernelFunc: makeSliceWasm(original.kernelFunc),
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
  };
}
