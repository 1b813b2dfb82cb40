import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rectify, startRectify, tempDir } from './helpers';

/** The pid of a process that has ended (a stale lock's owner). */
function deadPid(): string {
  return spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  }).stdout;
}

async function until(test: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('--out of repro and merge is locked like run (issue 17, finding 9)', () => {
  it('a second repro while one writes exits 2 naming the lock and its pid; the first is unharmed', async () => {
    const out = tempDir();
    const lock = join(out, '.rectify.lock');
    const first = startRectify([
      'repro',
      '--preset',
      'quick',
      '--only',
      'minimal-dc',
      '--out',
      out,
    ]);
    try {
      // The lock is linked into place whole: it is never seen empty.
      await until(() => existsSync(lock), 120_000);
      const pid = readFileSync(lock, 'utf8').trim();
      expect(pid).toBe(String(first.child.pid));
      const second = rectify(['repro', '--preset', 'quick', '--only', 'minimal-dc', '--out', out], {
        timeoutMs: 120_000,
      });
      expect(second.code).toBe(2);
      expect(second.stderr).toBe(
        `rectify: --out '${out}' is locked by another rectify (pid ${pid}, lock file ${lock}); wait for it to finish or choose another --out\n`,
      );
      expect(readFileSync(lock, 'utf8').trim()).toBe(pid);
    } finally {
      first.child.kill('SIGINT');
    }
    const ended = await first.done;
    // The first stops at Ctrl-C (130), or, when its one quick experiment finished before the
    // signal arrived, ends normally with its result written (0): either way it is unharmed.
    expect([0, 130], ended.stderr).toContain(ended.code);
    if (ended.code === 0) expect(existsSync(join(out, 'minimal-dc', 'result.json'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
  }, 300_000);

  it('repro takes over a stale lock of a dead pid and removes it at the end', () => {
    const out = tempDir();
    const lock = join(out, '.rectify.lock');
    writeFileSync(lock, `${deadPid()}\n`);
    // A file where the experiment's folder goes: the experiment fails at once, the report is
    // still written, so getting that far shows the lock was taken over.
    writeFileSync(join(out, 'minimal-dc'), 'not a folder');
    const r = rectify(['repro', '--preset', 'quick', '--only', 'minimal-dc', '--out', out], {
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).not.toMatch(/locked/);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(lock)).toBe(false);
  });

  it("repro locks each experiment's folder: one locked by another live rectify fails alone, named; the report is written", () => {
    const out = tempDir();
    const dir = join(out, 'minimal-dc');
    mkdirSync(dir, { recursive: true });
    const lock = join(dir, '.rectify.lock');
    // This test's own process stands for a `rectify run minimal-dc --out <out>/minimal-dc`.
    writeFileSync(lock, `${process.pid}\n`);
    const r = rectify(['repro', '--preset', 'quick', '--only', 'minimal-dc', '--out', out], {
      timeoutMs: 120_000,
    });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(
      `minimal-dc failed: --out '${dir}' is locked by another rectify (pid ${process.pid}, lock file ${lock})`,
    );
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
    expect(readFileSync(lock, 'utf8').trim()).toBe(String(process.pid));
    expect(existsSync(join(out, 'report.html'))).toBe(true);
    expect(existsSync(join(out, '.rectify.lock'))).toBe(false);
  });

  it('merge on a folder locked by a live process exits 2 naming the lock; a stale lock is taken over', () => {
    const out = tempDir();
    mkdirSync(join(out, 'checkpoint'), { recursive: true });
    const lock = join(out, '.rectify.lock');
    writeFileSync(lock, `${process.pid}\n`);
    const locked = rectify(['merge', '--out', out]);
    expect(locked.code).toBe(2);
    expect(locked.stderr).toBe(
      `rectify: --out '${out}' is locked by another rectify (pid ${process.pid}, lock file ${lock}); wait for it to finish or choose another --out\n`,
    );
    writeFileSync(lock, `${deadPid()}\n`);
    const stale = rectify(['merge', '--out', out]);
    // Past the lock: the folder holds no sharded run, which merge says (exit 1).
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/^rectify: --out '.*' holds no sharded run/);
    expect(existsSync(lock)).toBe(false);
  });

  it('merge on a missing folder still says there is no run (no lock is taken)', () => {
    const out = join(tempDir(), 'missing');
    const r = rectify(['merge', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/holds no sharded run/);
    expect(existsSync(out)).toBe(false);
  });
});
