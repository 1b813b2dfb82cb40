import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import {
  assertDyShape,
  assertFloat32,
  type ConvAttrs,
  type ConvGeometry,
  resolveConvGeometry,
} from './conv-geometry';
import { floatView, release, runWasmKernel, type WasmBackend, withShape } from './wasm-access';

const NAME = 'Conv2DBackpropFilter';

/** Attributes of `Conv2DBackpropFilter`, plus the `dilations` our Conv2D gradient passes. */
export interface Conv2DBackpropFilterWasmAttrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

/**
 * The filter gradient of a 2-D convolution on the wasm backend, as ONE untransposed batch-1
 * matMul (the only matMul wasm runs at full speed):
 *
 *   dW[i, j, c, o] = Σ_{b, oh, ow} xpad[b, oh·sH + i·dH, ow·sW + j·dW, c] · dy[b, oh, ow, o]
 *
 * The padded input is split into stride phases and transposed to planes
 * xr[pH, pW, c][(b·Mh + mh)·Mw + mw]; every tap (i, j) is then a shifted view of one plane. dy is
 * padded per sample to Mh × Mw so that a shifted row never reads the next sample where dy ≠ 0.
 * The k·cin shifted views, stacked, times the padded dy give dW as [kH·kW·cin, cout]; when
 * k·cin < cout (a first layer with one input channel) the transposed product is cheaper, because
 * XNNPACK re-packs the right-hand operand on every call.
 */
export function conv2DBackpropFilterWasm(args: {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: WasmBackend;
  attrs: Conv2DBackpropFilterWasmAttrs;
}): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  assertFloat32(NAME, 'x', x.dtype);
  assertFloat32(NAME, 'dy', dy.dtype);
  const g = resolveConvGeometry(NAME, x.shape, attrs.filterShape, attrs);
  assertDyShape(NAME, dy.shape, g);
  const { batch, inChannels: cin, outChannels: cout, strideHeight: sH, strideWidth: sW } = g;
  const neededHeight = Math.max(
    g.padTop + g.inHeight,
    (g.outHeight - 1) * sH + (g.filterHeight - 1) * g.dilationHeight + 1,
  );
  const neededWidth = Math.max(
    g.padLeft + g.inWidth,
    (g.outWidth - 1) * sW + (g.filterWidth - 1) * g.dilationWidth + 1,
  );
  const mh = Math.ceil(neededHeight / sH);
  const mw = Math.ceil(neededWidth / sW);

  const planes = buildPlanes(backend, x, g, mh, mw);

  const n = batch * mh * mw;
  const maxShiftRows = Math.floor(((g.filterHeight - 1) * g.dilationHeight) / sH);
  const maxShiftCols = Math.floor(((g.filterWidth - 1) * g.dilationWidth) / sW);
  const length = n - maxShiftRows * mw - maxShiftCols;
  const taps = g.filterHeight * g.filterWidth;

  // XNNPACK packs the right-hand operand on every call, at a cost of several ns per element, so
  // the smaller of dy (length × cout) and the shifted views (length × taps·cin) goes there.
  const product =
    taps * cin < cout
      ? viewsOnTheRight(backend, planes, dy, g, { n, length, mh, mw, taps })
      : viewsOnTheLeft(backend, planes, dy, g, { n, length, mh, mw, taps });
  release(backend, planes);
  return withShape(product, [...attrs.filterShape]);
}

/**
 * The padded input split into stride phases and transposed to planes
 * `[sH·sW·cin, batch·Mh·Mw]`: plane (pH·sW + pW)·cin + c holds xpad[b, mh·sH + pH, mw·sW + pW, c]
 * at column (b·Mh + mh)·Mw + mw, zeros where xpad is padding. One pass in JS over the heap that
 * reads x in order, instead of wasm's `PadV2` then `Transpose` (two passes; its transpose is a
 * plain strided loop): the V.C model's filter gradients took 8 % (second layer) and 45 % (first
 * layer, with the JS transpose of dy below) less time in an interleaved micro-benchmark.
 */
function buildPlanes(
  backend: WasmBackend,
  x: TensorInfo,
  g: ConvGeometry,
  mh: number,
  mw: number,
): TensorInfo {
  const { batch, inHeight, inWidth, inChannels: cin, strideHeight: sH, strideWidth: sW } = g;
  const n = batch * mh * mw;
  const planes = backend.makeOutput([sH * sW * cin, n], 'float32');
  // Views taken after the allocation: a growing heap detaches earlier views.
  const xData = floatView(backend, x);
  const out = floatView(backend, planes);
  out.fill(0);
  for (let b = 0; b < batch; b++) {
    for (let h = 0; h < inHeight; h++) {
      const hp = h + g.padTop;
      const rowPhase = (hp % sH) * sW;
      const rowBase = (b * mh + Math.floor(hp / sH)) * mw;
      let src = (b * inHeight + h) * inWidth * cin;
      for (let w = 0; w < inWidth; w++) {
        const wp = w + g.padLeft;
        let dst = (rowPhase + (wp % sW)) * cin * n + rowBase + Math.floor(wp / sW);
        for (let c = 0; c < cin; c++) {
          out[dst] = xData[src]!;
          dst += n;
          src++;
        }
      }
    }
  }
  return planes;
}

