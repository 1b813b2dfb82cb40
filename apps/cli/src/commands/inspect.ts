import type { CliContext } from '../context';
import { UsageError } from '../errors';

/** Options of `rectify inspect` as commander hands them over (strings). */
export interface InspectOptions {
  layers?: string;
  heartRate?: string;
  tones?: string;
  fs?: string;
  upTo?: string;
  peaks: string;
  seed: string;
  json?: boolean;
}

/**
 * `rectify inspect <model>`: the per-layer spectral probe of a saved model.
 *
 * @param model - path of a Keras .h5 or a tfjs model.json.
 * @param options - the parsed flags.
 * @param context - streams.
 */
export async function inspectCommand(model: string, options: InspectOptions, context: CliContext): Promise<void> {
  void model;
  void options;
  void context;
  throw new UsageError('inspect is not available yet');
}
