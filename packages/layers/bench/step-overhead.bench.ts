/**
 * What a V.C `relu` training epoch costs outside the conv kernels, before and after (issue 18,
 * item 4): the epoch loop of `trainClassifier` (gather of the shuffled batch, forward, loss,
 * gradients, Adam, loss and accuracy per batch) run with
 * - `before`: `tf.train.adam`, the correct predictions counted with five kernels (argMax, argMax,
 *   equal, cast, sum) and read back, the stock wasm `Mean` (a transposed copy, then the sum) and
 *   the previous `Mean` gradient (a broadcasting multiply of dy by a `fill`ed tensor);
 * - `after`: `fusedAdam`, the correct predictions counted in JS from the logits read back, our
 *   wasm `Mean`, and the `Mean` gradient as dy·(1/n) broadcast by our wasm `Tile`,
 * alternately in one process (the order swapped every round), each with its own model and
 * optimizer from the same initial weights. Reported: process CPU s per epoch of each, and the
 * median of the per-round ratios after / before. Run with
 * `cd packages/layers && ROUNDS=6 npx vitest bench --run bench/step-overhead.bench.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { afterAll, bench, describe } from 'vitest';
import { alternate, median, newFigures, printTable } from './alternate';
import { fusedAdam, setupBackend } from '../src/backend/index';
import { BATCH, buildModel, makeData, SAMPLES } from './v-c-model';

const ROUNDS = Number(process.env.ROUNDS ?? 6);
/** Batches per measured epoch (48 = the whole V.C epoch). */
const BATCHES = Number(process.env.BATCHES ?? SAMPLES / BATCH);

// The stock kernel, kept before `setupBackend` installs ours over it.
const stockMean = { ...tf.getKernel('Mean', 'wasm')! };

/** The `Mean` gradient before (commit 9dbddc9): dy broadcast-multiplied by fill(x.shape, 1/n). */
const fillMeanGrad: tf.GradConfig = {
  kernelName: 'Mean',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const x = saved[0]!;
    const axes = tf.util.parseAxisParam(attrs.axis as number | number[], x.shape);
    const [, reduceShape] = tf.backend_util.computeOutAndReduceShapes(x.shape, axes);
    const expandedShape = x.shape.slice();
    for (const axis of axes) expandedShape[axis] = 1;
    const n = tf.util.sizeFromShape(reduceShape);
    return {
      x: () => tf.mul(tf.reshape(dy as tf.Tensor, expandedShape), tf.fill(x.shape, 1 / n)),
    };
  },
};

function useMean(kernel: tf.KernelConfig, gradient: tf.GradConfig): void {
  tf.unregisterKernel('Mean', 'wasm');
  tf.registerKernel(kernel);
  tf.registerGradient(gradient);
}

interface Setup {
  name: 'before' | 'after';
  model: tf.LayersModel;
  optimizer: tf.AdamOptimizer;
  variables: tf.Variable[];
  mean: tf.KernelConfig;
  meanGrad: tf.GradConfig;
}

/** One epoch of `trainClassifier`'s batch loop with the setup's parts; returns its loss sum. */
function epoch(setup: Setup, x: tf.Tensor, y: tf.Tensor, labels: Int32Array, seed: number) {
  useMean(setup.mean, setup.meanGrad);
  const order = Array.from({ length: SAMPLES }, (_, i) => (i * 1103 + seed * 97) % SAMPLES);
  let lossSum = 0;
  let correct = 0;
  for (let b = 0; b < BATCHES * BATCH; b += BATCH) {
    const index = tf.tensor1d(order.slice(b, b + BATCH), 'int32');
    const xb = tf.gather(x, index);
    const yb = tf.gather(y, index);
    let logits: tf.Tensor2D | undefined;
    let hits: tf.Scalar | undefined;
    const loss = setup.optimizer.minimize(
      () => {
        const out = setup.model.apply(xb, { training: true }) as tf.Tensor2D;
        if (setup.name === 'before') {
          hits = tf.keep(
            tf.sum<tf.Tensor>(tf.cast(tf.equal(tf.argMax(out, 1), tf.argMax(yb, 1)), 'float32')),
          ) as tf.Scalar;
        } else {
          logits = tf.keep(out);
        }
        return tf.losses.softmaxCrossEntropy(yb, out) as tf.Scalar;
      },
      true,
      setup.variables,
    ) as tf.Scalar;
    lossSum += loss.dataSync()[0]!;
    if (hits !== undefined) correct += hits.dataSync()[0]!;
    if (logits !== undefined) {
      const values = logits.dataSync();
      for (let r = 0; r < BATCH; r++) {
        let best = 0;
        for (let c = 1; c < 3; c++) if (values[r * 3 + c]! > values[r * 3 + best]!) best = c;
        if (best === labels[order[b + r]!]) correct += 1;
      }
    }
    tf.dispose([loss, index, xb, yb, ...(hits ? [hits] : []), ...(logits ? [logits] : [])]);
  }
  return { lossSum, correct };
}

const figures = newFigures();
const { perEpoch, ratios, load } = figures;

describe('V.C relu epoch outside the conv kernels: before / after, alternating', () => {
  bench(
    'alternating epochs',
    async () => {
      await setupBackend({ backend: 'wasm' });
      const ours = { ...tf.getKernel('Mean', 'wasm')! };
      const ourGrad = { ...tf.getGradient('Mean')! };
      const { x, y } = makeData(SAMPLES);
      const labels = Int32Array.from(tf.tidy(() => tf.argMax(y, 1)).dataSync());
      const initial = buildModel().getWeights();
      const make = (name: Setup['name']): Setup => {
        const model = buildModel();
        model.setWeights(initial);
        return {
          name,
          model,
          optimizer: name === 'before' ? tf.train.adam(1e-3) : fusedAdam(1e-3),
          variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
          mean: name === 'before' ? stockMean : ours,
          meanGrad: name === 'before' ? fillMeanGrad : ourGrad,
        };
      };
      const setups = { before: make('before'), after: make('after') };
      alternate((name, round) => epoch(setups[name], x, y, labels, round), ROUNDS, figures);
      for (const s of Object.values(setups)) {
        s.optimizer.dispose();
        s.model.dispose();
      }
      tf.dispose([x, y, ...initial]);
      useMean(ours, ourGrad);
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0, throws: true },
  );
});

afterAll(() => {
  const scale = SAMPLES / BATCH / BATCHES;
  printTable(
    'step-overhead',
    [
      '',
      `CPU s per V.C relu epoch (${BATCHES} of ${SAMPLES / BATCH} batches${scale === 1 ? '' : `, ×${scale}`}), ${ROUNDS} alternating rounds`,
      '| what | before | after | after / before |',
      '| --- | --- | --- | --- |',
      `| CPU s/epoch, median | ${(median(perEpoch.before) * scale).toFixed(3)} | ${(median(perEpoch.after) * scale).toFixed(3)} | ${median(ratios).toFixed(3)} (median of per-round ratios) |`,
      `per-round ratios: ${ratios.map((r) => r.toFixed(3)).join(', ')}`,
      `machine: ${cpus().length} cores, Node ${process.versions.node}, tfjs ${tf.version.tfjs}; 1-min load average ${load.start.toFixed(1)} at start, ${load.end.toFixed(1)} at end`,
    ].join('\n'),
  );
});
