import * as tf from '@tensorflow/tfjs';
import {
  describeValue,
  expectRank3,
  type LayerArgs,
  readFinite,
  type SymbolicShape,
  singleTensor,
} from './common';

/**
 * How a {@link DCReLU} treats the DC (the time-average) of its rectified output.
 * - `'keep'`: s = 1, a plain (leaky) ReLU.
 * - `'remove'`: s = 0, the harmonics and intermodulation products without the DC.
 * - `'scale'`: a fixed s.
 * - `'learn'`: s is a trainable weight, one per channel.
 */
export type DCMode = 'keep' | 'remove' | 'scale' | 'learn';

/** The DC modes, in the order of the documentation. */
export const DC_MODES: readonly DCMode[] = ['keep', 'remove', 'scale', 'learn'];

/** Options of {@link DCReLU}. */
export interface DCReLUArgs extends LayerArgs {
  /** What to do with the DC along the time axis. Default `'keep'`. */
  dcMode?: DCMode;
  /**
   * The DC scale s (dimensionless). `'keep'`: must be 1 if given; `'remove'`: must be 0 if given;
   * `'scale'`: required, any finite number; `'learn'`: the initial value of every channel's s,
   * any finite number, default 1.
   */
  s?: number;
  /** Leaky slope for x < 0 (dimensionless, finite). Default 0 (plain ReLU). */
  alpha?: number;
}

/** The resolved configuration of a {@link DCReLU}. */
export interface DCReLUConfig {
  readonly dcMode: DCMode;
  /** The fixed s (`'keep'`, `'remove'`, `'scale'`) or the initial s (`'learn'`). */
  readonly s: number;
  readonly alpha: number;
}

function resolveDcReluConfig(args: DCReLUArgs): DCReLUConfig {
  const dcMode = args.dcMode ?? 'keep';
  if (!DC_MODES.includes(dcMode)) {
    throw new RangeError(
      `dcMode must be one of 'keep', 'remove', 'scale', 'learn', got ${describeValue(dcMode)}`,
    );
  }
  const alpha = args.alpha === undefined ? 0 : readFinite('alpha', args.alpha);
  let s: number;
  switch (dcMode) {
    case 'keep':
      if (args.s !== undefined && args.s !== 1) {
        throw new RangeError(
          `s must be 1 (or omitted) when dcMode is 'keep', got ${describeValue(args.s)}`,
        );
      }
      s = 1;
      break;
    case 'remove':
      if (args.s !== undefined && args.s !== 0) {
        throw new RangeError(
          `s must be 0 (or omitted) when dcMode is 'remove', got ${describeValue(args.s)}`,
        );
      }
      s = 0;
      break;
    case 'scale':
      if (args.s === undefined) {
        throw new RangeError(
          `s is required when dcMode is 'scale' (a finite number), got undefined`,
        );
      }
      s = readFinite('s', args.s);
      break;
    default:
      s = args.s === undefined ? 1 : readFinite('s', args.s);
  }
  return { dcMode, s, alpha };
}

/**
 * ReLU with a controllable DC along the time axis:
 *
 *     r = relu(x)  (or leaky: r = x for x > 0, α·x otherwise)
 *     y = r − (1 − s) · mean_t(r)
 *
 * for input `[batch, time, channels]`, the mean taken over time (axis 1) per example and channel.
 * s = 1 keeps the rectifier's DC, s = 0 removes it and keeps only its harmonics and
 * intermodulation products; `'learn'` makes s a trainable weight per channel.
 *
 * @example
 * ```ts
 * const layer = new DCReLU({ dcMode: 'remove' });
 * const y = layer.apply(tf.randomNormal([2, 64, 4])) as tf.Tensor; // zero mean over time
 * ```
 */
export class DCReLU extends tf.layers.Layer {
  /** @inheritDoc */
  static className = 'DCReLU';
  /** The resolved configuration. */
  readonly config: DCReLUConfig;
  private sWeight: tf.LayerVariable | null = null;

  /**
   * @param args - see {@link DCReLUArgs}.
   * @throws RangeError for an unknown `dcMode`, an `s` the mode does not allow, or a non-finite `alpha`.
   */
  constructor(args: DCReLUArgs = {}) {
    super(args);
    this.config = resolveDcReluConfig(args);
  }

  /**
   * Creates the trainable `s` (shape `[channels]`) in `'learn'` mode.
   *
   * @throws RangeError when the input is not rank 3, or its channels are unknown in `'learn'` mode.
   */
  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const shape = expectRank3(this.name, inputShape);
    if (this.config.dcMode === 'learn') {
      const channels = shape[2];
      if (channels === null || channels === undefined) {
        throw new RangeError(
          `${this.name}: dcMode 'learn' needs a known channel count, got shape ${describeValue(shape)}`,
        );
      }
      this.sWeight = this.addWeight(
        's',
        [channels],
        'float32',
        tf.initializers.constant({ value: this.config.s }),
        undefined,
        true,
      );
    }
    this.built = true;
  }

  /** Same shape as the input. @throws RangeError when the input is not rank 3. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    return expectRank3(this.name, inputShape).slice();
  }

  /** y = r − (1 − s)·mean_t(r). */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = singleTensor(this.name, inputs);
      const { dcMode, s, alpha } = this.config;
      const r = alpha === 0 ? tf.relu(x) : tf.leakyRelu(x, alpha);
      if (dcMode === 'keep') return r;
      const dc = tf.mean(r, 1, true);
      if (dcMode === 'remove') return tf.sub(r, dc);
      if (dcMode === 'scale') return tf.sub(r, tf.mul(1 - s, dc));
      const sValue = this.sWeight!.read();
      return tf.sub(r, tf.mul(tf.sub(1, sValue), dc));
    });
  }

  /** The Keras-style config: `dcMode`, `s`, `alpha` plus the base layer's. */
  override getConfig(): tf.serialization.ConfigDict {
    const { dcMode, s, alpha } = this.config;
    return { dcMode, s, alpha, ...super.getConfig() };
  }
}
tf.serialization.registerClass(DCReLU);

/**
 * Creates a {@link DCReLU}: y = r − (1 − s)·mean_t(relu(x)).
 *
 * @param args - see {@link DCReLUArgs}; default `{ dcMode: 'keep' }`.
 * @returns the layer.
 * @throws RangeError for an unknown `dcMode` or an `s` the mode does not allow.
 * @example
 * ```ts
 * const model = tf.sequential({ layers: [causalConv1d({ filters: 8, kernelSize: 3, inputShape: [256, 1] }), dcRelu({ dcMode: 'learn', s: 0.5 })] });
 * ```
 */
export function dcRelu(args: DCReLUArgs = {}): DCReLU {
  return new DCReLU(args);
}
