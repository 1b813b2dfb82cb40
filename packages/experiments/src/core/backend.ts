import { setupBackend } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';
import type { BackendRequest } from './types';

/**
 * The backend name a request resolves to in Node (`'auto'` → `'wasm'`), used in config hashes
 * before any backend is started.
 *
 * @param request - `'auto' | 'wasm' | 'cpu'`.
 * @returns `'wasm'` or `'cpu'`.
 * @throws {RangeError} for any other value.
 */
export function resolveBackendName(request: BackendRequest): 'wasm' | 'cpu' {
  if (request === 'auto' || request === 'wasm') return 'wasm';
  if (request === 'cpu') return 'cpu';
  throw new RangeError(`backend must be one of auto, wasm, cpu, got ${JSON.stringify(request)}`);
}

let active: Promise<string> | undefined;
let activeName: string | undefined;

/**
 * Starts the tfjs backend in this thread once (with `@rectify/layers`' training kernels) and
 * returns its name. Each worker thread calls it for itself.
 *
 * @param request - backend to use.
 * @returns the active backend's name.
 * @throws {Error} when the backend cannot start, or a different one is already active here.
 */
export async function ensureBackend(request: BackendRequest): Promise<string> {
  const name = resolveBackendName(request);
  if (active && activeName !== name) {
    const current = await active;
    if (current !== name)
      throw new Error(`backend ${current} already active in this thread, asked for ${name}`);
  }
  if (!active) {
    activeName = name;
    active = (async () => {
      await setupBackend({ backend: name });
      await tf.ready();
      return tf.getBackend();
    })();
  }
  return active;
}
