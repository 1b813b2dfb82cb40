import { causalConv1d, setupBackend } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';
import { bench, describe } from 'vitest';
import { toneClasses } from '../src/core/tone-classes';
import { dcAblation } from '../src/dc-ablation/run';

// Paper-size units (3 × 1024 signals of 256 samples, Conv1D(32, 3) × 2, batch 64) with few
// repetitions and epochs, timed with 1 and 2 worker threads; per-epoch and per-repetition times
// and the projected full V.C (100 repetitions × 5 variants × 60 epochs) are printed. A plain
// `model.fit` epoch of the same model in this thread is the reference that makes the figures
// comparable with @rectify/layers' training benchmark on a quieter machine.
// Run: npx tsup && npx vitest bench --run bench/dc-ablation.bench.ts
const epochs = Number(process.env.BENCH_EPOCHS ?? 2);
const repetitions = Number(process.env.BENCH_REPETITIONS ?? 2);
const variants = ['relu', 'linear'] as const;
const units = repetitions * variants.length;
const paperUnitEpochs = 100 * 5 * 60;

function report(label: string, seconds: number, unitEpochs: number): void {
  const perEpoch = seconds / unitEpochs;
  console.log(
    `[dc-ablation bench] ${label}: ${seconds.toFixed(1)} s for ${unitEpochs} unit-epochs → ` +
      `${perEpoch.toFixed(2)} s per unit-epoch (wall), ${((perEpoch * 300) / 60).toFixed(1)} min per paper ` +
      `repetition (5 variants × 60 epochs), projected full V.C ${((perEpoch * paperUnitEpochs) / 3600).toFixed(1)} h`,
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
      const start = performance.now();
      await model.fit(x, y, { epochs: 1, batchSize: 64, shuffle: true, verbose: 0 });
      report('reference model.fit', (performance.now() - start) / 1000, 1);
      tf.dispose([x, y]);
      model.dispose();
    },
    { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
  );
  for (const workers of [1, 2]) {
    bench(
      `dcAblation, ${workers} worker${workers > 1 ? 's' : ''}`,
      async () => {
        const start = performance.now();
        await dcAblation.run(
          { repetitions, epochs, variants: [...variants] },
          { seed: 0, workers },
        );
        report(`workers=${workers}`, (performance.now() - start) / 1000, units * epochs);
      },
      { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
    );
  }
});
