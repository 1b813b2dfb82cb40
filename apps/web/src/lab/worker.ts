/// <reference lib="webworker" />
import { dcAblation, minimalDc, RunAbortedError } from '@rectify/experiments';
import { setupBackend } from '@rectify/layers';
import wasm from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { LabReply, LabRequest } from './protocol';

// Training runs here, off the page's thread, so the page stays responsive and the stop button
// answers at once; the run itself stops at its next epoch boundary through its AbortSignal.
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (reply: LabReply) => scope.postMessage(reply);
let controller: AbortController | null = null;
let backendReady: Promise<string> | null = null;

scope.addEventListener('message', (event: MessageEvent<LabRequest>) => {
  const request = event.data;
  if (request.type === 'stop') {
    controller?.abort(new Error('stopped by the user'));
    return;
  }
  void run(request);
});

async function run(request: Extract<LabRequest, { type: 'run' }>): Promise<void> {
  controller = new AbortController();
  const started = performance.now();
  try {
    const ready =
      backendReady ??
      setupBackend({
        backend: request.backend,
        wasmPaths: {
          'tfjs-backend-wasm.wasm': wasm,
          'tfjs-backend-wasm-simd.wasm': wasmSimd,
          'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimd,
        },
      });
    backendReady = ready;
    post({ type: 'backend', name: await ready });
    const experiment = request.experiment === 'minimal-dc' ? minimalDc : dcAblation;
    const result = await experiment.run(request.config, {
      seed: request.seed,
      backend: request.backend,
      workers: 1,
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'done', result, elapsedMs: performance.now() - started });
  } catch (error) {
    if (error instanceof RunAbortedError || controller.signal.aborted) {
      post({ type: 'aborted', elapsedMs: performance.now() - started });
    } else {
      post({
        type: 'error',
        name: error instanceof Error ? error.name : 'Error',
        message: error instanceof Error ? error.message : String(error),
      });
    }
  } finally {
    controller = null;
  }
}
