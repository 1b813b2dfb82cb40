/**
 * Findings 2, 3, 6 and 7 of issue 17 for tfjs model folders: weights paths stay inside the
 * model's folder, sizes are checked before reading, a model without weights is refused, a
 * malformed manifest is named, and non-finite weights name the file, layer and weight.
 */
import { mkdir, mkdtemp, readFile, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSystemIO, ModelIOError } from './file-system-io';

const roots: string[] = [];

/** A folder `<root>/models/m` holding a one-Dense model (weights [3] kernel + [1] bias = 16 bytes). */
async function modelFolder(): Promise<{
  root: string;
  dir: string;
  json: Record<string, unknown>;
}> {
  const root = await mkdtemp(join(tmpdir(), 'rectify-confine-'));
  roots.push(root);
  const dir = join(root, 'models', 'm');
  const model = tf.sequential({
    layers: [tf.layers.dense({ units: 1, inputShape: [3], name: 'dense_out' })],
  });
  model.setWeights([tf.tensor2d([[1], [2], [3]]), tf.tensor1d([0.5])]);
  await model.save(fileSystemIO(dir));
  model.dispose();
  const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  return { root, dir, json };
}

async function withManifest(dir: string, json: Record<string, unknown>, manifest: unknown) {
  await writeFile(join(dir, 'model.json'), JSON.stringify({ ...json, weightsManifest: manifest }));
}

function manifestOf(json: Record<string, unknown>, paths: string[]): unknown {
  const [group] = json.weightsManifest as { weights: unknown[] }[];
  return [{ paths, weights: group?.weights }];
}

