import { causalConv1d, setupBackend } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';
import { bench, describe } from 'vitest';
import { toneClasses } from '../src/core/tone-classes';
import '../src/node'; // workers > 1: the Node platform's worker threads
import { dcAblation } from '../src/dc-ablation/run';

// Paper-size units (3 × 1024 signals of 256 samples, Conv1D(32, 3) × 2, batch 64) of all five
// variants: the default 'reduced' formulation with 1 and 2 worker threads, and 'layers' (every
// variant layer by layer) with 2, all in one job so their ratios are comparable. Each setup runs
// BENCH_REPETITIONS (default 4) repetitions with 1 epoch and with BENCH_EPOCHS (default 3) epochs:
// the difference gives the time per repetition-epoch, the rest the fixed cost (thread start-up,
// data, models, held-out evaluation), and the full V.C (100 repetitions × 60 epochs) is projected
// from both. A plain `model.fit` epoch (the second, steady-state one) of the ReLU model in this
// thread is the reference the projections are also given in, so runs on differently loaded
// machines compare.
// Run: npx tsup && npx vitest bench --run bench/dc-ablation.bench.ts
const epochs = Number(process.env.BENCH_EPOCHS ?? 3);
// Enough units that two workers stay busy: with few, the last `relu` unit runs alone.
const repetitions = Number(process.env.BENCH_REPETITIONS ?? 4);
let referenceSeconds = Number.NaN;

async function timeRun(
  formulation: 'reduced' | 'layers',
  workers: number,
  runEpochs: number,
): Promise<number> {
  const start = performance.now();
  await dcAblation.run({ repetitions, epochs: runEpochs, formulation }, { seed: 0, workers });
  return (performance.now() - start) / 1000;
}

function report(label: string, one: number, many: number): void {
  const perRepEpoch = (many - one) / (epochs - 1) / repetitions;
  const fixed = one / repetitions - perRepEpoch; // per repetition, start-up shared
  const full = 100 * (fixed + 60 * perRepEpoch);
  console.log(
    `[dc-ablation bench] ${label}: 1 epoch ${one.toFixed(1)} s, ${epochs} epochs ${many.toFixed(1)} s (${repetitions} repetitions × 5 variants) → ` +
      `${perRepEpoch.toFixed(2)} s per repetition-epoch, ${fixed.toFixed(1)} s fixed per repetition; ` +
      `projected full V.C ${(full / 3600).toFixed(2)} h = ${(full / referenceSeconds).toFixed(0)} reference epochs`,
  );
}

describe('dcAblation at paper sizes', () => {
  bench(
    'reference: one model.fit epoch of the V.C model (this thread)',
    async () => {
      await setupBackend({ backend: 'wasm' });
      const data = toneClasses({
        centers: [3, 5, 10],
        freqStd: 0.1,
        perClass: 1024,
        samples: 256,
        fs: 32,
        seed: 1,
      });
      const model = tf.sequential({
        layers: [
          causalConv1d({
            filters: 32,
            kernelSize: 3,
            useBias: false,
            activation: 'relu',
            inputShape: [256, 1],
          }),
          causalConv1d({ filters: 32, kernelSize: 3, useBias: false, activation: 'relu' }),
          tf.layers.globalAveragePooling1d(),
          tf.layers.dense({ units: 32, activation: 'relu' }),
          tf.layers.dense({ units: 3 }),
        ],
      });
      model.compile({ optimizer: tf.train.adam(1e-3), loss: tf.losses.softmaxCrossEntropy });
      const x = tf.tensor3d(data.x, [data.count, 256, 1]);
      const y = tf.oneHot(tf.tensor1d(data.labels, 'int32'), 3).toFloat();
      // Two epochs; the second (steady state, no first-call set-up) is the reference.
      let epochStart = 0;
      const times: number[] = [];
      await model.fit(x, y, {
        epochs: 2,
        batchSize: 64,
        shuffle: true,
        verbose: 0,
        callbacks: {
          onEpochBegin: async () => {
            epochStart = performance.now();
          },
          onEpochEnd: async () => {
            times.push((performance.now() - epochStart) / 1000);
          },
        },
      });
      referenceSeconds = times[1] as number;
      console.log(
        `[dc-ablation bench] reference model.fit: ${referenceSeconds.toFixed(2)} s for the second epoch of the ReLU model (first: ${times[0]?.toFixed(2)} s)`,
      );
      tf.dispose([x, y]);
      model.dispose();
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
  const runs = [
    { formulation: 'reduced', workers: 1 },
    { formulation: 'reduced', workers: 2 },
    { formulation: 'layers', workers: 2 },
  ] as const;
  for (const { formulation, workers } of runs) {
    bench(
      `dcAblation, '${formulation}', ${workers} worker${workers > 1 ? 's' : ''}`,
      async () => {
        const one = await timeRun(formulation, workers, 1);
        const many = await timeRun(formulation, workers, epochs);
        report(`${formulation}, workers=${workers}`, one, many);
      },
      { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
    );
  }
});
