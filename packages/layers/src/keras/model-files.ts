import type * as tf from '@tensorflow/tfjs';
import { loadLayersModelWithCausal } from '../io/causal-json';
import { filesIO } from '../io/files-io';
import { loadKeras } from './load';

/** File names {@link loadModelFiles} reads as a Keras model (`.keras` archive or HDF5). */
const KERAS_FILE = /\.(keras|h5|hdf5)$/i;

/**
 * Loads a saved model from files a user chose — the browser's twin of `@rectify/layers/node`'s
 * `loadModelFile`, choosing the reader by the file names: a tfjs `model.json` with the weights
 * files its manifest names (read by {@link filesIO}, causal Conv1D mapped), or one Keras
 * `.keras`/`.h5`/`.hdf5` file (read by {@link loadKeras}). Runs in browsers, Web Workers and Node 20.
 *
 * @param files - the chosen files (`[...input.files]`).
 * @param options - `upTo`: build a Keras model only up to this layer (Keras files only).
 * @returns the model (the caller disposes it) and the Keras layers not built, as `name` or
 *   `name (Class)`.
 * @throws RangeError when `files` holds neither a `.json` nor exactly one Keras file, or `upTo` is
 *   asked of a tfjs model; the readers' `ModelIOError` and `KerasImportError` (with their codes)
 *   for files they cannot read.
 * @example
 * ```ts
 * const { model } = await loadModelFiles([...input.files]);
 * ```
 */
export async function loadModelFiles(
  files: readonly File[],
  options: { upTo?: string } = {},
): Promise<{ model: tf.LayersModel; skipped: string[] }> {
  const names = Array.isArray(files) ? files.map((f) => f?.name).join(', ') : String(files);
  if (Array.isArray(files) && files.some((f) => f?.name?.toLowerCase().endsWith('.json'))) {
    if (options.upTo !== undefined)
      throw new RangeError(`upTo applies to Keras .keras/.h5 models only, got ${names}`);
    return { model: await loadLayersModelWithCausal(filesIO(files)), skipped: [] };
  }
  const keras = Array.isArray(files) ? files.filter((f) => KERAS_FILE.test(f?.name ?? '')) : [];
  if (keras.length !== 1 || !(keras[0] instanceof File))
    throw new RangeError(
      `files must be one Keras .keras/.h5 file, or a tfjs model.json with its weights files, got ${names || 'none'}`,
    );
  const result = await loadKeras(
    new Uint8Array(await keras[0].arrayBuffer()),
    options.upTo !== undefined ? { upTo: options.upTo } : {},
  );
  return {
    model: result.model,
    skipped: [...result.skipped, ...result.unsupported.map((u) => `${u.name} (${u.className})`)],
  };
}
