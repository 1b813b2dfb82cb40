import { createHash } from 'node:crypto';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDirs } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { exampleNetworks } from '../example-networks/run';
import { experiments } from '../registry';
import type { Experiment } from './define';
import { CheckpointStore, readUnitRecords, writeJsonAtomic } from '../node';
import type { RunManifest, UnitRecord } from './checkpoint';
import { CheckpointMismatchError, ConfigError } from './errors';
import { canonicalJson, configHash, deriveSeed } from './hash';
import { shardUnits } from './runner';
import { nearestCentroid, std } from './stats';

const tempDir = useTempDirs('rectify-exp-');

describe('hashing and seeds', () => {
  it('canonical JSON ignores key order and refuses non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, 2], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[1,2]},"b":1}',
    );
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(
      /\$\.a must be a finite number, got NaN/,
    );
  });

  it('config hash changes with config, seed and backend but not key order', () => {
    const h = configHash('dc-ablation', { a: 1, b: 2 }, 0, 'wasm');
    expect(configHash('dc-ablation', { b: 2, a: 1 }, 0, 'wasm')).toBe(h);
    expect(configHash('dc-ablation', { a: 1, b: 3 }, 0, 'wasm')).not.toBe(h);
    expect(configHash('dc-ablation', { a: 1, b: 2 }, 1, 'wasm')).not.toBe(h);
    expect(configHash('dc-ablation', { a: 1, b: 2 }, 0, 'cpu')).not.toBe(h);
  });

  it('derived seeds are 32-bit, stable and distinct per key (SHA-256 of "seed:key")', () => {
    // First 4 bytes of sha256("7:rep-0/train"), computed independently with Python's hashlib.
    expect(deriveSeed(7, 'rep-0/train')).toBe(2897394180);
    const seeds = new Set(Array.from({ length: 200 }, (_, i) => deriveSeed(1, `u${i}`)));
    expect(seeds.size).toBe(200);
    for (const s of seeds) expect(s >>> 0).toBe(s);
  });
});

describe('config validation', () => {
  it('fills the paper defaults and rejects unknown or out-of-range fields by name', () => {
    const dc = experiments['dc-ablation'];
    const paper = dc.parseConfig({});
    expect(paper).toMatchObject({
      repetitions: 100,
      epochs: 60,
      signalsPerClass: 1024,
      samples: 256,
      fs: 32,
      batchSize: 64,
    });
    expect(paper.inputDcAmplitudes).toEqual([1, 5, 19]);
    expect(() => dc.parseConfig({ epochz: 3 })).toThrow(ConfigError);
    expect(() => dc.parseConfig({ epochz: 3 })).toThrow(/unknown field\(s\) "epochz"/);
    expect(() => dc.parseConfig({ epochs: 0 })).toThrow(/epochs: .*got 0/);
    expect(() => dc.parseConfig({ learningRate: -1 })).toThrow(/learningRate: .*got -1/);
    expect(() => dc.parseConfig({ variants: ['relu', 'relu'] })).toThrow(
      /variants: must not repeat a variant/,
    );
    expect(() => dc.parseConfig({ inputDcAmplitudes: [1, 2] })).toThrow(
      /inputDcAmplitudes: must have one entry per class \(3\)/,
    );
    expect(() => experiments['minimal-dc'].parseConfig({ fixedKernel: [1] })).toThrow(
      /fixedKernel/,
    );
    expect(() => experiments.approximation.parseConfig({ termsList: [5, 5, 5] })).toThrow(
      /at least 3 distinct/,
    );
  });

  it('every experiment has paper and quick presets that validate', () => {
    for (const [name, e] of Object.entries(experiments) as [
      string,
      Experiment<unknown, unknown, unknown>,
    ][]) {
      expect(e.name).toBe(name);
      expect(e.parseConfig(e.presets.paper)).toEqual(e.presets.paper);
      expect(e.parseConfig(e.presets.quick)).toEqual(e.presets.quick);
      expect(e.listUnits(e.presets.quick).length).toBeGreaterThan(0);
    }
  });

  it('a bad seed or worker count is a RangeError naming it', async () => {
    await expect(exampleNetworks.run({}, { seed: -1 })).rejects.toThrow(
      /seed must be an integer in \[0, 4294967295\], got -1/,
    );
    await expect(exampleNetworks.run({}, { seed: 1.5 })).rejects.toThrow(/got 1.5/);
    await expect(exampleNetworks.run({}, { workers: 0 })).rejects.toThrow(
      /workers must be an integer ≥ 1, got 0/,
    );
    await expect(exampleNetworks.run({}, { backend: 'gpu' as never })).rejects.toThrow(
      /backend must be one of auto, wasm, cpu, got "gpu"/,
    );
  });
});

