import { UsageError } from './errors';
import type { ProgressEvent } from './progress';
import { applyAssignments } from './parse';

/** The experiments `run` and `repro` know, in the order `repro` runs them. */
export const EXPERIMENT_NAMES = [
  'approximation',
  'example-networks',
  'real-world',
  'dc-ablation',
  'minimal-dc',
] as const;

/** One of {@link EXPERIMENT_NAMES}. */
export type ExperimentName = (typeof EXPERIMENT_NAMES)[number];

type ExperimentsModule = typeof import('@rectify/experiments');

let loaded: Promise<ExperimentsModule> | undefined;

/**
 * Load `@rectify/experiments` (and with it tfjs) on first use only, so `analyze` and `--help`
 * start fast.
 *
 * @returns the package's entry point.
 */
export function loadExperiments(): Promise<ExperimentsModule> {
  loaded ??= import('@rectify/experiments');
  return loaded;
}

interface ExperimentEntry {
  presets: { quick: unknown; paper: unknown };
  parseConfig(input: unknown): unknown;
  run(input: unknown, options?: Record<string, unknown>): Promise<unknown>;
}

/**
 * The registry entry of an experiment.
 *
 * @param name - registry name.
 * @returns the experiment.
 * @throws UsageError when this build's registry lacks it.
 */
export async function getExperiment(name: ExperimentName): Promise<ExperimentEntry> {
  const { experiments } = await loadExperiments();
  const entry = (experiments as Record<string, ExperimentEntry | undefined>)[name];
  if (!entry) {
    throw new UsageError(
      `experiment '${name}' is not available in this build of @rectify/experiments (has ${Object.keys(experiments).join(', ')})`,
    );
  }
  return entry;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function deepMerge(
  base: Record<string, unknown>,
  over: Record<string, unknown>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = isPlainObject(b) && isPlainObject(v) ? deepMerge(b, v) : v;
  }
  return out;
}

/**
 * Resolve and validate a config: the preset, then the `--config` file merged over it, then the
 * `--set` assignments; or a saved config as it is.
 *
 * @param name - registry name.
 * @param saved - a config saved by an earlier run (used as is when given).
 * @param layers - preset name, file contents and `key=value` assignments.
 * @returns the validated config (the paper's defaults filled in).
 * @throws UsageError carrying the schema's message (field, rule, value) when invalid.
 */
export async function resolveConfig(
  name: ExperimentName,
  saved: Record<string, unknown> | undefined,
  layers: {
    preset?: 'quick' | 'paper';
    overrides?: Record<string, unknown>;
    assignments?: readonly string[];
  } = {},
): Promise<unknown> {
  const exp = await getExperiment(name);
  let input: Record<string, unknown>;
  if (saved) input = saved;
  else {
    const base = structuredClone(exp.presets[layers.preset ?? 'quick']) as Record<string, unknown>;
    input = applyAssignments(deepMerge(base, layers.overrides ?? {}), layers.assignments ?? []);
  }
  try {
    return exp.parseConfig(input);
  } catch (error) {
    // ConfigError is a RangeError: a config the schema rejects is a usage error.
    if (error instanceof RangeError || error instanceof TypeError)
      throw new UsageError(error.message);
    throw error;
  }
}

/** Options `runExperiment` passes through to the experiment's `run`. */
export interface RunExperimentOptions {
  seed: number;
  workers?: number;
  signal: AbortSignal;
  checkpointDir: string;
  onProgress: (event: ProgressEvent) => void;
}

/**
 * Run (or resume from `checkpointDir`) one experiment.
 *
 * @param name - registry name.
 * @param config - a validated config.
 * @param options - seed, workers, abort signal, checkpoint directory, progress callback.
 * @returns the JSON-serialisable result.
 */
export async function runExperiment(
  name: ExperimentName,
  config: unknown,
  options: RunExperimentOptions,
): Promise<Record<string, unknown>> {
  const exp = await getExperiment(name);
  return (await exp.run(config, { ...options })) as Record<string, unknown>;
}

/**
 * The Vega-Lite charts of a result, from the experiments package's report module.
 *
 * @param name - registry name.
 * @param result - the result.
 * @returns whatever `resultCharts` returns (normalised by the caller).
 */
export async function chartsFor(name: ExperimentName, result: unknown): Promise<unknown> {
  const mod = (await loadExperiments()) as unknown as {
    resultCharts?: (n: string, r: unknown) => unknown;
  };
  return mod.resultCharts ? mod.resultCharts(name, result) : [];
}
