import * as tf from '@tensorflow/tfjs';

/** File name of the topology + manifest inside a model directory. */
export const MODEL_JSON = 'model.json';
/** File name of the concatenated weights inside a model directory. */
export const WEIGHTS_BIN = 'weights.bin';

/** Raised when a model directory cannot be written or read (missing, truncated or malformed files). */
export class ModelIOError extends Error {
  override name = 'ModelIOError';
}

type Fs = typeof import('node:fs/promises');
type Path = typeof import('node:path');

// Node built-ins are imported lazily so that bundling the package for the browser stays possible.
async function nodeModules(): Promise<{ fs: Fs; path: Path }> {
  const [fs, path] = await Promise.all([import('node:fs/promises'), import('node:path')]);
  return { fs, path };
}

const BYTES_PER_ELEMENT: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};

/** Byte length the manifest promises, or `null` when a string weight makes it data-dependent. */
function expectedByteLength(specs: tf.io.WeightsManifestEntry[]): number | null {
  let total = 0;
  for (const spec of specs) {
    if (spec.dtype === 'string') return null;
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const size = spec.shape.reduce((a, b) => a * b, 1);
    total += size * (BYTES_PER_ELEMENT[dtype] ?? 4);
  }
  return total;
}

function toArrayBuffer(buffer: Uint8Array): ArrayBuffer {
  return buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer;
}

async function writeAtomically(fs: Fs, target: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    await fs.writeFile(temporary, data);
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
}

/**
 * A tfjs IO handler that saves a model to, and loads it from, a directory in Node, in tfjs's own
 * format: `model.json` (topology, training config and weights manifest) and `weights.bin` (all
 * weights, concatenated). Each file is written to a temporary name and renamed into place, weights
 * first, so a crash never leaves a half-written model behind. No tfjs-node needed.
 *
 * @param dir - the model directory (created when saving).
 * @returns an `IOHandler` for `model.save(...)` and `tf.loadLayersModel(...)`.
 * @throws TypeError when `dir` is not a non-empty string. `save`/`load` reject with
 *   {@link ModelIOError} for a missing `model.json`, a missing or truncated weights file, or JSON
 *   that is not a tfjs model.
 * @example
 * ```ts
 * await model.save(fileSystemIO('/tmp/my-model'));
 * const again = await tf.loadLayersModel(fileSystemIO('/tmp/my-model'));
 * ```
 */
export function fileSystemIO(dir: string): tf.io.IOHandler {
  if (typeof dir !== 'string' || dir.length === 0) {
    throw new TypeError(`dir must be a non-empty directory path, got ${String(dir)}`);
  }
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new ModelIOError(
          'fileSystemIO: modelTopology must be JSON (a LayersModel or GraphModel), got a binary ArrayBuffer',
        );
      }
      const { fs, path } = await nodeModules();
      await fs.mkdir(dir, { recursive: true });
      const weights = new Uint8Array(
        artifacts.weightData === undefined
          ? new ArrayBuffer(0)
          : tf.io.CompositeArrayBuffer.join(artifacts.weightData),
      );
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format,
        generatedBy: artifacts.generatedBy,
        convertedBy: artifacts.convertedBy,
        weightsManifest: [{ paths: [WEIGHTS_BIN], weights: artifacts.weightSpecs ?? [] }],
      };
      if (artifacts.trainingConfig !== undefined)
        modelJson.trainingConfig = artifacts.trainingConfig;
      if (artifacts.signature !== undefined) modelJson.signature = artifacts.signature;
      if (artifacts.userDefinedMetadata !== undefined) {
        modelJson.userDefinedMetadata = artifacts.userDefinedMetadata;
      }
      await writeAtomically(fs, path.join(dir, WEIGHTS_BIN), weights);
      await writeAtomically(fs, path.join(dir, MODEL_JSON), JSON.stringify(modelJson));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const { fs, path } = await nodeModules();
      const jsonPath = path.join(dir, MODEL_JSON);
      let text: string;
      try {
        text = await fs.readFile(jsonPath, 'utf8');
      } catch (error) {
        throw new ModelIOError(
          `fileSystemIO: cannot read ${jsonPath}: ${(error as Error).message}`,
        );
      }
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(text) as tf.io.ModelJSON;
      } catch (error) {
        throw new ModelIOError(
          `fileSystemIO: ${jsonPath} is not valid JSON: ${(error as Error).message}`,
        );
      }
      if (modelJson === null || typeof modelJson !== 'object' || modelJson.modelTopology == null) {
        throw new ModelIOError(
          `fileSystemIO: ${jsonPath} has no modelTopology, so it is not a tfjs model`,
        );
      }
      return tf.io.getModelArtifactsForJSON(modelJson, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const parts: Uint8Array[] = [];
        for (const group of manifest ?? []) {
          specs.push(...group.weights);
          for (const relative of group.paths) {
            const weightsPath = path.join(dir, relative);
            try {
              parts.push(await fs.readFile(weightsPath));
            } catch (error) {
              throw new ModelIOError(
                `fileSystemIO: weights file ${weightsPath} listed in ${MODEL_JSON} cannot be read: ${(error as Error).message}`,
              );
            }
          }
        }
        const total = parts.reduce((n, p) => n + p.byteLength, 0);
        const expected = expectedByteLength(specs);
        if (expected !== null && total !== expected) {
          throw new ModelIOError(
            `fileSystemIO: the weights files in ${dir} hold ${total} bytes but the manifest of ${MODEL_JSON} needs ${expected} bytes (${total < expected ? 'truncated' : 'too long'})`,
          );
        }
        const joined = new Uint8Array(total);
        let offset = 0;
        for (const part of parts) {
          joined.set(part, offset);
          offset += part.byteLength;
        }
        return [specs, toArrayBuffer(joined)];
      });
    },
  };
}
