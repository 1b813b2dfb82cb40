import { strToU8, zipSync } from 'fflate';
import { expectClose, loadFixture } from '@rectify/test-utils';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { KerasImportError, loadKeras } from '../../src/keras/index';
import {
  type ArchiveArray,
  type KerasArchiveSpec,
  writeKerasArchive,
} from './keras-archive-writer';
import { type WeightGroupSpec, writeKerasH5 } from './keras-h5-writer';

interface ArrayFixture {
  shape: number[];
  data: number[];
}

interface Keras3Fixture {
  name: string;
  input: ArrayFixture;
  output: ArrayFixture;
  probes: Record<string, ArrayFixture>;
  keras3: {
    config: { config: { layers: { class_name: string; config: { name: string } }[] } };
    metadata: { keras_version: string };
    vars: { path: string; arrays: ArchiveArray[] }[];
  };
}

interface Keras2Fixture {
  name: string;
  modelConfig: unknown;
  weights: WeightGroupSpec[];
  input: ArrayFixture;
  output: ArrayFixture;
}

const fixture = loadFixture<{ models: (Keras3Fixture & Keras2Fixture)[] }>(
  'layers-keras/keras_models.json',
);
const byName = (name: string) => fixture.models.find((m) => m.name === name) as Keras3Fixture;
const TOL = { rtol: 1e-5, atol: 1e-5 };

function specOf(model: Keras3Fixture, extra: Partial<KerasArchiveSpec> = {}): KerasArchiveSpec {
  return { ...model.keras3, ...extra };
}

function predict(model: tf.LayersModel, input: ArrayFixture): Float32Array {
  return tf.tidy(() => {
    const y = model.predict(tf.tensor(input.data, input.shape)) as tf.Tensor;
    return y.dataSync() as Float32Array;
  });
}

async function rejection(promise: Promise<unknown>): Promise<KerasImportError> {
  try {
    await promise;
  } catch (error) {
    return error as KerasImportError;
  }
  throw new Error('expected a rejection');
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('loadKeras reads Keras 3 .keras archives (numpy forward pass, 1e-5)', () => {
  for (const name of ['k3_sequential', 'k3_functional', 'k3_nested', 'k3_nested_sequential']) {
    it(`${name}: predictions, and every stored variable in the model exactly`, async () => {
      const model = byName(name);
      const result = await loadKeras(await writeKerasArchive(specOf(model)));
      expectClose(predict(result.model, model.input), model.output.data, {
        ...TOL,
        label: name,
      });
      expect(result.kerasVersion).toBe(model.keras3.metadata.keras_version);
      expect(result.ignored).toEqual(['optimizer']);
      const stored = model.keras3.vars.flatMap((v) => v.arrays.map((a) => Array.from(a.data)));
      const inModel = result.model.layers.flatMap((l) =>
        l.weights.map((w) => Array.from(w.read().dataSync())),
      );
      const key = (a: number[]) => a.map((v) => Math.fround(v)).join(',');
      expect(inModel.map(key).sort()).toEqual(stored.map(key).sort());
    });
  }

  it('weights are found by class and order, not by config name (conv1d_12 at layers/conv1d)', async () => {
    const model = byName('k3_sequential');
    const names = model.keras3.config.config.layers.map((l) => l.config.name);
    expect(names).toContain('conv1d_12');
    expect(model.keras3.vars.map((v) => v.path)).toContain('layers/conv1d');
    const result = await loadKeras(await writeKerasArchive(specOf(model)));
    const probe = model.probes.batch_normalization_5 as ArrayFixture;
    const front = await loadKeras(await writeKerasArchive(specOf(model)), {
      upTo: 'batch_normalization_5',
    });
    expectClose(predict(front.model, model.input), probe.data, { ...TOL, label: 'bn' });
    expect(result.weights.matchedBy).toMatchObject({ conv1d_12: 'name', dense_7: 'name' });
  });

  it('nested models: layers/functional/layers/conv1d inside, layers/conv1d outside', async () => {
    const model = byName('k3_nested');
    expect(model.keras3.vars.map((v) => v.path)).toEqual(
      expect.arrayContaining(['layers/functional/layers/conv1d', 'layers/conv1d']),
    );
    const front = await loadKeras(await writeKerasArchive(specOf(model)), { upTo: 'functional' });
    expectClose(predict(front.model, model.input), (model.probes.functional as ArrayFixture).data, {
      ...TOL,
      label: 'functional',
    });
  });

  it('backslashes in group names (tf-keras 2.15 on Windows) and metrics groups', async () => {
    const model = byName('k3_functional');
    const result = await loadKeras(
      await writeKerasArchive(specOf(model, { backslashes: true, metrics: true })),
    );
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'bs' });
    expect(result.ignored.sort()).toEqual(['metrics', 'optimizer']);
  });

  it('Keras 3 legacy .h5: no :0, the model name in the weight path, batch_shape', async () => {
    const model = fixture.models.find((m) => m.name === 'sequential') as unknown as Keras2Fixture;
    const weights = model.weights.map((g) => ({
      layer: g.layer,
      weights: g.weights.map((w) => ({ ...w, name: `sequential/${w.name.replace(/:0$/, '')}` })),
    }));
    const config = JSON.parse(
      JSON.stringify(model.modelConfig).replaceAll('"batch_input_shape"', '"batch_shape"'),
    );
    const bytes = await writeKerasH5({
      modelConfig: config,
      weights,
      kerasVersion: '3.9.2',
    });
    const result = await loadKeras(bytes);
    expect(result.kerasVersion).toBe('3.9.2');
    expect(result.weights.matchedBy.seq_dense).toBe('name');
    expectClose(predict(result.model, model.input), model.output.data, { ...TOL, label: 'k3h5' });
  });
});

describe('archives that are not Keras archives are refused with what was found', () => {
  it('a corrupt zip (cut short)', async () => {
    const bytes = await writeKerasArchive(specOf(byName('k3_functional')));
    const error = await rejection(loadKeras(bytes.subarray(0, Math.floor(bytes.length / 2))));
    expect(error).toBeInstanceOf(KerasImportError);
    expect(error.code).toBe('not-keras-archive');
    expect(error.message).toContain('cannot be unpacked');
  });

  it('a foreign zip names its content', async () => {
    const bytes = zipSync({
      'readme.txt': strToU8('hello'),
      'data/values.csv': strToU8('1,2'),
    });
    const error = await rejection(loadKeras(bytes));
    expect(error.code).toBe('not-keras-archive');
    expect(error.message).toContain('lacks config.json and model.weights.h5');
    expect(error.message).toContain('readme.txt, data/values.csv');
  });

  it('variables that no layer of the config maps to', async () => {
    const model = byName('k3_functional');
    const vars = model.keras3.vars.map((v) =>
      v.path === 'layers/dense' ? { ...v, path: 'layers/dense_9' } : v,
    );
    const error = await rejection(loadKeras(await writeKerasArchive(specOf(model, { vars }))));
    expect(error.code).toBe('weights-mismatch');
    expect(error.message).toContain('layers/dense_9');
  });

  it('bytes that are neither zip nor HDF5', async () => {
    const error = await rejection(loadKeras(strToU8('{"modelTopology": {}}')));
    expect(error.code).toBe('not-hdf5');
    expect(error.message).toContain('.keras files are zip archives');
  });
});
