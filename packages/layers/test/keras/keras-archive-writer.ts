/**
 * Writes Keras 3 `.keras` archives for tests (no Keras here): a zip (fflate) of `config.json`,
 * `metadata.json` and `model.weights.h5` (h5wasm), in the layout of Keras's
 * keras/src/saving/saving_lib.py: `save_model` writes the three files; `_save_state` puts each
 * layer's variables at `layers/<snake_case class>[_k]/vars/<i>` (datasets named 0, 1, …, in
 * creation order), every `vars` group carrying a `name` attribute; the optimizer's variables sit
 * at `optimizer/vars/<i>` (the first one an int64 iteration count).
 */
import { strToU8, zipSync } from 'fflate';
import h5wasm, { type Group } from 'h5wasm';

/** One stored array. */
export interface ArchiveArray {
  shape: number[];
  data: ArrayLike<number>;
}

/** What to write. */
export interface KerasArchiveSpec {
  /** config.json content. */
  config: unknown;
  /** metadata.json content. */
  metadata: unknown;
  /** Variables by group path (`layers/conv1d`), each with its arrays in order. */
  vars: { path: string; arrays: ArchiveArray[] }[];
  /** Write `optimizer/vars/…` (an int64 counter and one float array). Default true. */
  optimizer?: boolean;
  /** Also write a `metrics/…` group. Default false. */
  metrics?: boolean;
  /** Join the first level of paths with a backslash (`layers\conv1d/vars`), as tf-keras 2.15 on
   * Windows did. Default false. */
  backslashes?: boolean;
}

let counter = 0;

function groupAt(root: Group, parts: string[]): Group {
  let group = root;
  for (const part of parts) {
    group = group.keys().includes(part) ? (group.get(part) as Group) : group.create_group(part);
  }
  return group;
}

function writeVars(root: Group, parts: string[], arrays: ArchiveArray[]): void {
  const vars = groupAt(root, [...parts, 'vars']);
  vars.create_attribute('name', parts.at(-1) ?? 'vars');
  arrays.forEach((array, i) => {
    vars.create_dataset({
      name: String(i),
      data: Float32Array.from(array.data),
      shape: array.shape,
      dtype: '<f',
    });
  });
}

/** Writes the `model.weights.h5` of a spec and returns its bytes. */
export async function writeWeightsH5(spec: KerasArchiveSpec): Promise<Uint8Array> {
  const module = await h5wasm.ready;
  const path = `/keras-archive-${++counter}.h5`;
  const file = new h5wasm.File(path, 'w');
  try {
    for (const { path: groupPath, arrays } of spec.vars) {
      const parts = groupPath.split('/');
      const joined =
        spec.backslashes && parts.length > 1
          ? [`${parts[0]}\\${parts[1]}`, ...parts.slice(2)]
          : parts;
      writeVars(file, joined, arrays);
    }
    writeVars(file, [], []);
    if (spec.optimizer !== false) {
      const vars = groupAt(file, ['optimizer', 'vars']);
      vars.create_dataset({ name: '0', data: new BigInt64Array([7n]), shape: [], dtype: '<q' });
      vars.create_dataset({ name: '1', data: new Float32Array([1e-3]), shape: [], dtype: '<f' });
    }
    if (spec.metrics) {
      writeVars(file, ['metrics', 'mean'], [{ shape: [1], data: [0.5] }]);
    }
  } finally {
    file.close();
  }
  const bytes = module.FS.readFile(path);
  module.FS.unlink(path);
  return bytes;
}

/** Writes a `.keras` archive and returns its bytes. */
export async function writeKerasArchive(spec: KerasArchiveSpec): Promise<Uint8Array> {
  return zipSync({
    'metadata.json': strToU8(JSON.stringify(spec.metadata)),
    'config.json': strToU8(JSON.stringify(spec.config)),
    'model.weights.h5': await writeWeightsH5(spec),
  });
}
