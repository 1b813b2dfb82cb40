import { RuntimeError, UsageError } from './errors';

type LayersNode = typeof import('@rectify/layers/node');

/**
 * Refuses a model file layers' `checkModelFile` rejects, before any other work: a missing file
 * or a non-file is a runtime error, an unknown extension a usage error.
 *
 * @param nodePkg - `@rectify/layers/node`.
 * @param model - the model argument.
 * @throws RuntimeError or UsageError naming the file.
 */
export function checkModel(nodePkg: LayersNode, model: string): void {
  try {
    nodePkg.checkModelFile(model);
  } catch (error) {
    if (!(error instanceof nodePkg.ModelFileError)) throw error;
    throw error.code === 'unreadable'
      ? new RuntimeError(error.message)
      : new UsageError(error.message);
  }
}

/**
 * Loads a saved model (layers' `loadModelFile`: `.keras`, `.h5` or a tfjs `model.json`) for
 * `inspect` and `ablate`, with the loaders' typed errors in the command's words.
 *
 * @param nodePkg - `@rectify/layers/node`.
 * @param model - the model argument.
 * @param upTo - `--up-to`: build a Keras model only up to this layer.
 * @returns the model and the layers not built.
 * @throws UsageError for `--up-to` on a tfjs model or a bad argument; RuntimeError naming the
 *   file, the loader's code and the layer or weight concerned for a file it cannot read.
 */
export async function loadModel(
  nodePkg: LayersNode,
  model: string,
  upTo?: string,
): Promise<import('@rectify/layers/node').LoadedModelFile> {
  const kerasPkg = await import('@rectify/layers/keras');
  try {
    return await nodePkg.loadModelFile(model, upTo !== undefined ? { upTo } : {});
  } catch (error) {
    if (error instanceof nodePkg.ModelFileError && error.code === 'up-to-keras-only')
      throw new UsageError('--up-to applies to Keras .keras/.h5 models only');
    if (error instanceof kerasPkg.KerasImportError || error instanceof nodePkg.ModelIOError)
      throw new RuntimeError(loaderMessage(model, error));
    if (error instanceof RangeError) throw new UsageError(error.message);
    throw new RuntimeError(
      `model '${model}' cannot be loaded: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * A model loader's typed error as one line, chosen by its class and `code` (never by its
 * message): the file, the kind, and the layer and weight concerned where the loader names them.
 */
function loaderMessage(
  model: string,
  error: Error & {
    code: string;
    layerName?: string | undefined;
    weightName?: string | undefined;
    file?: string | undefined;
  },
): string {
  // The loader speaks in API options; name the CLI flag instead.
  const text = error.message.replace(/Pass \{ upTo: '([^']+)' \}/, 'Pass --up-to $1');
  const where = [
    error.code,
    error.file !== undefined && !text.includes(error.file) ? `file '${error.file}'` : '',
    error.layerName !== undefined && !text.includes(error.layerName)
      ? `layer '${error.layerName}'`
      : '',
    error.weightName !== undefined && !text.includes(error.weightName)
      ? `weight '${error.weightName}'`
      : '',
  ].filter((w) => w !== '');
  return `model '${model}' cannot be loaded: ${text} [${where.join(', ')}]`;
}
