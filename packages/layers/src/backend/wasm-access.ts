import { type DataType, getKernel, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** The wasm backend as our kernels see it: tfjs's `BackendWasm` (heap views, outputs, disposal). */
export type WasmBackend = BackendWasm;

/**
 * Runs one of the wasm backend's own kernels directly (no engine, no tape), the way tfjs's own
 * kernels compose. The caller owns the result and must {@link release} it.
 */
export function runWasmKernel(
  kernelName: string,
  backend: WasmBackend,
  inputs: Record<string, TensorInfo>,
  attrs: NamedAttrMap,
): TensorInfo {
  const kernel = getKernel(kernelName, 'wasm');
  if (kernel === undefined) {
    throw new Error(`@rectify/layers: the wasm backend has no '${kernelName}' kernel`);
  }
  const result = kernel.kernelFunc({ inputs, backend, attrs });
  return Array.isArray(result) ? result[0]! : result;
}

/** A tensor's float32 data as a view on the wasm heap (valid until the next allocation). */
export function floatView(backend: WasmBackend, info: TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** The same buffer seen with another shape (no copy; wasm kernels only read `shape`). */
export function withShape(
  info: TensorInfo,
  shape: number[],
  dtype: DataType = info.dtype,
): TensorInfo {
  return { dataId: info.dataId, shape, dtype };
}

/** Frees intermediate results made inside a kernel. */
export function release(backend: WasmBackend, ...infos: TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}
