import {
  PlotError,
  type VegaLiteSpec,
  writePlot as writePlotFile,
} from '@rectify/experiments/node/plot';
import { InterruptedError, RuntimeError, UsageError } from '../errors';

/**
 * Writes `--plot` (experiments' `writePlot`: `.svg` or `.png` by the extension, parents made,
 * atomically) with its errors in the command's words.
 *
 * @param path - the `--plot` path.
 * @param spec - the Vega-Lite spec.
 * @param signal - when it has fired by the time the plot is rendered, nothing is written.
 * @throws UsageError for another extension; RuntimeError when the file cannot be written;
 *   InterruptedError when `signal` fired.
 */
export async function writePlot(
  path: string,
  spec: VegaLiteSpec,
  signal?: AbortSignal,
): Promise<void> {
  try {
    await writePlotFile(path, spec, signal);
  } catch (error) {
    if (!(error instanceof PlotError)) throw error;
    if (error.code === 'extension')
      throw new UsageError(`--plot must end in .svg or .png, got '${path}'`);
    if (error.code === 'aborted')
      throw new InterruptedError(`interrupted (Ctrl-C); '${path}' not written`);
    throw new RuntimeError(error.message);
  }
}
