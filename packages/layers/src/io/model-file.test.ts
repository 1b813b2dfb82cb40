import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { expectClose } from '@rectify/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeras } from '../keras/load';
import { fileSystemIO } from './file-system-io';
import { checkModelFile, loadModelFile, ModelFileError } from './model-file';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../../../..');
const PPG_MODEL = join(repoRoot, 'examples/data/ppg-model.h5');

let dir: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  dir = mkdtempSync(join(tmpdir(), 'rectify-model-file-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refusal(f: () => unknown): ModelFileError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return e as ModelFileError;
  }
  throw new Error('no error');
}

describe('checkModelFile', () => {
  it('names the format by extension, case-insensitively', () => {
    const upper = join(dir, 'M.H5');
    writeFileSync(upper, 'x');
    expect(checkModelFile(upper)).toBe('keras');
    expect(checkModelFile(PPG_MODEL)).toBe('keras');
    const json = join(dir, 'model.json');
    writeFileSync(json, '{}');
    expect(checkModelFile(json)).toBe('tfjs');
  });

  it('refuses a missing file, a folder and an unknown extension, each with its code', () => {
    const missing = refusal(() => checkModelFile(join(dir, 'nope.h5')));
    expect([missing.code, missing.reason]).toEqual(['unreadable', 'ENOENT']);
    const folder = join(dir, 'folder.keras');
    mkdirSync(folder);
    const notFile = refusal(() => checkModelFile(folder));
    expect([notFile.code, notFile.reason]).toEqual(['unreadable', 'not a file']);
    expect(notFile.message).toBe(`model '${folder}' cannot be read: not a file`);
    const onnx = join(dir, 'model.onnx');
    writeFileSync(onnx, 'x');
    const format = refusal(() => checkModelFile(onnx));
    expect(format.code).toBe('unsupported-format');
    expect(format.message).toContain("got 'model.onnx'");
  });
});

describe('loadModelFile', () => {
  it('a Keras .h5 loads as loadKeras loads it: same output on the same input', async () => {
    const viaFile = await loadModelFile(PPG_MODEL);
    const direct = await loadKeras(PPG_MODEL);
    const length = viaFile.model.inputs[0]?.shape[1] as number;
    const x = tf.randomNormal([2, length, 1], 0, 1, 'float32', 7);
    const a = viaFile.model.predict(x) as tf.Tensor;
    const b = direct.model.predict(x) as tf.Tensor;
    expectClose(a.dataSync(), b.dataSync(), { atol: 0, rtol: 0 });
    expect(viaFile.skipped).toEqual([
      ...direct.skipped,
      ...direct.unsupported.map((u) => `${u.name} (${u.className})`),
    ]);
    tf.dispose([x, a, b]);
    viaFile.model.dispose();
    direct.model.dispose();
  });

  it('a tfjs model.json round trip predicts what the saved model did; upTo is refused for it', async () => {
    const model = tf.sequential({
      layers: [tf.layers.dense({ units: 3, inputShape: [4], activation: 'relu' })],
    });
    const folder = join(dir, 'tfjs');
    await model.save(fileSystemIO(folder));
    const path = join(folder, 'model.json');
    const loaded = await loadModelFile(path);
    const x = tf.tensor2d([[1, -2, 3, -4]]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.model.predict(x) as tf.Tensor;
    expectClose(b.dataSync(), a.dataSync(), { atol: 0, rtol: 0 });
    expect(loaded.skipped).toEqual([]);
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.model.dispose();
    const error = await loadModelFile(path, { upTo: 'dense' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelFileError);
    expect((error as ModelFileError).code).toBe('up-to-keras-only');
  });
});
