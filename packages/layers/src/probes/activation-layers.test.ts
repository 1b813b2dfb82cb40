import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dcRelu } from '../layers/dc-relu';
import {
  activationLayerClassNames,
  isActivationLayerClass,
  type LayerLike,
  layersBeforeActivation,
} from './activation-layers';

describe('activation layers', () => {
  it('lists every activation-only class once, PReLU and Softmax included', () => {
    expect(new Set(activationLayerClassNames).size).toBe(activationLayerClassNames.length);
    for (const name of ['PReLU', 'Softmax', 'ReLU', 'DCReLU'])
      expect(isActivationLayerClass(name)).toBe(true);
    expect(isActivationLayerClass('Conv1D')).toBe(false);
  });

  it('finds the layers whose output goes through a non-linear activation in a real model', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv1d({ name: 'conv', filters: 2, kernelSize: 3, inputShape: [16, 1] }),
        tf.layers.reLU({ name: 'relu' }),
        tf.layers.conv1d({ name: 'conv_dc', filters: 2, kernelSize: 3 }),
        dcRelu({ name: 'dc_relu' }),
        tf.layers.flatten({ name: 'flat' }),
        tf.layers.dense({ name: 'fused', units: 4, activation: 'tanh' }),
        tf.layers.dense({ name: 'logits', units: 2 }),
        tf.layers.softmax({ name: 'softmax' }),
      ],
    });
    expect(layersBeforeActivation(model.layers as unknown as LayerLike[])).toEqual([
      'conv',
      'conv_dc',
      'fused',
      'logits',
    ]);
    model.dispose();
  });
});
