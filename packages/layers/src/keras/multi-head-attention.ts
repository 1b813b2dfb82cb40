import * as tf from '@tensorflow/tfjs';
import type { SymbolicShape } from '../layers/common';

/** Options of {@link KerasMultiHeadAttention}, named as in Keras's `MultiHeadAttention`. */
export interface KerasMultiHeadAttentionArgs {
  /** Number of attention heads (positive integer). */
  numHeads: number;
  /** Size of each head for query and key (positive integer). */
  keyDim: number;
  /** Size of each head for value (positive integer). Default: `keyDim`. */
  valueDim?: number;
  /** Whether the four projections have biases. Default true. */
  useBias?: boolean;
  /** Size of the last output axis. Default: the query's last axis. */
  outputDim?: number;
  /** Layer name. */
  name?: string;
}

function positiveInteger(parameter: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new RangeError(`${parameter} must be a positive integer, got ${String(value)}`);
  }
  return value;
}

function shapesOf(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape[] {
  const list = Array.isArray(inputShape[0])
    ? (inputShape as SymbolicShape[])
    : [inputShape as SymbolicShape];
  if (list.length < 2 || list.length > 3 || list.some((s) => s.length !== 3)) {
    throw new RangeError(
      `MultiHeadAttention inputs must be [query, value] or [query, value, key], each of rank 3 [batch, time, features], got ${JSON.stringify(list)}`,
    );
  }
  return list;
}

/**
 * Keras's `MultiHeadAttention` for sequences `[batch, time, features]`, attention over the time
 * axis (Keras `attention_axes` `[1]`), without masks and at inference (no dropout):
 *
 *     Q = query·Wq + bq,  K = key·Wk + bk,  V = value·Wv + bv      (per head: [time, keyDim])
 *     A = softmax(Q Kᵀ / √keyDim) over the key time axis
 *     y = Σ_heads (A V)·Wo + bo
 *
 * Weights have Keras's shapes and names (its `EinsumDense` sub-layers): `query/kernel`
 * [features, numHeads, keyDim], `query/bias` [numHeads, keyDim], the same for `key` and `value`
 * (`valueDim` for value), `attention_output/kernel` [numHeads, valueDim, outputDim],
 * `attention_output/bias` [outputDim]. Inputs are `[query, value]` or `[query, value, key]`
 * (key defaults to value), as in Keras's `call(query, value, key)`.
 *
 * tfjs 4.22 ships a port of this layer in tfjs-layers' `layers/nlp`: its `call` has Keras's
 * weight shapes and order and the same numbers as this layer, but `@tensorflow/tfjs` neither
 * exports nor registers it, its `apply` throws (eagerly and symbolically) and its variables are
 * not its `weights`, so it cannot sit in a model (test/keras/tfjs-mha-port.test.ts); the importer
 * uses this one.
 *
 * @example
 * ```ts
 * const mha = new KerasMultiHeadAttention({ numHeads: 4, keyDim: 16 });
 * const x = tf.input({ shape: [16, 64] });
 * const y = mha.apply([x, x]) as tf.SymbolicTensor; // [null, 16, 64]
 * ```
 */
export class KerasMultiHeadAttention extends tf.layers.Layer {
  /** @inheritDoc */
  static className = 'RectifyKerasMultiHeadAttention';
  /** Number of heads. */
  readonly numHeads: number;
  /** Query/key size per head. */
  readonly keyDim: number;
  /** Value size per head. */
  readonly valueDim: number;
  /** Whether the projections have biases. */
  readonly useBias: boolean;
  /** Output features, or undefined for the query's. */
  readonly outputDim: number | undefined;
  private projections: Record<string, tf.LayerVariable> = {};

  /**
   * @param args - see {@link KerasMultiHeadAttentionArgs}.
   * @throws RangeError when a size is not a positive integer.
   */
  constructor(args: KerasMultiHeadAttentionArgs) {
    super({ name: args.name });
    this.numHeads = positiveInteger('numHeads', args.numHeads);
    this.keyDim = positiveInteger('keyDim', args.keyDim);
    this.valueDim = positiveInteger('valueDim', args.valueDim ?? args.keyDim);
    this.useBias = args.useBias !== false;
    this.outputDim =
      args.outputDim === undefined ? undefined : positiveInteger('outputDim', args.outputDim);
  }

  /** Creates the weights, in Keras's order. @throws RangeError for bad input shapes. */
  override build(inputShape: SymbolicShape | SymbolicShape[]): void {
    const [query, value, key = value] = shapesOf(inputShape) as [
      SymbolicShape,
      SymbolicShape,
      SymbolicShape?,
    ];
    const features = (shape: SymbolicShape | undefined, what: string): number => {
      const last = shape?.[2];
      if (typeof last !== 'number') {
        throw new RangeError(`MultiHeadAttention ${what} must have a known last axis`);
      }
      return last;
    };
    const out = this.outputDim ?? features(query, 'query');
    const add = (name: string, shape: number[]) => {
      const init = name.endsWith('bias')
        ? tf.initializers.zeros()
        : tf.initializers.glorotUniform({});
      this.projections[name] = this.addWeight(name, shape, 'float32', init);
    };
    const h = this.numHeads;
    add('query/kernel', [features(query, 'query'), h, this.keyDim]);
    if (this.useBias) add('query/bias', [h, this.keyDim]);
    add('key/kernel', [features(key, 'key'), h, this.keyDim]);
    if (this.useBias) add('key/bias', [h, this.keyDim]);
    add('value/kernel', [features(value, 'value'), h, this.valueDim]);
    if (this.useBias) add('value/bias', [h, this.valueDim]);
    add('attention_output/kernel', [h, this.valueDim, out]);
    if (this.useBias) add('attention_output/bias', [out]);
    this.built = true;
  }

  /** `[batch, queryTime, outputDim]`. */
  override computeOutputShape(inputShape: SymbolicShape | SymbolicShape[]): SymbolicShape {
    const [query] = shapesOf(inputShape) as [SymbolicShape];
    return [query[0] ?? null, query[1] ?? null, this.outputDim ?? query[2] ?? null];
  }

  private project(x: tf.Tensor, name: string, size: number): tf.Tensor {
    const [batch, steps, features] = x.shape as [number, number, number];
    const kernel = this.projections[`${name}/kernel`]?.read() as tf.Tensor;
    let y = tf.matMul(tf.reshape(x, [batch * steps, features]), tf.reshape(kernel, [features, -1]));
    const bias = this.projections[`${name}/bias`];
    if (bias) y = tf.add(y, tf.reshape(bias.read(), [-1]));
    return tf.transpose(tf.reshape(y, [batch, steps, this.numHeads, size]), [0, 2, 1, 3]);
  }

  /** The attention output for `[query, value]` or `[query, value, key]`. */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const list = Array.isArray(inputs) ? inputs : [inputs];
      const [query, value, key = value] = list as [tf.Tensor, tf.Tensor, tf.Tensor?];
      const q = tf.mul(this.project(query, 'query', this.keyDim), 1 / Math.sqrt(this.keyDim));
      const k = this.project(key as tf.Tensor, 'key', this.keyDim);
      const v = this.project(value, 'value', this.valueDim);
      const weights = tf.softmax(tf.matMul(q, k, false, true), -1);
      const heads = tf.transpose(tf.matMul(weights, v), [0, 2, 1, 3]);
      const [batch, steps] = heads.shape as [number, number];
      const kernel = this.projections['attention_output/kernel']?.read() as tf.Tensor;
      const outDim = kernel.shape[2] as number;
      let y = tf.matMul(
        tf.reshape(heads, [batch * steps, this.numHeads * this.valueDim]),
        tf.reshape(kernel, [this.numHeads * this.valueDim, outDim]),
      );
      const bias = this.projections['attention_output/bias'];
      if (bias) y = tf.add(y, bias.read());
      return tf.reshape(y, [batch, steps, outDim]);
    });
  }

  /** Keras-style config plus the base layer's. */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      numHeads: this.numHeads,
      keyDim: this.keyDim,
      valueDim: this.valueDim,
      useBias: this.useBias,
      ...(this.outputDim === undefined ? {} : { outputDim: this.outputDim }),
      ...super.getConfig(),
    };
  }
}
tf.serialization.registerClass(KerasMultiHeadAttention);
