import * as tf from '@tensorflow/tfjs';
import { bench } from 'vitest';
import { setupBackend } from '../src/backend/index';
import { BATCH, buildModel, makeData } from './v-c-model';

bench('profile', async () => {
  await setupBackend({ backend: 'wasm' });
  const model = buildModel();
  const { x, y } = makeData(BATCH * 8);
  await model.fit(x, y, { batchSize: BATCH, epochs: 1, verbose: 0 });
  const xb = x.slice(0, BATCH); const yb = y.slice(0, BATCH);
  const opt = tf.train.adam(1e-3);
  const step = () => opt.minimize(() => tf.losses.softmaxCrossEntropy(yb, model.apply(xb, { training: true }) as tf.Tensor) as tf.Scalar, false);
  step();
  const info = await tf.profile(() => { for (let i = 0; i < 8; i++) step(); });
  const agg = new Map<string, [number, number]>();
  let total = 0;
  for (const k of info.kernels) { const t = k.kernelTimeMs as number; total += t; const a = agg.get(k.name) ?? [0, 0]; a[0] += t; a[1]++; agg.set(k.name, a); }
  console.log('kernel total ms/step', (total / 8).toFixed(2), 'calls/step', info.kernels.length / 8);
  for (const [n, [t, c]] of [...agg.entries()].sort((a, b) => b[1][0] - a[1][0]).slice(0, 14)) console.log(n.padEnd(24), (t / 8).toFixed(2), c / 8);
  const t0 = performance.now(); for (let i = 0; i < 16; i++) step(); console.log('wall ms/step', ((performance.now() - t0) / 16).toFixed(2));
  const t1 = performance.now(); await model.fit(x, y, { batchSize: BATCH, epochs: 1, verbose: 0 }); console.log('fit ms/batch', ((performance.now() - t1) / 8).toFixed(2));
  const t2 = performance.now(); for (let i = 0; i < 16; i++) tf.dispose(model.predict(xb)); console.log('predict ms/batch', ((performance.now() - t2) / 16).toFixed(2));
}, { iterations: 1, warmupIterations: 0, time: 0, warmupTime: 0 });