async function loadError(dir: string): Promise<ModelIOError> {
  const error = await tf.loadLayersModel(fileSystemIO(dir)).then(
    (m) => {
      m.dispose();
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ModelIOError);
  return error as ModelIOError;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

afterAll(async () => {
  await Promise.all(roots.map((r) => rm(r, { recursive: true, force: true })));
});

describe('fileSystemIO keeps weights paths inside the model folder (issue 17, finding 2)', () => {
  it("refuses '../../secret.bin' even when it has exactly the size the manifest needs", async () => {
    const { root, dir, json } = await modelFolder();
    await writeFile(join(root, 'secret.bin'), new Float32Array([9, 9, 9, 9]));
    await withManifest(dir, json, manifestOf(json, ['../../secret.bin']));
    const error = await loadError(dir);
    expect(error.code).toBe('outside-folder');
    expect(error.message).toMatch(
      /"\.\.\/\.\.\/secret\.bin" listed in .*model\.json contains a '\.\.' segment/,
    );
    expect(error.file).toBe(join(dir, 'model.json'));
  });

  it('refuses an absolute path without reading it or revealing its size', async () => {
    const { dir, json } = await modelFolder();
    const size = (await stat('/etc/passwd')).size;
    await withManifest(dir, json, manifestOf(json, ['/etc/passwd']));
    const error = await loadError(dir);
    expect(error.code).toBe('outside-folder');
    expect(error.message).toMatch(/"\/etc\/passwd" .* is absolute/);
    expect(error.message).not.toContain(String(size));
    await withManifest(dir, json, manifestOf(json, ['C:\\secret.bin']));
    expect((await loadError(dir)).message).toMatch(/is absolute/);
  });

  it('refuses ../../../../dev/zero before reading a byte, and /dev/zero reached by a symlink', async () => {
    const { dir, json } = await modelFolder();
    await withManifest(dir, json, manifestOf(json, ['../../../../dev/zero']));
    expect((await loadError(dir)).code).toBe('outside-folder');
    await symlink('/dev/zero', join(dir, 'zero.bin'));
    await withManifest(dir, json, manifestOf(json, ['zero.bin']));
    const error = await loadError(dir);
    expect(error.code).toBe('outside-folder');
    expect(error.message).toMatch(/symbolic link that leads out of the folder/);
  });

  it('refuses a symlink that leads out of the folder, and follows one that stays inside', async () => {
    const { root, dir, json } = await modelFolder();
    await writeFile(join(root, 'outside.bin'), new Float32Array([1, 2, 3, 0.5]));
    await symlink(join(root, 'outside.bin'), join(dir, 'link.bin'));
    await withManifest(dir, json, manifestOf(json, ['link.bin']));
    expect((await loadError(dir)).code).toBe('outside-folder');
    await mkdir(join(dir, 'shards'));
    await symlink(join(dir, 'weights.bin'), join(dir, 'shards', 'inner.bin'));
    await withManifest(dir, json, manifestOf(json, ['shards/inner.bin']));
    const model = await tf.loadLayersModel(fileSystemIO(dir));
    expect(Array.from(model.getWeights()[0]?.dataSync() ?? [])).toEqual([1, 2, 3]);
    model.dispose();
  });

  it('refuses a directory and a FIFO as weights files without blocking on the FIFO', async () => {
    const { dir, json } = await modelFolder();
    await mkdir(join(dir, 'sub'));
    await withManifest(dir, json, manifestOf(json, ['sub']));
    expect((await loadError(dir)).code).toBe('not-regular-file');
    execFileSync('mkfifo', [join(dir, 'pipe.bin')]);
    await withManifest(dir, json, manifestOf(json, ['pipe.bin']));
    const error = await loadError(dir);
    expect(error.code).toBe('not-regular-file');
    expect(error.message).toMatch(/pipe\.bin listed in .* is not a regular file/);
  });

  it('refuses a model.json that is not a regular file', async () => {
    const { dir } = await modelFolder();
    await rm(join(dir, 'model.json'));
    await mkdir(join(dir, 'model.json'));
    expect((await loadError(dir)).code).toBe('not-regular-file');
  });

  it('checks the total size against the manifest before reading a byte', async () => {
    const { dir, json } = await modelFolder();
    // 1 GiB sparse file: refused from its size alone, so memory stays flat.
    const big = join(dir, 'big.bin');
    await writeFile(big, '');
    execFileSync('truncate', ['-s', '1G', big]);
    await withManifest(dir, json, manifestOf(json, ['big.bin']));
    const before = process.memoryUsage().rss;
    const error = await loadError(dir);
    expect(error.code).toBe('size-mismatch');
    expect(error.message).toMatch(
      /listed in .*model\.json hold 1073741824 bytes but its manifest needs 16 bytes \(too long\)/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(256 * 1024 * 1024);
  });
});

describe('fileSystemIO refuses a model without weights or with a malformed manifest (findings 3, 7)', () => {
  it('refuses a model.json with no weightsManifest instead of running random weights', async () => {
    const { dir, json } = await modelFolder();
    const { weightsManifest: _, ...rest } = json;
    await writeFile(join(dir, 'model.json'), JSON.stringify(rest));
    const error = await loadError(dir);
    expect(error.code).toBe('no-weights');
    expect(error.message).toMatch(/model\.json has no weightsManifest.*random initial weights/);
  });

  it.each([
    [
      'a string manifest',
      'weights.bin',
      /weightsManifest must be an array of \{ paths, weights \} groups, got a string "weights\.bin"/,
    ],
    [
      'a null group',
      [null],
      /weightsManifest\[0\] must be an object \{ paths, weights \}, got null/,
    ],
    [
      'string weights',
      [{ paths: ['weights.bin'], weights: 'x' }],
      /weightsManifest\[0\]\.weights must be an array of weight entries, got a string "x"/,
    ],
    [
      'a string path list',
      [{ paths: 'weights.bin', weights: [] }],
      /weightsManifest\[0\]\.paths must be an array of file names/,
    ],
    [
      'a number as a path',
      [{ paths: [7], weights: [] }],
      /weightsManifest\[0\]\.paths\[0\] must be a non-empty file name, got number 7/,
    ],
    [
      'a negative dimension',
      [{ paths: ['weights.bin'], weights: [{ name: 'd/k', shape: [-1], dtype: 'float32' }] }],
      /weights\[0\]\.shape must be an array of non-negative integers, got number -1/,
    ],
    [
      'a 1e300 dimension',
      [{ paths: ['weights.bin'], weights: [{ name: 'd/k', shape: [1e300], dtype: 'float32' }] }],
      /weights\[0\]\.shape must be an array of non-negative integers, got number 1e\+300/,
    ],
    [
      'dimensions whose bytes overflow',
      [
        {
          paths: ['weights.bin'],
          weights: [{ name: 'd/k', shape: [2 ** 40, 2 ** 40], dtype: 'float32' }],
        },
      ],
      /weights\[0\]\.shape must be small enough/,
    ],
    [
      'a string dtype',
      [{ paths: ['weights.bin'], weights: [{ name: 'd/k', shape: [1], dtype: 'string' }] }],
      /weights\[0\]\.dtype must be one of float32, .*, got a string "string"/,
    ],
  ])('names the file and the rule for %s', async (_label, manifest, message) => {
    const { dir, json } = await modelFolder();
    await withManifest(dir, json, manifest);
    const error = await loadError(dir);
    expect(error.code).toBe('bad-manifest');
    expect(error.message).toContain(join(dir, 'model.json'));
    expect(error.message).toMatch(message);
  });
});

describe('fileSystemIO refuses non-finite weights, naming file, layer and weight (finding 6)', () => {
  it.each([
    [Number.NaN, 'NaN', 1],
    [Number.POSITIVE_INFINITY, 'Infinity', 2],
    [Number.NEGATIVE_INFINITY, '-Infinity', 3],
  ])('refuses %s in a weight', async (value, shown, at) => {
    const { dir } = await modelFolder();
    const weights = new Float32Array([1, 2, 3, 0.5]);
    weights[at] = value;
    await writeFile(join(dir, 'weights.bin'), weights);
    const error = await loadError(dir);
    expect(error.code).toBe('non-finite-weight');
    const name = at === 3 ? 'dense_out/bias' : 'dense_out/kernel';
    expect(error.weightName).toBe(name);
    expect(error.layerName).toBe('dense_out');
    expect(error.file).toBe(join(dir, 'model.json'));
    expect(error.message).toBe(
      `${join(dir, 'model.json')}: weight '${name}' of layer 'dense_out' holds ${shown} at index ${at === 3 ? 0 : at}; weights must be finite numbers`,
    );
  });

  it('refuses a float16-quantized Infinity and accepts finite float16 weights', async () => {
    const { dir, json } = await modelFolder();
    const [group] = json.weightsManifest as { weights: Record<string, unknown>[] }[];
    const weights = (group?.weights ?? []).map((w) => ({
      ...w,
      quantization: { dtype: 'float16' },
    }));
    await withManifest(dir, json, [{ paths: ['weights.bin'], weights }]);
    // float16 bits: 1 = 0x3c00, 2 = 0x4000, 3 = 0x4200, 0.5 = 0x3800, +Infinity = 0x7c00.
    await writeFile(join(dir, 'weights.bin'), new Uint16Array([0x3c00, 0x4000, 0x4200, 0x3800]));
    const model = await tf.loadLayersModel(fileSystemIO(dir));
    expect(Array.from(model.getWeights()[1]?.dataSync() ?? [])).toEqual([0.5]);
    model.dispose();
    await writeFile(join(dir, 'weights.bin'), new Uint16Array([0x3c00, 0x7c00, 0x4200, 0x3800]));
    const error = await loadError(dir);
    expect(error.code).toBe('non-finite-weight');
    expect(error.message).toMatch(
      /weight 'dense_out\/kernel' of layer 'dense_out' holds Infinity at index 1/,
    );
  });
});

describe('issue 17, finding 7: fileSystemIO messages name the file and what is wrong, not the API', () => {
  it('no message starts with "fileSystemIO:" or repeats a raw file-system error', async () => {
    const { dir, json } = await modelFolder();
    const cases: [unknown, RegExp][] = [
      [
        manifestOf(json, ['../x.bin']),
        /^weights path "\.\.\/x\.bin" listed in \/.*model\.json contains a '\.\.' segment;/,
      ],
      [
        manifestOf(json, ['missing.bin']),
        /^weights file .*missing\.bin listed in \/.*model\.json cannot be read: it does not exist$/,
      ],
      [
        'not-a-manifest',
        /^\/.*model\.json: weightsManifest must be an array of \{ paths, weights \} groups, got a string "not-a-manifest"$/,
      ],
    ];
    for (const [manifest, expected] of cases) {
      await writeFile(
        join(dir, 'model.json'),
        JSON.stringify({ ...json, weightsManifest: manifest }),
      );
      const error = await loadError(dir);
      expect(error.message).toMatch(expected);
      expect(error.message).not.toMatch(/fileSystemIO|ENOENT|no such file/);
    }
  });
});
