import { RuntimeError, UsageError } from './errors';
import { loadExperiments } from './experiments-api';

/**
 * The experiments package's run-directory errors in the command's words (naming `--out`), with
 * the exit code their cause deserves: a link or a lock the user can remove is a usage error.
 */
export async function asCliError(error: unknown): Promise<unknown> {
  const { RunDirectoryError } = await loadExperiments();
  if (!(error instanceof RunDirectoryError)) return error;
  const { dir, reason, subfolder, target, pid } = error.details;
  switch (error.code) {
    case 'unwritable':
      return new RuntimeError(`--out '${dir}' cannot be written: ${reason}`);
    case 'symlinked':
      return new UsageError(
        `--out '${dir}' holds '${subfolder}' as a symbolic link (to '${target}'); rectify does not write through links: remove it or choose another --out`,
      );
    case 'locked':
      return new UsageError(
        `--out '${dir}' is locked by another rectify (pid ${pid}, lock file ${error.path}); wait for it to finish or choose another --out`,
      );
    case 'lock-failed':
      return new RuntimeError(`--out '${dir}' cannot be locked (${error.path}): ${reason}`);
    default:
      return new RuntimeError(error.message);
  }
}

/**
 * Runs package work on a run directory, turning experiments' run-directory errors into the
 * command's words ({@link asCliError}).
 *
 * @param work - the work.
 * @returns what it returns.
 */
export async function cliErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw await asCliError(error);
  }
}

/**
 * Create `--out` (with parents), prove it is writable and refuse symlinked output subfolders
 * (experiments' `ensureWritableDir`), so a run fails before it starts.
 *
 * @param dir - the `--out` directory.
 * @throws RuntimeError when it cannot be written; UsageError naming a symlinked subfolder.
 */
export function ensureWritableDir(dir: string): Promise<void> {
  return cliErrors(async () => (await loadExperiments()).ensureWritableDir(dir));
}

/**
 * Locks `--out` for this process (experiments' `lockRunDirectory`; a stale lock is taken over).
 *
 * @param dir - the `--out` directory (it must exist).
 * @returns a function that releases the lock.
 * @throws UsageError naming the lock file and the pid holding it when another live process does.
 */
export function lockOutDir(dir: string): Promise<() => Promise<void>> {
  return cliErrors(async () => (await loadExperiments()).lockRunDirectory(dir));
}
