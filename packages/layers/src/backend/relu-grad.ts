import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import { heapReluGrad4 } from './heap-transpose';
import { floatView, type WasmBackend } from './wasm-access';

/** Name of the wasm kernel dy·step(y) (ReLU's gradient from its output y). */
export const RELU_GRAD_KERNEL = 'RectifyReluGrad';

/**
 * dy·step(y), step(y) = 1 for y > 0, NaN for NaN, else 0: tfjs's `mul(dy, step(y))` in one
 * pass over the heap (4 lanes at a time in WebAssembly SIMD, the tail and heaps the SIMD module
 * cannot import in JS) instead of a `Step` and a `Multiply` kernel and the tensor between them.
 *
 * @throws Error when dy and y differ in shape or are not float32.
 */
export function reluGradWasm(args: {
  inputs: { dy: TensorInfo; y: TensorInfo };
  backend: WasmBackend;
}): TensorInfo {
  const { inputs, backend } = args;
  const { dy, y } = inputs;
  if (dy.dtype !== 'float32' || y.dtype !== 'float32') {
    throw new Error(
      `${RELU_GRAD_KERNEL} (wasm, @rectify/layers): dy and y must be float32, got '${dy.dtype}' and '${y.dtype}'`,
    );
  }
  if (dy.shape.length !== y.shape.length || dy.shape.some((d, i) => d !== y.shape[i])) {
    throw new Error(
      `${RELU_GRAD_KERNEL} (wasm, @rectify/layers): dy and y must have the same shape, got ${JSON.stringify(dy.shape)} and ${JSON.stringify(y.shape)}`,
    );
  }
  const out = backend.makeOutput([...dy.shape], 'float32');
  // Views taken after the allocation: a growing heap detaches earlier views.
  const dyData = floatView(backend, dy);
  const yData = floatView(backend, y);
  const outData = floatView(backend, out);
  const n = outData.length;
  const simd = heapReluGrad4(backend);
  let i = 0;
  if (simd !== undefined) {
    i = n & ~3;
    simd(dyData.byteOffset, yData.byteOffset, outData.byteOffset, 4 * i);
  }
  for (; i < n; i++) {
    const v = yData[i]!;
    outData[i] = dyData[i]! * (v > 0 ? 1 : Number.isNaN(v) ? Number.NaN : 0);
  }
  return out;
}

/** Kernel registration for {@link reluGradWasm}. */
export const reluGradWasmConfig: KernelConfig = {
  kernelName: RELU_GRAD_KERNEL,
  backendName: 'wasm',
  kernelFunc: reluGradWasm as unknown as KernelFunc,
};
