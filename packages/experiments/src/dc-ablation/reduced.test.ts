import { causalConv1d, linearDc } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBackend } from '../core/backend';
import { createRng } from '@rectify/signal';
import { LinearConvPairPooled } from './reduced';
import { dcAblation } from './run';

beforeAll(async () => {
  await ensureBackend('wasm');
});

function randomTensor(shape: number[], seed: number, scale = 1): tf.Tensor {
  const rng = createRng(seed);
  const size = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(
    Float32Array.from({ length: size }, () => scale * (2 * rng.uniform() - 1)),
    shape,
  );
}

/** Max |a − b| / max |b|: relative to the reference's scale. */
function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  const da = a.dataSync();
  const db = b.dataSync();
  expect(da.length).toBe(db.length);
  let err = 0;
  let scale = 0;
  for (let i = 0; i < db.length; i++) {
    err = Math.max(err, Math.abs((da[i] as number) - (db[i] as number)));
    scale = Math.max(scale, Math.abs(db[i] as number));
  }
  return err / scale;
}

/**
 * The reference: two CausalConv1D (linear, no bias) layers, optionally each followed by LinearDC,
 * then GAP — built layer by layer with the given kernels.
 */
function literal(x: tf.Tensor3D, w0: tf.Tensor, w1: tf.Tensor, withDc: boolean): tf.Tensor {
  const [, time] = x.shape;
  const filters = w1.shape[2] as number;
  const kernelSize = w0.shape[0] as number;
  const input = tf.input({ shape: [time, 1] });
  const c0 = causalConv1d({ filters, kernelSize, useBias: false });
  const c1 = causalConv1d({ filters, kernelSize, useBias: false });
  let h = c0.apply(input) as tf.SymbolicTensor;
  if (withDc) h = linearDc().apply(h) as tf.SymbolicTensor;
  h = c1.apply(h) as tf.SymbolicTensor;
  if (withDc) h = linearDc().apply(h) as tf.SymbolicTensor;
  const model = tf.model({
    inputs: input,
    outputs: tf.layers.globalAveragePooling1d().apply(h) as tf.SymbolicTensor,
  });
  c0.setWeights([w0]);
  c1.setWeights([w1]);
  const y = model.predict(x) as tf.Tensor;
  model.dispose();
  return y;
}

function pair(x: tf.Tensor, w0: tf.Tensor, w1: tf.Tensor, withDc: boolean) {
  const layer = new LinearConvPairPooled({
    filters: w1.shape[2] as number,
    kernelSize: w0.shape[0] as number,
    linearDc: withDc,
    kernelInitializers: [tf.initializers.zeros(), tf.initializers.zeros()],
  });
  layer.apply(tf.input({ shape: x.shape.slice(1) as number[] }));
  layer.setWeights([w0, w1]);
  return layer;
}

describe('LinearConvPairPooled: two linear causal convs (+ LinearDC) → GAP through the composed kernel', () => {
  const cases = [
    { kernelSize: 3, filters: 32, time: 256, batch: 5 },
    { kernelSize: 1, filters: 4, time: 9, batch: 3 },
    { kernelSize: 4, filters: 6, time: 40, batch: 2 },
    { kernelSize: 5, filters: 3, time: 3, batch: 2 }, // shorter than the composed kernel
  ];
  for (const withDc of [false, true]) {
    for (const [n, c] of cases.entries()) {
      const label = `k=${c.kernelSize}, F=${c.filters}, T=${c.time}${withDc ? ', LinearDC' : ''}`;

      it(`forward equals the layer-by-layer stack (${label})`, () => {
        const x = randomTensor([c.batch, c.time, 1], 10 + n) as tf.Tensor3D;
        const w0 = randomTensor([c.kernelSize, 1, c.filters], 20 + n, 0.5);
        const w1 = randomTensor([c.kernelSize, c.filters, c.filters], 30 + n, 0.3);
        const layer = pair(x, w0, w1, withDc);
        const got = layer.apply(x) as tf.Tensor;
        const want = literal(x, w0, w1, withDc);
        expect(got.shape).toEqual([c.batch, c.filters]);
        expect(relativeError(got, want)).toBeLessThan(2e-6);
        tf.dispose([x, w0, w1, got, want]);
        layer.dispose();
      });

      it(`kernel gradients equal the layer-by-layer stack's (${label})`, () => {
        const x = randomTensor([c.batch, c.time, 1], 40 + n) as tf.Tensor3D;
        const w0 = tf.variable(randomTensor([c.kernelSize, 1, c.filters], 50 + n, 0.5));
        const w1 = tf.variable(randomTensor([c.kernelSize, c.filters, c.filters], 60 + n, 0.3));
        const weights = randomTensor([c.batch, c.filters], 70 + n);
        const layer = pair(x, w0, w1, withDc);
        const [k0, k1] = layer.convKernels;
        const got = tf.variableGrads(
          () => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, weights)) as tf.Scalar,
          [k0.read() as tf.Variable, k1.read() as tf.Variable],
        );
        // The reference differentiates the stack with the same kernels as tf.Variables.
        const want = tf.variableGrads(() => {
          const [, time] = x.shape;
          const causal = (input: tf.Tensor3D, w: tf.Tensor3D) =>
            tf.conv1d(
              tf.pad(input, [
                [0, 0],
                [c.kernelSize - 1, 0],
                [0, 0],
              ]),
              w,
              1,
              'valid',
            );
          const dc = (h: tf.Tensor3D) =>
            withDc ? tf.add(h, tf.div(tf.mean(tf.abs(h), 1, true), 2)) : h;
          const h1 = dc(causal(x, w0 as tf.Tensor as tf.Tensor3D) as tf.Tensor3D) as tf.Tensor3D;
          const h2 = dc(causal(h1, w1 as tf.Tensor as tf.Tensor3D) as tf.Tensor3D) as tf.Tensor3D;
          expect(h2.shape[1]).toBe(time);
          return tf.sum(tf.mul(tf.mean(h2, 1), weights)) as tf.Scalar;
        }, [w0, w1]);
        const g = Object.values(got.grads);
        const r = Object.values(want.grads);
        expect(g).toHaveLength(2);
        expect(relativeError(g[0] as tf.Tensor, r[0] as tf.Tensor)).toBeLessThan(1e-5);
        expect(relativeError(g[1] as tf.Tensor, r[1] as tf.Tensor)).toBeLessThan(1e-5);
        tf.dispose([x, w0, w1, weights, got.value, want.value, ...g, ...r]);
        layer.dispose();
      });
    }
  }

  it('refuses filters or kernelSize that are not integers ≥ 1', () => {
    const init = [tf.initializers.zeros(), tf.initializers.zeros()] as [
      ReturnType<typeof tf.initializers.zeros>,
      ReturnType<typeof tf.initializers.zeros>,
    ];
    expect(
      () =>
        new LinearConvPairPooled({
          filters: 0,
          kernelSize: 3,
          linearDc: false,
          kernelInitializers: init,
        }),
    ).toThrow('filters must be an integer ≥ 1, got 0');
    expect(
      () =>
        new LinearConvPairPooled({
          filters: 2,
          kernelSize: 2.5,
          linearDc: true,
          kernelInitializers: init,
        }),
    ).toThrow('kernelSize must be an integer ≥ 1, got 2.5');
  });

  it('refuses an input that is not [batch, time, 1]', () => {
    const layer = new LinearConvPairPooled({
      filters: 2,
      kernelSize: 3,
      linearDc: false,
      kernelInitializers: [tf.initializers.zeros(), tf.initializers.zeros()],
    });
    expect(() => layer.apply(tf.input({ shape: [16, 2] }))).toThrow(
      /input must be \[batch, time, 1\] with a known time ≥ 1, got \[null,16,2\]/,
    );
  });
});

