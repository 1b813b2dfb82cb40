import {
  conv2d,
  engine,
  getBackend,
  type GradConfig,
  type NamedAttrMap,
  pad,
  reverse,
  slice,
  type Tensor,
  type Tensor4D,
  transpose,
} from '@tensorflow/tfjs';
import { type ConvAttrs, resolveConvGeometry } from './conv-geometry';

function isOne(value: [number, number] | number | undefined): boolean {
  return (
    value === undefined || (typeof value === 'number' ? value === 1 : value.every((v) => v === 1))
  );
}

/** Pads (positive amounts) or crops (negative amounts) the two spatial axes of an NHWC tensor. */
function padOrCrop(
  x: Tensor4D,
  top: number,
  bottom: number,
  left: number,
  right: number,
): Tensor4D {
  const padded = pad(x, [
    [0, 0],
    [Math.max(top, 0), Math.max(bottom, 0)],
    [Math.max(left, 0), Math.max(right, 0)],
    [0, 0],
  ]);
  if (top >= 0 && bottom >= 0 && left >= 0 && right >= 0) return padded;
  const [n, h, w, c] = padded.shape;
  return slice(
    padded,
    [0, Math.max(-top, 0), Math.max(-left, 0), 0],
    [
      n,
      h - Math.max(-top, 0) - Math.max(-bottom, 0),
      w - Math.max(-left, 0) - Math.max(-right, 0),
      c,
    ],
  );
}

/**
 * Dilated conv gradients from forward convolutions, for backends without our kernels (cpu,
 * webgl). With stride 1 (tfjs forbids strides and dilations both above 1):
 * dx = conv2d(pad(dy), W flipped and transposed, dilations) and
 * dW = conv2d(xpadᵀ [cin, H, W, B], dyᵀ [oH, oW, B, cout], strides = dilations).
 */
function dilatedGradients(x: Tensor4D, filter: Tensor4D, dy: Tensor4D, attrs: ConvAttrs) {
  const g = resolveConvGeometry('Conv2D gradient', x.shape, filter.shape, attrs);
  const dilations: [number, number] = [g.dilationHeight, g.dilationWidth];
  return {
    x: () => {
      const reachH = (g.filterHeight - 1) * g.dilationHeight;
      const reachW = (g.filterWidth - 1) * g.dilationWidth;
      const spread = padOrCrop(
        dy,
        reachH - g.padTop,
        reachH - g.padBottom,
        reachW - g.padLeft,
        reachW - g.padRight,
      );
      const flipped = transpose(reverse(filter, [0, 1]), [0, 1, 3, 2]);
      return conv2d(spread, flipped, 1, 'valid', 'NHWC', dilations);
    },
    filter: () => {
      const padded = padOrCrop(x, g.padTop, g.padBottom, g.padLeft, g.padRight);
      const planes = transpose(padded, [3, 1, 2, 0]);
      const weights = transpose(dy, [1, 2, 0, 3]);
      const full = conv2d(planes, weights, dilations, 'valid');
      const taps = slice(
        full,
        [0, 0, 0, 0],
        [g.inChannels, g.filterHeight, g.filterWidth, g.outChannels],
      );
      return transpose(taps, [1, 2, 0, 3]);
    },
  };
}

/**
 * Gradient of `Conv2D` that also handles dilations (tfjs's stock gradient refuses them). Without
 * dilation it runs the backend's `Conv2DBackpropInput`/`Conv2DBackpropFilter` kernels, like
 * tfjs; with dilation it runs them too on wasm (our kernels read the extra `dilations` attribute)
 * and falls back to forward convolutions elsewhere.
 */
export const conv2DGradConfig: GradConfig = {
  kernelName: 'Conv2D',
  inputsToSave: ['x', 'filter'],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter] = saved as [Tensor4D, Tensor4D];
    const convAttrs = attrs as unknown as ConvAttrs;
    const dy4 = dy as Tensor4D;
    const dilated = !isOne(convAttrs.dilations);
    if (dilated && getBackend() !== 'wasm') return dilatedGradients(x, filter, dy4, convAttrs);
    const shared = {
      strides: convAttrs.strides,
      pad: convAttrs.pad,
      dataFormat: convAttrs.dataFormat ?? 'NHWC',
      dimRoundingMode: convAttrs.dimRoundingMode,
      ...(dilated ? { dilations: convAttrs.dilations } : {}),
    };
    return {
      x: () =>
        engine().runKernel('Conv2DBackpropInput', { dy: dy4, filter }, {
          ...shared,
          inputShape: x.shape,
        } as unknown as NamedAttrMap) as Tensor,
      filter: () =>
        engine().runKernel('Conv2DBackpropFilter', { x, dy: dy4 }, {
          ...shared,
          filterShape: filter.shape,
        } as unknown as NamedAttrMap) as Tensor,
    };
  },
};
