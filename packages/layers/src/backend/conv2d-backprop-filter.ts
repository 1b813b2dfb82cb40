import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs';
import {
  assertDyShape,
  assertFloat32,
  type ConvAttrs,
  type ConvGeometry,
  kernelGeometryArgs,
  resolveConvGeometry,
} from './conv-geometry';
import { CONV_WASM_BASE64 } from './conv-module';
import { type HeapTranspose4, heapTranspose4, instantiateOnHeap } from './heap-transpose';
import { floatView, release, runWasmKernel, type WasmBackend, withShape } from './wasm-access';

const NAME = 'Conv2DBackpropFilter';

/** Attributes of `Conv2DBackpropFilter`, plus the `dilations` our Conv2D gradient passes. */
export interface Conv2DBackpropFilterWasmAttrs extends ConvAttrs {
  filterShape: [number, number, number, number];
}

/**
 * The filter gradient of a 2-D convolution on the wasm backend:
 *
 *   dW[i, j, c, o] = Σ_{b, oh, ow} xpad[b, oh·sH + i·dH, ow·sW + j·dW, c] · dy[b, oh, ow, o]
 *
 * computed by a WebAssembly SIMD kernel of ours ({@link directFilterGradient}) that reads x and
 * dy in place on the heap: no copies, no transposes, no packing. Where that module cannot run
 * (no SIMD, a heap it cannot import), the matMul formulation ({@link conv2DBackpropFilterGemm})
 * with its transposes in JS. Both give the same floats bit for bit.
 */
export function conv2DBackpropFilterWasm(args: FilterGradientArgs): TensorInfo {
  const direct = heapFilterGradient(args.backend);
  return direct !== undefined
    ? directFilterGradient(args, direct)
    : filterGradient(args, undefined);
}

/**
 * `filterGradient(x, dy, out, batch, inH, inW, cin, outH, outW, cout, kH, kW, sH, sW, dH, dW,
 * padTop, padLeft)` of `assembly/conv.ts`: writes dW (HWIO) at byte address `out`
 * from NHWC x and dy at byte addresses `x` and `dy` of the heap.
 */
type HeapFilterGradient = (x: number, dy: number, out: number, ...geometry: number[]) => void;

let moduleBytes: Uint8Array | undefined;

/** The exports of `assembly/conv.ts` instantiated on the backend's heap, or undefined. */
export function heapConvModule(backend: WasmBackend): Record<string, unknown> | undefined {
  moduleBytes ??= Uint8Array.from(atob(CONV_WASM_BASE64), (ch) => ch.charCodeAt(0));
  return instantiateOnHeap(backend, moduleBytes);
}

/** The filter gradient of `assembly/conv.ts` on the backend's heap, or undefined. */
export function heapFilterGradient(backend: WasmBackend): HeapFilterGradient | undefined {
  return heapConvModule(backend)?.filterGradient as HeapFilterGradient | undefined;
}

/**
 * The filter gradient by our WebAssembly SIMD kernel: for every output pixel row and tap, the
 * valid range of ow is a run of x rows (stride sW·cin) times a run of dy rows, accumulated as
 * rank-1 updates into register blocks of 4 input × 8 output channels (edges 4 × 4, 1 × 8,
 * 1 × 4, 1 × 1), 64 pixels per pass so that both runs stay in L1. Each output is one float32
 * sum over (b, oh, ow) in increasing order, each product rounded before it is added, which is
 * the order of the matMul below (XNNPACK's GEMM sums its contraction in order; the padding's
 * zero products it adds do not change a sum that starts at +0), so the floats are the same bit
 * for bit (`conv2d-backprop-filter.test.ts`). Measured on the V.C model's second layer:
 * see `bench/README.md`.
 */
