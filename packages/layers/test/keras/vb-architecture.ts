/**
 * The paper's V.B heart-rate-from-PPG network (Kechris et al., Section V.B) as the Keras 2.x
 * `model_config` and `model_weights` that `model.save('model.h5')` would write, with seeded random
 * weights instead of the trained ones (which are not available offline):
 *
 *     input (256, 1)
 *     block1, block2, block3: nested Functional models, each
 *         [Conv1D(filters, kernel 5, dilation 2, causal, relu)] × 3 → AveragePooling1D → Dropout(0.5)
 *         filters 32 / 48 / 64, pool size (= stride) 4 / 2 / 2
 *     MultiHeadAttention(4 heads, key_dim 16)(block3, value=block3)
 *     LayerNormalization → Flatten → Dense(32, relu) → Dense(1)
 *
 * Layer names follow Keras's automatic naming (conv1d, conv1d_1, …, conv1d_8).
 */
import { createRng } from '@rectify/signal';
import type { KerasH5Spec, WeightGroupSpec, WeightSpec } from './keras-h5-writer';

type Json = Record<string, unknown>;

/** One inbound node; a nested model's call inside the outer model is its node 1 (Keras's
 * `_should_skip_first_node`: node 0 is the sub-model's own construction). */
function node(source: string, nodeIndex = 0): unknown[] {
  return [[[source, nodeIndex, 0, {}]]];
}

function inputLayer(name: string, shape: number[]): Json {
  return {
    class_name: 'InputLayer',
    config: {
      batch_input_shape: [null, ...shape],
      dtype: 'float32',
      sparse: false,
      ragged: false,
      name,
    },
    name,
    inbound_nodes: [],
  };
}

function conv(name: string, filters: number, from: string): Json {
  return {
    class_name: 'Conv1D',
    config: {
      name,
      trainable: true,
      dtype: 'float32',
      filters,
      kernel_size: [5],
      strides: [1],
      padding: 'causal',
      data_format: 'channels_last',
      dilation_rate: [2],
      groups: 1,
      activation: 'relu',
      use_bias: true,
      kernel_initializer: { class_name: 'GlorotUniform', config: { seed: null } },
      bias_initializer: { class_name: 'Zeros', config: {} },
      kernel_regularizer: null,
      bias_regularizer: null,
      activity_regularizer: null,
      kernel_constraint: null,
      bias_constraint: null,
    },
    name,
    inbound_nodes: node(from),
  };
}

