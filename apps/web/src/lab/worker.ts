/// <reference lib="webworker" />
import { serveRunWorker } from '@rectify/experiments';
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

// Training runs here, off the page's thread, so the page stays responsive and the stop button
// answers at once; the run itself stops at its next epoch boundary (experiments' serveRunWorker).
// Vite gives the wasm binaries their URLs in the build.
serveRunWorker(self as unknown as DedicatedWorkerGlobalScope, {
  wasmPaths: {
    'tfjs-backend-wasm.wasm': wasm,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
  },
});