describe("dcAblation: formulation 'reduced' trains what 'layers' trains", async () => {
  const config = {
    ...dcAblation.presets.quick,
    repetitions: 1,
    epochs: 3,
    signalsPerClass: 64,
    testSignalsPerClass: 64,
    variants: ['linear', 'linear-input-dc', 'relu-dc-removed', 'linear-dc'] as (
      | 'linear'
      | 'linear-input-dc'
      | 'relu-dc-removed'
      | 'linear-dc'
    )[],
  };
  const reduced = await dcAblation.run(
    { ...config, formulation: 'reduced' },
    { seed: 3, workers: 1 },
  );
  const layers = await dcAblation.run(
    { ...config, formulation: 'layers' },
    { seed: 3, workers: 1 },
  );
  const by = (r: typeof reduced, name: string) => r.variants.find((v) => v.variant === name);

  for (const name of ['linear', 'linear-input-dc', 'linear-dc']) {
    it(`${name}: same losses, accuracies and kernel distances every epoch`, () => {
      const a = by(reduced, name);
      const b = by(layers, name);
      if (!a || !b) throw new Error(`variant ${name} missing`);
      for (let e = 0; e < config.epochs; e++) {
        expect(a.loss[e]?.mean).toBeCloseTo(b.loss[e]?.mean as number, 4);
        expect(a.accuracy[e]?.mean).toBeCloseTo(b.accuracy[e]?.mean as number, 2);
        for (const layer of [0, 1]) {
          const da = a.kernelDistance[layer]?.[e]?.mean as number;
          const db = b.kernelDistance[layer]?.[e]?.mean as number;
          expect(da).toBeGreaterThan(0);
          expect(Math.abs(da - db) / db).toBeLessThan(2e-3);
        }
      }
      expect(a.finalAccuracy.mean).toBeCloseTo(b.finalAccuracy.mean, 2);
    });
  }

  it('relu-dc-removed: same losses; the kernels stay exactly at their start (the layers move them by rounding noise only)', () => {
    const a = by(reduced, 'relu-dc-removed');
    const b = by(layers, 'relu-dc-removed');
    if (!a || !b) throw new Error('variant relu-dc-removed missing');
    for (let e = 0; e < config.epochs; e++) {
      expect(a.loss[e]?.mean).toBeCloseTo(b.loss[e]?.mean as number, 5);
      for (const layer of [0, 1]) {
        expect(a.kernelDistance[layer]?.[e]?.mean).toBe(0);
        // Adam normalises the ~1e-9 float gradients: small steps, far below the others' ≈ 0.1–1.
        expect(b.kernelDistance[layer]?.[e]?.mean).toBeLessThan(0.02);
      }
    }
    expect(a.finalAccuracy.mean).toBe(b.finalAccuracy.mean);
  });

  it('the formulation is part of the config (and of its hash)', () => {
    expect((reduced.config as { formulation: string }).formulation).toBe('reduced');
    expect((layers.config as { formulation: string }).formulation).toBe('layers');
    expect(reduced.configHash).not.toBe(layers.configHash);
    expect(dcAblation.presets.paper.formulation).toBe('reduced');
  });
});
