import { jsonSyntaxErrorPlace } from './json-place';
import { validateResult } from './result-schema';
import { type ExperimentName, experimentNames } from './types';

/** A result read from a file: its experiment, the parsed JSON, its format and notes. */
export interface ResultFile {
  /** File name (with its folder inside a chosen directory, when there is one). */
  source: string;
  /** The experiment that wrote it. */
  experiment: ExperimentName;
  /** The parsed result.json. */
  result: Record<string, unknown> & { claims?: unknown };
  /** The result.json format (1 when it has no `schemaVersion`). */
  version: number;
  /** What an older format lacks, to show beside it; empty for the current format. */
  notes: string[];
}

/** A file that is not a result, with the reason. */
export interface SkippedResultFile {
  /** File name, as given. */
  source: string;
  /** Names the file, the rule and what it holds instead. */
  reason: string;
}

/**
 * Reads one result file's text: JSON with an `experiment` field naming one of
 * {@link experimentNames} and a `claims` array, validated by `validateResult`. A `rectify repro`
 * folder holds other files too (chart specs, checkpoint unit records); those come back as
 * skipped with a reason instead of throwing, so a caller can open a whole folder. An older format
 * opens with notes; a newer or invalid one is skipped with a message that names the formats and
 * the problems.
 *
 * @param source - the file name, for messages.
 * @param text - the file's text (UTF-8 decoded).
 * @returns the result, or `{ source, reason }` (see {@link isResultFile}).
 * @throws TypeError when `source` or `text` is not a string.
 * @example
 * ```ts
 * const entry = parseResultText('minimal-dc/result.json', text);
 * if (isResultFile(entry)) console.log(entry.experiment, entry.version);
 * else console.warn(entry.reason);
 * ```
 */
export function parseResultText(source: string, text: string): ResultFile | SkippedResultFile {
  for (const [name, value] of [
    ['source', source],
    ['text', text],
  ] as const) {
    if (typeof value !== 'string')
      throw new TypeError(
        `${name} must be a string, got ${value === null ? 'null' : typeof value}`,
      );
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse's message quotes the file's bytes; only the place of the error is kept.
    return { source, reason: `${source} is not valid JSON${jsonSyntaxErrorPlace(text, error)}` };
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
    !(experimentNames as readonly string[]).includes(experiment)
  ) {
    return {
      source,
      reason: `${source}: experiment must be one of ${experimentNames.join(', ')}, got ${experiment === undefined ? 'no experiment field' : JSON.stringify(experiment)}`,
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
    result: value as ResultFile['result'],
    version: checked.version,
    notes: checked.notes,
  };
}

/**
 * True for what {@link parseResultText} returns on success.
 *
 * @param entry - a return value of {@link parseResultText}.
 * @returns whether it is a result (else it is skipped, with a reason).
 * @example
 * ```ts
 * const results = entries.filter(isResultFile);
 * ```
 */
export function isResultFile(entry: ResultFile | SkippedResultFile): entry is ResultFile {
  return 'experiment' in entry;
}
