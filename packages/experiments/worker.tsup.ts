import type { Options } from 'tsup';

/**
 * tsup options of `dist/worker.js`: the worker-thread / child-process entry with the Rectify
 * packages bundled from **source** (esbuild resolves the `@rectify/source` condition), so it runs
 * in plain Node without building signal, theory and layers first. tfjs, the wasm backend, h5wasm
 * and zod stay external (resolved from node_modules at run time; tfjs loads its .wasm files from
 * its own package).
 */
export const workerBuildOptions: Options = {
  entry: { worker: 'src/node/worker.ts' },
  format: ['esm'],
  dts: false,
  sourcemap: true,
  clean: false,
  target: 'node20',
  platform: 'node',
  splitting: false,
  noExternal: [/^@rectify\//],
  external: [/^@tensorflow\//, 'h5wasm', 'zod'],
  esbuildOptions(options) {
    options.conditions = ['@rectify/source', ...(options.conditions ?? [])];
  },
};
