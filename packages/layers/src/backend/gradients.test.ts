import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerTrainingKernels } from './register';
import {
  dilateFilter,
  randomValues,
  relativeError,
  runKernelOn,
  seededUniform,
  type TensorSpec,
  undilateFilter,
} from './test-support';

beforeAll(async () => {
  registerTrainingKernels();
  await tf.setBackend('wasm');
});

describe('Mean gradient (dy / n, broadcast)', () => {
  it.each([
    ['wasm', [2, 5, 3], [1]],
    ['wasm', [2, 5, 3], [0, 2]],
    ['cpu', [4, 6], [1]],
    ['cpu', [3, 2, 2], [0, 1, 2]],
  ] as const)('on %s, x %j, axes %j: dL/dx = w broadcast / n', async (backend, shape, axes) => {
    await tf.setBackend(backend);
    const uniform = seededUniform(3);
    const x = tf.tensor(
      randomValues(
        uniform,
        shape.reduce((a, b) => a * b, 1),
      ),
      [...shape],
    );
    const reducedShape: number[] = shape.map((s, i) =>
      (axes as readonly number[]).includes(i) ? 1 : s,
    );
    const w = tf.tensor(
      randomValues(
        uniform,
        reducedShape.reduce((a: number, b: number) => a * b, 1),
      ),
      reducedShape,
    );
    const n = (axes as readonly number[]).reduce((acc, a) => acc * shape[a]!, 1);
    const loss = (v: tf.Tensor) => tf.sum(tf.mul(tf.mean(v, [...axes], true), w));
    const grad = tf.grad(loss)(x);
    const expected = tf.div(tf.broadcastTo(w, [...shape]), n);
    expect(relativeError(grad.dataSync(), expected.dataSync())).toBeLessThanOrEqual(1e-6);
    tf.dispose([x, w, grad, expected]);
  });

  it('gives the products of a broadcasting multiply by fill(1/n) bit for bit (V.C pooling)', async () => {
    await tf.setBackend('wasm');
    const uniform = seededUniform(8);
    const x = tf.tensor(randomValues(uniform, 4 * 77 * 32), [4, 77, 32]);
    const w = tf.tensor(randomValues(uniform, 4 * 32), [4, 32]);
    const grad = tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.mean(v, 1), w)))(x);
    const fillBased = tf.mul(tf.reshape(w, [4, 1, 32]), tf.fill([4, 77, 32], 1 / 77));
    const bits = (t: tf.Tensor) =>
      Array.from(new Uint32Array(Float32Array.from(t.dataSync()).buffer));
    expect(bits(grad)).toEqual(bits(fillBased));
    tf.dispose([x, w, grad, fillBased]);
  });
});

interface DilatedCase {
  label: string;
  x: TensorSpec;
  filter: TensorSpec;
  strides: [number, number];
  dilations: [number, number];
  pad: 'valid' | 'same';
}

function dilatedCase(
  seed: number,
  x: number[],
  filter: number[],
  dilations: [number, number],
  pad: 'valid' | 'same',
): DilatedCase {
  const uniform = seededUniform(seed);
  const size = (s: number[]) => s.reduce((a, b) => a * b, 1);
  return {
    label: `x[${x}] filter[${filter}] d${dilations} ${pad}`,
    x: { shape: x, values: randomValues(uniform, size(x)) },
    filter: { shape: filter, values: randomValues(uniform, size(filter)) },
    strides: [1, 1],
    dilations,
    pad,
  };
}

const DILATED: DilatedCase[] = [
  dilatedCase(1, [3, 1, 20, 2], [1, 3, 2, 4], [1, 2], 'valid'),
  dilatedCase(2, [2, 1, 17, 3], [1, 2, 3, 2], [1, 3], 'same'),
  dilatedCase(3, [4, 5, 9, 2], [2, 2, 2, 3], [2, 3], 'valid'),
  dilatedCase(4, [1, 6, 7, 1], [3, 2, 1, 2], [2, 2], 'same'),
];

