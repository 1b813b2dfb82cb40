import { fileURLToPath } from 'node:url';
import { build } from 'tsup';
import { workerBuildOptions } from '../worker.tsup';

/** Builds dist/worker.js from the current source before the suite (whatever the cwd). */
export default async function setup(): Promise<void> {
  await build({
    ...workerBuildOptions,
    entry: { worker: fileURLToPath(new URL('../src/node/worker.ts', import.meta.url)) },
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    silent: true,
    config: false,
  });
}
