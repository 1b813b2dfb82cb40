import { complexAbs, freqz } from '@rectify/signal';
import type * as tf from '@tensorflow/tfjs';
import { type ConvLayerInfo, convLayerInfo, findLayer, isConv1D } from './conv-layers';

/**
 * Which taps go into freqz.
 * - `'kernel'`: the kernel column as stored, `b = kernel[:, in, out]` — the authors'
 *   `get_conv_freq_response`.
 * - `'filter'`: the causal FIR the layer computes, `b[(k − 1 − j)·d] = kernel[j, in, out]` (kernel
 *   reversed in time, d − 1 zeros between taps): the response of `CausalConv1D` exactly, phase
 *   included. Both give the same magnitude when the dilation is 1.
 */
export type ResponseConvention = 'kernel' | 'filter';

/** Options of {@link convFrequencyResponse}. */
export interface ConvFrequencyResponseOptions {
  /** Conv layers to report (names or indices into `model.layers`). Default: every 1-D conv layer. */
  layers?: (string | number)[];
  /** Number of frequencies from 0 up to (not including) fs/2, integer ≥ 1. Default 512 (scipy's). */
  worN?: number;
  /** Sampling rate (Hz); frequencies come back in its units. Default 2π (rad/sample), like scipy. */
  fs?: number;
  /** Input channel the composite starts from (integer, 0-based). Default 0. */
  inputChannel?: number;
  /** See {@link ResponseConvention}. Default `'kernel'`. */
  convention?: ResponseConvention;
}

/** The composite frequency response after one conv layer. */
export interface ConvLayerResponse {
  /** The layer's name. */
  layerName: string;
  /** Its index in `model.layers`. */
  layerIndex: number;
  /** Its position in the stack of conv layers (1 = first conv). */
  depth: number;
  /** Frequencies (units of `fs`). */
  w: Float64Array;
  /** Per output channel: the complex composite response, interleaved [re, im, …]. */
  h: Float64Array[];
  /** Per output channel: |h| (dimensionless gain). */
  magnitude: Float64Array[];
}

function taps(info: ConvLayerInfo, input: number, output: number, convention: ResponseConvention) {
  const { kernel, kernelSize, inChannels, filters, dilationRate } = info;
  const at = (j: number) => kernel[(j * inChannels + input) * filters + output] as number;
  if (convention === 'kernel') return Float64Array.from({ length: kernelSize }, (_, j) => at(j));
  const b = new Float64Array((kernelSize - 1) * dilationRate + 1);
  for (let j = 0; j < kernelSize; j++) b[(kernelSize - 1 - j) * dilationRate] = at(j);
  return b;
}

/**
 * Composite frequency response of a model's stack of 1-D convolutions, per conv layer and output
 * channel, activations and other layers ignored (the paper's linear view of the filters):
 *
 *     H_1[o](f) = freqz(kernel_1[:, c, o])(f)                     (c = inputChannel)
 *     H_L[o](f) = Σ_i freqz(kernel_L[:, i, o])(f) · H_{L−1}[i](f)
 *
 * using `@rectify/signal`'s scipy-compatible `freqz`. Each conv layer's input channels must equal
 * the previous conv layer's filters. Strides are ignored (the response before decimation).
 *
 * @param model - a built model with `CausalConv1D` and/or tfjs `Conv1D` layers.
 * @param options - see {@link ConvFrequencyResponseOptions}.
 * @returns one entry per reported conv layer, in model order.
 * @throws RangeError for an unknown or non-conv layer, bad worN/fs/inputChannel/convention, a
 *   model without conv layers, or channels that do not chain.
 * @example
 * ```ts
 * const [first] = convFrequencyResponse(model, { worN: 256, fs: 32 });
 * first.magnitude[0]; // |H(f)| of filter 0 at first.w (Hz)
 * ```
 */
export function convFrequencyResponse(
  model: tf.LayersModel,
  options: ConvFrequencyResponseOptions = {},
): ConvLayerResponse[] {
  const worN = options.worN ?? 512;
  if (!Number.isInteger(worN) || worN < 1) {
    throw new RangeError(`worN must be an integer >= 1, got ${String(worN)}`);
  }
  const fs = options.fs ?? 2 * Math.PI;
  if (typeof fs !== 'number' || !Number.isFinite(fs) || fs <= 0) {
    throw new RangeError(`fs must be a finite number > 0, got ${String(fs)}`);
  }
  const convention = options.convention ?? 'kernel';
  if (convention !== 'kernel' && convention !== 'filter') {
    throw new RangeError(`convention must be 'kernel' or 'filter', got '${String(convention)}'`);
  }
  const convIndices = model.layers.flatMap((l, i) => (isConv1D(l) ? [i] : []));
  if (convIndices.length === 0)
    throw new RangeError('model must contain at least one Conv1D or CausalConv1D layer, got none');
  const wanted = new Set(
    (options.layers ?? convIndices).map((ref) => {
      const index = findLayer(model, ref, 'layers');
      if (!convIndices.includes(index)) {
        throw new RangeError(
          `layers must name Conv1D/CausalConv1D layers, got '${model.layers[index]!.name}' (${model.layers[index]!.getClassName()})`,
        );
      }
      return index;
    }),
  );
  const last = Math.max(...wanted);
  const inputChannel = options.inputChannel ?? 0;
  let previous: Float64Array[] | null = null;
  let w: Float64Array = new Float64Array(0);
  const results: ConvLayerResponse[] = [];
  for (const [depth, index] of convIndices.entries()) {
    if (index > last) break;
    const info = convLayerInfo(model.layers[index]!, index);
    if (previous === null) {
      if (!Number.isInteger(inputChannel) || inputChannel < 0 || inputChannel >= info.inChannels) {
        throw new RangeError(
          `inputChannel must be an integer in [0, ${info.inChannels - 1}], got ${String(inputChannel)}`,
        );
      }
    } else if (previous.length !== info.inChannels) {
      throw new RangeError(
        `conv layers must chain: ${info.layer.name} has ${info.inChannels} input channels but the previous conv layer has ${previous.length} filters`,
      );
    }
    const current: Float64Array[] = [];
    for (let o = 0; o < info.filters; o++) {
      if (previous === null) {
        const r = freqz(taps(info, inputChannel, o, convention), [1], { worN, fs });
        w = r.w;
        current.push(r.h);
        continue;
      }
      const sum = new Float64Array(2 * worN);
      for (let i = 0; i < info.inChannels; i++) {
        const { h } = freqz(taps(info, i, o, convention), [1], { worN, fs });
        const prev = previous[i]!;
        for (let k = 0; k < worN; k++) {
          const ar = h[2 * k]!;
          const ai = h[2 * k + 1]!;
          const br = prev[2 * k]!;
          const bi = prev[2 * k + 1]!;
          sum[2 * k] = sum[2 * k]! + ar * br - ai * bi;
          sum[2 * k + 1] = sum[2 * k + 1]! + ar * bi + ai * br;
        }
      }
      current.push(sum);
    }
    if (wanted.has(index)) {
      results.push({
        layerName: info.layer.name,
        layerIndex: index,
        depth: depth + 1,
        w,
        h: current,
        magnitude: current.map((h) => complexAbs(h)),
      });
    }
    previous = current;
  }
  return results;
}
