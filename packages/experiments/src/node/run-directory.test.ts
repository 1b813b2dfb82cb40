import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDirs } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { checkUnitFiles, shardOwners, shardsOwning } from '../core/run-directory';
import { exampleNetworks } from '../example-networks/run';
import {
  mergeRunDirectory,
  openShard,
  RunDirectoryError,
  readRunRecord,
  readShardMarkers,
  runDirectoryPaths,
  runShard,
  hasUnfinishedRun,
  reusableResult,
  startRunDirectory,
} from './index';
import { RESULT_SCHEMA_VERSION, ResultSchemaError } from '../core/result-schema';

const tempDir = useTempDirs('rectify-rundir-');

const config = exampleNetworks.presets.quick;
const shardOptions = (index: number, count: number, seed = 3) => ({
  experiment: 'example-networks',
  config,
  seed,
  preset: 'quick' as const,
  index,
  count,
});

describe('unit ownership', () => {
  it('unit i belongs to shard i mod N; shardsOwning names the owners of a list, ascending', () => {
    const owners = shardOwners(['a', 'b', 'c', 'd', 'e'], 2);
    expect(Object.fromEntries(owners)).toEqual({ a: 0, b: 1, c: 0, d: 1, e: 0 });
    expect(shardsOwning(['e', 'b', 'x'], owners)).toEqual([0, 1]);
    expect(() => shardOwners(['a'], 0)).toThrow(/shard count must be an integer ≥ 1, got 0/);
  });
});

describe('checkUnitFiles', () => {
  const run = {
    experiment: 'e',
    configHash: 'h'.repeat(64),
    unitIds: ['u1', 'u2', 'u3'],
    versions: { p: '1' },
  };
  const unit = (unitId: string, over: Record<string, unknown> = {}) => ({
    format: 1,
    experiment: 'e',
    unitId,
    configHash: 'h'.repeat(64),
    backend: 'none',
    versions: { p: '1' },
    output: unitId,
    ...over,
  });

  it('sorts files into the run’s records, the missing units and the foreign files with their reason', () => {
    const check = checkUnitFiles(
      [
        { file: 'u3.json', record: unit('u3') },
        { file: 'u1.json', record: unit('u1') },
        { file: 'zz.json', record: unit('zz') },
        { file: 'u2.json', record: unit('u1') },
        { file: 'w.json', record: unit('u2', { configHash: 'k'.repeat(64) }) },
        { file: 'v.json', record: unit('u2', { versions: { p: '2' } }) },
        { file: 'n.json', record: null },
      ],
      run,
    );
    expect(check.records.map((r) => r.unitId)).toEqual(['u1', 'u3']);
    expect(check.missing).toEqual(['u2']);
    expect(check.foreign.map((f) => `${f.file} ${f.problem}`)).toEqual([
      'n.json belongs to another run (undefined, config hash undefined…; this run hhhhhhhhhhhh…)',
      'u2.json holds unit u1 under another name',
      'v.json holds unit u2 under another name',
      'w.json belongs to another run (e, config hash kkkkkkkkkkkk…; this run hhhhhhhhhhhh…)',
      'zz.json holds unit "zz", which is not in this config',
    ]);
    const versions = checkUnitFiles(
      [{ file: 'u2.json', record: unit('u2', { versions: { p: '2' } }) }],
      run,
    );
    expect(versions.foreign[0]?.problem).toBe(
      'was computed by other versions ({"p":"2"}; this build {"p":"1"})',
    );
    expect(versions.foreign[0]?.unitId).toBe('u2');
  });

  it('an empty directory misses every unit; a complete one misses none', () => {
    expect(checkUnitFiles([], run)).toEqual({
      records: [],
      missing: ['u1', 'u2', 'u3'],
      foreign: [],
    });
    const full = checkUnitFiles(
      run.unitIds.map((id) => ({ file: `${id}.json`, record: unit(id) })),
      run,
    );
    expect(full.missing).toEqual([]);
    expect(full.foreign).toEqual([]);
  });
});

