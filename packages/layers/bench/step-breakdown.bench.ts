/**
 * Where one training step of the paper's V.C `relu` model goes on wasm (issue 18, item 4): the
 * process CPU time of a whole step (forward, gradients, Adam, batch 64) and of each large kernel
 * it runs, alone, on the step's shapes; every row also as a share of the step, measured in the
 * same job. CPU time, not wall time: the backend runs on one thread, and on a shared machine wall
 * time is several times the CPU time. Run with
 * `cd packages/layers && npx vitest bench --run bench/step-breakdown.bench.ts`.
 */
import { cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { afterAll, bench, describe } from 'vitest';
import { printTable } from './alternate';
import { fusedAdam, setupBackend } from '../src/backend/index';
import { BATCH, buildModel, makeData, SAMPLES, STEPS } from './v-c-model';

const FILTERS = 32;
const KERNEL = 3;
/** Calls per measurement; the median of `ROUNDS` measurements is reported. */
const CALLS = Number(process.env.CALLS ?? 20);
const ROUNDS = Number(process.env.ROUNDS ?? 5);

/** Median CPU milliseconds (user + system) per call of `run`, over ROUNDS rounds of CALLS calls. */
function cpuMsPerCall(run: () => void): number {
  for (let i = 0; i < 3; i++) run();
  const perRound: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < CALLS; i++) run();
    const used = process.cpuUsage(start);
    perRound.push((used.user + used.system) / 1000 / CALLS);
  }
  return [...perRound].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)] as number;
}

/**
 * Runs `make` in a tidy without reading its result back: the wasm backend computes each kernel
 * when it is called, and a `dataSync` of a 2 MB activation alone costs ≈ 2 ms of CPU, more than
 * most kernels here.
 */
const settle = (make: () => tf.Tensor) => () =>
  tf.tidy(() => {
    make();
  });

const rows: { what: string; ms: number }[] = [];

describe('V.C relu step, batch 64: CPU time per kernel', () => {
  bench(
    'breakdown',
    async () => {
      await setupBackend({ backend: 'wasm' });
      const { x, y } = makeData(SAMPLES);
      const model = buildModel();
      const optimizer = fusedAdam(1e-3);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
      let at = 0;
      const step = () =>
        tf.tidy(() => {
          const index = tf.tensor1d(
            Array.from({ length: BATCH }, (_, i) => (at + i) % SAMPLES),
            'int32',
          );
          at += BATCH;
          const xb = tf.gather(x, index);
          const yb = tf.gather(y, index);
          const loss = optimizer.minimize(
            () =>
              tf.losses.softmaxCrossEntropy(yb, model.apply(xb, { training: true }) as tf.Tensor),
            true,
            variables,
          ) as tf.Scalar;
          loss.dataSync();
        });
      rows.push({
        what: 'whole training step (gather, forward, backward, Adam)',
        ms: cpuMsPerCall(step),
      });

      const rows2d = BATCH * STEPS;
      const x1 = tf.randomNormal([BATCH, 1, STEPS + KERNEL - 1, 1]);
      const x2 = tf.randomNormal([BATCH, 1, STEPS + KERNEL - 1, FILTERS]);
      const dy = tf.randomNormal([BATCH, 1, STEPS, FILTERS]);
      const w1 = tf.randomNormal([1, KERNEL, 1, FILTERS]);
      const w2 = tf.randomNormal([1, KERNEL, FILTERS, FILTERS]);
      const h = tf.randomNormal([BATCH, STEPS, FILTERS]);
      const filterGrad = (input: tf.Tensor4D, cin: number) => () =>
        tf.engine().runKernel(
          'Conv2DBackpropFilter',
          { x: input, dy },
          {
            strides: [1, 1],
            pad: 'valid',
            dataFormat: 'NHWC',
            dilations: [1, 1],
            filterShape: [1, KERNEL, cin, FILTERS],
          },
        ) as tf.Tensor;
      const im2col = tf.randomNormal([rows2d, KERNEL * FILTERS]);
      const im2colT = tf.randomNormal([KERNEL * FILTERS, rows2d]);
      const dyRows = tf.randomNormal([rows2d, FILTERS]);
      const w2Rows = tf.randomNormal([KERNEL * FILTERS, FILTERS]);
      const cases: [string, () => tf.Tensor][] = [
        [
          'conv 2 forward: Conv2D [64,1,258,32] * [1,3,32,32]',
          () => tf.conv2d(x2 as tf.Tensor4D, w2 as tf.Tensor4D, 1, 'valid'),
        ],
        [
          'conv 2 input gradient: Conv2DBackpropInput',
          () =>
            tf.conv2dTranspose(
              dy as tf.Tensor4D,
              w2 as tf.Tensor4D,
              [BATCH, 1, STEPS + KERNEL - 1, FILTERS],
              1,
              'valid',
            ),
        ],
        [
          'conv 2 filter gradient: Conv2DBackpropFilter (cin 32)',
          filterGrad(x2 as tf.Tensor4D, FILTERS),
        ],
        [
          'conv 1 forward: Conv2D [64,1,258,1] * [1,3,1,32]',
          () => tf.conv2d(x1 as tf.Tensor4D, w1 as tf.Tensor4D, 1, 'valid'),
        ],
        ['conv 1 filter gradient: Conv2DBackpropFilter (cin 1)', filterGrad(x1 as tf.Tensor4D, 1)],
        [
          '  its GEMM alone: matMul [96,16384]·[16384,32] (filter gradient, conv 2)',
          () => tf.matMul(im2colT, dyRows),
        ],
        [
          '  the same FLOPs as [16384,96]·[96,32] (the forward shape)',
          () => tf.matMul(im2col, w2Rows),
        ],
        ['transpose [16384,32] (wasm Transpose)', () => tf.transpose(dyRows)],
        ['ReLU [64,256,32]', () => tf.relu(h)],
        ['ReLU gradient: step(h)·dy [64,256,32]', () => tf.mul(tf.step(h), h)],
        ['global average pooling: mean over time [64,256,32]', () => tf.mean(h, 1)],
      ];
      for (const [what, make] of cases) rows.push({ what, ms: cpuMsPerCall(settle(make)) });
      tf.dispose([x, y, x1, x2, dy, w1, w2, h, im2col, im2colT, dyRows, w2Rows]);
      optimizer.dispose();
      model.dispose();
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0, throws: true },
  );
});

afterAll(() => {
  const step = rows[0]?.ms ?? Number.NaN;
  const lines = [
    '',
    `CPU ms per call, median of ${ROUNDS} × ${CALLS} calls; load ${loadavg()[0]?.toFixed(1)} on ${cpus().length} cores`,
    '| what | CPU ms | / whole step |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.what} | ${r.ms.toFixed(2)} | ${(r.ms / step).toFixed(2)} |`),
    `whole step × ${SAMPLES / BATCH} batches = ${((step * SAMPLES) / BATCH / 1000).toFixed(2)} CPU s per epoch`,
  ];
  printTable('step-breakdown', lines.join('\n'));
});
