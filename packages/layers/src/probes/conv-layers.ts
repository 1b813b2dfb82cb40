import type * as tf from '@tensorflow/tfjs';
import { CausalConv1D } from '../layers/causal-conv1d';

/** A 1-D convolution found in a model: its place, kernel and geometry. */
export interface ConvLayerInfo {
  /** The layer. */
  layer: tf.layers.Layer;
  /** Index in `model.layers`. */
  index: number;
  /** Kernel values, `[kernelSize][inChannels][filters]` row-major. */
  kernel: Float32Array;
  kernelSize: number;
  inChannels: number;
  filters: number;
  /** Spacing between taps (samples). */
  dilationRate: number;
}

function first(value: unknown, fallback: number): number {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'number' ? v : fallback;
}

/** Whether a layer is a 1-D convolution (this package's CausalConv1D or tfjs's Conv1D). */
export function isConv1D(layer: tf.layers.Layer): boolean {
  return layer instanceof CausalConv1D || layer.getClassName() === 'Conv1D';
}

/** Reads a built 1-D conv layer's kernel and geometry. */
export function convLayerInfo(layer: tf.layers.Layer, index: number): ConvLayerInfo {
  const kernelWeight = layer.weights.find((w) => /(^|\/)kernel$/.test(w.originalName));
  if (!kernelWeight) {
    throw new RangeError(`layer ${layer.name} has no kernel weight; is the model built?`);
  }
  const [kernelSize, inChannels, filters] = kernelWeight.shape as [number, number, number];
  const dilationRate =
    layer instanceof CausalConv1D
      ? layer.config.dilationRate
      : first(layer.getConfig().dilationRate, 1);
  return {
    layer,
    index,
    kernel: Float32Array.from(kernelWeight.read().dataSync()),
    kernelSize,
    inChannels,
    filters,
    dilationRate,
  };
}

/**
 * Resolves a layer reference (name or index into `model.layers`).
 *
 * @throws RangeError for an unknown name or an index out of range.
 */
export function findLayer(model: tf.LayersModel, ref: string | number, param: string): number {
  if (typeof ref === 'number') {
    if (!Number.isInteger(ref) || ref < 0 || ref >= model.layers.length) {
      throw new RangeError(
        `${param} must hold layer names or indices in [0, ${model.layers.length - 1}], got ${ref}`,
      );
    }
    return ref;
  }
  const index = model.layers.findIndex((l) => l.name === ref);
  if (index < 0) {
    throw new RangeError(
      `${param} must hold layer names of the model (${model.layers.map((l) => l.name).join(', ')}), got '${String(ref)}'`,
    );
  }
  return index;
}