describe('a sharded run directory', () => {
  it('shards in any order, one twice, merge to the single-process result; a gap and a foreign file are reported, not merged', async () => {
    const whole = await exampleNetworks.run(config, { seed: 3, workers: 1 });
    const dir = tempDir();
    const paths = runDirectoryPaths(dir);
    expect(() => mergeRunDirectory(dir)).toThrow(RunDirectoryError);
    try {
      mergeRunDirectory(dir);
    } catch (e) {
      expect((e as RunDirectoryError).code).toBe('no-run');
      expect((e as RunDirectoryError).path).toBe(paths.manifest);
    }

    const second = openShard(dir, shardOptions(1, 2));
    expect(second.unitIds).toEqual(exampleNetworks.listUnits(config).filter((_, i) => i % 2 === 1));
    expect(readRunRecord(dir)).toEqual({
      experiment: 'example-networks',
      preset: 'quick',
      config: exampleNetworks.parseConfig(config),
      seed: 3,
    });
    const marker1 = await runShard(second, { workers: 1 });
    expect(marker1).toMatchObject({ index: 1, count: 2, computed: 2, reused: 0 });

    const early = mergeRunDirectory(dir);
    expect(early.shards).toBe(2);
    expect(early.result).toBeUndefined();
    expect(early.missing).toEqual(exampleNetworks.listUnits(config).filter((_, i) => i % 2 === 0));
    expect(shardsOwning(early.missing, early.owners as Map<string, number>)).toEqual([0]);

    await runShard(openShard(dir, shardOptions(0, 2)), { workers: 1 });
    const again = openShard(dir, shardOptions(0, 2));
    expect(again.reused).toBe(2);
    expect(await runShard(again, { workers: 1 })).toMatchObject({ computed: 0, reused: 2 });
    expect(readShardMarkers(dir).map((m) => `${m.index}/${m.count}`)).toEqual(['0/2', '1/2']);

    const merged = mergeRunDirectory(dir);
    expect(merged.missing).toEqual([]);
    expect(merged.foreign).toEqual([]);
    expect(merged.result).toEqual(whole);

    // Another seed's unit copied in under a name of this config is foreign, and named.
    const other = tempDir();
    await runShard(openShard(other, shardOptions(0, 1, 4)), { workers: 1 });
    const victim = exampleNetworks.listUnits(config)[0] as string;
    copyFileSync(
      join(other, 'checkpoint', 'units', `${victim}.json`),
      join(paths.units, `${victim}.json`),
    );
    const mixed = mergeRunDirectory(dir);
    expect(mixed.result).toBeUndefined();
    expect(mixed.foreign.map((f) => f.file)).toEqual([`${victim}.json`]);
    expect(mixed.foreign[0]?.problem).toMatch(
      /^belongs to another run \(example-networks, config hash/,
    );
    expect(mixed.missing).toEqual([victim]);

    // A shard of another config is refused before it writes anything.
    expect(() => openShard(dir, shardOptions(0, 2, 4))).toThrow(
      /belongs to another run .*seed 3 vs 4/,
    );

    writeFileSync(join(paths.units, `${victim}.json`), '{ not json');
    expect(() => mergeRunDirectory(dir)).toThrow(/unit file '.*' is not valid JSON/);
    expect(readdirSync(dir).sort()).toEqual(['checkpoint', 'run.json']);
  });

  it('refuses an unknown experiment, naming the choices', () => {
    expect(() => openShard(tempDir(), { ...shardOptions(0, 1), experiment: 'nope' })).toThrow(
      /experiment in 'the experiment option' must be one of approximation, .*got "nope"/,
    );
  });
});

describe('startRunDirectory (a whole run)', () => {
  const record = { experiment: 'example-networks', preset: 'quick' as const, config, seed: 3 };

  it('writes run.json, refuses an unfinished run unless resuming, and a resumed run keeps its record', () => {
    const dir = tempDir();
    expect(hasUnfinishedRun(dir)).toBe(false);
    const paths = startRunDirectory(dir, record, { resume: false });
    expect(paths).toEqual(runDirectoryPaths(dir));
    expect(readRunRecord(dir)).toEqual(record);

    mkdirSync(paths.units, { recursive: true });
    expect(hasUnfinishedRun(dir)).toBe(true);
    let error: unknown;
    try {
      startRunDirectory(dir, record, { resume: false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RunDirectoryError);
    expect((error as RunDirectoryError).code).toBe('unfinished-run');
    expect((error as RunDirectoryError).path).toBe(paths.checkpoint);

    startRunDirectory(dir, { ...record, seed: 99 }, { resume: true });
    expect(readRunRecord(dir)?.seed).toBe(3);
    rmSync(paths.runRecord);
    startRunDirectory(dir, { ...record, seed: 99 }, { resume: true });
    expect(readRunRecord(dir)?.seed).toBe(99);
  });

  it('resuming where nothing is unfinished starts afresh with the new record', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'run.json'), JSON.stringify({ ...record, seed: 1 }));
    startRunDirectory(dir, record, { resume: true });
    expect(readRunRecord(dir)?.seed).toBe(3);
  });
});

describe('reusableResult (resumed reproductions)', () => {
  it('reuses a current-format result of the same seed and config only', async () => {
    const dir = tempDir();
    expect(reusableResult(dir, { config, seed: 3 })).toEqual({ status: 'absent' });
    const result = (await exampleNetworks.run(config, {
      seed: 3,
      workers: 1,
    })) as unknown as Record<string, unknown>;
    writeFileSync(join(dir, 'result.json'), JSON.stringify(result));
    const parsedConfig = result.config;
    const reuse = reusableResult(dir, { config: parsedConfig, seed: 3 });
    expect(reuse.status).toBe('reusable');
    expect(reuse.status === 'reusable' && reuse.result).toEqual(result);
    expect(reusableResult(dir, { config: parsedConfig, seed: 4 })).toEqual({ status: 'other-run' });
    expect(
      reusableResult(dir, { config: { ...(parsedConfig as object), extra: 1 }, seed: 3 }),
    ).toEqual({ status: 'other-run' });

    writeFileSync(join(dir, 'result.json'), JSON.stringify({ ...result, claims: 'nope' }));
    const invalid = reusableResult(dir, { config: parsedConfig, seed: 3 });
    expect(invalid.status).toBe('invalid');
    expect(invalid.status === 'invalid' && invalid.error).toBeInstanceOf(ResultSchemaError);
    writeFileSync(join(dir, 'result.json'), '{ truncated');
    expect(reusableResult(dir, { config: parsedConfig, seed: 3 }).status).toBe('invalid');
    expect(RESULT_SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
  }, 120_000);
});
