/** What went wrong while importing a Keras file; see {@link KerasImportError}. */
export type KerasImportErrorCode =
  | 'not-hdf5'
  | 'truncated'
  | 'unreadable'
  | 'not-keras'
  | 'bad-config'
  | 'unsupported-layer'
  | 'unsupported-feature'
  | 'not-keras-archive'
  | 'weights-mismatch'
  | 'non-finite-weight';

/**
 * The error thrown by {@link loadKerasH5}, {@link loadKerasWeightsH5} and
 * {@link analyzeKerasModel} for a file that cannot be turned into a model: not HDF5, truncated,
 * no Keras content, a layer type without a tfjs counterpart, weights that do not fit, or
 * weights that are not finite (`non-finite-weight`, naming the file, layer and weight).
 * Bad arguments (wrong types, unknown layer names) throw `TypeError`/`RangeError` instead.
 *
 * @example
 * ```ts
 * try {
 *   await loadKerasH5('model.h5');
 * } catch (error) {
 *   if (error instanceof KerasImportError && error.code === 'unsupported-layer') {
 *     console.log(error.layerName, error.className); // 'attention', 'MultiHeadAttention'
 *   }
 * }
 * ```
 */
export class KerasImportError extends Error {
  /** Machine-readable kind of failure. */
  readonly code: KerasImportErrorCode;
  /** The Keras layer concerned (nested layers as `'block1/conv1d_2'`), when there is one. */
  readonly layerName: string | undefined;
  /** The Keras `class_name` of that layer, when there is one. */
  readonly className: string | undefined;
  /** The weight concerned, as the file names it (`'conv1d/kernel:0'`), when there is one. */
  readonly weightName: string | undefined;

  /**
   * @param code - kind of failure.
   * @param message - full human-readable explanation.
   * @param layer - the layer concerned, if any, and the weight concerned, if any.
   */
  constructor(
    code: KerasImportErrorCode,
    message: string,
    layer: { name?: string; className?: string; weightName?: string } = {},
  ) {
    super(message);
    this.name = 'KerasImportError';
    this.code = code;
    this.layerName = layer.name;
    this.className = layer.className;
    this.weightName = layer.weightName;
  }
}