describe('units and shards', () => {
  it('shards partition the units round-robin, depending only on the list and N', () => {
    const units = experiments['dc-ablation'].listUnits({
      repetitions: 7,
      variants: ['relu', 'linear', 'linear-dc'],
    });
    expect(units.slice(0, 4)).toEqual([
      'rep-0000.relu',
      'rep-0000.linear',
      'rep-0000.linear-dc',
      'rep-0001.relu',
    ]);
    const shards = [0, 1, 2, 3].map((i) => shardUnits(units, i, 4));
    expect(shards.flat().sort()).toEqual([...units].sort());
    expect(shards.map((s) => s.length)).toEqual([6, 5, 5, 5]);
    expect(() => shardUnits(units, 4, 4)).toThrow(
      /shard index must be an integer in \[0, 3\], got 4/,
    );
    expect(() => shardUnits(units, 0, 0)).toThrow(/shard count must be an integer ≥ 1, got 0/);
  });

  it('runUnit + mergeUnits from files equals run; missing, duplicate and foreign units are refused', async () => {
    const config = exampleNetworks.presets.quick;
    const whole = await exampleNetworks.run(config, { seed: 3, workers: 1 });
    const dir = tempDir();
    const ids = exampleNetworks.listUnits(config);
    for (const id of [...ids].reverse())
      await exampleNetworks.runUnit(config, id, { seed: 3, checkpointDir: dir });
    const records = readUnitRecords(dir) as UnitRecord<never>[];
    expect(records.map((r) => r.unitId)).toEqual([...ids].sort());
    expect(exampleNetworks.mergeUnits(config, records, { seed: 3 })).toEqual(whole);
    expect(() => exampleNetworks.mergeUnits(config, records.slice(1), { seed: 3 })).toThrow(
      /1 of 4 units missing/,
    );
    expect(() =>
      exampleNetworks.mergeUnits(config, [...records, records[0] as UnitRecord<never>], {
        seed: 3,
      }),
    ).toThrow(/appears twice/);
    expect(() => exampleNetworks.mergeUnits(config, records, { seed: 4 })).toThrow(
      CheckpointMismatchError,
    );
    await expect(exampleNetworks.runUnit(config, 'nope', { seed: 3 })).rejects.toThrow(
      /unitId must be one of the config's 4 units/,
    );
  });
});

describe('checkpoint store', () => {
  const manifest = (hash: string, seed = 0): RunManifest => ({
    format: 1,
    experiment: 'dc-ablation',
    configHash: hash,
    config: { epochs: seed + 3 },
    seed,
    backend: 'wasm',
  });

  it('writes atomically (no temp files left) and refuses another run’s directory, naming the difference', () => {
    const dir = tempDir();
    writeJsonAtomic(join(dir, 'x.json'), { a: 1 });
    expect(readdirSync(dir)).toEqual(['x.json']);
    new CheckpointStore(dir, manifest('a'.repeat(64)));
    expect(() => new CheckpointStore(dir, manifest('b'.repeat(64), 1))).toThrow(
      /belongs to another run .*seed 0 vs 1, config.epochs 3 vs 4/,
    );
  });

  it('refuses a unit file carrying another config hash', () => {
    const dir = tempDir();
    const store = new CheckpointStore(dir, manifest('a'.repeat(64)));
    const foreign = {
      format: 1,
      experiment: 'dc-ablation',
      unitId: 'rep-0000.relu',
      configHash: 'c'.repeat(64),
      backend: 'wasm',
      versions: {},
      output: {},
    };
    // Intact (its content hash matches), so what is refused is the other run's config hash.
    const contentSha256 = createHash('sha256').update(JSON.stringify(foreign)).digest('hex');
    writeFileSync(
      join(dir, 'units', 'rep-0000.relu.json'),
      JSON.stringify({ ...foreign, contentSha256 }),
    );
    expect(() => store.loadUnit('rep-0000.relu')).toThrow(/refusing to mix it in/);
    expect(() => store.loadUnit('../etc')).toThrow(/unitId must match/);
  });
});

describe('statistics', () => {
  it('std is the population std (ddof 0) and nearest centroid scores held-out points', () => {
    expect(std([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(1.25), 15);
    const feature = [0, 0.1, 1, 1.1, 2, 2.1];
    const labels = [0, 0, 1, 1, 2, 2];
    const r = nearestCentroid(feature, labels, 3, [0, 2, 4], [1, 3, 5]);
    expect(r.centroids).toEqual([0, 1, 2]);
    expect(r.accuracy).toBe(1);
    expect(nearestCentroid([0, 0, 0, 0], [0, 1, 0, 1], 2, [0, 1], [2, 3]).accuracy).toBe(0.5);
  });
});
