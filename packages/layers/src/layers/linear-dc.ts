import * as tf from '@tensorflow/tfjs';
import {
  expectRank3,
  type LayerArgs,
  readFinite,
  type SymbolicShape,
  singleTensor,
} from './common';

/** Options of {@link LinearDC}. */
export interface LinearDCArgs extends LayerArgs {
  /** Scale of the added DC (dimensionless, finite). Default 1: exactly the DC a ReLU adds on top of x/2's. */
  s?: number;
}

/** The resolved configuration of a {@link LinearDC}. */
export interface LinearDCConfig {
  readonly s: number;
}

/**
 * The identity plus the DC a ReLU would add, without its harmonics:
 *
 *     y = x + s · mean_t(|x|) / 2
 *
 * for input `[batch, time, channels]`, the mean over time (axis 1) per example and channel. Since
 * relu(x) = x/2 + |x|/2, mean_t(|x|)/2 is the part of a ReLU's DC that does not come from x itself.
 * With {@link DCReLU} it completes the 2×2 ablation {harmonics, none} × {DC, none}.
 *
 * @example
 * ```ts
 * const y = new LinearDC().apply(tf.tensor3d([[[1], [-1]]])) as tf.Tensor; // [[[1.5], [-0.5]]]
 * ```
 */
export class LinearDC extends tf.layers.Layer {
  /** @inheritDoc */
  static className = 'LinearDC';
  /** The resolved configuration. */
  readonly config: LinearDCConfig;

  /**
   * @param args - see {@link LinearDCArgs}.
   * @throws RangeError when `s` is not finite.
   */
  constructor(args: LinearDCArgs = {}) {
    super(args);
    this.config = { s: args.s === undefined ? 1 : readFinite('s', args.s) };
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

  /** y = x + s·mean_t(|x|)/2. */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs);
      return tf.add(x, tf.mul(this.config.s / 2, tf.mean(tf.abs(x), 1, true)));
    });
  }

  /** The Keras-style config: `s` plus the base layer's. */
  override getConfig(): tf.serialization.ConfigDict {
    return { s: this.config.s, ...super.getConfig() };
  }
}
tf.serialization.registerClass(LinearDC);

/**
 * Creates a {@link LinearDC}: y = x + s·mean_t(|x|)/2.
 *
 * @param args - see {@link LinearDCArgs}; default `{ s: 1 }`.
 * @returns the layer.
 * @throws RangeError when `s` is not finite.
 * @example
 * ```ts
 * model.add(linearDc({ s: 1 }));
 * ```
 */
export function linearDc(args: LinearDCArgs = {}): LinearDC {
  return new LinearDC(args);
}