/** The V.B model as a Keras file spec, with seeded Glorot-scaled random weights. */
export function vbArchitecture(seed = 7): KerasH5Spec {
  const rng = createRng(seed);
  const random = (name: string, shape: number[], fanIn: number, fanOut: number): WeightSpec => {
    const size = shape.reduce((a, b) => a * b, 1);
    const std = Math.sqrt(2 / (fanIn + fanOut));
    return { name, shape, data: Array.from({ length: size }, () => rng.normal(0, std)) };
  };
  const bias = (name: string, size: number): WeightSpec => ({
    name,
    shape: [size],
    data: Array.from({ length: size }, () => rng.normal(0, 0.05)),
  });
  const blocks: { filters: number; pool: number; steps: number; inChannels: number }[] = [
    { filters: 32, pool: 4, steps: 256, inChannels: 1 },
    { filters: 48, pool: 2, steps: 64, inChannels: 32 },
    { filters: 64, pool: 2, steps: 32, inChannels: 48 },
  ];
  const layers: Json[] = [inputLayer('input_1', [256, 1])];
  const weights: WeightGroupSpec[] = [{ layer: 'input_1', weights: [] }];
  let previous = 'input_1';
  let convIndex = 0;
  blocks.forEach((block, b) => {
    const name = `block${b + 1}`;
    const input = `${name}_input`;
    const inner: Json[] = [inputLayer(input, [block.steps, block.inChannels])];
    const groupWeights: WeightSpec[] = [];
    let from = input;
    let channels = block.inChannels;
    for (let i = 0; i < 3; i++) {
      const convName = convIndex === 0 ? 'conv1d' : `conv1d_${convIndex}`;
      convIndex++;
      inner.push(conv(convName, block.filters, from));
      groupWeights.push(
        random(
          `${convName}/kernel:0`,
          [5, channels, block.filters],
          5 * channels,
          5 * block.filters,
        ),
        bias(`${convName}/bias:0`, block.filters),
      );
      from = convName;
      channels = block.filters;
    }
    const poolName = b === 0 ? 'average_pooling1d' : `average_pooling1d_${b}`;
    const dropName = b === 0 ? 'dropout' : `dropout_${b}`;
    inner.push(
      {
        class_name: 'AveragePooling1D',
        config: {
          name: poolName,
          trainable: true,
          dtype: 'float32',
          strides: [block.pool],
          pool_size: [block.pool],
          padding: 'valid',
          data_format: 'channels_last',
        },
        name: poolName,
        inbound_nodes: node(from),
      },
      {
        class_name: 'Dropout',
        config: {
          name: dropName,
          trainable: true,
          dtype: 'float32',
          rate: 0.5,
          noise_shape: null,
          seed: null,
        },
        name: dropName,
        inbound_nodes: node(poolName),
      },
    );
    layers.push({
      class_name: 'Functional',
      config: {
        name,
        trainable: true,
        layers: inner,
        input_layers: [[input, 0, 0]],
        output_layers: [[dropName, 0, 0]],
      },
      name,
      inbound_nodes: node(previous, b === 0 ? 0 : 1),
    });
    weights.push({ layer: name, weights: groupWeights });
    previous = name;
  });
  const heads = 4;
  const keyDim = 16;
  const model = 64;
  layers.push({
    class_name: 'MultiHeadAttention',
    config: {
      name: 'multi_head_attention',
      trainable: true,
      dtype: 'float32',
      num_heads: heads,
      key_dim: keyDim,
      value_dim: keyDim,
      dropout: 0.0,
      use_bias: true,
      output_shape: null,
      attention_axes: [1],
      query_shape: [null, 16, model],
      key_shape: [null, 16, model],
      value_shape: [null, 16, model],
    },
    name: 'multi_head_attention',
    inbound_nodes: [
      [['block3', 1, 0, { value: ['block3', 1, 0], return_attention_scores: false }]],
    ],
  });
  const attentionWeights: WeightSpec[] = [];
  for (const part of ['query', 'key', 'value']) {
    attentionWeights.push(
      random(
        `multi_head_attention/${part}/kernel:0`,
        [model, heads, keyDim],
        model,
        heads * keyDim,
      ),
      bias(`multi_head_attention/${part}/bias:0`, heads * keyDim),
    );
    (attentionWeights.at(-1) as WeightSpec).shape = [heads, keyDim];
  }
  attentionWeights.push(
    random(
      'multi_head_attention/attention_output/kernel:0',
      [heads, keyDim, model],
      heads * keyDim,
      model,
    ),
    bias('multi_head_attention/attention_output/bias:0', model),
  );
  weights.push({ layer: 'multi_head_attention', weights: attentionWeights });
  layers.push(
    {
      class_name: 'LayerNormalization',
      config: {
        name: 'layer_normalization',
        trainable: true,
        dtype: 'float32',
        axis: [2],
        epsilon: 0.001,
        center: true,
        scale: true,
      },
      name: 'layer_normalization',
      inbound_nodes: node('multi_head_attention'),
    },
    {
      class_name: 'Flatten',
      config: { name: 'flatten', trainable: true, dtype: 'float32', data_format: 'channels_last' },
      name: 'flatten',
      inbound_nodes: node('layer_normalization'),
    },
    {
      class_name: 'Dense',
      config: {
        name: 'dense',
        trainable: true,
        dtype: 'float32',
        units: 32,
        activation: 'relu',
        use_bias: true,
      },
      name: 'dense',
      inbound_nodes: node('flatten'),
    },
    {
      class_name: 'Dense',
      config: {
        name: 'dense_1',
        trainable: true,
        dtype: 'float32',
        units: 1,
        activation: 'linear',
        use_bias: true,
      },
      name: 'dense_1',
      inbound_nodes: node('dense'),
    },
  );
  weights.push(
    {
      layer: 'layer_normalization',
      weights: [
        { name: 'layer_normalization/gamma:0', shape: [model], data: new Array(model).fill(1) },
        { name: 'layer_normalization/beta:0', shape: [model], data: new Array(model).fill(0) },
      ],
    },
    { layer: 'flatten', weights: [] },
    {
      layer: 'dense',
      weights: [
        random('dense/kernel:0', [16 * model, 32], 16 * model, 32),
        bias('dense/bias:0', 32),
      ],
    },
    {
      layer: 'dense_1',
      weights: [random('dense_1/kernel:0', [32, 1], 32, 1), bias('dense_1/bias:0', 1)],
    },
  );
  return {
    modelConfig: {
      class_name: 'Functional',
      config: {
        name: 'model',
        trainable: true,
        layers,
        input_layers: [['input_1', 0, 0]],
        output_layers: [['dense_1', 0, 0]],
      },
      keras_version: '2.12.0',
      backend: 'tensorflow',
    },
    weights,
    trainingConfig: {
      loss: 'mae',
      optimizer_config: { class_name: 'Adam', config: { learning_rate: 0.001 } },
    },
    optimizerWeights: [{ name: 'Adam/iter:0', shape: [], data: [120] }],
  };
}
