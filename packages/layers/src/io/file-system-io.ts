import * as tf from '@tensorflow/tfjs';

/** File name of the topology + manifest inside a model directory. */
export const MODEL_JSON = 'model.json';
/** File name of the concatenated weights inside a model directory. */
export const WEIGHTS_BIN = 'weights.bin';

/** Largest `model.json` read, in bytes (64 MiB): a topology and manifest are text, never this large. */
export const MAX_MODEL_JSON_BYTES = 64 * 1024 * 1024;

/** What went wrong while saving or loading a model folder; see {@link ModelIOError}. */
export type ModelIOErrorCode =
  | 'unreadable'
  | 'unwritable'
  | 'not-regular-file'
  | 'too-large'
  | 'not-json'
  | 'not-tfjs'
  | 'no-weights'
  | 'bad-manifest'
  | 'outside-folder'
  | 'size-mismatch'
  | 'non-finite-weight';

/**
 * Raised when a model directory cannot be written or read: missing, truncated or malformed
 * files, a weights path that leaves the model's folder, or non-finite weights.
 *
 * @example
 * ```ts
 * try {
 *   await tf.loadLayersModel(fileSystemIO('/models/a'));
 * } catch (error) {
 *   if (error instanceof ModelIOError && error.code === 'non-finite-weight') {
 *     console.log(error.file, error.layerName, error.weightName);
 *   }
 * }
 * ```
 */
export class ModelIOError extends Error {
  override name = 'ModelIOError';
  /** Machine-readable kind of failure. */
  readonly code: ModelIOErrorCode;
  /** The file concerned (`model.json` or a weights file), as a path. */
  readonly file: string | undefined;
  /** The layer concerned, when there is one (the part of the weight name before its last `/`). */
  readonly layerName: string | undefined;
  /** The weight concerned, as the manifest names it (`'conv_a/kernel'`). */
  readonly weightName: string | undefined;

  /**
   * @param code - kind of failure.
   * @param message - full human-readable explanation, naming the file.
   * @param details - the file, layer and weight concerned, where known.
   */
  constructor(
    code: ModelIOErrorCode,
    message: string,
    details: { file?: string; layerName?: string; weightName?: string } = {},
  ) {
    super(message);
    this.code = code;
    this.file = details.file;
    this.layerName = details.layerName;
    this.weightName = details.weightName;
  }
}

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

// Byte size of one element of each dtype tfjs writes into a weights manifest (tfjs-core io/types.ts
// DTYPE_VALUE_SIZE_MAP); 'string' weights have data-dependent sizes and are refused.
const BYTES_PER_ELEMENT: Record<string, number> = {
  float32: 4,
  int32: 4,
  bool: 1,
  complex64: 8,
  uint8: 1,
  uint16: 2,
  float16: 2,
};
const QUANTIZED_DTYPES = new Set(['uint8', 'uint16', 'float16']);

