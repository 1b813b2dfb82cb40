import * as tf from '@tensorflow/tfjs';
import {
  checkFinite,
  checkManifest,
  checkWeightsTotal,
  MAX_MODEL_JSON_BYTES,
  ModelIOError,
  parseModelJson,
  toArrayBuffer,
} from './model-artifacts';

/** The file name a manifest path names: its last `/`-separated part. */
function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * A tfjs IO handler that loads a model from files a user chose (an `<input type="file">`, a drop,
 * or Node 20's `File`s): one `model.json` and the weights files its manifest names, matched by
 * file name. It holds the model to the rules of `fileSystemIO`: a `model.json` of at most
 * {@link MAX_MODEL_JSON_BYTES} bytes with a `modelTopology`, a well-formed `weightsManifest`
 * (none is refused rather than run with random weights), weights files that add up to what the
 * manifest needs, and finite weights. Reads with `Blob.text()`/`arrayBuffer()`, so it runs in any
 * browser, Web Worker or Node 20 (tfjs's `browserFiles` needs `FileReader`).
 *
 * @param files - the chosen files; exactly one whose name ends in `.json`.
 * @returns an `IOHandler` for `tf.loadLayersModel` (or `loadLayersModelWithCausal`); it only loads.
 * @throws TypeError when `files` is not an array of `File`s. `load` rejects with
 *   {@link ModelIOError}: `unreadable` (no or several `.json` files, a weights file the manifest
 *   names but not among `files`), `too-large`, `not-json`, `not-tfjs`, `no-weights`,
 *   `bad-manifest`, `size-mismatch` or `non-finite-weight`, naming the file, layer and weight.
 * @example
 * ```ts
 * const model = await loadLayersModelWithCausal(filesIO([...input.files]));
 * ```
 */
export function filesIO(files: readonly File[]): tf.io.IOHandler {
  if (!Array.isArray(files) || files.some((f) => !(f instanceof File))) {
    throw new TypeError(`files must be an array of File objects, got ${String(files)}`);
  }
  return {
    async load(): Promise<tf.io.ModelArtifacts> {
      const names = files.map((f) => f.name).join(', ') || 'none';
      const jsons = files.filter((f) => f.name.toLowerCase().endsWith('.json'));
      if (jsons.length !== 1) {
        throw new ModelIOError(
          'unreadable',
          `files must hold exactly one model.json (a .json file), got ${jsons.length} among ${names}`,
        );
      }
      const json = jsons[0] as File;
      if (json.size > MAX_MODEL_JSON_BYTES) {
        throw new ModelIOError(
          'too-large',
          `${json.name} holds ${json.size} bytes, more than the ${MAX_MODEL_JSON_BYTES} bytes a model.json may hold`,
          { file: json.name },
        );
      }
      const modelJson = parseModelJson(await json.text(), json.name);
      const {
        groups,
        specs,
        total: expected,
      } = checkManifest(modelJson.weightsManifest, json.name);
      const byName = new Map(files.map((f) => [f.name, f]));
      const weights = groups.flatMap((g) =>
        g.paths.map((path) => {
          const file = byName.get(baseName(path));
          if (!file) {
            throw new ModelIOError(
              'unreadable',
              `weights file ${JSON.stringify(path)} listed in ${json.name} is not among the files given (${names}); choose it together with the model.json`,
              { file: path },
            );
          }
          return file;
        }),
      );
      const total = weights.reduce((n, f) => n + f.size, 0);
      checkWeightsTotal(total, expected, json.name);
      const joined = new Uint8Array(total);
      let offset = 0;
      for (const file of weights) {
        joined.set(new Uint8Array(await file.arrayBuffer()), offset);
        offset += file.size;
      }
      checkFinite(joined, specs, json.name);
      const weightSpecs = specs.map((s) => s.spec);
      return tf.io.getModelArtifactsForJSON(modelJson, async () => [
        weightSpecs,
        toArrayBuffer(joined),
      ]);
    },
  };
}
