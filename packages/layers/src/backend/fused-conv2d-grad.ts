import {
  engine,
  type GradConfig,
  getBackend,
  getKernel,
  mul,
  step,
  sum,
  type Tensor,
  type Tensor4D,
} from '@tensorflow/tfjs';
import { conv2DGradConfig } from './conv2d-grad';
import { RELU_GRAD_KERNEL } from './relu-grad';

/**
 * Gradient of `FusedConv2D` (a convolution, optional bias and activation in one kernel) with
 * activation `'linear'` or `'relu'`, as a tape entry: dy·step(y) for `'relu'` (y > 0 exactly
 * where the pre-activation is, so this is tfjs's `Relu` gradient; one kernel on wasm), then the `Conv2D` gradient
 * (ours: dilations, and on wasm our kernels), each input's part computed only when the tape
 * asks for it. tfjs's own `tf.fused.conv2d` trains through a `customGrad` instead, which
 * computes the input gradient even for a first layer whose input needs none, and refuses
 * dilations; `CausalConv1D` runs the kernel directly so that this gradient is used.
 *
 * @throws Error naming the activation when it is neither 'linear' nor 'relu'.
 */
/** dy·step(y): one `RectifyReluGrad` kernel on wasm, tfjs's two (`Step`, `Multiply`) elsewhere. */
function reluGrad(dy: Tensor, y: Tensor): Tensor {
  if (getBackend() === 'wasm' && getKernel(RELU_GRAD_KERNEL, 'wasm') !== undefined) {
    return engine().runKernel(RELU_GRAD_KERNEL, { dy, y }) as Tensor;
  }
  return mul(dy, step(y));
}

export const fusedConv2DGradConfig: GradConfig = {
  kernelName: 'FusedConv2D',
  inputsToSave: ['x', 'filter'],
  outputsToSave: [true],
  gradFunc: (dy, saved, attrs) => {
    const [x, filter, y] = saved as [Tensor4D, Tensor4D, Tensor4D];
    const activation = (attrs.activation as string | undefined) ?? 'linear';
    if (activation !== 'linear' && activation !== 'relu') {
      throw new Error(
        `FusedConv2D gradient (@rectify/layers): activation must be 'linear' or 'relu', got '${activation}'`,
      );
    }
    const dyPre = activation === 'relu' ? reluGrad(dy as Tensor, y) : (dy as Tensor);
    const conv = conv2DGradConfig.gradFunc(dyPre, [x, filter], attrs);
    return {
      x: conv.x!,
      filter: conv.filter!,
      bias: () => sum(dyPre, [0, 1, 2]),
    };
  },
};
