import { statSync } from 'node:fs';
import { basename, dirname, extname } from 'node:path';
import type * as tf from '@tensorflow/tfjs';
import { loadLayersModelWithCausal } from './causal-json';
import { fileSystemIO } from './file-system-io';

/** The model files {@link loadModelFile} reads: Keras `.keras`/`.h5`/`.hdf5`, tfjs `model.json` (any `.json`). */
export const MODEL_FILE_EXTENSIONS = ['.h5', '.hdf5', '.keras', '.json'] as const;

/**
 * Why a model file is refused before it is read: `unreadable` (missing, or not a regular file),
 * `unsupported-format` (an extension not in {@link MODEL_FILE_EXTENSIONS}) or `up-to-keras-only`
 * (`upTo` asked of a tfjs `model.json`).
 */
export type ModelFileErrorCode = 'unreadable' | 'unsupported-format' | 'up-to-keras-only';

/** A model file refused before reading; `reason` says why in the system's words where it has one. */
export class ModelFileError extends Error {
  /** The kind of problem. */
  readonly code: ModelFileErrorCode;
  /** The model file. */
  readonly path: string;
  /** `unreadable`: `ENOENT` or `not a file`; otherwise the file's name. */
  readonly reason: string;

  /**
   * @param code - the kind of problem.
   * @param path - the model file.
   * @param reason - `ENOENT`, `not a file`, or the file's name.
   * @param message - names the file, the rule and what was found.
   */
  constructor(code: ModelFileErrorCode, path: string, reason: string, message: string) {
    super(message);
    this.name = 'ModelFileError';
    this.code = code;
    this.path = path;
    this.reason = reason;
  }
}

/**
 * Checks, without reading it, that a model file exists, is a regular file and has a supported
 * extension, so a command can refuse it before any other work.
 *
 * @param path - a Keras `.keras`/`.h5`/`.hdf5` file or a tfjs `model.json`.
 * @returns `'keras'` or `'tfjs'`: how {@link loadModelFile} will read it.
 * @throws {ModelFileError} `unreadable` or `unsupported-format`.
 * @example
 * ```ts
 * checkModelFile('examples/data/ppg-model.h5'); // 'keras'
 * ```
 */
export function checkModelFile(path: string): 'keras' | 'tfjs' {
  let isFile: boolean | undefined;
  try {
    isFile = statSync(path).isFile();
  } catch {
    isFile = undefined;
  }
  if (isFile !== true) {
    const reason = isFile === undefined ? 'ENOENT' : 'not a file';
    throw new ModelFileError(
      'unreadable',
      path,
      reason,
      `model '${path}' cannot be read: ${reason}`,
    );
  }
  const ext = extname(path).toLowerCase();
  if (!(MODEL_FILE_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new ModelFileError(
      'unsupported-format',
      path,
      basename(path),
      `model must be a Keras .keras or .h5 file or a tfjs model.json, got '${basename(path)}'`,
    );
  }
  return ext === '.json' ? 'tfjs' : 'keras';
}

/** What {@link loadModelFile} returns. */
export interface LoadedModelFile {
  /** The model, with its trained weights; the caller disposes it. */
  model: tf.LayersModel;
  /** Keras layers not built (after `upTo`, or unsupported and skipped), as `name` or `name (Class)`. */
  skipped: string[];
}

/**
 * Loads a saved model of any format the toolkit reads, choosing the reader by the extension: a
 * Keras `.keras`/`.h5` file with `loadKeras` (h5wasm, loaded on first use), or a tfjs
 * `model.json` (its folder holds the weights) with `loadLayersModelWithCausal`, which maps
 * causal Conv1D. The one loader `rectify inspect` and `rectify ablate` share.
 *
 * @param path - the model file.
 * @param options - `upTo`: build a Keras model only up to this layer (Keras files only).
 * @returns the model and the Keras layers not built.
 * @throws {ModelFileError} from {@link checkModelFile}, or `up-to-keras-only`; the readers'
 *   `KerasImportError` and `ModelIOError` (with their codes) for a file they cannot read;
 *   RangeError when `upTo` names no layer.
 * @example
 * ```ts
 * const { model, skipped } = await loadModelFile('model.keras', { upTo: 'block3' });
 * ```
 */
export async function loadModelFile(
  path: string,
  options: { upTo?: string } = {},
): Promise<LoadedModelFile> {
  const kind = checkModelFile(path);
  if (kind === 'tfjs') {
    if (options.upTo !== undefined)
      throw new ModelFileError(
        'up-to-keras-only',
        path,
        basename(path),
        `upTo applies to Keras .keras/.h5 models only, got '${basename(path)}'`,
      );
    return { model: await loadLayersModelWithCausal(fileSystemIO(dirname(path))), skipped: [] };
  }
  const { loadKeras } = await import('../keras/load');
  const result = await loadKeras(path, options.upTo !== undefined ? { upTo: options.upTo } : {});
  return {
    model: result.model,
    skipped: [...result.skipped, ...result.unsupported.map((u) => `${u.name} (${u.className})`)],
  };
}
