import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { useTempDirs } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import {
  ensureWritableDir,
  lockRunDirectory,
  RUN_LOCK_FILE,
  refuseSymlinkedFolders,
  writeFileAtomic,
} from './out-dir';
import { RunDirectoryError } from './run-directory';

const tempDir = useTempDirs('rectify-outdir-');

async function rejection(p: Promise<unknown>): Promise<RunDirectoryError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RunDirectoryError);
  return error as RunDirectoryError;
}

describe('ensureWritableDir and refuseSymlinkedFolders', () => {
  it('creates missing parents and leaves no probe file behind', async () => {
    const dir = join(tempDir(), 'a', 'b');
    await ensureWritableDir(dir);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a symlinked output subfolder, naming it and its target (code symlinked)', async () => {
    const dir = tempDir();
    const elsewhere = tempDir();
    mkdirSync(join(dir, 'checkpoint'));
    symlinkSync(elsewhere, join(dir, 'checkpoint', 'units'));
    const e = await rejection(ensureWritableDir(dir));
    expect(e.code).toBe('symlinked');
    expect(e.details).toEqual({ dir, subfolder: 'checkpoint/units', target: elsewhere });
    expect(e.message).toContain(`holds 'checkpoint/units' as a symbolic link (to '${elsewhere}')`);
    await expect(refuseSymlinkedFolders(tempDir())).resolves.toBeUndefined();
  });

  it('a directory under a file cannot be written (code unwritable, the system reason)', async () => {
    const file = join(tempDir(), 'file');
    writeFileSync(file, 'x');
    const e = await rejection(ensureWritableDir(join(file, 'sub')));
    expect(e.code).toBe('unwritable');
    expect(e.details.reason).toBe('ENOTDIR');
  });
});

describe('lockRunDirectory', () => {
  it('writes the pid, refuses a live holder, takes over a dead one and releases', async () => {
    const dir = tempDir();
    const lock = join(dir, RUN_LOCK_FILE);
    writeFileSync(lock, `${process.ppid}\n`);
    const e = await rejection(lockRunDirectory(dir));
    expect(e.code).toBe('locked');
    expect(e.path).toBe(lock);
    expect(e.details.pid).toBe(process.ppid);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(lock, `${dead.stdout}\n`);
    const release = await lockRunDirectory(dir);
    expect(readFileSync(lock, 'utf8')).toBe(`${process.pid}\n`);
    await release();
    expect(existsSync(lock)).toBe(false);
  });

  it('a directory that cannot hold the lock file fails with lock-failed and the reason', async () => {
    const e = await rejection(lockRunDirectory(join(tempDir(), 'missing')));
    expect(e.code).toBe('lock-failed');
    expect(e.details.reason).toBe('ENOENT');
  });
});

describe('writeFileAtomic', () => {
  it('writes text and bytes with no temp file left, replacing the old content', async () => {
    const dir = tempDir();
    const path = join(dir, 'result.json');
    await writeFileAtomic(path, 'old');
    await writeFileAtomic(path, new Uint8Array([104, 105]));
    expect(readFileSync(path, 'utf8')).toBe('hi');
    expect(readdirSync(dir)).toEqual(['result.json']);
  });

  it('names the file and the reason when it cannot write (code write-failed)', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o500);
    const path = join(dir, 'missing', 'x.json');
    const e = await rejection(writeFileAtomic(path, 'x'));
    expect(e.code).toBe('write-failed');
    expect(e.path).toBe(path);
    expect(e.details.reason).toBe('ENOENT');
    expect(e.message).toBe(`cannot write '${path}': ENOENT`);
  });
});