function directFilterGradient(args: FilterGradientArgs, kernel: HeapFilterGradient): TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs;
  assertFloat32(NAME, 'x', x.dtype);
  assertFloat32(NAME, 'dy', dy.dtype);
  const g = resolveConvGeometry(NAME, x.shape, attrs.filterShape, attrs);
  assertDyShape(NAME, dy.shape, g);
  const out = backend.makeOutput([...attrs.filterShape], 'float32');
  // Addresses taken after the allocation: a growing heap moves nothing, but detaches views.
  kernel(
    floatView(backend, x).byteOffset,
    floatView(backend, dy).byteOffset,
    floatView(backend, out).byteOffset,
    ...kernelGeometryArgs(g),
  );
  return out;
}

/**
 * The filter gradient as ONE untransposed batch-1 matMul (the only matMul wasm runs at full
 * speed), the kernel before {@link directFilterGradient} and its fallback:
 *
 *   dW[i, j, c, o] = Σ_{b, oh, ow} xpad[b, oh·sH + i·dH, ow·sW + j·dW, c] · dy[b, oh, ow, o]
 *
 * The padded input is split into stride phases and transposed to planes
 * xr[pH, pW, c][(b·Mh + mh)·Mw + mw]; every tap (i, j) is then a shifted view of one plane. dy is
 * padded per sample to Mh × Mw so that a shifted row never reads the next sample where dy ≠ 0.
 * The k·cin shifted views, stacked, times the padded dy give dW as [kH·kW·cin, cout]; when
 * k·cin < cout (a first layer with one input channel) the transposed product is cheaper, because
 * XNNPACK re-packs the right-hand operand on every call.
 *
 * Tried and measured slower on the V.C model's layers (interleaved, same process): the gradient
 * as one forward XNNPACK `Conv2D` of x seen as a [1, n, cin, 1] image with dy as the filter (no
 * transposes, but one channel per kernel position: 1.7× the time with cin = 1, 2× with 32);
 * wasm's own `Transpose` for the planes (no faster than the JS transpose); the views on the
 * left for cin = 1 (1.6×).
 */
export function conv2DBackpropFilterGemm(args: FilterGradientArgs): TensorInfo {
  return filterGradient(args, heapTranspose4(args.backend));
}

/** The arguments tfjs hands the filter-gradient kernel. */
interface FilterGradientArgs {
  inputs: { x: TensorInfo; dy: TensorInfo };
  backend: WasmBackend;
  attrs: Conv2DBackpropFilterWasmAttrs;
}