interface Layout {
  /** Elements per plane row (batch·Mh·Mw). */
  n: number;
  /** Columns of the product's contraction (n minus the largest shift). */
  length: number;
  mh: number;
  mw: number;
  taps: number;
}

/** Calls `visit(tap, plane, shift)` for every filter tap, in HWIO order. */
function forEachTap(
  g: ConvGeometry,
  mw: number,
  visit: (tap: number, plane: number, shift: number) => void,
) {
  for (let i = 0; i < g.filterHeight; i++) {
    const rowOffset = i * g.dilationHeight;
    for (let j = 0; j < g.filterWidth; j++) {
      const colOffset = j * g.dilationWidth;
      visit(
        i * g.filterWidth + j,
        (rowOffset % g.strideHeight) * g.strideWidth + (colOffset % g.strideWidth),
        Math.floor(rowOffset / g.strideHeight) * mw + Math.floor(colOffset / g.strideWidth),
      );
    }
  }
}

/** dW [taps·cin, cout] = views [taps·cin, length] · dyPadded [length, cout]. */
function viewsOnTheLeft(
  backend: WasmBackend,
  planes: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
  { n, length, mh, mw, taps }: Layout,
): TensorInfo {
  const { inChannels: cin, outChannels: cout } = g;
  const stacked = backend.makeOutput([1, taps * cin, length], 'float32');
  const dyPadded = backend.makeOutput([1, length, cout], 'float32');
  const planeData = floatView(backend, planes);
  const stackedData = floatView(backend, stacked);
  forEachTap(g, mw, (tap, plane, shift) => {
    for (let c = 0; c < cin; c++) {
      const from = (plane * cin + c) * n + shift;
      stackedData.set(planeData.subarray(from, from + length), (tap * cin + c) * length);
    }
  });
  const dyData = floatView(backend, dy);
  const dyPaddedData = floatView(backend, dyPadded);
  dyPaddedData.fill(0);
  const dyRow = g.outWidth * cout;
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      const from = (b * g.outHeight + oh) * dyRow;
      dyPaddedData.set(dyData.subarray(from, from + dyRow), (b * mh + oh) * mw * cout);
    }
  }
  const product = runWasmKernel(
    'BatchMatMul',
    backend,
    { a: stacked, b: dyPadded },
    { transposeA: false, transposeB: false },
  );
  release(backend, stacked, dyPadded);
  return product;
}

/** dWᵀ [cout, taps·cin] = dyPaddedᵀ [cout, length] · viewsᵀ [length, taps·cin], transposed back. */
function viewsOnTheRight(
  backend: WasmBackend,
  planes: TensorInfo,
  dy: TensorInfo,
  g: ConvGeometry,
  { n, length, mh, mw, taps }: Layout,
): TensorInfo {
  const { inChannels: cin, outChannels: cout } = g;
  const columns = taps * cin;
  const dyPaddedT = backend.makeOutput([1, cout, length], 'float32');
  const views = backend.makeOutput([1, length, columns], 'float32');
  // dy transposed and padded per sample in one JS pass (wasm's Transpose is a strided loop).
  const dyData = floatView(backend, dy);
  const dyPaddedTData = floatView(backend, dyPaddedT);
  dyPaddedTData.fill(0);
  let src = 0;
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      const rowStart = (b * mh + oh) * mw;
      for (let ow = 0; ow < g.outWidth; ow++) {
        let dst = rowStart + ow;
        for (let o = 0; o < cout; o++) {
          dyPaddedTData[dst] = dyData[src]!;
          dst += length;
          src++;
        }
      }
    }
  }
  const planeData = floatView(backend, planes);
  const viewData = floatView(backend, views);
  forEachTap(g, mw, (tap, plane, shift) => {
    for (let c = 0; c < cin; c++) {
      const from = (plane * cin + c) * n + shift;
      const column = tap * cin + c;
      for (let t = 0; t < length; t++) viewData[t * columns + column] = planeData[from + t]!;
    }
  });
  const productT = runWasmKernel(
    'BatchMatMul',
    backend,
    { a: dyPaddedT, b: views },
    { transposeA: false, transposeB: false },
  );
  release(backend, dyPaddedT, views);
  const product = runWasmKernel(
    'Transpose',
    backend,
    { x: withShape(productT, [cout, columns]) },
    { perm: [1, 0] },
  );
  release(backend, productT);
  return product;
}

/** Kernel registration for {@link conv2DBackpropFilterWasm}. */
export const conv2DBackpropFilterWasmConfig: KernelConfig = {
  kernelName: NAME,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterWasm as unknown as KernelFunc,
};
