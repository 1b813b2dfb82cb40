import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from '../backend/register';
import { randomValues, seededUniform } from '../backend/test-support';
import { CausalConv1D } from './causal-conv1d';

// A CausalConv1D with activation 'relu' and no bias runs one FusedConv2D with a ReLU clamp and
// its own gradient; the reference is the unfused composition relu(preActivation(x)), which
// tfjs differentiates through Conv2D and Relu. Both must give the same floats, bit for bit.

interface Result {
  y: Float32Array;
  dx: Float32Array;
  dw: Float32Array;
}

const CASES = [
  { batch: 16, steps: 256, inChannels: 1, filters: 32, kernelSize: 3, dilationRate: 1, strides: 1 },
  { batch: 8, steps: 64, inChannels: 32, filters: 32, kernelSize: 3, dilationRate: 1, strides: 1 },
  { batch: 3, steps: 17, inChannels: 5, filters: 4, kernelSize: 4, dilationRate: 1, strides: 2 },
  { batch: 2, steps: 23, inChannels: 3, filters: 6, kernelSize: 3, dilationRate: 2, strides: 1 },
  { batch: 1, steps: 2, inChannels: 2, filters: 3, kernelSize: 5, dilationRate: 1, strides: 1 },
];

/** y and the gradients of Σ y·g (g fixed, signed) with respect to x and the kernel. */
function run(c: (typeof CASES)[number], fused: boolean, seed: number): Result {
  const uniform = seededUniform(seed);
  const { batch, steps, inChannels, kernelSize, dilationRate, strides, filters } = c;
  const layer = new CausalConv1D({
    filters,
    kernelSize,
    dilationRate,
    strides,
    useBias: false,
    activation: 'relu',
  });
  return tf.tidy(() => {
    const x = tf.tensor3d(randomValues(uniform, batch * steps * inChannels), [
      batch,
      steps,
      inChannels,
    ]);
    layer.apply(x);
    layer.setWeights([
      tf.tensor3d(randomValues(uniform, kernelSize * inChannels * filters), [
        kernelSize,
        inChannels,
        filters,
      ]),
    ]);
    const outSteps = Math.floor((steps - 1) / strides) + 1;
    const g = tf.tensor3d(randomValues(uniform, batch * outSteps * filters), [
      batch,
      outSteps,
      filters,
    ]);
    const forward = (xx: tf.Tensor): tf.Tensor =>
      fused ? (layer.apply(xx) as tf.Tensor) : tf.relu(layer.preActivation(xx as tf.Tensor3D));
    const loss = (xx: tf.Tensor) => tf.sum(tf.mul(forward(xx), g)) as tf.Scalar;
    const dx = tf.grad(loss)(x);
    const kernel = layer.trainableWeights[0]!.read() as tf.Variable;
    const { grads } = tf.variableGrads(() => loss(x), [kernel]);
    return {
      y: Float32Array.from(forward(x).dataSync()),
      dx: Float32Array.from(dx.dataSync()),
      dw: Float32Array.from(Object.values(grads)[0]!.dataSync()),
    };
  });
}

beforeAll(() => {
  registerTrainingKernels();
});

describe('CausalConv1D relu without bias: one FusedConv2D, the same floats as Conv2D + Relu', () => {
  for (const backend of ['wasm', 'cpu']) {
    it.each(CASES.map((c, i) => [i, c] as const))(`${backend}: case %i`, async (i, c) => {
      await tf.setBackend(backend);
      const fused = run(c, true, 11 + i);
      const reference = run(c, false, 11 + i);
      // Half the outputs are clipped: the check covers both sides of the ReLU.
      const zeros = fused.y.filter((v) => v === 0).length;
      expect(zeros).toBeGreaterThan(fused.y.length / 5);
      expect(zeros).toBeLessThan((fused.y.length * 4) / 5);
      expect(fused.y).toEqual(reference.y);
      expect(fused.dx).toEqual(reference.dx);
      expect(fused.dw).toEqual(reference.dw);
    });
  }

  it('runs FusedConv2D and no Relu kernel in the forward pass', async () => {
    await tf.setBackend('wasm');
    const layer = new CausalConv1D({
      filters: 4,
      kernelSize: 3,
      useBias: false,
      activation: 'relu',
    });
    const x = tf.ones([2, 8, 1]);
    layer.apply(x);
    const profile = await tf.profile(() => layer.apply(x) as tf.Tensor);
    const kernels = profile.kernelNames;
    expect(kernels).toContain('FusedConv2D');
    expect(kernels).not.toContain('Relu');
    expect(kernels).not.toContain('Conv2D');
    tf.dispose([x, profile.result as tf.Tensor]);
    layer.dispose();
  });

  it('computes no input gradient for a first layer (the tape asks only for dW)', async () => {
    await tf.setBackend('wasm');
    const layer = new CausalConv1D({
      filters: 4,
      kernelSize: 3,
      useBias: false,
      activation: 'relu',
    });
    const x = tf.randomNormal([2, 8, 1]);
    layer.apply(x);
    const kernel = layer.trainableWeights[0]!.read() as tf.Variable;
    const profile = await tf.profile(() => {
      const { value, grads } = tf.variableGrads(
        () => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar,
        [kernel],
      );
      tf.dispose([value, ...Object.values(grads)]);
    });
    expect(profile.kernelNames).toContain('Conv2DBackpropFilter');
    expect(profile.kernelNames).not.toContain('Conv2DBackpropInput');
    tf.dispose(x);
    layer.dispose();
  });

  it("the FusedConv2D gradient refuses activations other than 'linear' and 'relu'", async () => {
    await tf.setBackend('cpu');
    const x = tf.randomNormal([1, 1, 6, 2]);
    const w = tf.randomNormal([1, 3, 2, 2]);
    const f = (xx: tf.Tensor) =>
      tf.sum(
        tf.engine().runKernel('FusedConv2D', { x: xx, filter: w }, {
          strides: [1, 1],
          pad: 'valid',
          dataFormat: 'NHWC',
          dilations: [1, 1],
          activation: 'elu',
        } as unknown as tf.NamedAttrMap) as tf.Tensor,
      );
    expect(() => tf.grad(f)(x)).toThrow(/activation must be 'linear' or 'relu', got 'elu'/);
    tf.dispose([x, w]);
  });

  it('leaves no tensor behind after a gradient', async () => {
    await tf.setBackend('wasm');
    const layer = new CausalConv1D({
      filters: 4,
      kernelSize: 3,
      useBias: false,
      activation: 'relu',
    });
    const x = tf.randomNormal([2, 8, 3]);
    layer.apply(x);
    const before = tf.memory().numTensors;
    const kernel = layer.trainableWeights[0]!.read() as tf.Variable;
    const { value, grads } = tf.variableGrads(
      () => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar,
      [kernel],
    );
    tf.dispose([value, ...Object.values(grads)]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(x);
    layer.dispose();
  });
});
