import * as tf from '@tensorflow/tfjs';
import {
  checkFinite,
  checkManifest,
  checkWeightsTotal,
  MAX_MODEL_JSON_BYTES,
  MODEL_JSON,
  ModelIOError,
  parseModelJson,
  toArrayBuffer,
  WEIGHTS_BIN,
} from './model-artifacts';

export {
  MAX_MODEL_JSON_BYTES,
  MODEL_JSON,
  ModelIOError,
  type ModelIOErrorCode,
  WEIGHTS_BIN,
} from './model-artifacts';

type Fs = typeof import('node:fs/promises');
type Path = typeof import('node:path');

// Node built-ins are imported lazily so that bundling the package for the browser stays possible.
async function nodeModules(): Promise<{
  fs: Fs;
  path: Path;
  constants: typeof import('node:fs').constants;
}> {
  const [fs, path, fsSync] = await Promise.all([
    import('node:fs/promises'),
    import('node:path'),
    import('node:fs'),
  ]);
  return { fs, path, constants: fsSync.constants };
}

/** What a file-system error means, by its code (never its message, which repeats the path). */
function fsProblem(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a directory';
    case 'ENOTDIR':
      return 'a part of its path is not a directory';
    case 'ELOOP':
      return 'its symbolic links form a loop';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return typeof code === 'string' ? `the file system says ${code}` : 'the file system refused';
  }
}

/** A path from a manifest, quoted for a message: JSON-escaped and cut at 80 characters. */
function quotePath(relative: string): string {
  return JSON.stringify(relative.length > 80 ? `${relative.slice(0, 80)}…` : relative);
}

/**
 * Resolves a manifest path inside the model's folder: relative, no `..` segment, and (after
 * following symbolic links) still inside the folder and a regular file.
 */
async function confinedWeightsFile(
  fs: Fs,
  path: Path,
  realDir: string,
  dir: string,
  relative: string,
  jsonPath: string,
): Promise<{ file: string; size: number }> {
  const shown = path.join(dir, relative);
  const refuse = (rule: string): never => {
    throw new ModelIOError(
      'outside-folder',
      `weights path ${quotePath(relative)} listed in ${jsonPath} ${rule}; weights files must lie inside the model's folder ${dir}`,
      { file: jsonPath },
    );
  };
  if (relative.includes('\0')) refuse('contains a NUL character');
  if (path.posix.isAbsolute(relative) || path.win32.isAbsolute(relative)) refuse('is absolute');
  if (relative.split(/[\\/]/).includes('..')) refuse("contains a '..' segment");
  let real: string;
  try {
    real = await fs.realpath(path.resolve(realDir, relative));
  } catch (error) {
    throw new ModelIOError(
      'unreadable',
      `weights file ${shown} listed in ${jsonPath} cannot be read: ${fsProblem(error)}`,
      { file: shown },
    );
  }
  const inside = path.relative(realDir, real);
  if (inside === '' || inside.split(path.sep)[0] === '..' || path.isAbsolute(inside)) {
    refuse('is a symbolic link that leads out of the folder');
  }
  let stats: Awaited<ReturnType<Fs['stat']>>;
  try {
    stats = await fs.stat(real);
  } catch (error) {
    throw new ModelIOError(
      'unreadable',
      `weights file ${shown} listed in ${jsonPath} cannot be read: ${fsProblem(error)}`,
      { file: shown },
    );
  }
  if (!stats.isFile()) {
    throw new ModelIOError(
      'not-regular-file',
      `weights file ${shown} listed in ${jsonPath} is not a regular file (a directory, device, FIFO or socket)`,
      { file: shown },
    );
  }
  return { file: real, size: stats.size };
}

