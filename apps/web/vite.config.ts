import { defaultClientConditions, defineConfig } from 'vite';

// Packages link to each other's TypeScript source through the '@rectify/source' exports
// condition, so the site builds from source without building the packages first. Every
// package's `.` entry runs in a browser (tools/scripts/check-boundaries.mjs), so nothing is
// aliased or shimmed.
export default defineConfig({
  base: './',
  resolve: {
    conditions: ['@rectify/source', ...defaultClientConditions],
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The lab's and the report viewer's chunks carry tfjs, h5wasm and vega (~7 MB); the explorer's stay small.
    chunkSizeWarningLimit: 8192,
  },
  preview: { host: '127.0.0.1' },
  server: { host: '127.0.0.1' },
});
