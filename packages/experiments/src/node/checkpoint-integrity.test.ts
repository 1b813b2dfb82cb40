import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest, UnitRecord } from '../core/checkpoint';
import { CheckpointCorruptError } from '../core/errors';
import { CheckpointStore, readUnitRecords } from './checkpoint';

const manifest = {
  format: 1,
  experiment: 'demo',
  configHash: 'a'.repeat(64),
  seed: 0,
  backend: 'none',
} as unknown as RunManifest;

function storeWithUnit(): { store: CheckpointStore; dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rectify-ckpt-'));
  const store = new CheckpointStore(dir, manifest);
  const record = {
    format: 1,
    experiment: 'demo',
    unitId: 'u-1',
    configHash: manifest.configHash,
    backend: 'none',
    versions: {},
    output: { accuracy: 0.75, secret: 'SECRET-CONTENT' },
  } as unknown as UnitRecord;
  store.saveUnit(record);
  return { store, dir, path: join(dir, 'units', 'u-1.json') };
}

function corruptError(run: () => unknown): CheckpointCorruptError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CheckpointCorruptError);
    return error as CheckpointCorruptError;
  }
  throw new Error('expected a CheckpointCorruptError');
}

describe('checkpoint unit integrity (issue 17, finding 5)', () => {
  it('a unit written by the store reads back whole, with its content hash checked', () => {
    const { store, dir, path } = storeWithUnit();
    expect(JSON.parse(readFileSync(path, 'utf8')).contentSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(store.loadUnit('u-1')?.output).toEqual({ accuracy: 0.75, secret: 'SECRET-CONTENT' });
    expect(readUnitRecords(dir)[0]).not.toHaveProperty('contentSha256');
  });

  it('a truncated unit is named with its path and the problem, never its bytes', () => {
    const { store, dir, path } = storeWithUnit();
    writeFileSync(path, readFileSync(path, 'utf8').slice(0, 60));
    const e = corruptError(() => store.loadUnit('u-1'));
    expect(e.path).toBe(path);
    expect(e.message).toContain(`checkpoint unit ${path} is not valid JSON`);
    expect(e.message).not.toMatch(/position|SECRET|accuracy/);
    expect(corruptError(() => readUnitRecords(dir)).path).toBe(path);
  });

  it('a garbage unit is not echoed', () => {
    const { store, path } = storeWithUnit();
    writeFileSync(path, 'GARBAGE-BYTES \u0000\u0001 <script>');
    const e = corruptError(() => store.loadUnit('u-1'));
    expect(e.message).not.toMatch(/GARBAGE|script/);
  });

  it('an edited but valid unit is refused: its hash no longer matches', () => {
    const { store, path } = storeWithUnit();
    const edited = readFileSync(path, 'utf8').replace('0.75', '0.99');
    writeFileSync(path, edited);
    expect(corruptError(() => store.loadUnit('u-1')).problem).toMatch(
      /does not match its content hash/,
    );
    const { contentSha256: _, ...unhashed } = JSON.parse(edited);
    writeFileSync(path, JSON.stringify(unhashed));
    expect(corruptError(() => store.loadUnit('u-1')).problem).toMatch(/no content hash/);
  });
});
