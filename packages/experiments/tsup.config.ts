import { defineConfig, type Options } from 'tsup';
import { createTsupConfig } from '../../tools/build/tsup.factory.ts';
import { workerBuildOptions } from './worker.tsup';

// Two builds: the library entry (dependencies external, as every package), and the worker
// bundle (dist/worker.js) that worker threads and child processes run without a TS loader.
export default defineConfig([createTsupConfig() as Options, workerBuildOptions]);
