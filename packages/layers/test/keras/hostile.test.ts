/**
 * Hostile Keras inputs (issue 17): a zip entry recording more unpacked bytes than deflate can
 * produce is refused before anything is reserved for it; a path that is a device, a FIFO or a
 * directory is refused before it is read; a missing file is a KerasImportError naming it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { KerasImportError, loadKeras } from '../../src/keras/index';

const dirs: string[] = [];

async function rejection(promise: Promise<unknown>): Promise<KerasImportError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(KerasImportError);
  return error as KerasImportError;
}

/** Sets the recorded unpacked size of every entry (local headers and central directory) of a zip. */
function claimUnpackedSize(zip: Uint8Array, size: number): Uint8Array {
  // PKWARE APPNOTE 4.3.7 / 4.3.12: local header 0x04034b50 keeps the uncompressed size at +22,
  // central directory header 0x02014b50 at +24.
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const signature = view.getUint32(i, true);
    if (signature === 0x04034b50) view.setUint32(i + 22, size, true);
    if (signature === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('hostile Keras inputs', () => {
  it('refuses a zip entry that claims more unpacked bytes than deflate can hold', async () => {
    const zip = zipSync({
      'config.json': strToU8('{}'.padEnd(4096, ' ')),
      'metadata.json': strToU8('{}'),
      'model.weights.h5': new Uint8Array(4096),
    });
    const error = await rejection(loadKeras(claimUnpackedSize(zip, 0xfffffff0)));
    expect(error.code).toBe('not-keras-archive');
    expect(error.message).toMatch(
      /^source: zip entry 'config\.json' records 4294967280 unpacked bytes from \d+ packed bytes, more than deflate can hold \(at most \d+\)/,
    );
  });

  it('refuses /dev/zero, a FIFO and a directory as model paths without reading them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rectify-hostile-'));
    dirs.push(dir);
    execFileSync('mkfifo', [join(dir, 'pipe.h5')]);
    for (const path of ['/dev/zero', join(dir, 'pipe.h5'), dir]) {
      const error = await rejection(loadKeras(path));
      expect(error.code).toBe('unreadable');
      expect(error.message).toBe(
        `'${path}' is not a regular file (a directory, device, FIFO or socket)`,
      );
    }
    const missing = await rejection(loadKeras(join(dir, 'missing.h5')));
    expect(missing.code).toBe('unreadable');
    expect(missing.message).toMatch(/^'.*missing\.h5' cannot be read: ENOENT/);
  });
});
