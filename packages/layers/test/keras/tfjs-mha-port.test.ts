/**
 * Why the importer has its own MultiHeadAttention: tfjs-layers 4.22 ships a port
 * (`layers/nlp/multihead_attention`), reached here only through a deep import since
 * `@tensorflow/tfjs` neither exports nor registers it. Its maths and weight layout agree with
 * Keras's (and with ours, which the numpy einsum oracle and the paper's trained model check), but
 * it cannot be used in a model: `apply` throws, eagerly and symbolically, and its variables are
 * not the layer's `weights`. If a tfjs release fixes that, the first test fails: time to reconsider.
 */
import * as tf from '@tensorflow/tfjs';
import { MultiHeadAttention } from '@tensorflow/tfjs-layers/dist/layers/nlp/multihead_attention.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { KerasMultiHeadAttention } from '../../src/keras/multi-head-attention';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe("tfjs-layers 4.22's MultiHeadAttention port", () => {
  it('cannot be applied in a model, and does not expose its weights', () => {
    const query = tf.randomNormal([1, 6, 8], 0, 1, 'float32', 1);
    const value = tf.randomNormal([1, 5, 8], 0, 1, 'float32', 2);
    expect(() =>
      new MultiHeadAttention({ numHeads: 2, keyDim: 4 }).apply(query, { value }),
    ).toThrow();
    const symbolic = new MultiHeadAttention({ numHeads: 2, keyDim: 4 });
    expect(() =>
      symbolic.apply(tf.input({ shape: [6, 8] }), { value: tf.input({ shape: [5, 8] }) }),
    ).toThrow();
    const direct = new MultiHeadAttention({ numHeads: 2, keyDim: 4 });
    tf.dispose(direct.call(query, { value }));
    expect(direct.weights).toEqual([]);
    tf.dispose([query, value]);
  });

  it("its call has Keras's weight shapes and order and the same numbers as ours", () => {
    const query = tf.randomNormal([2, 6, 8], 0, 1, 'float32', 3);
    const value = tf.randomNormal([2, 5, 8], 0, 1, 'float32', 4);
    const port = new MultiHeadAttention({ numHeads: 2, keyDim: 4 });
    const theirs = port.call(query, { value }) as tf.Tensor;
    // Its four EinsumDense sub-layers are protected fields; read them as the port names them.
    const inner = port as unknown as Record<string, tf.layers.Layer>;
    const sublayers = ['queryDense', 'keyDense', 'valueDense', 'outputDense'].map(
      (k) => inner[k] as tf.layers.Layer,
    );
    const weights = sublayers.flatMap((l) => l.getWeights());
    const ours = new KerasMultiHeadAttention({ numHeads: 2, keyDim: 4 });
    ours.apply([query, value]);
    expect(weights.map((w) => w.shape)).toEqual(ours.weights.map((w) => w.shape));
    ours.setWeights(weights);
    const mine = ours.apply([query, value]) as tf.Tensor;
    const diff = tf.max(tf.abs(tf.sub(theirs, mine))).dataSync()[0] as number;
    expect(diff).toBeLessThan(1e-6);
    tf.dispose([query, value, theirs, mine]);
  });
});
