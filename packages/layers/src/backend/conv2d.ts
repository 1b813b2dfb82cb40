import { type KernelConfig, type KernelFunc, type TensorInfo, util } from '@tensorflow/tfjs';
import {
  type ConvAttrs,
  type ConvGeometry,
  kernelGeometryArgs,
  resolveConvGeometry,
} from './conv-geometry';
import { heapConvModule } from './conv2d-backprop-filter';
import { floatView, type WasmBackend } from './wasm-access';

/**
 * `conv2d(x, w, bias, out, batch, inH, inW, cin, outH, outW, cout, kH, kW, sH, sW, dH, dW,
 * padTop, padLeft, relu)` of `assembly/conv.ts` (byte addresses on the heap; bias 0 for none).
 */
type HeapConv2d = (x: number, w: number, bias: number, out: number, ...geometry: number[]) => void;

/** The forward conv of `assembly/conv.ts` on the backend's heap, or undefined where it cannot run. */
export function heapConv2d(backend: WasmBackend): HeapConv2d | undefined {
  return heapConvModule(backend)?.conv2d as HeapConv2d | undefined;
}

/** The arguments tfjs hands a `Conv2D` or `FusedConv2D` kernel. */
export interface ConvArgs {
  inputs: {
    x: TensorInfo;
    filter: TensorInfo;
    bias?: TensorInfo;
    preluActivationWeights?: TensorInfo;
  };
  backend: WasmBackend;
  attrs: ConvAttrs & { activation?: string };
}

/** The geometry when our kernel computes this call, else undefined (the stock kernel does). */
function ourGeometry(kernelName: string, { inputs, attrs }: ConvArgs): ConvGeometry | undefined {
  const { x, filter, bias, preluActivationWeights } = inputs;
  const activation = attrs.activation ?? 'linear';
  if (
    x.dtype !== 'float32' ||
    filter.dtype !== 'float32' ||
    (activation !== 'linear' && activation !== 'relu') ||
    preluActivationWeights != null ||
    util.sizeFromShape(x.shape) === 0 ||
    util.sizeFromShape(filter.shape) === 0
  ) {
    return undefined;
  }
  let g: ConvGeometry;
  try {
    g = resolveConvGeometry(kernelName, x.shape, filter.shape, attrs);
  } catch {
    return undefined;
  }
  if (
    bias != null &&
    (bias.dtype !== 'float32' || util.sizeFromShape(bias.shape) !== g.outChannels)
  ) {
    return undefined;
  }
  return g;
}

/**
 * `Conv2D` / `FusedConv2D` (bias, linear or ReLU) on wasm by our WebAssembly SIMD kernel: each
 * output is the bias plus the products over the taps in order and the input channels in order,
 * each rounded then added, in register tiles of 4 output pixels × 8 output channels, read from x
 * where it lies (no indirection buffer, no packing of the filter). That is XNNPACK's order, so
 * the floats are the stock kernel's bit for bit (`conv2d.test.ts`).
 *
 * @returns the output, or undefined where the stock kernel must run instead: other activations,
 *   NCHW, strides and dilations both above 1, non-float32, empty tensors, a bias that is not one
 *   value per output channel, a heap the module cannot import.
 */
export function directConv2d(
  kernelName: 'Conv2D' | 'FusedConv2D',
  args: ConvArgs,
): TensorInfo | undefined {
  const kernel = heapConv2d(args.backend);
  const g = kernel === undefined ? undefined : ourGeometry(kernelName, args);
  if (kernel === undefined || g === undefined) return undefined;
  const { inputs, backend, attrs } = args;
  const out = backend.makeOutput([g.batch, g.outHeight, g.outWidth, g.outChannels], 'float32');
  // Addresses taken after the allocation (a growing heap detaches earlier views).
  kernel(
    floatView(backend, inputs.x).byteOffset,
    floatView(backend, inputs.filter).byteOffset,
    inputs.bias == null ? 0 : floatView(backend, inputs.bias).byteOffset,
    floatView(backend, out).byteOffset,
    ...kernelGeometryArgs(g),
    attrs.activation === 'relu' ? 1 : 0,
  );
  return out;
}

/** {@link directConv2d} where it applies, else the stock kernel. */
function makeConvConfig(kernelName: 'Conv2D' | 'FusedConv2D', stock: KernelConfig): KernelConfig {
  const kernelFunc = ((args: ConvArgs) =>
    directConv2d(kernelName, args) ?? stock.kernelFunc(args as never)) as unknown as KernelFunc;
  return {
    kernelName,
    backendName: 'wasm',
    kernelFunc,
    ...(stock.setupFunc ? { setupFunc: stock.setupFunc } : {}),
  };
}

/** Our `Conv2D` on wasm, the stock kernel for what it does not cover (see `makeConvConfig`). */
export function makeConv2DWasmConfig(stock: KernelConfig): KernelConfig {
  return makeConvConfig('Conv2D', stock);
}

/** Our `FusedConv2D` on wasm (bias, linear or ReLU), the stock kernel for anything else. */
export function makeFusedConv2DWasmConfig(stock: KernelConfig): KernelConfig {
  return makeConvConfig('FusedConv2D', stock);
}
