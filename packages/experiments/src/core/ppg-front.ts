import { type CausalConv1DArgs, causalConv1d } from '@rectify/layers';
import * as tf from '@tensorflow/tfjs';

/** One block of the paper's V.B conv front: its filters and its pooling size. */
export interface PpgBlock {
  /** Filters of each of the block's three convolutions. */
  filters: number;
  /** AveragePooling1D pool size after them. */
  pool: number;
}

/** The paper's V.B blocks, in order (32/48/64 filters, pools 4/2/2). */
export const PPG_BLOCKS: readonly PpgBlock[] = [
  { filters: 32, pool: 4 },
  { filters: 48, pool: 2 },
  { filters: 64, pool: 2 },
];

/**
 * Appends the paper's V.B conv blocks to `h`: per block, three causal Conv1D(kernel 5, dilation
 * 2, ReLU) named `block<b>_conv<c>`, then AveragePooling1D and Dropout(0.5) (`block<b>_pool`,
 * `block<b>_dropout`). Layers are made in that order, so seeded initializers give the same
 * weights whoever builds the front.
 *
 * @param h - the tensor to build on (the model's input).
 * @param blocks - the blocks to build, e.g. `PPG_BLOCKS.slice(0, 2)`.
 * @param init - the initializer arguments of the convolution called `name`.
 * @returns the last block's output.
 */
export function appendPpgBlocks(
  h: tf.SymbolicTensor,
  blocks: readonly PpgBlock[],
  init: (name: string) => Pick<CausalConv1DArgs, 'kernelInitializer' | 'biasInitializer'>,
): tf.SymbolicTensor {
  let out = h;
  blocks.forEach((block, b) => {
    for (let c = 1; c <= 3; c++) {
      const name = `block${b + 1}_conv${c}`;
      out = causalConv1d({
        name,
        filters: block.filters,
        kernelSize: 5,
        dilationRate: 2,
        activation: 'relu',
        ...init(name),
      }).apply(out) as tf.SymbolicTensor;
    }
    out = tf.layers
      .averagePooling1d({ poolSize: block.pool, name: `block${b + 1}_pool` })
      .apply(out) as tf.SymbolicTensor;
    out = tf.layers
      .dropout({ rate: 0.5, name: `block${b + 1}_dropout` })
      .apply(out) as tf.SymbolicTensor;
  });
  return out;
}
