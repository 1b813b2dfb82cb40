import * as tf from '@tensorflow/tfjs';
import { findLayer } from '../probes/conv-layers';

/** Options of {@link weightDistanceCallback}. */
export interface WeightDistanceOptions {
  /**
   * Names of the layers whose `kernel` to track (names, not indices: during `fit` a Sequential
   * model's callbacks see its inner model, whose layer list starts with the InputLayer). Default:
   * every layer whose class name contains `Conv` (CausalConv1D, Conv1D, Conv2D, …).
   */
  layers?: string[];
  /** Called after each epoch with that epoch's record. */
  onEpoch?: (record: WeightDistanceRecord) => void;
}

/** Distances after one epoch. */
export interface WeightDistanceRecord {
  /** Epoch number, counted from 1 across every `fit` this callback has seen. */
  epoch: number;
  /** Per tracked layer name: ‖W − W₀‖₂, the Frobenius norm of the kernel's change (units of the weights). */
  distances: Record<string, number>;
}

function kernelOf(layer: tf.layers.Layer): tf.LayerVariable {
  const kernel = layer.weights.find((w) => /(^|\/)kernel$/.test(w.originalName));
  if (!kernel)
    throw new RangeError(
      `layers must name layers with a kernel weight, got '${layer.name}' (${layer.getClassName()})`,
    );
  return kernel;
}

/**
 * A `fit` callback that records, after every epoch, the L2 (Frobenius) distance of each conv
 * kernel from its value when training began — the paper's V.C metric:
 *
 *     d_L(epoch) = ‖W_L(epoch) − W_L(0)‖₂ = sqrt(Σ (W − W₀)²)
 *
 * W₀ is taken at the first `onTrainBegin` this callback sees (so several `fit` calls accumulate),
 * or again after {@link WeightDistanceCallback.reset}.
 *
 * @example
 * ```ts
 * const distance = weightDistanceCallback();
 * await model.fit(x, y, { epochs: 60, callbacks: [distance] });
 * distance.history.at(-1)?.distances; // { conv1: 0.8, conv2: 1.3 }
 * ```
 */
export class WeightDistanceCallback extends tf.Callback {
  /** One record per finished epoch. */
  readonly history: WeightDistanceRecord[] = [];
  private readonly options: WeightDistanceOptions;
  private initial: Map<string, Float32Array> | null = null;

  /** @param options - see {@link WeightDistanceOptions}. */
  constructor(options: WeightDistanceOptions = {}) {
    super();
    if (
      options.layers !== undefined &&
      (!Array.isArray(options.layers) || options.layers.some((l) => typeof l !== 'string'))
    ) {
      throw new TypeError(`layers must be an array of layer names, got ${String(options.layers)}`);
    }
    this.options = options;
  }

  /** Forgets W₀ and the history; the next `fit` starts afresh. */
  reset(): void {
    this.initial = null;
    this.history.length = 0;
  }

  /** The kernels tracked, by layer name. */
  private trackedLayers(): tf.layers.Layer[] {
    const model = this.model;
    if (this.options.layers)
      return this.options.layers.map((ref) => model.layers[findLayer(model, ref, 'layers')]!);
    return model.layers.filter((l) => /Conv/.test(l.getClassName()) && l.weights.length > 0);
  }

  /** Snapshots W₀ (first time only). */
  override async onTrainBegin(): Promise<void> {
    if (this.initial) return;
    this.initial = new Map(
      this.trackedLayers().map((l) => [l.name, Float32Array.from(kernelOf(l).read().dataSync())]),
    );
  }

  /** Records the distances. */
  override async onEpochEnd(): Promise<void> {
    if (!this.initial) await this.onTrainBegin();
    const distances: Record<string, number> = {};
    for (const layer of this.trackedLayers()) {
      const start = this.initial!.get(layer.name);
      if (!start) continue;
      const now = kernelOf(layer).read().dataSync();
      let sum = 0;
      for (let i = 0; i < start.length; i++)
        sum += ((now[i] as number) - (start[i] as number)) ** 2;
      distances[layer.name] = Math.sqrt(sum);
    }
    const record = { epoch: this.history.length + 1, distances };
    this.history.push(record);
    this.options.onEpoch?.(record);
  }
}

/**
 * Creates a {@link WeightDistanceCallback} (‖W − W₀‖₂ of each conv kernel after every epoch).
 *
 * @param options - see {@link WeightDistanceOptions}.
 * @returns the callback; read `.history` after `fit`.
 * @throws TypeError when `layers` is not an array; RangeError (at the start of `fit`) for a layer
 *   that is unknown or has no kernel.
 * @example
 * ```ts
 * const cb = weightDistanceCallback({ layers: ['conv1', 'conv2'] });
 * ```
 */
export function weightDistanceCallback(
  options: WeightDistanceOptions = {},
): WeightDistanceCallback {
  return new WeightDistanceCallback(options);
}
