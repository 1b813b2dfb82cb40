/**
 * ablateActivations on the paper's trained PPG model (../shared/real-models/model_S5.h5, third-party
 * data, never copied into the project). When the folder is absent these tests say so and skip.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadKerasH5 } from '../keras/index';
import { ablateActivations, reluSites } from './ablate';

const REAL = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/real-models');
const MODEL = join(REAL, 'model_S5.h5');
const present = existsSync(MODEL);
if (!present) {
  console.warn(
    `NOTICE: ${MODEL} is absent; the ablation tests on the trained PPG model are SKIPPED (partial run).`,
  );
}

/** Issue 20's input: x(t) = cos(2π·1.2t) + 0.4·cos(2π·2.4t + 0.4) + 0.2·sin(2π·0.25t), t = i/32. */
function probe72(): tf.Tensor {
  const x = new Float32Array(256);
  for (let i = 0; i < 256; i++) {
    const t = i / 32;
    x[i] =
      Math.cos(2 * Math.PI * 1.2 * t) +
      0.4 * Math.cos(2 * Math.PI * 2.4 * t + 0.4) +
      0.2 * Math.sin(2 * Math.PI * 0.25 * t);
  }
  return tf.tensor(x, [1, 256, 1]);
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe.skipIf(!present)(
  'ablateActivations on model_S5.h5 (the paper’s trained PPG model)',
  () => {
    it('finds the nine conv ReLUs of the nested blocks; the Dense after Flatten has no time axis', async () => {
      const { model } = await loadKerasH5(MODEL);
      const sites = reluSites(model);
      expect(sites.filter((s) => s.ablatable).map((s) => s.name)).toEqual(
        [45, 46, 47, 48, 49, 50, 51, 52, 53].map(
          (k) => `model_${20 + Math.floor((k - 45) / 3)}/conv1d_${k}`,
        ),
      );
      expect(sites.find((s) => s.name === 'dense_10')?.ablatable).toBe(false);
      model.dispose();
    });

    // The table (an independent numpy forward pass), printed to 0.1 bpm: each value must
    // round to it, i.e. lie within 0.05 bpm.
    it.each([
      ['none', 71.9],
      ['remove-dc', -7.0],
      ['remove-harmonics', 10.8],
      ['dc-only', 101.4],
    ])('%s at all nine conv ReLUs predicts %s bpm for the 72-bpm input', async (mode, bpm) => {
      const { model } = await loadKerasH5(MODEL);
      const before = (model.predict(probe72()) as tf.Tensor).dataSync()[0] as number;
      const ablated = ablateActivations(model, { mode });
      const y = (ablated.predict(probe72()) as tf.Tensor).dataSync()[0] as number;
      expect(Math.abs(y - bpm)).toBeLessThan(0.05);
      ablated.dispose();
      expect((model.predict(probe72()) as tf.Tensor).dataSync()[0]).toBe(before);
      model.dispose();
    });
  },
);
