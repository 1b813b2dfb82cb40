import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rectify, tempDir } from './helpers';

const SMALL = ['run', 'minimal-dc', '--set', 'trainEpochs=1', '--set', 'signalsPerClass=16'];

describe('--out: symlinked subfolders and the lock (issue 17, finding 9)', () => {
  it('a plots/ that is a symbolic link is refused (exit 2, naming it), nothing written through it', () => {
    const out = tempDir();
    const elsewhere = tempDir();
    symlinkSync(elsewhere, join(out, 'plots'));
    const r = rectify([...SMALL, '--out', out], { timeoutMs: 120_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `--out '${out}' holds 'plots' as a symbolic link (to '${elsewhere}')`,
    );
    expect(readdirSync(elsewhere)).toEqual([]);
  });

  it('a second run on a folder locked by a live process exits 2 naming the lock; a stale lock is taken over', () => {
    const out = tempDir();
    mkdirSync(out, { recursive: true });
    const lock = join(out, '.rectify.lock');
    writeFileSync(lock, `${process.pid}\n`);
    const locked = rectify([...SMALL, '--out', out], { timeoutMs: 120_000 });
    expect(locked.code).toBe(2);
    expect(locked.stderr).toContain(
      `--out '${out}' is locked by another rectify (pid ${process.pid}, lock file ${lock})`,
    );
    expect(existsSync(join(out, 'run.json'))).toBe(false);

    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(lock, `${dead.stdout}\n`);
    const stale = rectify([...SMALL, '--out', out], { timeoutMs: 240_000 });
    expect(stale.code, stale.stderr).toBe(0);
    expect(existsSync(lock)).toBe(false);
    expect(existsSync(join(out, 'result.json'))).toBe(true);
  }, 300_000);
});
