import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupBackend } from '@rectify/layers';
import { fileSystemIO } from '@rectify/layers/node';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { rectify, tempDir } from './helpers';
import { kerasH5FromFixture } from './keras-h5';

const dir = tempDir();
const modelJson = join(dir, 'model.json');
const ppgH5 = join(dir, 'ppg.h5');
const lstmH5 = join(dir, 'lstm.h5');

interface InspectJson {
  backend: string;
  heartRate: { bpm: number; hz: number };
  layers: {
    layer: string;
    activation: string;
    fs: number;
    steps: number;
    summary: { meanAbsPreDc: number; meanAbsPostDc: number; meanNewFrequencyFraction: number };
    channels: {
      channel: number;
      pre: { dc: number };
      post: { dc: number; harmonics: { order: number; freq: number; amplitude: number }[] };
    }[];
  }[];
}

beforeAll(async () => {
  await setupBackend({ backend: 'cpu' });
  // A small PPG-like front: causal conv → ReLU, a pooling step, then conv + a separate ReLU layer.
  const input = tf.input({ shape: [256, 1] });
  const c1 = tf.layers
    .conv1d({
      name: 'conv_a',
      filters: 3,
      kernelSize: 5,
      padding: 'same',
      activation: 'relu',
      seed: 1,
    } as never)
    .apply(input);
  const p1 = tf.layers.averagePooling1d({ name: 'pool', poolSize: 2 }).apply(c1);
  const c2 = tf.layers
    .conv1d({ name: 'conv_b', filters: 2, kernelSize: 3, padding: 'same' })
    .apply(p1);
  const r2 = tf.layers.reLU({ name: 'relu_b' }).apply(c2) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: r2 });
  await model.save(fileSystemIO(dir));
  model.dispose();
  writeFileSync(ppgH5, await kerasH5FromFixture('ppg_attention'));
  writeFileSync(lstmH5, await kerasH5FromFixture('unsupported_head'));
});

describe('rectify inspect', () => {
  it('prints per-layer results for every activation layer of a tfjs model.json', () => {
    const r = rectify(['inspect', modelJson, '--heart-rate', '72']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/2 layer\(s\) probed with synthetic PPG at 72 bpm \(1\.2 Hz\)/);
    expect(r.stdout).toMatch(/^conv_a\s+Conv1D\s+relu\s+32\s+256\s/m);
    expect(r.stdout).toMatch(/^conv_b\s+Conv1D\s+\S+\s+16\s+128\s/m);
    expect(r.stdout).toMatch(/conv_a\[0\]: DC [-\d.e]+→[\d.e-]+; f /);
  });

  it('--json: ReLU makes every channel non-negative on average and its DC at least as large as before', () => {
    const r = rectify(['inspect', modelJson, '--heart-rate', '90', '--layers', 'conv_a', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as InspectJson;
    expect(j.heartRate).toEqual({ bpm: 90, hz: 1.5 });
    expect(j.layers.map((l) => l.layer)).toEqual(['conv_a']);
    const layer = j.layers[0]!;
    expect(layer.fs).toBe(32);
    expect(layer.channels).toHaveLength(3);
    for (const c of layer.channels) {
      expect(c.post.dc).toBeGreaterThanOrEqual(0);
      expect(c.post.harmonics[0]!.freq).toBeCloseTo(1.5, 12);
    }
    expect(layer.summary.meanAbsPostDc).toBeGreaterThan(0);
  });

  it('--tones probes with a tone sum; unknown layers are a usage error naming the choices', () => {
    const r = rectify(['inspect', modelJson, '--tones', '2:1,3:0.5', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as InspectJson).heartRate.hz).toBe(2);
    const bad = rectify(['inspect', modelJson, '--heart-rate', '72', '--layers', 'nope']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/nope.*layers with an activation: conv_a, conv_b/);
  });

  it('reads a whole Keras .h5 (nested blocks, MultiHeadAttention head) with no --up-to', () => {
    const plot = join(dir, 'ppg.svg');
    const r = rectify(['inspect', ppgH5, '--samples', '32', '--heart-rate', '240', '--plot', plot]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/4 layer\(s\) probed with synthetic PPG at 240 bpm \(4 Hz\)/);
    expect(r.stdout).toMatch(/^model_1\/model_1_conv1\s+CausalConv1D\s+relu\s+32\s+32\s/m);
    expect(r.stdout).toMatch(/^model_2\/model_2_conv2\s+CausalConv1D\s+relu\s+16\s+16\s/m);
    expect(r.stdout).toMatch(/^model output \[1, 1\]: [-\d.e]+$/m);
    expect(r.stdout).not.toMatch(/not built/);
    expect(r.stdout).toContain(`wrote ${plot}`);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg/);
    const j = JSON.parse(
      rectify(['inspect', ppgH5, '--samples', '32', '--heart-rate', '240', '--json']).stdout,
    ) as InspectJson & {
      output: { shape: number[]; values: number[] };
      layers: { deadChannels: number[]; representativeChannel: number | null }[];
    };
    expect(j.output.shape).toEqual([1, 1]);
    for (const l of j.layers) {
      const dead = new Set(l.deadChannels);
      expect(l.channels.filter((c) => dead.has(c.channel)).every((c) => c.post.dc === 0)).toBe(
        true,
      );
      if (l.representativeChannel !== null) expect(dead.has(l.representativeChannel)).toBe(false);
    }
  });

  it('an unsupported layer names the flag that works: --up-to', () => {
    const args = ['inspect', lstmH5, '--samples', '16', '--heart-rate', '240'];
    const whole = rectify(args);
    expect(whole.code).toBe(1);
    expect(whole.stderr.trim().split('\n')).toHaveLength(1);
    expect(whole.stderr).toMatch(/lstm\.h5' cannot be loaded: .*LSTM.*Pass --up-to front_pool/);
    const front = rectify([...args, '--up-to', 'front_pool']);
    expect(front.code, front.stderr).toBe(0);
    expect(front.stdout).toMatch(/1 layer\(s\) probed with synthetic PPG at 240 bpm \(4 Hz\)/);
    expect(front.stdout).toMatch(/^front_conv\s+\w*Conv1D\s+relu\s+32\s+16\s/m);
    expect(front.stdout).toMatch(/not built: .*lstm/);
  });
});
