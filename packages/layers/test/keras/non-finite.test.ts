/**
 * Issue 17, finding 6: a Keras file with NaN or ±Infinity weights is refused at load with a
 * KerasImportError naming the file, the layer and the weight (it used to load, and the analysis
 * then failed with `x must contain only finite numbers, got NaN at index 0`).
 */
import { loadFixture } from '@rectify/test-utils';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KerasImportError, loadKeras, loadKerasWeightsH5 } from '../../src/keras/index';
import { type ArchiveArray, writeKerasArchive } from './keras-archive-writer';
import { type WeightGroupSpec, writeKerasH5 } from './keras-h5-writer';

interface Model {
  name: string;
  modelConfig: unknown;
  weights: WeightGroupSpec[];
  keras3: { config: unknown; metadata: unknown; vars: { path: string; arrays: ArchiveArray[] }[] };
}

const fixture = loadFixture<{ models: Model[] }>('layers-keras/keras_models.json');
const byName = (name: string) => fixture.models.find((m) => m.name === name) as Model;

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

/** The `sequential` fixture with one value of `seq_conv/bias:0` replaced. */
function poisonedH5Weights(value: number, at: number): WeightGroupSpec[] {
  return byName('sequential').weights.map((group) => ({
    ...group,
    weights: group.weights.map((w) => {
      if (w.name !== 'seq_conv/bias:0') return w;
      const data = Array.from(w.data);
      data[at] = value;
      return { ...w, data };
    }),
  }));
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('non-finite Keras weights are refused, naming file, layer and weight', () => {
  it.each([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('.h5 with %s in a bias', async (value, shown) => {
    const bytes = await writeKerasH5({
      modelConfig: byName('sequential').modelConfig,
      weights: poisonedH5Weights(value, 1),
    });
    const error = await rejection(loadKeras(bytes));
    expect(error.code).toBe('non-finite-weight');
    expect(error.layerName).toBe('seq_conv');
    expect(error.weightName).toBe('seq_conv/bias:0');
    expect(error.message).toBe(
      `source: weight 'seq_conv/bias:0' of layer 'seq_conv' holds ${shown} at index 1; weights must be finite numbers`,
    );
  });

  it('.h5 given by path names the path; loadKerasWeightsH5 refuses too', async () => {
    const { mkdtemp, rm, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const dir = await mkdtemp(join(tmpdir(), 'rectify-nan-'));
    try {
      const file = join(dir, 'nan.h5');
      await writeFile(
        file,
        await writeKerasH5({
          modelConfig: byName('sequential').modelConfig,
          weights: poisonedH5Weights(Number.NaN, 0),
        }),
      );
      const error = await rejection(loadKeras(file));
      expect(error.message).toMatch(
        new RegExp(`^'${file}': weight 'seq_conv/bias:0' of layer 'seq_conv' holds NaN at index 0`),
      );
      const clean = await loadKeras(
        await writeKerasH5({
          modelConfig: byName('sequential').modelConfig,
          weights: byName('sequential').weights,
        }),
      );
      const before = clean.model.getWeights().map((w) => Array.from(w.dataSync()));
      const again = await rejection(loadKerasWeightsH5(clean.model, file));
      expect(again.code).toBe('non-finite-weight');
      // Refused before any variable was written.
      expect(clean.model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(before);
      clean.model.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('.keras archive with NaN in a variable', async () => {
    const model = byName('k3_sequential');
    const vars = model.keras3.vars.map((v) =>
      v.path === 'layers/conv1d'
        ? {
            ...v,
            arrays: v.arrays.map((a, i) => {
              if (i !== 0) return a;
              const data = Array.from(a.data);
              data[2] = Number.NaN;
              return { ...a, data };
            }),
          }
        : v,
    );
    const error = await rejection(loadKeras(await writeKerasArchive({ ...model.keras3, vars })));
    expect(error.code).toBe('non-finite-weight');
    expect(error.layerName).toBeDefined();
    expect(error.weightName).toBeDefined();
    expect(error.message).toMatch(
      new RegExp(`weight '${error.weightName}' of layer '${error.layerName}' holds NaN at index 2`),
    );
  });
});
