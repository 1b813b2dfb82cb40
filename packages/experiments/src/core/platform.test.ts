import { describe, expect, it } from 'vitest';
import { exampleNetworks } from '../example-networks/run';
import { realWorld } from '../real-world/run';
import { PlatformError } from './errors';
import { portablePlatform, runPlatform } from './platform';
import { decodeFloat32, encodeFloat32 } from './train';
import { collectVersions } from './versions';

// This file imports nothing from src/node, so runs use the `.` entry's portable platform, as in
// a browser.
describe('the portable platform (the `.` entry without @rectify/experiments/node)', () => {
  it('is the default: one thread, no files, versions unresolved', () => {
    expect(runPlatform()).toBe(portablePlatform);
    expect(portablePlatform.defaultWorkerCount()).toBe(1);
    expect(collectVersions()).toMatchObject({
      '@rectify/experiments': 'unresolved',
      '@tensorflow/tfjs': 'unresolved',
      node: 'none',
    });
  });

  it('runs an experiment in this thread and equals itself run twice', async () => {
    const config = exampleNetworks.presets.quick;
    const a = await exampleNetworks.run(config, { seed: 2 });
    expect(a.units).toBe(4);
    expect(await exampleNetworks.run(config, { seed: 2 })).toEqual(a);
  });

  it('refuses a checkpoint directory, more than one worker and a model file, naming each', async () => {
    const config = exampleNetworks.presets.quick;
    await expect(exampleNetworks.run(config, { checkpointDir: 'runs/x' })).rejects.toThrow(
      PlatformError,
    );
    await expect(exampleNetworks.run(config, { checkpointDir: 'runs/x' })).rejects.toThrow(
      /checkpointDir needs a file system.*got checkpointDir "runs\/x"/,
    );
    await expect(exampleNetworks.run(config, { workers: 2 })).rejects.toThrow(
      /workers > 1 needs worker threads.*got workers 2/,
    );
    await expect(
      realWorld.run({ ...realWorld.presets.quick, modelPath: 'model.h5' }, { seed: 0 }),
    ).rejects.toThrow(/modelPath names a file.*got modelPath "model\.h5"/);
  });
});

describe('encodeFloat32 / decodeFloat32 (checkpointed weights)', () => {
  it('is base64 of the little-endian bytes, as Buffer writes it, and round-trips exactly', () => {
    for (const n of [0, 1, 2, 3, 5, 2049, 10_000]) {
      const values = new Float32Array(n).map((_, i) => Math.sin(i * 1.7) * 10 ** ((i % 9) - 4));
      const text = encodeFloat32(values);
      expect(text).toBe(Buffer.from(values.buffer).toString('base64'));
      expect(decodeFloat32(text)).toEqual(values);
    }
    const view = new Float32Array([1, 2, 3, 4]).subarray(1, 3);
    expect(decodeFloat32(encodeFloat32(view))).toEqual(new Float32Array([2, 3]));
  });
});
