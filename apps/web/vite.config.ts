import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig } from 'vite';

const shim = (file: string) => fileURLToPath(new URL(`./src/shims/${file}`, import.meta.url));

// Packages link to each other's TypeScript source through the '@rectify/source' exports
// condition, so the site builds from source without building the packages first.
// @rectify/experiments imports Node built-ins at module level; the lab runs it in a Web Worker
// on a path that needs only SHA-256, so each built-in is aliased to a browser stand-in
// (src/shims/README.md).
export default defineConfig({
  base: './',
  resolve: {
    conditions: ['@rectify/source', ...defaultClientConditions],
    alias: [
      { find: /^node:crypto$/, replacement: shim('node-crypto.ts') },
      { find: /^node:fs(\/promises)?$/, replacement: shim('node-fs.ts') },
      { find: /^node:(path|url|os|worker_threads|module)$/, replacement: shim('node-misc.ts') },
    ],
  },
  define: {
    'process.version': JSON.stringify('browser'),
    'process.pid': '0',
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
