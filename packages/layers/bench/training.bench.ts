/**
 * Training speed of the paper's V.C model in Node: seconds per epoch and GFLOP/s for the wasm
 * backend with our training kernels, for the stock cpu backend (a fixed number of batches,
 * extrapolated to the epoch), and forward-only on wasm. Run with `npm run bench`.
 *
 * Besides wall-clock time it reports the process's CPU time (user + system): the backends run on
 * one thread, so on an idle machine the two agree, and on a machine shared with other jobs the
 * CPU time is the steadier estimate of the idle figure.
 */
import { cpus, loadavg } from 'node:os';
import * as tf from '@tensorflow/tfjs';
import { afterAll, bench, describe } from 'vitest';
import { printTable } from './alternate';
import { setupBackend, trainingFlops } from '../src/backend/index';
import { BATCH, buildModel, makeData, SAMPLES } from './v-c-model';

/** Batches the cpu backend trains before extrapolating to 48 (it needs minutes per epoch). */
const CPU_BATCHES = Number(process.env.CPU_BATCHES ?? 2);
/** FLOPs of one training epoch (forward, input gradient, weight gradient: ≈ 14.97 GFLOP). */
const trainFlopsPerEpoch = (model: tf.LayersModel) => trainingFlops(model, { batch: SAMPLES });
/** FLOPs of one forward pass over the epoch's samples (≈ 4.99 GFLOP). */
const forwardFlopsPerEpoch = (model: tf.LayersModel) =>
  trainingFlops(model, { batch: SAMPLES, passes: 1 });
const BATCHES_PER_EPOCH = SAMPLES / BATCH;

interface Row {
  setup: string;
  seconds: number[];
  cpuSeconds: number[];
  flops: number;
  note: string;
}
const rows = new Map<string, Row>();
const loadAtStart = loadavg()[0]!;

/** Wall-clock and process CPU time (user + system) of `run`, in seconds. */
async function timed(run: () => Promise<void>): Promise<{ wall: number; cpu: number }> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  await run();
  const wall = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1e6 };
}

function record(
  setup: string,
  perEpoch: { wall: number; cpu: number },
  flops: number,
  note: string,
): void {
  const row = rows.get(setup) ?? { setup, seconds: [], cpuSeconds: [], flops, note };
  row.seconds.push(perEpoch.wall);
  row.cpuSeconds.push(perEpoch.cpu);
  rows.set(setup, row);
}

interface Fixture {
  model: tf.Sequential;
  x: tf.Tensor3D;
  y: tf.Tensor2D;
}
const fixtures = new Map<string, Fixture>();

async function fixture(backend: 'wasm' | 'cpu', samples: number): Promise<Fixture> {
  await setupBackend({ backend });
  const key = `${backend}:${samples}`;
  let found = fixtures.get(key);
  if (found === undefined) {
    const { x, y } = makeData(samples);
    found = { model: buildModel(), x, y };
    fixtures.set(key, found);
    await found.model.fit(x.slice(0, BATCH), y.slice(0, BATCH), {
      batchSize: BATCH,
      epochs: 1,
      verbose: 0,
    });
  }
  return found;
}

const once = { iterations: 3, warmupIterations: 0, time: 0, warmupTime: 0, throws: true };

describe('V.C model, 3072 × 256 samples, batch 64', () => {
  bench(
    'wasm + training kernels: fit, 1 epoch',
    async () => {
      const { model, x, y } = await fixture('wasm', SAMPLES);
      const t = await timed(async () => {
        await model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
      });
      record('wasm + our kernels, fit', t, trainFlopsPerEpoch(model), 'full epoch');
    },
    once,
  );

  bench(
    'wasm: forward only (predict), 1 epoch of samples',
    async () => {
      const { model, x } = await fixture('wasm', SAMPLES);
      const t = await timed(async () => {
        const out = model.predict(x, { batchSize: BATCH }) as tf.Tensor;
        await out.data();
        out.dispose();
      });
      record('wasm, forward only', t, forwardFlopsPerEpoch(model), 'full epoch');
    },
    once,
  );

  bench(
    `cpu (stock): fit, ${CPU_BATCHES} batches, extrapolated`,
    async () => {
      const { model, x, y } = await fixture('cpu', CPU_BATCHES * BATCH);
      const t = await timed(async () => {
        await model.fit(x, y, { batchSize: BATCH, epochs: 1, shuffle: true, verbose: 0 });
      });
      const scale = BATCHES_PER_EPOCH / CPU_BATCHES;
      record(
        'cpu (stock), fit',
        { wall: t.wall * scale, cpu: t.cpu * scale },
        trainFlopsPerEpoch(model),
        `${CPU_BATCHES} of ${BATCHES_PER_EPOCH} batches, ×${BATCHES_PER_EPOCH / CPU_BATCHES}`,
      );
    },
    { ...once, iterations: 1 },
  );
});

afterAll(() => {
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const wasm = rows.get('wasm + our kernels, fit');
  const lines = [
    '',
    '| setup | wall s/epoch (median) | wall runs | GFLOP/s (wall) | CPU s/epoch (median) | GFLOP/s (CPU time) | measured |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const row of rows.values()) {
    const s = median(row.seconds);
    const c = median(row.cpuSeconds);
    const runs = row.seconds.map((v) => v.toFixed(2)).join(', ');
    const gflops = (seconds: number) => (row.flops / seconds / 1e9).toFixed(2);
    lines.push(
      `| ${row.setup} | ${s.toFixed(3)} | ${runs} | ${gflops(s)} | ${c.toFixed(3)} | ${gflops(c)} | ${row.note} |`,
    );
  }
  const cpu = rows.get('cpu (stock), fit');
  if (wasm && cpu) {
    const wallRatio = median(cpu.seconds) / median(wasm.seconds);
    const cpuRatio = median(cpu.cpuSeconds) / median(wasm.cpuSeconds);
    lines.push(
      '',
      `cpu / wasm ratio (same run): ${wallRatio.toFixed(0)}× wall, ${cpuRatio.toFixed(0)}× CPU time`,
    );
  }
  lines.push(
    `machine: ${cpus().length} cores, Node ${process.versions.node}, tfjs ${tf.version.tfjs}; 1-min load average ${loadAtStart.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end`,
  );
  printTable('training', lines.join('\n'));
  for (const f of fixtures.values()) {
    f.model.dispose();
    tf.dispose([f.x, f.y]);
  }
});
