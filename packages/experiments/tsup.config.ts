import { defineConfig, type Options } from 'tsup';
import { createTsupConfig } from '../../tools/build/tsup.factory.ts';
import { workerBuildOptions } from './worker.tsup';

// Two builds: the library entries (`.` browser-safe, `./node` for files and threads,
// `./node/plot` and `./node/files` light Node entries without tfjs, `./report` the pure rendering
// of results; shared code
// in common chunks, dependencies external, as every package), and the worker bundle
// (dist/worker.js) that worker threads and child processes run without a TS loader.
export default defineConfig([
  createTsupConfig({
    entry: {
      index: 'src/index.ts',
      node: 'src/node/index.ts',
      'node-plot': 'src/node/plot.ts',
      'node-files': 'src/node/files.ts',
      report: 'src/report/index.ts',
    },
  }) as Options,
  workerBuildOptions,
]);
