import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import type { WasmBackend } from './wasm-access';

function share(backend: WasmBackend, x: TensorInfo): TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

/**
 * `Identity` that shares the buffer (reference-counted, like the cpu backend's) instead of
 * copying it. tfjs clones every tensor it saves for the backward pass, so on wasm each training
 * step copied every activation once more; tensors are immutable, so sharing is safe.
 */
export function makeIdentityWasmConfig(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    if (x.dtype === 'string') return original.kernelFunc(args);
    return share(args.backend as WasmBackend, x);
  };
  return {
    kernelName: 'Identity',
    backendName: 'wasm',
    kernelFunc,
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
  };
}

/**
 * `Cast` that shares the buffer when the dtype does not change (tfjs's ReLU gradient casts a
 * float32 step to float32 every step). Casting to bool is x ≠ 0, as on the cpu backend (the
 * stock wasm kernel wraps, e.g. −2 → 254); other conversions go to the stock kernel.
 */
export function makeCastWasmConfig(original: KernelConfig): KernelConfig {
  const kernelFunc: KernelFunc = (args) => {
    const x = args.inputs.x as TensorInfo;
    const backend = args.backend as WasmBackend;
    const dtype = args.attrs?.dtype;
    if (x.dtype === dtype && x.dtype !== 'string') return share(backend, x);
    if (dtype === 'bool' && (x.dtype === 'float32' || x.dtype === 'int32')) {
      const out = backend.makeOutput(x.shape, 'bool');
      const source = backend.typedArrayFromHeap(x);
      const target = backend.typedArrayFromHeap(out);
      for (let i = 0; i < source.length; i++) target[i] = source[i] !== 0 ? 1 : 0;
      return out;
    }
    return original.kernelFunc(args);
  };
  return {
    kernelName: 'Cast',
    backendName: 'wasm',
    kernelFunc,
    ...(original.setupFunc ? { setupFunc: original.setupFunc } : {}),
  };
}
