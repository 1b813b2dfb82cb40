import type * as tf from '@tensorflow/tfjs';

/** Options of {@link trainingFlops}. */
export interface TrainingFlopsOptions {
  /** Samples (e.g. a batch, or an epoch's worth). Integer ≥ 1. Default 1. */
  batch?: number;
  /**
   * Passes per sample, in units of one forward pass. Default 3: a training step is the forward
   * pass, the input gradient and the weight gradient, each as costly as the forward. Use 1 for
   * inference.
   */
  passes?: number;
}

function product(values: readonly (number | null)[]): number {
  return values.reduce<number>((acc, v) => acc * (v ?? Number.NaN), 1);
}

/**
 * Floating-point operations of a model's conv and dense layers:
 *
 *   FLOPs = 2 · passes · batch · Σ_layers MACs,
 *   MACs(conv) = output positions · kernel taps · in channels · filters,
 *   MACs(dense) = output positions · in · units,
 *
 * read off each layer's `kernel` weight and output shape (rank-3 kernel: Conv1D and
 * CausalConv1D; rank-4: Conv2D; rank-2: Dense, with every non-batch axis but the last counted as
 * positions). Pooling, activations, biases, normalisation and the loss are not counted — they
 * are a few percent of these models' work. Strides and dilations are taken into account through
 * the output shape.
 *
 * @param model - a built `tf.LayersModel` with fixed input lengths.
 * @param options - {@link TrainingFlopsOptions}.
 * @returns FLOPs (one per add and one per multiply) for `batch` samples.
 * @throws RangeError if `batch` is not an integer ≥ 1, `passes` is not a finite number > 0, or a
 *   counted layer's output length is not fixed (`null` in its output shape).
 * @example
 * ```ts
 * // The paper's V.C model: 14.97 GFLOP per epoch of 3072 samples.
 * const gflop = trainingFlops(model, { batch: 3072 }) / 1e9;
 * ```
 */
export function trainingFlops(model: tf.LayersModel, options: TrainingFlopsOptions = {}): number {
  const batch = options.batch ?? 1;
  const passes = options.passes ?? 3;
  if (!Number.isInteger(batch) || batch < 1) {
    throw new RangeError(`batch must be an integer >= 1, got ${batch}`);
  }
  if (!Number.isFinite(passes) || passes <= 0) {
    throw new RangeError(`passes must be a finite number > 0, got ${passes}`);
  }
  let macs = 0;
  for (const layer of model.layers) {
    const kernel = layer.weights.find((w) => /(^|\/)kernel(_\d+)?$/.test(w.originalName));
    if (kernel === undefined || kernel.shape.length < 2) continue;
    const outputShape = layer.outputShape as (number | null)[];
    const positions = product(outputShape.slice(1, -1));
    if (!Number.isFinite(positions)) {
      throw new RangeError(
        `layer '${layer.name}' must have a fixed output length to count its FLOPs, got output shape ${JSON.stringify(outputShape)}`,
      );
    }
    macs += positions * product(kernel.shape);
  }
  return 2 * passes * batch * macs;
}
