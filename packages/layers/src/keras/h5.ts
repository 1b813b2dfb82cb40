import h5wasm, { type Dataset, type Group } from 'h5wasm';
import { KerasImportError } from './errors';

/** A Keras file source: a filesystem path (Node only), or the file's bytes. */
export type KerasSource = string | Uint8Array | ArrayBuffer;

/** One weight array as stored in a Keras HDF5 file. */
export interface StoredWeight {
  /** The Keras weight name, e.g. `'conv1d/kernel:0'`. */
  name: string;
  /** Keras shape, e.g. `[kernelSize, inChannels, filters]` for a Conv1D kernel. */
  shape: number[];
  /** Values in C (row-major) order. */
  values: Float32Array;
}

/** Everything the importer needs from a Keras HDF5 file, read into plain JS values. */
export interface KerasH5Contents {
  /** `'model'` for `model.save()` files (`model_weights` group), `'weights'` for `save_weights()`. */
  layout: 'model' | 'weights';
  /** The parsed `model_config` attribute (absent in `save_weights` files). */
  modelConfig: unknown;
  /** The `keras_version` attribute, when present. */
  kerasVersion: string | undefined;
  /** The `backend` attribute, when present. */
  backend: string | undefined;
  /** What the file holds that the importer ignores (optimizer state, training config). */
  ignored: string[];
  /** `layer_names` in file order, each with its weights in `weight_names` order. */
  weightGroups: Map<string, StoredWeight[]>;
}

const SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

let fileCounter = 0;

/**
 * Reads a source into bytes: a path through `node:fs` (loaded only when a path is given), or a
 * copy-free view of the given bytes.
 */
