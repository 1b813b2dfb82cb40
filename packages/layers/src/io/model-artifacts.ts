// The portable half of tfjs's model-folder format: the error type, the weights-manifest checks and
// the non-finite-weight check, shared by `fileSystemIO` (Node, ./node) and `filesIO` (any File or
// Blob: browsers, Node 20) so a model read either way meets the same rules.
import type * as tf from '@tensorflow/tfjs';

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
export interface CheckedSpec {
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

/**
 * Checks the `weightsManifest` of a parsed model.json: an array of `{ paths: string[], weights:
 * entry[] }` groups whose entries have a name, a shape of non-negative integers and a numeric
 * dtype. Returns the groups and the byte layout of every weight.
 */
export function checkManifest(
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

function isNonFiniteHalf(bits: number): boolean {
  return (bits & 0x7c00) === 0x7c00;
}

/** Refuses NaN and ±Infinity in float weights (float32, complex64, float16-quantized). */
export function checkFinite(bytes: Uint8Array, specs: CheckedSpec[], jsonPath: string): void {
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

export function toArrayBuffer(buffer: Uint8Array): ArrayBuffer {
  return buffer.buffer.slice(
    buffer.byteOffset,
    buffer.byteOffset + buffer.byteLength,
  ) as ArrayBuffer;
}

/**
 * Parses a model.json's text: JSON holding a `modelTopology` object.
 *
 * @param text - the file's text.
 * @param name - the file, for messages.
 * @returns the parsed model.json.
 * @throws {ModelIOError} `not-json` (its content is not shown) or `not-tfjs`.
 */
export function parseModelJson(text: string, name: string): tf.io.ModelJSON {
  let modelJson: tf.io.ModelJSON;
  try {
    modelJson = JSON.parse(text) as tf.io.ModelJSON;
  } catch {
    throw new ModelIOError(
      'not-json',
      `${name} is not valid JSON (truncated or not a model.json; its content is not shown)`,
      { file: name },
    );
  }
  if (
    modelJson === null ||
    typeof modelJson !== 'object' ||
    Array.isArray(modelJson) ||
    modelJson.modelTopology === null ||
    typeof modelJson.modelTopology !== 'object'
  ) {
    throw new ModelIOError('not-tfjs', `${name} has no modelTopology, so it is not a tfjs model`, {
      file: name,
    });
  }
  return modelJson;
}

/**
 * Refuses weights files whose sizes do not add up to what the manifest needs.
 *
 * @param total - bytes the weights files hold.
 * @param expected - bytes the manifest's shapes and dtypes need.
 * @param name - the model.json, for the message.
 * @throws {ModelIOError} `size-mismatch`.
 */
export function checkWeightsTotal(total: number, expected: number, name: string): void {
  if (total === expected) return;
  throw new ModelIOError(
    'size-mismatch',
    `the weights files listed in ${name} hold ${total} bytes but its manifest needs ${expected} bytes (${total < expected ? 'truncated' : 'too long'})`,
    { file: name },
  );
}
