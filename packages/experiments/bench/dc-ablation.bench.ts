import { bench, describe } from 'vitest';
import { dcAblation } from '../src/dc-ablation/run';

// Paper-size units (3 × 1024 signals of 256 samples, Conv1D(32, 3) × 2, batch 64) with few
// repetitions and epochs, timed with 1 and 2 worker threads; per-epoch and per-repetition times
// and the projected full V.C (100 repetitions × 5 variants × 60 epochs) are printed.
// Run: npx tsup && npx vitest bench --run bench/dc-ablation.bench.ts
const epochs = Number(process.env.BENCH_EPOCHS ?? 2);
const repetitions = Number(process.env.BENCH_REPETITIONS ?? 2);
const config = { repetitions, epochs, variants: ['relu', 'linear'] as const };
const units = repetitions * config.variants.length;
const paperUnitEpochs = 100 * 5 * 60;

function report(workers: number, ms: number): void {
  const perEpoch = ms / 1000 / (units * epochs);
  const perRepetition = perEpoch * 60 * 5;
  console.log(
    `[dc-ablation bench] workers=${workers}: ${(ms / 1000).toFixed(1)} s for ${units} units × ${epochs} epochs → ` +
      `${perEpoch.toFixed(2)} s per unit-epoch (wall), ${(perRepetition / 60).toFixed(1)} min per paper repetition ` +
      `(5 variants × 60 epochs), projected full V.C ${((perEpoch * paperUnitEpochs) / 3600).toFixed(1)} h`,
  );
}

describe('dcAblation at paper sizes', () => {
  for (const workers of [1, 2]) {
    bench(
      `${workers} worker${workers > 1 ? 's' : ''}`,
      async () => {
        const start = performance.now();
        await dcAblation.run({ ...config, variants: [...config.variants] }, { seed: 0, workers });
        report(workers, performance.now() - start);
      },
      { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 },
    );
  }
});