/** {@link conv2DBackpropFilterGemm} with its transposes in SIMD `tiles`, or in JS without them. */
function filterGradient(args: FilterGradientArgs, tiles: HeapTranspose4 | undefined): TensorInfo {
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

  const planes = buildPlanes(backend, x, g, mh, mw, tiles);

  const n = batch * mh * mw;
  const maxShiftRows = Math.floor(((g.filterHeight - 1) * g.dilationHeight) / sH);
  const maxShiftCols = Math.floor(((g.filterWidth - 1) * g.dilationWidth) / sW);
  const length = n - maxShiftRows * mw - maxShiftCols;
  const taps = g.filterHeight * g.filterWidth;

  // XNNPACK packs the right-hand operand on every call, at a cost of several ns per element, so
  // the smaller of dy (length × cout) and the shifted views (length × taps·cin) goes there.
  const product =
    taps * cin < cout
      ? viewsOnTheRight(backend, planes, dy, g, { n, length, mh, mw, taps }, tiles)
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
  tiles: HeapTranspose4 | undefined,
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
      if (sW === 1) {
        transposeInto(
          xData,
          src,
          inWidth,
          cin,
          out,
          rowPhase * cin * n + rowBase + g.padLeft,
          n,
          tiles,
        );
        continue;
      }
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

/**
 * target[to + c·stride + r] = source[from + r·columns + c] for r < rows, c < columns: a
 * [rows, columns] block written transposed. Eight source rows at a time, so that each target row
 * gets eight consecutive elements per pass: about half the time of one element per pass on the
 * V.C model's [16 384, 32] blocks (bench/transpose.bench.ts); one column is a block copy.
 * With `tiles` (source and target both views of the wasm heap it runs on), whole 4 × 4 tiles
 * are transposed in wasm SIMD and only the edge rows and columns in JS.
 * Internal to the training kernels; exported for its tests and benchmark.
 */
export function transposeInto(
  source: Float32Array,
  from: number,
  rows: number,
  columns: number,
  target: Float32Array,
  to: number,
  stride: number,
  tiles?: HeapTranspose4,
): void {
  if (columns === 1) {
    target.set(source.subarray(from, from + rows), to);
    return;
  }
  const rows4 = rows & ~3;
  const cols4 = columns & ~3;
  if (tiles !== undefined && rows4 > 0 && cols4 > 0 && source.buffer === target.buffer) {
    tiles(
      source.byteOffset + 4 * from,
      target.byteOffset + 4 * to,
      rows4,
      cols4,
      4 * columns,
      4 * stride,
    );
    for (let r = 0; r < rows4; r++) {
      let dst = to + cols4 * stride + r;
      for (let c = cols4, src = from + r * columns + cols4; c < columns; c++, src++) {
        target[dst] = source[src]!;
        dst += stride;
      }
    }
    for (let r = rows4; r < rows; r++) {
      let dst = to + r;
      for (let c = 0, src = from + r * columns; c < columns; c++, src++) {
        target[dst] = source[src]!;
        dst += stride;
      }
    }
    return;
  }
  const c2 = 2 * columns;
  const c3 = 3 * columns;
  const c4 = 4 * columns;
  const c5 = 5 * columns;
  const c6 = 6 * columns;
  const c7 = 7 * columns;
  let r = 0;
  for (; r + 8 <= rows; r += 8) {
    let src = from + r * columns;
    let dst = to + r;
    for (let c = 0; c < columns; c++) {
      target[dst] = source[src]!;
      target[dst + 1] = source[src + columns]!;
      target[dst + 2] = source[src + c2]!;
      target[dst + 3] = source[src + c3]!;
      target[dst + 4] = source[src + c4]!;
      target[dst + 5] = source[src + c5]!;
      target[dst + 6] = source[src + c6]!;
      target[dst + 7] = source[src + c7]!;
      dst += stride;
      src++;
    }
  }
  for (; r < rows; r++) {
    let src = from + r * columns;
    let dst = to + r;
    for (let c = 0; c < columns; c++) {
      target[dst] = source[src]!;
      dst += stride;
      src++;
    }
  }
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
  tiles: HeapTranspose4 | undefined,
): TensorInfo {
  const { inChannels: cin, outChannels: cout } = g;
  const columns = taps * cin;
  const dyPaddedT = backend.makeOutput([1, cout, length], 'float32');
  const views = backend.makeOutput([1, length, columns], 'float32');
  // dy transposed and padded per sample in one JS pass (wasm's Transpose is a strided loop).
  const dyData = floatView(backend, dy);
  const dyPaddedTData = floatView(backend, dyPaddedT);
  dyPaddedTData.fill(0);
  for (let b = 0; b < g.batch; b++) {
    for (let oh = 0; oh < g.outHeight; oh++) {
      const src = (b * g.outHeight + oh) * g.outWidth * cout;
      transposeInto(
        dyData,
        src,
        g.outWidth,
        cout,
        dyPaddedTData,
        (b * mh + oh) * mw,
        length,
        tiles,
      );
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

/**
 * The matMul kernel ({@link conv2DBackpropFilterGemm}, SIMD tile transposes), the kernel before
 * the direct one: the baseline of `bench/conv-step.bench.ts` and the reference of the tests.
 * Internal; not registered by `registerTrainingKernels`.
 */
export const conv2DBackpropFilterGemmConfig: KernelConfig = {
  kernelName: NAME,
  backendName: 'wasm',
  kernelFunc: conv2DBackpropFilterGemm as unknown as KernelFunc,
};

/**
 * The matMul kernel with every transpose in JS (as before the SIMD tiles; what runs where no
 * module can be instantiated on the heap). Internal; not registered by `registerTrainingKernels`.
 */
export const conv2DBackpropFilterJsTransposesConfig: KernelConfig = {
  kernelName: NAME,
  backendName: 'wasm',
  kernelFunc: ((args: FilterGradientArgs) =>
    filterGradient(args, undefined)) as unknown as KernelFunc,
};
