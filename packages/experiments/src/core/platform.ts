import type { RunManifest, UnitRecord } from './checkpoint';
import { PlatformError, type SentError } from './errors';
import type { BackendRequest, PartialStore, Versions } from './types';

/** A unit sent to a worker thread. */
export interface WorkerTask {
  /** Registry name. */
  experiment: string;
  /** Validated config. */
  config: unknown;
  /** Unit id. */
  unitId: string;
  /** Run seed. */
  seed: number;
  /** Backend request. */
  backend: BackendRequest;
  /** Hash of the run. */
  configHash: string;
  /** Checkpoint directory for partial (epoch-block) state. */
  checkpointDir?: string;
  /** Save partial state every this many steps. */
  checkpointEvery?: number;
}

/** Messages a worker posts back. */
export type WorkerMessage =
  | { type: 'step'; taskId: number; step: number; steps: number; metrics?: Record<string, number> }
  | { type: 'done'; taskId: number; record: UnitRecord }
  | ({ type: 'error'; taskId: number } & SentError);

/** Where a run keeps its finished units and the state within unfinished ones. */
export interface UnitStore {
  /** The finished unit, or `undefined` when it has not been stored. */
  loadUnit<U>(unitId: string): UnitRecord<U> | undefined;
  /** Stores a finished unit (atomically) and drops its partial state. */
  saveUnit(record: UnitRecord): void;
  /** A key → JSON store for state within `unitId`. */
  partial(unitId: string): PartialStore;
  /**
   * Deletes the temporary files this process's threads left in the store: a worker thread that
   * is terminated (Ctrl-C) between writing a temporary file and renaming it over its target leaves
   * one behind. Files of other processes sharing the store (shards) are kept. Optional: stores
   * without temporary files need none.
   */
  discardTemporaryFiles?(): void;
}

/** Runs units on other threads. */
export interface UnitPool {
  /** Runs `task` on the next free thread; `onStep` hears its steps (epochs). */
  run(
    task: WorkerTask,
    onStep?: (step: number, steps: number, metrics?: Record<string, number>) => void,
  ): Promise<UnitRecord>;
  /** Stops every thread; queued and running units are rejected with `reason`. */
  terminate(reason?: Error): Promise<void>;
}

/**
 * What a run needs from the machine it runs on: files for checkpoints and model files, threads
 * for parallel units, and the versions of the code. The package's `.` entry runs on the
 * {@link portablePlatform} (no files, one thread); `@rectify/experiments/node` installs Node's.
 */
export interface RunPlatform {
  /** Short name for messages (`'portable'`, `'node'`). */
  readonly name: string;
  /**
   * Opens (creating if needed) a checkpoint directory for the run `manifest` describes.
   * @throws {CheckpointMismatchError} when it belongs to another run.
   */
  openStore(dir: string, manifest: RunManifest): UnitStore;
  /** The partial-state store of one unit in a checkpoint directory (used by worker threads). */
  partialStore(dir: string, unitId: string): PartialStore;
  /** A pool of `size` threads running the bundled worker at `workerUrl` (default: the package's). */
  createPool(size: number, workerUrl?: URL): UnitPool;
  /** Threads a run uses when `workers` is not given. */
  defaultWorkerCount(): number;
  /** Versions of the packages whose code produces a result. */
  versions(): Versions;
  /** The bytes of a file (`what` names the option it came from, for messages). */
  readFile(path: string, what: string): Uint8Array;
}

/** The package names whose versions every result records. */
export const VERSIONED_PACKAGES = [
  '@rectify/experiments',
  '@rectify/layers',
  '@rectify/theory',
  '@rectify/signal',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
] as const;

const NODE_HINT = "in Node, import '@rectify/experiments/node' first";

/**
 * The platform of the `.` entry, for browsers, Web Workers and any JavaScript runtime: one thread,
 * no files. Asking it for a checkpoint directory, a file or more than one worker throws a
 * {@link PlatformError} naming the option.
 */
export const portablePlatform: RunPlatform = {
  name: 'portable',
  openStore(dir) {
    throw new PlatformError(
      `checkpointDir needs a file system, which the portable platform lacks (${NODE_HINT}); got checkpointDir ${JSON.stringify(dir)}`,
    );
  },
  partialStore(dir) {
    throw new PlatformError(
      `checkpointDir needs a file system, which the portable platform lacks (${NODE_HINT}); got checkpointDir ${JSON.stringify(dir)}`,
    );
  },
  createPool(size) {
    throw new PlatformError(
      `workers > 1 needs worker threads, which the portable platform lacks (${NODE_HINT}, or pass workers: 1); got workers ${size}`,
    );
  },
  defaultWorkerCount: () => 1,
  versions() {
    const out: Versions = {};
    for (const name of VERSIONED_PACKAGES) out[name] = 'unresolved';
    out.node = 'none';
    return out;
  },
  readFile(path, what) {
    throw new PlatformError(
      `${what} names a file, and the portable platform reads no files (${NODE_HINT}); got ${what} ${JSON.stringify(path)}`,
    );
  },
};

let current: RunPlatform = portablePlatform;

/**
 * Makes `platform` the one every later run uses (`@rectify/experiments/node` does this on import).
 *
 * @param platform - the platform.
 * @example
 * ```ts
 * import { nodePlatform } from '@rectify/experiments/node';
 * useRunPlatform(nodePlatform);
 * ```
 */
export function useRunPlatform(platform: RunPlatform): void {
  current = platform;
}

/**
 * The platform runs use now.
 *
 * @returns the platform last given to {@link useRunPlatform}, else {@link portablePlatform}.
 */
export function runPlatform(): RunPlatform {
  return current;
}
