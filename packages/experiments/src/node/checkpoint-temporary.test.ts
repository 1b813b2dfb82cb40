import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunManifest } from '../core/checkpoint';
import { CheckpointStore } from './checkpoint';

const manifest = {
  format: 1,
  experiment: 'demo',
  configHash: 'b'.repeat(64),
  seed: 0,
  backend: 'none',
} as unknown as RunManifest;

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();
}

describe('CheckpointStore.discardTemporaryFiles (a worker terminated between write and rename)', () => {
  it("deletes this process's temporary files at every depth and keeps other processes' and real files", () => {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-tmp-'));
    const store = new CheckpointStore(dir, manifest);
    store.partial('rep-0000.relu').save('train', { epoch: 5 });
    const other = process.pid + 1;
    const ours = [
      join('units', `rep-0001.relu.json.${process.pid}.0.3.tmp`),
      join('partial', 'rep-0000.relu', `train.json.${process.pid}.2.17.tmp`),
      `manifest.json.${process.pid}.1.1.tmp`,
    ];
    const kept = [
      join('units', `rep-0001.relu.json.${other}.0.3.tmp`),
      // A unit whose name holds this pid, written whole: not a temporary file.
      join('units', `run.${process.pid}.1.json`),
    ];
    mkdirSync(join(dir, 'partial', 'rep-0000.relu'), { recursive: true });
    for (const f of [...ours, ...kept]) writeFileSync(join(dir, f), '{"half":');
    store.discardTemporaryFiles();
    expect(filesUnder(dir)).toEqual(
      ['manifest.json', join('partial', 'rep-0000.relu', 'train.json'), ...kept].sort(),
    );
  });

  it('is a no-op on a store without temporary files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rectify-tmp-'));
    const store = new CheckpointStore(dir, manifest);
    const before = filesUnder(dir);
    store.discardTemporaryFiles();
    expect(filesUnder(dir)).toEqual(before);
  });
});
