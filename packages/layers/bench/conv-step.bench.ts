/**
 * A V.C `relu` training epoch (the batch loop of `trainClassifier`: gather of the shuffled
 * batch, forward, loss, gradients, `fusedAdam`, loss and logits read back per batch) with the
 * conv kernels before and after our WebAssembly SIMD kernels (issue 18, item 4):
 * - `before`: the filter gradient as a matMul over shifted views with its 4 × 4 SIMD tile
 *   transposes (`conv2DBackpropFilterGemmConfig`) and tfjs-wasm's own (XNNPACK) `Conv2D` and
 *   `FusedConv2D`, also inside our input gradient: the kernels up to commit 98858ae;
 * - `after`: our kernels for all three (what `registerTrainingKernels` installs now); with
 *   `ONLY=filter`, only the filter gradient differs (both sides run our forward conv),
 * alternately in one process (the order swapped every round), each with its own model and
 * optimizer from the same initial weights; the warm-up epoch checks that both compute the same
 * losses and predictions (the kernels agree bit for bit). Reported: process CPU s per epoch of
 * each and the median of the per-round ratios after / before. Run with
 * `cd packages/layers && ROUNDS=8 npx vitest bench --run bench/conv-step.bench.ts`.
 */
import '@tensorflow/tfjs-backend-wasm';
import { cpus } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { afterAll, bench, describe } from 'vitest';
import { alternate, median, newFigures, printTable } from './alternate';
import { fusedAdam, setupBackend } from '../src/backend/index';
import { vcModel } from '../src/backend/test-support';
import { conv2DBackpropFilterGemmConfig as beforeFilterGradient } from '../src/backend/conv2d-backprop-filter';
import { BATCH, makeData, SAMPLES, STEPS } from './v-c-model';

const ROUNDS = Number(process.env.ROUNDS ?? 6);
/** The stock kernels, taken before `registerTrainingKernels` replaces them. */
const STOCK = [tf.getKernel('Conv2D', 'wasm')!, tf.getKernel('FusedConv2D', 'wasm')!];
const BATCHES = SAMPLES / BATCH;

interface Setup {
  model: tf.LayersModel;
  optimizer: tf.Optimizer;
  variables: tf.Variable[];
  kernels: tf.KernelConfig[];
}

function useKernels(configs: tf.KernelConfig[]): void {
  for (const config of configs) {
    tf.unregisterKernel(config.kernelName, 'wasm');
    tf.registerKernel(config);
  }
}

/** One epoch of `trainClassifier`'s batch loop; returns its loss sum and correct count. */
function epoch(setup: Setup, x: tf.Tensor, y: tf.Tensor, labels: Int32Array, seed: number) {
  useKernels(setup.kernels);
  const order = Array.from({ length: SAMPLES }, (_, i) => (i * 1103 + seed * 97) % SAMPLES);
  let lossSum = 0;
  let correct = 0;
  for (let b = 0; b < BATCHES * BATCH; b += BATCH) {
    const index = tf.tensor1d(order.slice(b, b + BATCH), 'int32');
    const xb = tf.gather(x, index);
    const yb = tf.gather(y, index);
    let logits: tf.Tensor2D | undefined;
    const loss = setup.optimizer.minimize(
      () => {
        const out = setup.model.apply(xb, { training: true }) as tf.Tensor2D;
        logits = tf.keep(out);
        return tf.losses.softmaxCrossEntropy(yb, out) as tf.Scalar;
      },
      true,
      setup.variables,
    ) as tf.Scalar;
    lossSum += loss.dataSync()[0]!;
    const values = logits!.dataSync();
    for (let r = 0; r < BATCH; r++) {
      let best = 0;
      for (let c = 1; c < 3; c++) if (values[r * 3 + c]! > values[r * 3 + best]!) best = c;
      if (best === labels[order[b + r]!]) correct += 1;
    }
    tf.dispose([loss, index, xb, yb, logits!]);
  }
  return { lossSum, correct };
}

const figures = newFigures();
const { perEpoch, ratios, load } = figures;

describe('V.C relu epoch, conv kernels before / after, alternating', () => {
  bench(
    'alternating epochs',
    async () => {
      await setupBackend({ backend: 'wasm' });
      const ours = ['Conv2DBackpropFilter', 'Conv2D', 'FusedConv2D'].map((name) => ({
        ...tf.getKernel(name, 'wasm')!,
      }));
      const before = [
        beforeFilterGradient,
        ...(process.env.ONLY === 'filter' ? ours.slice(1) : STOCK),
      ];
      const { x, y } = makeData(SAMPLES);
      const labels = Int32Array.from(tf.tidy(() => tf.argMax(y, 1)).dataSync());
      const initial = vcModel(STEPS).getWeights();
      const make = (name: 'before' | 'after'): Setup => {
        const model = vcModel(STEPS);
        model.setWeights(initial);
        return {
          model,
          optimizer: fusedAdam(1e-3),
          variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
          kernels: name === 'before' ? before : ours,
        };
      };
      const setups = { before: make('before'), after: make('after') };
      alternate((name, round) => epoch(setups[name], x, y, labels, round), ROUNDS, figures);
      for (const s of Object.values(setups)) {
        s.optimizer.dispose();
        s.model.dispose();
      }
      tf.dispose([x, y, ...initial]);
      useKernels(ours);
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0, throws: true },
  );
});

afterAll(() => {
  printTable(
    'conv-step',
    [
      '',
      `CPU s per V.C relu epoch (${BATCHES} batches), ${ROUNDS} alternating rounds`,
      '| what | before | after | after / before |',
      '| --- | --- | --- | --- |',
      `| CPU s/epoch, median | ${median(perEpoch.before).toFixed(3)} | ${median(perEpoch.after).toFixed(3)} | ${median(ratios).toFixed(3)} (median of per-round ratios) |`,
      `per-round ratios: ${ratios.map((r) => r.toFixed(3)).join(', ')}`,
      `machine: ${cpus().length} cores, Node ${process.versions.node}, tfjs ${tf.version.tfjs}; 1-min load average ${load.start.toFixed(1)} at start, ${load.end.toFixed(1)} at end`,
    ].join('\n'),
  );
});