/** Reads exactly `size` bytes of a regular file into `out` at `offset`, refusing a file that changed. */
async function readExactly(
  fs: Fs,
  constants: typeof import('node:fs').constants,
  file: string,
  shown: string,
  jsonPath: string,
  size: number,
  out: Uint8Array,
  offset: number,
): Promise<void> {
  let handle: Awaited<ReturnType<Fs['open']>>;
  try {
    // O_NONBLOCK: a FIFO swapped in after the check must not block the open.
    handle = await fs.open(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ModelIOError(
      'unreadable',
      `weights file ${shown} listed in ${jsonPath} cannot be read: ${fsProblem(error)}`,
      { file: shown },
    );
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile() || stats.size !== size) {
      throw new ModelIOError(
        'size-mismatch',
        `weights file ${shown} changed while it was being read`,
        { file: shown },
      );
    }
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(out, offset + done, size - done, done);
      if (bytesRead === 0) break;
      done += bytesRead;
    }
    if (done !== size) {
      throw new ModelIOError(
        'size-mismatch',
        `weights file ${shown} ended after ${done} of ${size} bytes while it was being read`,
        { file: shown },
      );
    }
  } finally {
    await handle.close();
  }
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
 * Loading is confined and checked before any weight is read: every `weightsManifest` path must
 * be relative, without a `..` segment, and resolve (symbolic links followed) to a regular file
 * inside `dir`; the files' sizes must add up to what the manifest's shapes and dtypes need; a
 * model.json with no `weightsManifest` is refused rather than run with random weights; NaN and
 * ±Infinity weights are refused, naming the layer and the weight. `model.json` itself must be a
 * regular file of at most {@link MAX_MODEL_JSON_BYTES} bytes.
 *
 * @throws TypeError when `dir` is not a non-empty string. `save` rejects with
 *   {@link ModelIOError} `unwritable` naming the file it could not write; `load` rejects with
 *   {@link ModelIOError} (its `code` says which rule failed, `file`/`layerName`/`weightName`
 *   where) for a missing, oversized or malformed `model.json`, no or a malformed
 *   `weightsManifest`, a weights path outside `dir` or not a regular file, weights files of the
 *   wrong total size, or non-finite weights.
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
          'not-tfjs',
          `cannot save a model to ${dir}: modelTopology must be JSON (a LayersModel or GraphModel), got a binary ArrayBuffer`,
        );
      }
      const { fs, path } = await nodeModules();
      const written = async (target: string, write: () => Promise<unknown>): Promise<void> => {
        try {
          await write();
        } catch (error) {
          throw new ModelIOError('unwritable', `${target} cannot be written: ${fsProblem(error)}`, {
            file: target,
          });
        }
      };
      await written(dir, () => fs.mkdir(dir, { recursive: true }));
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
      const weightsPath = path.join(dir, WEIGHTS_BIN);
      const jsonPath = path.join(dir, MODEL_JSON);
      await written(weightsPath, () => writeAtomically(fs, weightsPath, weights));
      await written(jsonPath, () => writeAtomically(fs, jsonPath, JSON.stringify(modelJson)));
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const { fs, path, constants } = await nodeModules();
      const jsonPath = path.join(dir, MODEL_JSON);
      let text: string;
      try {
        const stats = await fs.stat(jsonPath);
        if (!stats.isFile()) {
          throw new ModelIOError(
            'not-regular-file',
            `${jsonPath} is not a regular file (a directory, device, FIFO or socket)`,
            { file: jsonPath },
          );
        }
        if (stats.size > MAX_MODEL_JSON_BYTES) {
          throw new ModelIOError(
            'too-large',
            `${jsonPath} holds ${stats.size} bytes, more than the ${MAX_MODEL_JSON_BYTES} bytes a model.json may hold`,
            { file: jsonPath },
          );
        }
        text = await fs.readFile(jsonPath, 'utf8');
      } catch (error) {
        if (error instanceof ModelIOError) throw error;
        throw new ModelIOError('unreadable', `${jsonPath} cannot be read: ${fsProblem(error)}`, {
          file: jsonPath,
        });
      }
      const modelJson = parseModelJson(text, jsonPath);
      const { groups, specs, total: expected } = checkManifest(modelJson.weightsManifest, jsonPath);
      let realDir: string;
      try {
        realDir = await fs.realpath(dir);
      } catch (error) {
        throw new ModelIOError(
          'unreadable',
          `the model folder ${dir} cannot be read: ${fsProblem(error)}`,
          { file: dir },
        );
      }
      const files: { file: string; shown: string; size: number }[] = [];
      for (const group of groups) {
        for (const relative of group.paths) {
          const found = await confinedWeightsFile(fs, path, realDir, dir, relative, jsonPath);
          files.push({ ...found, shown: path.join(dir, relative) });
        }
      }
      const total = files.reduce((n, f) => n + f.size, 0);
      checkWeightsTotal(total, expected, jsonPath);
      const joined = new Uint8Array(total);
      let offset = 0;
      for (const { file, shown, size } of files) {
        try {
          await readExactly(fs, constants, file, shown, jsonPath, size, joined, offset);
        } catch (error) {
          if (error instanceof ModelIOError) throw error;
          throw new ModelIOError(
            'unreadable',
            `weights file ${shown} listed in ${jsonPath} cannot be read: ${fsProblem(error)}`,
            { file: shown },
          );
        }
        offset += size;
      }
      checkFinite(joined, specs, jsonPath);
      const weightSpecs = specs.map((s) => s.spec);
      return tf.io.getModelArtifactsForJSON(modelJson, async () => [
        weightSpecs,
        toArrayBuffer(joined),
      ]);
    },
  };
}
