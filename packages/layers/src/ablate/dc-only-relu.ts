import * as tf from '@tensorflow/tfjs';
import { expectRank3, type LayerArgs, type SymbolicShape, singleTensor } from '../layers/common';

/**
 * Keeps only the DC of a ReLU: the time-average of relu(x), broadcast over time,
 *
 *     y[b, t, c] = mean_t relu(x[b, ·, c])
 *
 * for input `[batch, time, channels]`. It is the `'dc-only'` ablation of
 * {@link ablateActivations}; {@link DCReLU} cannot express it (its s scales the DC and always keeps
 * the harmonics), and {@link LinearDC} keeps x itself.
 *
 * @example
 * ```ts
 * const y = new DCOnlyReLU().apply(tf.tensor3d([[[1], [-1]]])) as tf.Tensor; // [[[0.5], [0.5]]]
 * ```
 */
export class DCOnlyReLU extends tf.layers.Layer {
  /** @inheritDoc */
  static className = 'DCOnlyReLU';

  /** @param args - the base layer's options (`name`, …). */
  constructor(args: LayerArgs = {}) {
    super(args);
  }

  /** @throws RangeError when the input is not rank 3. */
  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    expectRank3(this.name, inputShape);
    this.built = true;
  }

  /** Same shape as the input. @throws RangeError when the input is not rank 3. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return expectRank3(this.name, inputShape).slice();
  }

  /** y = mean_t relu(x), broadcast over t. */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs);
      return tf.mul(tf.onesLike(x), tf.mean(tf.relu(x), 1, true));
    });
  }
}
tf.serialization.registerClass(DCOnlyReLU);

/**
 * Creates a {@link DCOnlyReLU}: y = mean_t relu(x), broadcast over t.
 *
 * @param args - the base layer's options (`name`, …).
 * @returns the layer.
 * @example
 * ```ts
 * const y = dcOnlyRelu({ name: 'dc' }).apply(tf.input({ shape: [256, 8] })); // [null, 256, 8]
 * ```
 */
export function dcOnlyRelu(args: LayerArgs = {}): DCOnlyReLU {
  return new DCOnlyReLU(args);
}
