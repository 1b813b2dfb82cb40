import { link, lstat, mkdir, readFile, readlink, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RunDirectoryError } from './run-directory';

/** The subfolders a run writes into; none may be a symbolic link. */
export const RUN_OUTPUT_SUBFOLDERS = [
  'plots',
  'checkpoint',
  'checkpoint/units',
  'checkpoint/partial',
  'checkpoint/shards',
] as const;

/** The lock file a whole run (not a shard) holds in its run directory while it writes there. */
export const RUN_LOCK_FILE = '.rectify.lock';

const reasonOf = (e: unknown): string =>
  (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e));

/**
 * Refuses a run directory whose output subfolders ({@link RUN_OUTPUT_SUBFOLDERS}) are symbolic
 * links: a run would otherwise write (and replace files) wherever the link points.
 *
 * @param dir - the run directory.
 * @throws {RunDirectoryError} `symlinked`, with `details.subfolder` and `details.target`.
 * @example
 * ```ts
 * await refuseSymlinkedFolders('out/run');
 * ```
 */
export async function refuseSymlinkedFolders(dir: string): Promise<void> {
  for (const sub of RUN_OUTPUT_SUBFOLDERS) {
    const path = join(dir, sub);
    const info = await lstat(path).catch(() => undefined);
    if (info?.isSymbolicLink()) {
      const target = await readlink(path).catch(() => '?');
      throw new RunDirectoryError(
        'symlinked',
        path,
        `run directory '${dir}' holds '${sub}' as a symbolic link (to '${target}'); runs do not write through links`,
        { dir, subfolder: sub, target },
      );
    }
  }
}

/**
 * Creates a run directory (with parents) and proves it is writable, so a run fails before it
 * starts rather than after hours of work; then refuses symlinked output subfolders.
 *
 * @param dir - the run directory.
 * @throws {RunDirectoryError} `unwritable` (with `details.reason`, e.g. `EACCES`) or `symlinked`.
 * @example
 * ```ts
 * await ensureWritableDir('out/run');
 * ```
 */
export async function ensureWritableDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true });
    const probe = join(dir, `.rectify-write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (e) {
    throw new RunDirectoryError(
      'unwritable',
      dir,
      `run directory '${dir}' cannot be written: ${reasonOf(e)}`,
      { dir, reason: reasonOf(e) },
    );
  }
  await refuseSymlinkedFolders(dir);
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Locks a run directory for this process: creates `dir/.rectify.lock` holding the pid,
 * exclusively. A lock whose pid no longer runs is stale and taken over.
 *
 * @param dir - the run directory (it must exist).
 * @returns a function that releases the lock.
 * @throws {RunDirectoryError} `locked` (with `details.pid`) when another live process holds it;
 *   `lock-failed` (with `details.reason`) when the lock file cannot be created.
 * @example
 * ```ts
 * const release = await lockRunDirectory('out/run');
 * try { await work(); } finally { await release(); }
 * ```
 */
export async function lockRunDirectory(dir: string): Promise<() => Promise<void>> {
  const path = join(dir, RUN_LOCK_FILE);
  // The pid is written to a file of this process first, then linked into place (link fails if
  // the lock exists), so another process never reads a lock that is created but still empty
  // (which it would take for a stale one).
  const mine = `${path}.${process.pid}.tmp`;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await writeFile(mine, `${process.pid}\n`);
      await link(mine, path);
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
        const reason = (e as NodeJS.ErrnoException).code ?? 'error';
        throw new RunDirectoryError(
          'lock-failed',
          path,
          `run directory '${dir}' cannot be locked (${path}): ${reason}`,
          { dir, reason },
        );
      }
    } finally {
      await rm(mine, { force: true });
    }
    const pid = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
    if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && processAlive(pid)) {
      throw new RunDirectoryError(
        'locked',
        path,
        `run directory '${dir}' is locked by another process (pid ${pid}, lock file ${path})`,
        { dir, pid },
      );
    }
    await rm(path, { force: true });
  }
  throw new RunDirectoryError(
    'lock-failed',
    path,
    `run directory '${dir}' cannot be locked: ${path} keeps reappearing`,
    { dir, reason: 'keeps reappearing' },
  );
}

/**
 * Writes a file atomically: a temp file beside it, then `rename` over the target, so a reader
 * sees the old file or the new one, never half of one.
 *
 * @param path - the target file.
 * @param body - the contents (text is written as UTF-8).
 * @throws {RunDirectoryError} `write-failed` naming the file, with `details.reason`.
 * @example
 * ```ts
 * await writeFileAtomic('out/run/result.json', JSON.stringify(result));
 * ```
 */
export async function writeFileAtomic(path: string, body: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temp, body);
    await rename(temp, path);
  } catch (e) {
    throw new RunDirectoryError('write-failed', path, `cannot write '${path}': ${reasonOf(e)}`, {
      reason: reasonOf(e),
    });
  }
}
