import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { CheckpointMismatchError, RunAbortedError } from '../src/core/errors';
import type { Progress } from '../src/core/types';
import '../src/node';
import { dcAblation } from '../src/dc-ablation/run';

// Small enough for CI, big enough to have several units and epoch blocks to interrupt.
const config = {
  repetitions: 2,
  epochs: 4,
  variants: ['relu', 'linear-input-dc'],
  signalsPerClass: 48,
  testSignalsPerClass: 16,
  samples: 64,
  filters: 8,
  denseUnits: 8,
  batchSize: 32,
};
const seed = 11;
const root = mkdtempSync(join(tmpdir(), 'rectify-resume-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('dcAblation: determinism, parallelism, interruption and resume', async () => {
  const serial = await dcAblation.run(config, { seed, workers: 1 });

  it('the same config and seed give the same result, without leaking tensors; another seed differs', async () => {
    const before = tf.memory().numTensors;
    expect(await dcAblation.run(config, { seed, workers: 1 })).toEqual(serial);
    expect(tf.memory().numTensors).toBe(before);
    const other = await dcAblation.run(
      { ...config, repetitions: 1 },
      { seed: seed + 1, workers: 1 },
    );
    expect(other.variants[0]?.loss[0]?.mean).not.toBe(serial.variants[0]?.loss[0]?.mean);
  });

  it('2 worker threads give exactly the serial result', async () => {
    const events: Progress[] = [];
    const parallel = await dcAblation.run(config, {
      seed,
      workers: 2,
      onProgress: (p) => events.push(p),
    });
    expect(parallel).toEqual(serial);
    expect(events.filter((e) => e.kind === 'unit-done')).toHaveLength(4);
    expect(events.some((e) => e.kind === 'unit-step' && e.metrics?.loss !== undefined)).toBe(true);
  });

  it('an abort mid-unit, then a resume from the checkpoint, equals the uninterrupted run', async () => {
    const dir = join(root, 'abort');
    const controller = new AbortController();
    let steps = 0;
    const first = dcAblation.run(config, {
      seed,
      workers: 1,
      checkpointDir: dir,
      checkpointEvery: 2,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.kind === 'unit-step' && ++steps === 7) controller.abort();
      },
    });
    await expect(first).rejects.toBeInstanceOf(RunAbortedError);
    // Unit 1 finished; unit 2 stopped after epoch 3 with the epoch-2 block on disk.
    expect(existsSync(join(dir, 'units', 'rep-0000.relu.json'))).toBe(true);
    expect(existsSync(join(dir, 'partial', 'rep-0000.linear-input-dc', 'train.json'))).toBe(true);
    const tensors = tf.memory().numTensors;
    const events: Progress[] = [];
    const resumed = await dcAblation.run(config, {
      seed,
      workers: 1,
      checkpointDir: dir,
      checkpointEvery: 2,
      onProgress: (p) => events.push(p),
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(resumed).toEqual(serial);
    expect(events.filter((e) => e.kind === 'unit-resumed').map((e) => e.unitId)).toEqual([
      'rep-0000.relu',
    ]);
    // The interrupted unit restarted at epoch 3, not 1.
    expect(
      events.find((e) => e.kind === 'unit-step' && e.unitId === 'rep-0000.linear-input-dc')?.step,
    ).toBe(3);
  });

  it('an abort of a parallel run terminates the workers; the resumed run equals the serial one', async () => {
    const dir = join(root, 'abort-parallel');
    const controller = new AbortController();
    const first = dcAblation.run(config, {
      seed,
      workers: 2,
      checkpointDir: dir,
      checkpointEvery: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.kind === 'unit-step' && p.step === 2) controller.abort(new Error('user stop'));
      },
    });
    await expect(first).rejects.toThrow(/run aborted: user stop/);
    expect(await dcAblation.run(config, { seed, workers: 2, checkpointDir: dir })).toEqual(serial);
  });

  it('a SIGKILLed child process, resumed, equals the uninterrupted run', async () => {
    const dir = join(root, 'sigkill');
    const progressFile = join(root, 'sigkill-progress.jsonl');
    const options = join(root, 'sigkill-options.json');
    writeFileSync(
      options,
      JSON.stringify({
        config,
        seed,
        checkpointDir: dir,
        out: join(root, 'never.json'),
        checkpointEvery: 1,
        progressFile,
      }),
    );
    const worker = fileURLToPath(new URL('../dist/worker.js', import.meta.url));
    const child = spawn(process.execPath, [worker, 'run', 'dc-ablation', options], {
      stdio: 'ignore',
    });
    const killedAt = await new Promise<number>((resolve, reject) => {
      const timer = setInterval(() => {
        const lines = existsSync(progressFile)
          ? readFileSync(progressFile, 'utf8').trim().split('\n')
          : [];
        const done = lines.filter((l) => l.includes('"unit-done"')).length;
        const steps = lines.filter((l) => l.includes('"unit-step"')).length;
        if (done >= 1 && steps >= 6) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve(steps);
        }
      }, 10);
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL') {
          clearInterval(timer);
          reject(new Error(`child exited by itself (code ${code}) before it could be killed`));
        }
      });
    });
    expect(killedAt).toBeGreaterThanOrEqual(6);
    expect(existsSync(join(root, 'never.json'))).toBe(false);
    expect(existsSync(join(dir, 'units', 'rep-0000.relu.json'))).toBe(true);
    const resumed = await dcAblation.run(config, {
      seed,
      workers: 2,
      checkpointDir: dir,
      checkpointEvery: 1,
    });
    expect(resumed).toEqual(serial);
  });

  it('a checkpoint directory written with another config is refused, naming the difference', async () => {
    const dir = join(root, 'abort');
    await expect(
      dcAblation.run({ ...config, epochs: 5 }, { seed, workers: 1, checkpointDir: dir }),
    ).rejects.toThrow(CheckpointMismatchError);
    await expect(
      dcAblation.run(config, { seed: seed + 1, workers: 1, checkpointDir: dir }),
    ).rejects.toThrow(/belongs to another run .*seed 11 vs 12/);
  });
});
