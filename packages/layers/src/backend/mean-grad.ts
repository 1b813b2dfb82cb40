import {
  backend_util,
  fill,
  type GradConfig,
  mul,
  reshape,
  type Tensor,
  util,
} from '@tensorflow/tfjs';

/**
 * Gradient of `Mean`: ∂mean_axes(x)/∂x = dy broadcast over the reduced axes, times 1/n with n the
 * number of reduced elements. tfjs's stock gradient builds a ones tensor in JS on every step;
 * this one multiplies by a `fill`ed tensor, which every backend computes natively.
 */
export const meanGradConfig: GradConfig = {
  kernelName: 'Mean',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const x = saved[0]!;
    const axes = util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const [, reduceShape] = backend_util.computeOutAndReduceShapes(x.shape, axes);
    const reduceSize = util.sizeFromShape(reduceShape);
    return {
      x: () => {
        const expandedShape = x.shape.slice();
        for (const axis of axes) expandedShape[axis] = 1;
        return mul(reshape(dy as Tensor, expandedShape), fill(x.shape, 1 / reduceSize, 'float32'));
      },
    };
  },
};
