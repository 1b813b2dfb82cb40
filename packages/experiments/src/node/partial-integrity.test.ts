import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDirs } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../core/checkpoint';
import type { Progress } from '../core/types';
import { dcAblation } from '../dc-ablation/run';
import { CheckpointStore } from './index'; // installs the Node platform (checkpoint files)

const tempDir = useTempDirs('rectify-partial-');

const manifest = {
  format: 1,
  experiment: 'demo',
  configHash: 'b'.repeat(64),
  seed: 0,
  backend: 'none',
} as unknown as RunManifest;

describe('partial (epoch-block) state carries a content hash', () => {
  it('round-trips what was saved, and drops a truncated, edited or unhashed file', () => {
    const dir = tempDir();
    const store = new CheckpointStore(dir, manifest).partial('rep-0000.relu');
    const state = { epoch: 5, weights: [0.25, -1.5e-7, 3], history: [{ loss: 0.5 }] };
    store.save('train', state);
    expect(store.load('train')).toEqual(state);
    const path = join(dir, 'partial', 'rep-0000.relu', 'train.json');
    const text = readFileSync(path, 'utf8');
    for (const broken of [
      text.slice(0, text.length / 2), // truncated
      text.replace('0.25', '0.26'), // edited, still valid JSON
      JSON.stringify(state), // written by an older rectify: no hash
      'null',
    ]) {
      writeFileSync(path, broken);
      expect(store.load('train')).toBeUndefined();
      expect(existsSync(path)).toBe(false);
    }
    expect(store.load('train')).toBeUndefined();
  });

  const config = {
    repetitions: 1,
    epochs: 6,
    signalsPerClass: 8,
    testSignalsPerClass: 4,
    samples: 32,
    filters: 2,
    denseUnits: 4,
  };

  /** Runs until the first unit reports `stopAt` epochs, then aborts; returns the checkpoint dir. */
  async function interruptedRun(stopAt: number): Promise<string> {
    const dir = join(tempDir(), 'checkpoint');
    const controller = new AbortController();
    await dcAblation
      .run(config, {
        seed: 4,
        workers: 1,
        checkpointDir: dir,
        checkpointEvery: 1,
        signal: controller.signal,
        onProgress: (p) => {
          if (p.kind === 'unit-step' && (p.step ?? 0) >= stopAt) controller.abort();
        },
      })
      .catch(() => undefined);
    return dir;
  }

  it('a resumed unit continues from valid state and restarts from epoch 1 after an edit; both give the uninterrupted result', async () => {
    const whole = await dcAblation.run(config, { seed: 4, workers: 1 });
    for (const edit of [false, true]) {
      const dir = await interruptedRun(3);
      const partialDir = join(dir, 'partial');
      const units = readdirSync(partialDir);
      expect(units.length).toBe(1);
      const file = join(partialDir, units[0] as string, 'train.json');
      if (edit) {
        const saved = JSON.parse(readFileSync(file, 'utf8'));
        saved.value.epoch = 1; // a plausible but edited state
        writeFileSync(file, JSON.stringify(saved));
      }
      const steps: number[] = [];
      const resumed = await dcAblation.run(config, {
        seed: 4,
        workers: 1,
        checkpointDir: dir,
        checkpointEvery: 1,
        onProgress: (p: Progress) => {
          if (p.kind === 'unit-step' && p.unitId === units[0]) steps.push(p.step as number);
        },
      });
      // Valid state: epoch 3 was saved, so the unit goes on with epoch 4; edited state: from epoch 1.
      expect(steps[0]).toBe(edit ? 1 : 4);
      expect(resumed).toEqual(whole);
    }
  }, 120_000);
});
