import { type ExperimentName, experimentNames } from '@rectify/experiments/report';
import { UsageError } from './errors';

// The experiments `run` and `repro` know, in the order `repro` runs them.
export { type ExperimentName, experimentNames };

type ExperimentsModule = typeof import('@rectify/experiments') &
  typeof import('@rectify/experiments/node');

let loaded: Promise<ExperimentsModule> | undefined;

/**
 * Load `@rectify/experiments` (and with it tfjs) on first use only, so `analyze` and `--help`
 * start fast; its `./node` entry gives runs files (checkpoints, run directories) and worker threads.
 *
 * @returns the package's `.` and `./node` entries in one object.
 */
export function loadExperiments(): Promise<ExperimentsModule> {
  loaded ??= Promise.all([
    import('@rectify/experiments'),
    import('@rectify/experiments/node'),
  ]).then(([portable, node]) => ({ ...portable, ...node }));
  return loaded;
}

/**
 * Resolve and validate a config with experiments' `resolveConfig`: the preset, then the
 * `--config` file merged over it, then the `--set` assignments; or a saved config as it is.
 *
 * @param name - registry name.
 * @param saved - a config saved by an earlier run (used as is when given).
 * @param layers - preset name, file contents and `key=value` assignments.
 * @returns the validated config (the paper's defaults filled in).
 * @throws UsageError carrying the schema's message (field, rule, value) or naming the bad `--set`.
 */
export async function resolveConfig(
  name: ExperimentName,
  saved: Record<string, unknown> | undefined,
  layers: {
    preset?: 'quick' | 'paper';
    overrides?: Record<string, unknown> | undefined;
    assignments?: readonly string[];
  } = {},
): Promise<unknown> {
  const mod = await loadExperiments();
  try {
    return mod.resolveConfig(
      name,
      {
        ...(layers.preset ? { preset: layers.preset } : {}),
        ...(layers.overrides ? { overrides: layers.overrides } : {}),
        ...(layers.assignments ? { assignments: layers.assignments } : {}),
      },
      saved,
    );
  } catch (error) {
    if (error instanceof mod.AssignmentError)
      throw new UsageError(
        error.code === 'not-key-value'
          ? `--set must be key=value, got '${error.text}'`
          : error.code === 'reserved-key'
            ? `--set key must not name '${error.segment}' (no config field is called that), got '${error.text}'`
            : `--set key must be a dotted name, got '${error.text}'`,
      );
    // ConfigError is a RangeError: a config the schema rejects is a usage error.
    if (error instanceof RangeError || error instanceof TypeError)
      throw new UsageError(error.message);
    throw error;
  }
}