export async function sourceBytes(source: KerasSource, parameter = 'source'): Promise<Uint8Array> {
  if (typeof source === 'string') {
    if (source.length === 0) {
      throw new TypeError(`${parameter} must be a non-empty file path or bytes, got ''`);
    }
    const { readFile, stat } = await import('node:fs/promises');
    let buffer: Buffer;
    try {
      // A device or FIFO named as a model would be read without end.
      if (!(await stat(source)).isFile()) {
        throw new KerasImportError(
          'unreadable',
          `'${source}' is not a regular file (a directory, device, FIFO or socket)`,
        );
      }
      buffer = await readFile(source);
    } catch (error) {
      if (error instanceof KerasImportError) throw error;
      throw new KerasImportError(
        'unreadable',
        `'${source}' cannot be read: ${(error as Error).message}`,
      );
    }
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  }
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  throw new TypeError(
    `${parameter} must be a file path (string), a Uint8Array or an ArrayBuffer, got ${describe(source)}`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'object';
  return typeof value;
}

function signatureAt(bytes: Uint8Array, offset: number): boolean {
  if (offset + SIGNATURE.length > bytes.length) return false;
  return SIGNATURE.every((b, i) => bytes[offset + i] === b);
}

function readAddress(view: DataView, offset: number, size: number): number | undefined {
  if (size === 8) {
    const value = view.getBigUint64(offset, true);
    return value === 0xffffffffffffffffn ? undefined : Number(value);
  }
  if (size === 4) {
    const value = view.getUint32(offset, true);
    return value === 0xffffffff ? undefined : value;
  }
  return undefined;
}

/**
 * Checks the HDF5 format signature and that the file is as long as its superblock says, so that
 * a wrong or truncated file gets a precise message before the HDF5 library sees it.
 * The signature may sit at byte 0, 512, 1024, 2048, … (after a user block).
 *
 * @throws {KerasImportError} `not-hdf5` or `truncated`.
 */
export function checkHdf5Bytes(bytes: Uint8Array, label: string): void {
  let start = -1;
  for (
    let offset = 0;
    offset + SIGNATURE.length <= bytes.length;
    offset = Math.max(512, offset * 2)
  ) {
    if (signatureAt(bytes, offset)) {
      start = offset;
      break;
    }
  }
  if (start < 0) {
    const head = Array.from(bytes.subarray(0, 8), (b) => b.toString(16).padStart(2, '0')).join(' ');
    throw new KerasImportError(
      'not-hdf5',
      `${label} is not an HDF5 file (no HDF5 signature 89 48 44 46 0d 0a 1a 0a found; ${bytes.length} bytes, starting ${head || '(empty)'}). Keras .h5 files are HDF5 and .keras files are zip archives (loadKeras reads both); the SavedModel format is not read.`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = bytes[start + 8];
  let sizeOfOffsets: number | undefined;
  let baseAt: number;
  if (version === 0 || version === 1) {
    sizeOfOffsets = bytes[start + 13];
    baseAt = start + (version === 0 ? 24 : 28);
  } else {
    sizeOfOffsets = bytes[start + 9];
    baseAt = start + 12;
  }
  const offsets = sizeOfOffsets ?? 0;
  const eofAt = baseAt + 2 * offsets;
  if (version === undefined || eofAt + offsets > bytes.length) {
    throw new KerasImportError(
      'truncated',
      `${label} is truncated: ${bytes.length} bytes end inside the HDF5 superblock`,
    );
  }
  const base = readAddress(view, baseAt, offsets) ?? 0;
  const eof = readAddress(view, eofAt, offsets);
  if (eof !== undefined && base + eof > bytes.length) {
    throw new KerasImportError(
      'truncated',
      `${label} is truncated: its HDF5 superblock records ${base + eof} bytes, got ${bytes.length}`,
    );
  }
}

function hdf5Summary(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const details = [...text.matchAll(/#\d+: .*? in (\w+\(\)): (.*)$/gm)];
  const last = details.at(-1);
  return last ? `${last[2]} (${last[1]})` : (text.split('\n')[0] ?? text);
}

/**
 * Opens HDF5 bytes read-only in h5wasm's in-memory file system, runs `read` (synchronously, so
 * nothing else touches the library meanwhile), then closes and deletes the file. HDF5 errors
 * become {@link KerasImportError}s instead of console output.
 */
export async function withH5File<T>(
  bytes: Uint8Array,
  label: string,
  read: (root: Group) => T,
): Promise<T> {
  checkHdf5Bytes(bytes, label);
  const module = await h5wasm.ready;
  const path = `/rectify-keras-${++fileCounter}.h5`;
  module.activate_throwing_error_handler();
  try {
    module.FS.writeFile(path, bytes);
    let file: InstanceType<typeof h5wasm.File>;
    try {
      file = new h5wasm.File(path, 'r');
    } catch (error) {
      throw new KerasImportError(
        'unreadable',
        `${label} could not be opened as HDF5: ${hdf5Summary(error)}`,
      );
    }
    if (file.file_id < 0n) {
      throw new KerasImportError('unreadable', `${label} could not be opened as HDF5`);
    }
    try {
      return read(file);
    } catch (error) {
      if (error instanceof KerasImportError) throw error;
      throw new KerasImportError('unreadable', `${label} could not be read: ${hdf5Summary(error)}`);
    } finally {
      file.close();
    }
  } finally {
    module.deactivate_throwing_error_handler();
    try {
      module.FS.unlink(path);
    } catch {
      // The file was never written (FS.writeFile failed); nothing to remove.
    }
  }
}

function isGroup(entity: unknown): entity is Group {
  return entity instanceof h5wasm.Group;
}

function isDataset(entity: unknown): entity is Dataset {
  return entity instanceof h5wasm.Dataset;
}

function asStrings(value: unknown): string[] | undefined {
  const decode = (v: unknown): string | undefined => {
    if (typeof v === 'string') return v;
    if (v instanceof Uint8Array) return new TextDecoder().decode(v).replace(/\0+$/, '');
    return undefined;
  };
  if (
    ArrayBuffer.isView(value) &&
    !(value instanceof Uint8Array) &&
    (value as Float64Array).length === 0
  ) {
    return [];
  }
  if (Array.isArray(value)) {
    const out = value.map(decode);
    return out.every((s) => s !== undefined) ? (out as string[]) : undefined;
  }
  const single = decode(value);
  return single === undefined ? undefined : [single];
}

/**
 * Reads a string or string-array attribute the way Keras writes it, including Keras's split of
 * long attributes into `name0`, `name1`, … (HDF5 object headers hold at most 64 KiB).
 */
export function readStringsAttribute(object: Group | Dataset, name: string): string[] | undefined {
  const attrs = object.attrs;
  if (name in attrs) return asStrings(attrs[name]?.value);
  if (!(`${name}0` in attrs)) return undefined;
  const out: string[] = [];
  for (let chunk = 0; `${name}${chunk}` in attrs; chunk++) {
    const part = asStrings(attrs[`${name}${chunk}`]?.value);
    if (part === undefined) return undefined;
    out.push(...part);
  }
  return out;
}

function readString(object: Group, name: string): string | undefined {
  const parts = readStringsAttribute(object, name);
  return parts?.length === 1 ? parts[0] : undefined;
}

export function toFloat32(value: unknown, where: string): Float32Array {
  if (value instanceof Float32Array) return value;
  if (
    value instanceof Float64Array ||
    value instanceof Int8Array ||
    value instanceof Uint8Array ||
    value instanceof Int16Array ||
    value instanceof Uint16Array ||
    value instanceof Int32Array ||
    value instanceof Uint32Array
  ) {
    return Float32Array.from(value);
  }
  if (typeof value === 'number') return Float32Array.of(value);
  throw new KerasImportError(
    'weights-mismatch',
    `${where} holds ${describe(value)} values; only float and integer weights are read`,
  );
}

function readWeightGroups(root: Group, label: string): Map<string, StoredWeight[]> {
  const layerNames = readStringsAttribute(root, 'layer_names');
  if (layerNames === undefined) {
    throw new KerasImportError(
      'not-keras',
      `${label} has no 'layer_names' attribute on ${root.path}; it is not a Keras weights group`,
    );
  }
  const groups = new Map<string, StoredWeight[]>();
  for (const layerName of layerNames) {
    const group = root.get(layerName);
    if (!isGroup(group)) {
      throw new KerasImportError(
        'not-keras',
        `${label} lists layer '${layerName}' in layer_names but has no group ${root.path}/${layerName}`,
        { name: layerName },
      );
    }
    const weightNames = readStringsAttribute(group, 'weight_names') ?? [];
    const weights = weightNames.map((weightName): StoredWeight => {
      const dataset = group.get(weightName);
      if (!isDataset(dataset)) {
        throw new KerasImportError(
          'not-keras',
          `${label}: weight '${weightName}' of layer '${layerName}' is listed in weight_names but missing`,
          { name: layerName },
        );
      }
      const where = `${label}: weight '${weightName}' of layer '${layerName}'`;
      return {
        name: weightName,
        shape: dataset.shape ?? [],
        values: toFloat32(dataset.value, where),
      };
    });
    groups.set(layerName, weights);
  }
  return groups;
}

/**
 * Reads a Keras 2.x HDF5 file: `model.save('x.h5')` (root attribute `model_config`, group
 * `model_weights`) or `model.save_weights('x.h5')` (root attribute `layer_names`).
 *
 * @throws {KerasImportError} for non-HDF5, truncated or non-Keras files.
 */
export async function readKerasH5(
  source: KerasSource,
  parameter = 'source',
): Promise<KerasH5Contents> {
  const bytes = await sourceBytes(source, parameter);
  const label = typeof source === 'string' ? `'${source}'` : parameter;
  return readKerasH5Bytes(bytes, label);
}

/** {@link readKerasH5} on bytes already read; `label` names the file in messages. */
export async function readKerasH5Bytes(bytes: Uint8Array, label: string): Promise<KerasH5Contents> {
  return withH5File(bytes, label, (root) => {
    const ignored: string[] = [];
    if (root.keys().includes('optimizer_weights')) ignored.push('optimizer_weights');
    if ('training_config' in root.attrs) ignored.push('training_config');
    const configText = readString(root, 'model_config');
    let modelConfig: unknown;
    if (configText !== undefined) {
      try {
        modelConfig = JSON.parse(configText);
      } catch (error) {
        throw new KerasImportError(
          'bad-config',
          `${label}: the model_config attribute is not valid JSON (${(error as Error).message})`,
        );
      }
    }
    const weightsRoot = root.get('model_weights');
    let layout: 'model' | 'weights';
    let weightGroups: Map<string, StoredWeight[]>;
    if (isGroup(weightsRoot)) {
      layout = 'model';
      weightGroups = readWeightGroups(weightsRoot, label);
    } else if (readStringsAttribute(root, 'layer_names') !== undefined) {
      layout = 'weights';
      weightGroups = readWeightGroups(root, label);
    } else if (modelConfig !== undefined) {
      layout = 'model';
      weightGroups = new Map();
    } else {
      throw new KerasImportError(
        'not-keras',
        `${label} is an HDF5 file but not a Keras one: it has neither a model_config attribute, a model_weights group nor a layer_names attribute (top-level entries: ${root.keys().join(', ') || 'none'})`,
      );
    }
    return {
      layout,
      modelConfig,
      kerasVersion: readString(root, 'keras_version'),
      backend: readString(root, 'backend'),
      ignored,
      weightGroups,
    };
  });
}
