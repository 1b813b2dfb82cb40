import type { KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs';
import { assertDyShape, assertFloat32, type ConvAttrs, resolveConvGeometry } from './conv-geometry';
import { floatView, release, runWasmKernel, type WasmBackend } from './wasm-access';

const NAME = 'Conv2DBackpropInput';

/** Attributes of `Conv2DBackpropInput`, plus the `dilations` our Conv2D gradient passes. */
export interface Conv2DBackpropInputWasmAttrs extends ConvAttrs {
  inputShape: [number, number, number, number];
}

/**
 * The input gradient of a 2-D convolution on the wasm backend, as one forward `Conv2D` (XNNPACK)
 * instead of wasm's scalar-loop kernel:
 *
 *   dx = conv2d_valid(dyz, W̃, dilations),  W̃[i, j, o, c] = W[kH−1−i, kW−1−j, c, o]
 *
 * where dyz is dy spread out by the strides (zeros between samples) and padded by
 * (k−1)·d − pad before and enough after that the valid output has the input's size. With
 * strides 1 and no cropping the padding is passed to XNNPACK as explicit padding instead of
 * copying dy into a padded buffer.
 */
export function conv2DBackpropInputWasm(args: {
  inputs: { dy: TensorInfo; filter: TensorInfo };
  backend: WasmBackend;
  attrs: Conv2DBackpropInputWasmAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs;
  assertFloat32(NAME, 'dy', dy.dtype);
  assertFloat32(NAME, 'filter', filter.dtype);
  const g = resolveConvGeometry(NAME, attrs.inputShape, filter.shape, attrs);
  assertDyShape(NAME, dy.shape, g);
  const { batch, inChannels: cin, outChannels: cout, filterHeight: kH, filterWidth: kW } = g;

  const spreadHeight = g.inHeight + (kH - 1) * g.dilationHeight;
  const spreadWidth = g.inWidth + (kW - 1) * g.dilationWidth;
  const offsetTop = (kH - 1) * g.dilationHeight - g.padTop;
  const offsetLeft = (kW - 1) * g.dilationWidth - g.padLeft;

  const flipped = flippedFilter(backend, filter, kH, kW, cin, cout);
  const dilations: [number, number] = [g.dilationHeight, g.dilationWidth];
  const padBottom = spreadHeight - offsetTop - g.outHeight;
  const padRight = spreadWidth - offsetLeft - g.outWidth;
  if (
    g.strideHeight === 1 &&
    g.strideWidth === 1 &&
    Math.min(offsetTop, offsetLeft, padBottom, padRight) >= 0
  ) {
    // No spreading needed: XNNPACK pads dy itself (explicit padding), saving a copy of dy.
    const dx = runWasmKernel('Conv2D', backend, { x: dy, filter: flipped }, {
      strides: [1, 1],
      pad: [
        [0, 0],
        [offsetTop, padBottom],
        [offsetLeft, padRight],
        [0, 0],
      ],
      dataFormat: 'NHWC',
      dilations,
    } as unknown as NamedAttrMap);
    release(backend, flipped);
    return dx;
  }

  const spread = backend.makeOutput([batch, spreadHeight, spreadWidth, cout], 'float32');
  const dyData = floatView(backend, dy);
  const spreadData = floatView(backend, spread);
  spreadData.fill(0);
  // Output columns whose spread position lands inside [0, spreadWidth): ow in [owFirst, owEnd).
  const owFirst = Math.max(0, Math.ceil(-offsetLeft / g.strideWidth));
  const owEnd = Math.min(
    g.outWidth,
    Math.floor((spreadWidth - 1 - offsetLeft) / g.strideWidth) + 1,
  );
  for (let b = 0; b < batch; b++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      const row = oh * g.strideHeight + offsetTop;
      if (row < 0 || row >= spreadHeight || owEnd <= owFirst) continue;
      const dyBase = (b * g.outHeight + oh) * g.outWidth * cout;
      const spreadBase = (b * spreadHeight + row) * spreadWidth * cout;
      if (g.strideWidth === 1) {
        spreadData.set(
          dyData.subarray(dyBase + owFirst * cout, dyBase + owEnd * cout),
          spreadBase + (owFirst + offsetLeft) * cout,
        );
      } else {
        for (let ow = owFirst; ow < owEnd; ow++) {
          const from = dyBase + ow * cout;
          spreadData.set(
            dyData.subarray(from, from + cout),
            spreadBase + (ow * g.strideWidth + offsetLeft) * cout,
          );
        }
      }
    }
  }
  const dx = runWasmKernel(
    'Conv2D',
    backend,
    { x: spread, filter: flipped },
    {
      strides: [1, 1],
      pad: 'valid',
      dataFormat: 'NHWC',
      dilations,
    },
  );
  release(backend, spread, flipped);
  return dx;
}

/** W̃[i, j, o, c] = W[kH−1−i, kW−1−j, c, o]: the filter flipped in space, channels swapped. */
function flippedFilter(
  backend: WasmBackend,
  filter: TensorInfo,
  kH: number,
  kW: number,
  cin: number,
  cout: number,
): TensorInfo {
  const flipped = backend.makeOutput([kH, kW, cout, cin], 'float32');
  const filterData = floatView(backend, filter);
  const flippedData = floatView(backend, flipped);
  for (let i = 0; i < kH; i++) {
    for (let j = 0; j < kW; j++) {
      const source = ((kH - 1 - i) * kW + (kW - 1 - j)) * cin * cout;
      const target = (i * kW + j) * cout * cin;
      for (let c = 0; c < cin; c++) {
        for (let o = 0; o < cout; o++) {
          flippedData[target + o * cin + c] = filterData[source + c * cout + o]!;
        }
      }
    }
  }

  return flipped;
}

/** Kernel registration for {@link conv2DBackpropInputWasm}. */
export const conv2DBackpropInputWasmConfig: KernelConfig = {
  kernelName: NAME,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropInputWasm as unknown as KernelFunc,
};
