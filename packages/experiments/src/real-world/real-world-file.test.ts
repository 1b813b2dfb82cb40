import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '@rectify/signal';
import h5wasm from 'h5wasm';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { realWorld } from './run';

const N = 256;
const dir = mkdtempSync(join(tmpdir(), 'rectify-h5-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function layer(className: string, name: string, config: Record<string, unknown>) {
  return { class_name: className, config: { name, trainable: true, dtype: 'float32', ...config } };
}

/**
 * A Keras-2.x `model.save` file (root attrs keras_version, backend, model_config; group
 * model_weights with layer_names and per-layer weight_names): InputLayer(256, 1) → causal
 * Conv1D(4, kernel 5, dilation 2, ReLU, no bias) named 'probe' → GlobalAveragePooling1D.
 */
async function writeModel(path: string): Promise<Uint8Array> {
  const module = await h5wasm.ready;
  const virtual = '/real-world-test.h5';
  const file = new h5wasm.File(virtual, 'w', { libver: ['earliest', 'latest'] });
  const config = {
    class_name: 'Sequential',
    config: {
      name: 'ppg_front',
      layers: [
        layer('InputLayer', 'ppg', { batch_input_shape: [null, N, 1] }),
        layer('Conv1D', 'probe', {
          filters: 4,
          kernel_size: [5],
          strides: [1],
          padding: 'causal',
          dilation_rate: [2],
          activation: 'relu',
          use_bias: false,
        }),
        layer('GlobalAveragePooling1D', 'gap', {}),
      ],
    },
  };
  const json = JSON.stringify(config);
  file.create_attribute('keras_version', '2.12.0');
  file.create_attribute('backend', 'tensorflow');
  file.create_attribute('model_config', json, [], `S${new TextEncoder().encode(json).length}`);
  const weights = file.create_group('model_weights');
  weights.create_attribute('layer_names', ['probe', 'gap'], [2], 'S5');
  const probe = weights.create_group('probe');
  probe.create_attribute('weight_names', ['probe/kernel:0'], [1], 'S14');
  const rng = createRng(5);
  probe.create_group('probe').create_dataset({
    name: 'kernel:0',
    data: Float32Array.from({ length: 5 * 4 }, () => rng.normal(0, 0.5)),
    shape: [5, 1, 4],
    dtype: '<f',
  });
  weights.create_group('gap').create_attribute('weight_names', new Float64Array(0), [0], '<d');
  file.close();
  const bytes = module.FS.readFile(virtual);
  module.FS.unlink(virtual);
  writeFileSync(path, bytes);
  return bytes;
}

describe('realWorld on a Keras .h5 file', () => {
  it('analyses the named layer of the file and records its SHA-256', async () => {
    const path = join(dir, 'model.h5');
    const bytes = await writeModel(path);
    const r = await realWorld.run(
      { modelPath: path, layers: ['probe'], heartRates: [75] },
      { seed: 0, workers: 1 },
    );
    expect(r.model).toEqual({
      source: 'file',
      path,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      label: expect.stringContaining(path),
    });
    // The output is [1, 4] (GlobalAveragePooling1D of 4 channels): not a heart rate.
    expect(r.heartRates[0]?.predictedHeartRate).toBeNull();
    const [probe] = r.heartRates[0]?.layers ?? [];
    expect(probe?.layer).toBe('probe');
    expect(probe?.channels).toHaveLength(4);
    expect(probe?.meanAddedDc).toBeGreaterThan(0);
    expect(probe?.heartRatePassRatio).toBeGreaterThan(0.3);
    expect(r.claims.map((c) => c.id)).toEqual([
      'relu-adds-dc',
      'post-relu-new-frequencies',
      'heart-rate-passes',
    ]);
  });

  it('names a layer the file does not have', async () => {
    const path = join(dir, 'model2.h5');
    await writeModel(path);
    await expect(
      realWorld.run(
        { modelPath: path, layers: ['block1_conv3'], heartRates: [75] },
        { seed: 0, workers: 1 },
      ),
    ).rejects.toThrow(/block1_conv3/);
  });
});

const REAL = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/real-models');
const S5 = join(REAL, 'model_S5.h5');
if (!existsSync(S5)) {
  console.warn(`NOTICE: ${S5} is absent; realWorld on the paper's trained model is SKIPPED.`);
}

describe.skipIf(!existsSync(S5))(
  "realWorld on the paper's trained model (model_S5.h5), whole",
  () => {
    it('probes every ReLU and reports the predicted heart rate beside the true one', async () => {
      const r = await realWorld.run(
        { modelPath: S5, heartRates: [72, 120], spectraChannels: 1 },
        { seed: 0, workers: 1 },
      );
      expect(r.model.source).toBe('file');
      expect(r.model.label).not.toContain('stand-in');
      for (const unit of r.heartRates) {
        expect(unit.layers).toHaveLength(9);
        expect(unit.predictedHeartRate).toEqual(expect.any(Number));
        expect(Number.isFinite(unit.predictedHeartRate)).toBe(true);
        for (const l of unit.layers) {
          expect(l.spectra[0]?.channel).toBeDefined();
          expect(Math.max(...(l.spectra[0]?.post ?? [0]))).toBeGreaterThan(0);
        }
      }
      const claim = r.claims.find((c) => c.id === 'predicts-heart-rate');
      expect(claim?.measured).toMatch(/^true → predicted \(bpm\): 72 → [\d.]+, 120 → [\d.]+;/);
      expect(r.claims.every((c) => !c.statement.includes('stand-in'))).toBe(true);
    }, 120_000);
  },
);
