import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { env, getBackend, ready, setBackend } from '@tensorflow/tfjs';
import { registerTrainingKernels } from './register';

/** Backends {@link setupBackend} knows; `'auto'` picks one for the platform. */
export type BackendChoice = 'wasm' | 'cpu' | 'webgl' | 'auto';

/** Options of {@link setupBackend}. */
export interface SetupBackendOptions {
  /**
   * Which tfjs backend to use. Default `'auto'`: `'wasm'` in Node (with our training kernels it
   * trains these conv nets ≈400× faster than `'cpu'`); in a browser `'webgl'`, else `'wasm'`,
   * else `'cpu'`.
   */
  backend?: BackendChoice;
  /**
   * Where the wasm binaries live (directory URL ending in `/`, or tfjs's per-file map), passed to
   * `setWasmPaths`. Not needed in Node, where tfjs-backend-wasm finds its own `dist/*.wasm`;
   * bundled browser apps usually need it.
   */
  wasmPaths?: Parameters<typeof setWasmPaths>[0];
}

const CHOICES: readonly BackendChoice[] = ['wasm', 'cpu', 'webgl', 'auto'];

async function trySetBackend(name: string): Promise<boolean> {
  try {
    return await setBackend(name);
  } catch {
    return false;
  }
}

/**
 * Chooses and initialises the tfjs backend, with the kernels training needs
 * ({@link registerTrainingKernels}) installed first.
 *
 * @param options - {@link SetupBackendOptions}; `{}` means `'auto'`.
 * @returns the name of the active backend (`tf.getBackend()`), once `tf.ready()` has resolved.
 * @throws TypeError if `options` is not an object; RangeError if `backend` is not one of
 *   'wasm', 'cpu', 'webgl', 'auto'; Error if the requested backend cannot start here (e.g.
 *   'webgl' in Node).
 * @example
 * ```ts
 * import { setupBackend } from '@rectify/layers';
 * const name = await setupBackend(); // 'wasm' in Node
 * ```
 */
export async function setupBackend(options: SetupBackendOptions = {}): Promise<string> {
  if (options === null || typeof options !== 'object') {
    throw new TypeError(
      `options must be an object, got ${options === null ? 'null' : typeof options}`,
    );
  }
  const choice = options.backend ?? 'auto';
  if (!CHOICES.includes(choice)) {
    throw new RangeError(
      `backend must be one of 'wasm', 'cpu', 'webgl', 'auto', got ${JSON.stringify(choice) ?? String(choice)}`,
    );
  }
  registerTrainingKernels();
  if (options.wasmPaths !== undefined) setWasmPaths(options.wasmPaths);
  const candidates =
    choice !== 'auto'
      ? [choice]
      : env().getBool('IS_NODE')
        ? ['wasm', 'cpu']
        : ['webgl', 'wasm', 'cpu'];
  for (const name of candidates) {
    if (await trySetBackend(name)) {
      await ready();
      return getBackend();
    }
  }
  throw new Error(
    `setupBackend: backend '${choice}' could not be initialised on this platform (tried ${candidates.join(', ')})`,
  );
}