/** Gradients of L = Σ conv2d(x, W) ⊙ R, for a fixed random R, on the active backend. */
function convGradients(c: DilatedCase, r: Float32Array) {
  const x = tf.tensor4d(c.x.values, c.x.shape as [number, number, number, number]);
  const w = tf.tensor4d(c.filter.values, c.filter.shape as [number, number, number, number]);
  const f = (a: tf.Tensor, b: tf.Tensor) => {
    const y = tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.strides, c.pad, 'NHWC', c.dilations);
    return tf.sum(tf.mul(y, tf.tensor(r, y.shape)));
  };
  const [dx, dw] = tf.grads(f)([x, w]);
  const out = { dx: Float32Array.from(dx!.dataSync()), dw: Float32Array.from(dw!.dataSync()) };
  tf.dispose([x, w, dx!, dw!]);
  return out;
}

describe('Conv2D gradient with dilations (stock tfjs refuses them)', () => {
  it.each(DILATED.map((c) => [c.label, c] as const))(
    'wasm and cpu equal the cpu kernels on the zero-inserted filter: %s',
    async (_, c) => {
      const ySpec = tf.tidy(
        () =>
          tf.conv2d(
            tf.zeros(c.x.shape as [number, number, number, number]) as tf.Tensor4D,
            tf.zeros(c.filter.shape as [number, number, number, number]) as tf.Tensor4D,
            c.strides,
            c.pad,
            'NHWC',
            c.dilations,
          ).shape,
      );
      const r = randomValues(
        seededUniform(99),
        ySpec.reduce((a, b) => a * b, 1),
      );
      const dy: TensorSpec = { shape: ySpec, values: r };
      const big = dilateFilter(c.filter, c.dilations);
      const common = { strides: c.strides, pad: c.pad, dataFormat: 'NHWC' };
      const dxOracle = await runKernelOn(
        'cpu',
        'Conv2DBackpropInput',
        { dy, filter: big },
        { ...common, inputShape: c.x.shape },
      );
      const dwBig = await runKernelOn(
        'cpu',
        'Conv2DBackpropFilter',
        { x: c.x, dy },
        { ...common, filterShape: big.shape },
      );
      const dwOracle = undilateFilter(
        dwBig,
        c.filter.shape as [number, number, number, number],
        c.dilations,
      );
      for (const backend of ['wasm', 'cpu']) {
        await tf.setBackend(backend);
        const { dx, dw } = convGradients(c, r);
        expect(relativeError(dx, dxOracle.values), `${backend} dx`).toBeLessThanOrEqual(1e-4);
        expect(relativeError(dw, dwOracle), `${backend} dW`).toBeLessThanOrEqual(1e-4);
      }
    },
  );

  it('tf.conv1d with dilationRate 2 trains on wasm like on cpu, without leaking tensors', async () => {
    const c = dilatedCase(5, [2, 1, 30, 3], [1, 3, 3, 4], [1, 2], 'valid');
    const results: Record<string, { dx: Float32Array; dw: Float32Array }> = {};
    for (const backend of ['cpu', 'wasm']) {
      await tf.setBackend(backend);
      const x = tf.tensor3d(c.x.values, [2, 30, 3]);
      const w = tf.tensor3d(c.filter.values, [3, 3, 4]);
      const f = (a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(
          tf.square(
            tf.conv1d(
              tf.pad(a as tf.Tensor3D, [
                [0, 0],
                [4, 0],
                [0, 0],
              ]),
              b as tf.Tensor3D,
              1,
              'valid',
              'NWC',
              2,
            ),
          ),
        );
      tf.dispose(tf.grads(f)([x, w]));
      const tensors = tf.memory().numTensors;
      const dataIds = tf.engine().backend.numDataIds();
      for (let i = 0; i < 3; i++) tf.dispose(tf.grads(f)([x, w]));
      expect(tf.memory().numTensors).toBe(tensors);
      expect(tf.engine().backend.numDataIds()).toBe(dataIds);
      const [dx, dw] = tf.grads(f)([x, w]);
      results[backend] = {
        dx: Float32Array.from(dx!.dataSync()),
        dw: Float32Array.from(dw!.dataSync()),
      };
      tf.dispose([x, w, dx!, dw!]);
    }
    expect(relativeError(results.wasm!.dx, results.cpu!.dx)).toBeLessThanOrEqual(1e-4);
    expect(relativeError(results.wasm!.dw, results.cpu!.dw)).toBeLessThanOrEqual(1e-4);
  });
});
