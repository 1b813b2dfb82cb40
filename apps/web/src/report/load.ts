import { type ExperimentName, validateResult } from '@rectify/experiments';

/** The experiments a result file can come from. */
export const EXPERIMENT_NAMES: readonly ExperimentName[] = [
  'approximation',
  'example-networks',
  'real-world',
  'dc-ablation',
  'minimal-dc',
  'dc-in-trained-models',
];

/** A result read from a file: its experiment, the parsed JSON and where it came from. */
export interface LoadedResult {
  /** File name (with its folder inside a chosen directory, when there is one). */
  source: string;
  experiment: ExperimentName;
  result: Record<string, unknown> & { claims?: unknown };
  /** The result.json format (1 when it has no `schemaVersion`). */
  version: number;
  /** What an older format lacks, shown beside it; empty for the current format. */
  notes: string[];
}

/** Why a file was not shown. */
export interface SkippedFile {
  source: string;
  reason: string;
}

/**
 * Reads one result: JSON with an `experiment` field naming one of the paper's experiments. A
 * `rectify repro` folder holds other files too (specs, SVGs, checkpoints); those are skipped
 * with a reason instead of failing the whole folder. The result is validated against
 * result.schema.json: an older format opens with a note, a newer or invalid one is skipped with
 * a message that names the formats and the problems.
 */
export function parseResult(source: string, text: string): LoadedResult | SkippedFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return {
      source,
      reason: `${source} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      source,
      reason: `${source} must hold a JSON object (a result), got ${Array.isArray(value) ? 'an array' : typeof value}`,
    };
  }
  const experiment = (value as { experiment?: unknown }).experiment;
  if (
    typeof experiment !== 'string' ||
    !(EXPERIMENT_NAMES as readonly string[]).includes(experiment)
  ) {
    return {
      source,
      reason: `${source}: experiment must be one of ${EXPERIMENT_NAMES.join(', ')}, got ${experiment === undefined ? 'no experiment field' : JSON.stringify(experiment)}`,
    };
  }
  if ('unitId' in value || !Array.isArray((value as { claims?: unknown }).claims)) {
    return {
      source,
      reason: `${source}: a result must hold a claims array, got ${'unitId' in value ? 'a checkpoint unit record' : 'none'}`,
    };
  }
  let checked: ReturnType<typeof validateResult>;
  try {
    checked = validateResult(value, source);
  } catch (error) {
    return { source, reason: error instanceof Error ? error.message : String(error) };
  }
  return {
    source,
    experiment: experiment as ExperimentName,
    result: value as LoadedResult['result'],
    version: checked.version,
    notes: checked.notes,
  };
}

/** True for what {@link parseResult} returns on success. */
export function isLoaded(entry: LoadedResult | SkippedFile): entry is LoadedResult {
  return 'experiment' in entry;
}