/** One manifest entry, checked: where its bytes lie in the joined weights and how to read them. */
interface CheckedSpec {
  spec: tf.io.WeightsManifestEntry;
  offset: number;
  byteLength: number;
  storedDtype: string;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `a string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
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
 * Checks the `weightsManifest` of a parsed model.json: an array of `{ paths: string[], weights:
 * entry[] }` groups whose entries have a name, a shape of non-negative integers and a numeric
 * dtype. Returns the groups and the byte layout of every weight.
 */
function checkManifest(
  manifest: unknown,
  jsonPath: string,
): { groups: { paths: string[] }[]; specs: CheckedSpec[]; total: number } {
  const fail = (where: string, rule: string, value: unknown): never => {
    throw new ModelIOError(
      'bad-manifest',
      `${jsonPath}: ${where} must be ${rule}, got ${describeValue(value)}`,
      { file: jsonPath },
    );
  };
  if (manifest === undefined) {
    throw new ModelIOError(
      'no-weights',
      `${jsonPath} has no weightsManifest, so the model has no weights; refusing to run it with random initial weights`,
      { file: jsonPath },
    );
  }
  if (!Array.isArray(manifest))
    fail('weightsManifest', 'an array of { paths, weights } groups', manifest);
  const groups: { paths: string[] }[] = [];
  const specs: CheckedSpec[] = [];
  let total = 0;
  (manifest as unknown[]).forEach((group, g) => {
    const at = `weightsManifest[${g}]`;
    if (group === null || typeof group !== 'object' || Array.isArray(group)) {
      fail(at, 'an object { paths, weights }', group);
    }
    const { paths, weights } = group as { paths?: unknown; weights?: unknown };
    if (!Array.isArray(paths)) fail(`${at}.paths`, 'an array of file names', paths);
    (paths as unknown[]).forEach((p, i) => {
      if (typeof p !== 'string' || p.length === 0)
        fail(`${at}.paths[${i}]`, 'a non-empty file name', p);
    });
    if (!Array.isArray(weights)) fail(`${at}.weights`, 'an array of weight entries', weights);
    (weights as unknown[]).forEach((entry, w) => {
      const where = `${at}.weights[${w}]`;
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        fail(where, 'an object { name, shape, dtype }', entry);
      }
      const { name, shape, dtype, quantization } = entry as Record<string, unknown>;
      if (typeof name !== 'string' || name.length === 0)
        fail(`${where}.name`, 'a non-empty string', name);
      if (!Array.isArray(shape)) fail(`${where}.shape`, 'an array of non-negative integers', shape);
      let size = 1;
      for (const d of shape as unknown[]) {
        if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) {
          fail(`${where}.shape`, 'an array of non-negative integers', d);
        }
        size *= d as number;
      }
      if (typeof dtype !== 'string' || BYTES_PER_ELEMENT[dtype] === undefined) {
        fail(`${where}.dtype`, `one of ${Object.keys(BYTES_PER_ELEMENT).join(', ')}`, dtype);
      }
      let storedDtype = dtype as string;
      if (quantization !== undefined) {
        const q = quantization as Record<string, unknown> | null;
        if (q === null || typeof q !== 'object' || !QUANTIZED_DTYPES.has(q.dtype as string)) {
          fail(
            `${where}.quantization`,
            'an object with dtype uint8, uint16 or float16',
            quantization,
          );
        }
        for (const key of ['scale', 'min'] as const) {
          const v = (q as Record<string, unknown>)[key];
          if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) {
            fail(`${where}.quantization.${key}`, 'a finite number', v);
          }
        }
        storedDtype = (q as { dtype: string }).dtype;
      }
      const byteLength = size * (BYTES_PER_ELEMENT[storedDtype] as number);
      if (!Number.isSafeInteger(total + byteLength)) {
        fail(`${where}.shape`, 'small enough for its bytes to be counted exactly', shape);
      }
      specs.push({
        spec: entry as tf.io.WeightsManifestEntry,
        offset: total,
        byteLength,
        storedDtype,
      });
      total += byteLength;
    });
    groups.push({ paths: paths as string[] });
  });
  return { groups, specs, total };
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

function isNonFiniteHalf(bits: number): boolean {
  return (bits & 0x7c00) === 0x7c00;
}

/** Refuses NaN and ±Infinity in float weights (float32, complex64, float16-quantized). */
function checkFinite(bytes: Uint8Array, specs: CheckedSpec[], jsonPath: string): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (const { spec, offset, byteLength, storedDtype } of specs) {
    let bad = -1;
    let value = 0;
    if (storedDtype === 'float32' || storedDtype === 'complex64') {
      for (let i = 0; i < byteLength / 4; i++) {
        value = view.getFloat32(offset + 4 * i, true);
        if (!Number.isFinite(value)) {
          bad = i;
          break;
        }
      }
    } else if (storedDtype === 'float16') {
      for (let i = 0; i < byteLength / 2; i++) {
        const bits = view.getUint16(offset + 2 * i, true);
        if (isNonFiniteHalf(bits)) {
          bad = i;
          value = (bits & 0x3ff) !== 0 ? Number.NaN : bits & 0x8000 ? -Infinity : Infinity;
          break;
        }
      }
    }
    if (bad >= 0) {
      const slash = spec.name.lastIndexOf('/');
      const layerName = slash > 0 ? spec.name.slice(0, slash) : spec.name;
      throw new ModelIOError(
        'non-finite-weight',
        `${jsonPath}: weight '${spec.name}' of layer '${layerName}' holds ${value} at index ${bad}; weights must be finite numbers`,
        { file: jsonPath, layerName, weightName: spec.name },
      );
    }
  }
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
      let modelJson: tf.io.ModelJSON;
      try {
        modelJson = JSON.parse(text) as tf.io.ModelJSON;
      } catch {
        throw new ModelIOError(
          'not-json',
          `${jsonPath} is not valid JSON (truncated or not a model.json; its content is not shown)`,
          { file: jsonPath },
        );
      }
      if (
        modelJson === null ||
        typeof modelJson !== 'object' ||
        Array.isArray(modelJson) ||
        modelJson.modelTopology === null ||
        typeof modelJson.modelTopology !== 'object'
      ) {
        throw new ModelIOError(
          'not-tfjs',
          `${jsonPath} has no modelTopology, so it is not a tfjs model`,
          { file: jsonPath },
        );
      }
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
      if (total !== expected) {
        throw new ModelIOError(
          'size-mismatch',
          `the weights files listed in ${jsonPath} hold ${total} bytes but its manifest needs ${expected} bytes (${total < expected ? 'truncated' : 'too long'})`,
          { file: jsonPath },
        );
      }
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
