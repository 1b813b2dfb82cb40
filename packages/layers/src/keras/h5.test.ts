import h5wasm from 'h5wasm';
import { describe, expect, it } from 'vitest';
import { KerasImportError } from './errors';
import { checkHdf5Bytes, readKerasH5 } from './h5';

async function hdf5Bytes(oldest: boolean): Promise<Uint8Array> {
  const module = await h5wasm.ready;
  const path = `/h5-test-${oldest}.h5`;
  // ['earliest', 'latest'] is h5py's default (superblock version 0), 'latest' gives version 3.
  const file = new h5wasm.File(path, 'w', { libver: oldest ? ['earliest', 'latest'] : 'latest' });
  file.create_dataset({ name: 'x', data: new Float32Array(512), shape: [512], dtype: '<f' });
  file.close();
  const bytes = module.FS.readFile(path);
  module.FS.unlink(path);
  return bytes;
}

function codeOf(run: () => void): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof KerasImportError ? error.code : 'other';
  }
  return undefined;
}

describe('checkHdf5Bytes', () => {
  it('reads the end-of-file address of version 0 and version 2/3 superblocks', async () => {
    for (const oldest of [true, false]) {
      const bytes = await hdf5Bytes(oldest);
      expect(bytes[8], 'superblock version').toBe(oldest ? 0 : 3);
      expect(codeOf(() => checkHdf5Bytes(bytes, 'f'))).toBeUndefined();
      expect(codeOf(() => checkHdf5Bytes(bytes.subarray(0, bytes.length - 1), 'f'))).toBe(
        'truncated',
      );
    }
  });

  it('finds the signature after a user block (byte 512, 1024, …) only', async () => {
    const bytes = await hdf5Bytes(true);
    for (const offset of [512, 1024]) {
      const shifted = new Uint8Array(offset + bytes.length);
      shifted.set(bytes, offset);
      expect(codeOf(() => checkHdf5Bytes(shifted, 'f'))).toBeUndefined();
    }
    const misplaced = new Uint8Array(100 + bytes.length);
    misplaced.set(bytes, 100);
    expect(codeOf(() => checkHdf5Bytes(misplaced, 'f'))).toBe('not-hdf5');
  });

  it('an HDF5 file that is not a Keras file', async () => {
    const error = await readKerasH5(await hdf5Bytes(false)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(KerasImportError);
    expect((error as KerasImportError).message).toBe(
      'source is an HDF5 file but not a Keras one: it has neither a model_config attribute, a model_weights group nor a layer_names attribute (top-level entries: x)',
    );
  });
});
