import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupBackend } from '@rectify/layers';
import { fileSystemIO } from '@rectify/layers/node';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rectify, tempDir } from './helpers';

const dir = tempDir();
const modelJson = join(dir, 'model.json');
const REAL = join(dirname(fileURLToPath(import.meta.url)), '../../../../shared/real-models');
const MODEL_S5 = join(REAL, 'model_S5.h5');
const present = existsSync(MODEL_S5);
if (!present) {
  console.warn(
    `NOTICE: ${MODEL_S5} is absent; rectify ablate on the trained PPG model is SKIPPED (partial run).`,
  );
}

interface AblateJson {
  layers: string[];
  heartRateModel: boolean;
  baseline: { meanOutput: number; error: { mean: number } | null };
  runs: {
    mode: string;
    scope: 'all' | 'layer';
    layers: string[];
    meanOutput: number;
    change: { mean: number; low: number; high: number; n: number };
    error: { mean: number } | null;
  }[];
  ranking: { mode: string; layers: { layer: string }[] }[];
}

beforeAll(async () => {
  await setupBackend({ backend: 'cpu' });
  // conv (fused ReLU) → pool → conv → separate ReLU → GAP → Dense(1): one output per signal.
  const input = tf.input({ shape: [256, 1] });
  const c1 = tf.layers
    .conv1d({
      name: 'conv_a',
      filters: 3,
      kernelSize: 5,
      activation: 'relu',
      biasInitializer: 'ones',
    })
    .apply(input);
  const p1 = tf.layers.averagePooling1d({ name: 'pool', poolSize: 2 }).apply(c1);
  const c2 = tf.layers.conv1d({ name: 'conv_b', filters: 2, kernelSize: 3 }).apply(p1);
  const r2 = tf.layers.reLU({ name: 'relu_b' }).apply(c2);
  const g = tf.layers.globalAveragePooling1d({ name: 'gap' }).apply(r2);
  const y = tf.layers.dense({ name: 'out', units: 1 }).apply(g) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: y });
  await model.save(fileSystemIO(dir));
  model.dispose();
  // Issue 20's 72-bpm input, one sample per row.
  const rows = Array.from({ length: 256 }, (_, i) => {
    const t = i / 32;
    return (
      Math.cos(2 * Math.PI * 1.2 * t) +
      0.4 * Math.cos(2 * Math.PI * 2.4 * t + 0.4) +
      0.2 * Math.sin(2 * Math.PI * 0.25 * t)
    );
  });
  writeFileSync(join(dir, 'ppg72.csv'), `${rows.map((v) => v.toPrecision(17)).join('\n')}\n`);
});

describe.skipIf(!present)('rectify ablate on model_S5.h5 (the paper’s trained PPG model)', () => {
  it('gives the issue’s table for the 72-bpm input: 71.9, −7.0, 10.8, 101.4 bpm', () => {
    const r = rectify([
      'ablate',
      MODEL_S5,
      '--input',
      join(dir, 'ppg72.csv'),
      '--fs',
      '32',
      '--heart-rate',
      '72',
      '--json',
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as AblateJson;
    expect(j.layers).toHaveLength(9);
    expect(j.heartRateModel).toBe(true);
    // The table is printed to 0.1 bpm: each value must round to it.
    expect(Math.abs(j.baseline.meanOutput - 71.9)).toBeLessThan(0.05);
    const out = Object.fromEntries(j.runs.map((x) => [x.mode, x.meanOutput]));
    expect(Math.abs((out['remove-dc'] as number) + 7.0)).toBeLessThan(0.05);
    expect(Math.abs((out['remove-harmonics'] as number) - 10.8)).toBeLessThan(0.05);
    expect(Math.abs((out['dc-only'] as number) - 101.4)).toBeLessThan(0.05);
    const dcOnly = j.runs.find((x) => x.mode === 'dc-only');
    expect(dcOnly?.error?.mean).toBeCloseTo(Math.abs((out['dc-only'] as number) - 72), 6);
  });

  it('prints the table as text', () => {
    const r = rectify([
      'ablate',
      MODEL_S5,
      '--input',
      join(dir, 'ppg72.csv'),
      '--fs',
      '32',
      '--heart-rate',
      '72',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/9 ReLU layer\(s\) ablated \(model_20\/conv1d_45, /);
    expect(r.stdout).toMatch(/unablated: 71\.9\d bpm/);
    expect(r.stdout).toMatch(/remove-dc\s+all \(9\)\s+-7\.00/);
    expect(r.stdout).toMatch(/dc-only\s+all \(9\)\s+101\.4\d/);
  });
});

describe('rectify ablate on a small model.json', () => {
  it('ranks the ReLU layers one at a time, with intervals over seeds, and writes the plot', () => {
    const plot = join(dir, 'rank.svg');
    const r = rectify([
      'ablate',
      modelJson,
      '--mode',
      'remove-dc,scale-dc:2',
      '--per-layer',
      '--heart-rates',
      '60:120:30',
      '--seeds',
      '3',
      '--json',
      '--plot',
      plot,
    ]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as AblateJson;
    expect(j.layers).toEqual(['conv_a', 'relu_b']);
    expect(j.runs.map((x) => `${x.mode}/${x.scope}/${x.layers.join(',')}`)).toEqual([
      'remove-dc/all/conv_a,relu_b',
      'remove-dc/layer/conv_a',
      'remove-dc/layer/relu_b',
      'scale-dc:2/all/conv_a,relu_b',
      'scale-dc:2/layer/conv_a',
      'scale-dc:2/layer/relu_b',
    ]);
    for (const x of j.runs) {
      expect(x.change.n).toBe(3);
      expect(x.change.low).toBeLessThanOrEqual(x.change.mean);
      expect(x.change.high).toBeGreaterThanOrEqual(x.change.mean);
    }
    // GAP after relu_b: without relu_b's DC the pooled values are 0 and the output is Dense's bias.
    const bias = j.runs.find(
      (x) => x.mode === 'remove-dc' && x.scope === 'layer' && x.layers[0] === 'relu_b',
    );
    const all = j.runs.find((x) => x.mode === 'remove-dc' && x.scope === 'all');
    expect(bias?.meanOutput).toBeCloseTo(all?.meanOutput as number, 5);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg/);
  });

  it('refuses bad flags with a one-line message and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['--mode', 'remove-ac'], /--mode must be one of 'none', 'remove-dc'.*got 'remove-ac'/],
      [['--layers', 'pool'], /--layers: 'pool' is not a ReLU layer.*conv_a, relu_b/],
      [['--plot', join(dir, 'x.svg')], /--plot draws the per-layer ranking; add --per-layer/],
      [['--seeds', '0'], /--seeds must be an integer ≥ 1, got '0'/],
      [['--heart-rates', '120:60:10'], /--heart-rates start:stop:step needs stop ≥ start/],
      [['--heart-rate', '72'], /--heart-rate gives the true rate of --input recordings/],
    ];
    for (const [flags, message] of cases) {
      const r = rectify(['ablate', modelJson, ...flags]);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    const missing = rectify(['ablate', join(dir, 'missing.h5')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/missing\.h5' cannot be read: ENOENT/);
  });
});
