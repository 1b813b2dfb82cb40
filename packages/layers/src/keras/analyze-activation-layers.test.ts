import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { dcRelu } from '../layers/dc-relu';
import { activationLayerClassNames } from '../probes/activation-layers';
import { activationLayerNames, analyzeKerasModel } from './analyze';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Conv1D → `activation` layer → pooling, on 64 steps of 1 channel. */
function convThen(activation: tf.layers.Layer): tf.LayersModel {
  const input = tf.input({ shape: [64, 1] });
  const conv = tf.layers
    .conv1d({ filters: 2, kernelSize: 3, padding: 'same', name: 'conv' })
    .apply(input) as tf.SymbolicTensor;
  const act = activation.apply(conv) as tf.SymbolicTensor;
  const out = tf.layers.globalAveragePooling1d({}).apply(act) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: out });
}

describe('the Keras analysis reads activation layers from activationLayerClassNames', () => {
  it('a Conv1D followed by PReLU or DCReLU is probed, as by ReLU; the activation layer itself is not', async () => {
    for (const [layer, className] of [
      [tf.layers.reLU({}), 'ReLU'],
      [tf.layers.prelu({}), 'PReLU'],
      [dcRelu({}), 'DCReLU'],
    ] as const) {
      expect(activationLayerClassNames).toContain(className);
      const model = convThen(layer);
      expect(activationLayerNames(model)).toEqual(['conv']);
      const analysis = await analyzeKerasModel(model, { heartRate: 72, fs: 32, n: 64, seed: 0 });
      expect(analysis.layers.map((l) => [l.layer, l.activationSource])).toEqual([
        ['conv', 'next-layer'],
      ]);
      model.dispose();
    }
  });

  it('a Conv1D followed by a linear layer (Dense) is not an activation site', () => {
    const model = convThen(tf.layers.dense({ units: 2 }));
    expect(activationLayerNames(model)).toEqual([]);
    model.dispose();
  });
});
