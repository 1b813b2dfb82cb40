import { readFileSync } from 'node:fs';
import type { RunPlatform } from '../core/platform';
import { CheckpointStore, partialStore } from './checkpoint';
import { defaultWorkerCount, defaultWorkerUrl, WorkerPool } from './pool';
import { probeNodeVersions } from './versions';

/**
 * Node's run platform: checkpoints as files ({@link CheckpointStore}), parallel units on worker
 * threads ({@link WorkerPool} running the bundled `dist/worker.js`), versions read from each
 * package's `package.json`, model files read with `node:fs`. Importing
 * `@rectify/experiments/node` installs it.
 */
export const nodePlatform: RunPlatform = {
  name: 'node',
  openStore: (dir, manifest) => new CheckpointStore(dir, manifest),
  partialStore,
  createPool: (size, workerUrl) => new WorkerPool(size, workerUrl ?? defaultWorkerUrl()),
  defaultWorkerCount,
  versions: probeNodeVersions,
  readFile: (path) => new Uint8Array(readFileSync(path)),
};
