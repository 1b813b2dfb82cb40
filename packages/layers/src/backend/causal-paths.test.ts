import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CausalConv1D } from '../layers/causal-conv1d';
import { registerTrainingKernels, trainingKernelsInstalled } from './register';
import { randomValues, relativeError, seededUniform } from './test-support';

// Order matters in this file: the reference is taken before registerTrainingKernels() runs.

interface Result {
  y: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
}

const CASES = [
  { kernelSize: 3, dilationRate: 2, strides: 1, steps: 11 },
  { kernelSize: 2, dilationRate: 3, strides: 1, steps: 7 },
  { kernelSize: 3, dilationRate: 1, strides: 2, steps: 9 },
  { kernelSize: 4, dilationRate: 1, strides: 1, steps: 6 },
];
const uniform = seededUniform(5);
const INPUTS = CASES.map((c) => randomValues(uniform, 2 * c.steps * 3));
const KERNELS = CASES.map((c) => randomValues(uniform, c.kernelSize * 3 * 4));

/** Output and gradients (of Σ y · ramp) of a CausalConv1D(4) on a [2, steps, 3] input. */
function run(index: number): Result {
  const c = CASES[index]!;
  const layer = new CausalConv1D({ filters: 4, ...c, useBias: true, biasInitializer: 'ones' });
  return tf.tidy(() => {
    const x = tf.tensor3d(INPUTS[index]!, [2, c.steps, 3]);
    layer.apply(x);
    layer.setWeights([tf.tensor3d(KERNELS[index]!, [c.kernelSize, 3, 4]), tf.ones([4])]);
    const f = (xx: tf.Tensor) => {
      const y = layer.apply(xx) as tf.Tensor;
      return tf.sum(tf.mul(y, tf.range(0, y.size).reshape(y.shape).div(y.size)));
    };
    const y = layer.apply(x) as tf.Tensor;
    const dx = tf.grad(f)(x);
    const kernel = layer.trainableWeights[0]!.read() as tf.Variable;
    const { grads } = tf.variableGrads(() => f(x) as tf.Scalar, [kernel]);
    return {
      y: Float32Array.from(y.dataSync()),
      dx: Float32Array.from(dx.dataSync()),
      dw: Float32Array.from(Object.values(grads)[0]!.dataSync()),
    };
  });
}

describe('CausalConv1D: stock-trainable path vs the direct dilated conv2d', () => {
  const reference: Result[] = [];

  it('reports no training kernels before registerTrainingKernels()', async () => {
    await tf.setBackend('cpu');
    expect(trainingKernelsInstalled()).toBe(false);
    for (let i = 0; i < CASES.length; i++) reference.push(run(i));
  });

  it('reports them after, and gives the same outputs and gradients on cpu and wasm', async () => {
    registerTrainingKernels();
    expect(trainingKernelsInstalled()).toBe(true);
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      for (let i = 0; i < CASES.length; i++) {
        const ours = run(i);
        const ref = reference[i]!;
        const label = `${backend} case ${i}`;
        expect(relativeError(ours.y, ref.y), `${label} y`).toBeLessThanOrEqual(1e-6);
        expect(relativeError(ours.dx, ref.dx), `${label} dx`).toBeLessThanOrEqual(1e-6);
        expect(relativeError(ours.dw, ref.dw), `${label} dW`).toBeLessThanOrEqual(1e-6);
      }
    }
  });
});
