/**
 * Test-only helpers shared by the layer tests (not exported from the package): the save → load
 * round trip through {@link fileSystemIO} and the tensor-leak check of the house layer tests.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, expect } from 'vitest';
import { fileSystemIO } from '../io/file-system-io';

/**
 * Makes a round trip for one test file: each call saves the model through `fileSystemIO` into a
 * fresh temporary folder named `<prefix>XXXXXX` and loads it back. Call it at the top level of the
 * file: it registers an `afterAll` that removes the folders.
 *
 * @param prefix - start of the temporary folders' names, e.g. `'rectify-conv-'`.
 * @returns `roundTrip(model)`, resolving to the loaded model.
 */
export function createRoundTrip(
  prefix: string,
): (model: tf.LayersModel) => Promise<tf.LayersModel> {
  const dirs: string[] = [];
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });
  return async (model) => {
    const dir = await mkdtemp(join(tmpdir(), prefix));
    dirs.push(dir);
    await model.save(fileSystemIO(dir));
    return tf.loadLayersModel(fileSystemIO(dir));
  };
}

/** Expects `loaded` to predict exactly (bit for bit) what `model` predicts on `x`. */
export function expectSamePredictions(
  loaded: tf.LayersModel,
  model: tf.LayersModel,
  x: tf.Tensor,
): void {
  const before = (model.predict(x) as tf.Tensor).dataSync();
  const after = (loaded.predict(x) as tf.Tensor).dataSync();
  expect(Array.from(after)).toEqual(Array.from(before));
}

/**
 * Compiles `model` (Adam, mean squared error), fits it once to warm up, then expects three rounds
 * of predict and fit (2 epochs, batch size 2) to leave `tf.memory().numTensors` unchanged.
 *
 * @param model - an uncompiled model.
 * @param x - inputs of the fit.
 * @param y - targets of the fit.
 */
export async function expectNoTensorLeak(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
): Promise<void> {
  model.compile({ optimizer: 'adam', loss: 'meanSquaredError' });
  await model.fit(x, y, { epochs: 1, verbose: 0 });
  tf.dispose(model.predict(x) as tf.Tensor);
  const count = tf.memory().numTensors;
  for (let i = 0; i < 3; i++) {
    tf.dispose(model.predict(x) as tf.Tensor);
    await model.fit(x, y, { epochs: 2, batchSize: 2, verbose: 0 });
  }
  expect(tf.memory().numTensors).toBe(count);
}
