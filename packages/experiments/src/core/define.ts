import type { UnitRecord } from './checkpoint';
import { parseConfig } from './config';
import {
  executeUnit,
  mergeRecords,
  prepareRun,
  type RunOptions,
  runExperiment,
  runUnits,
} from './runner';
import type { ExperimentDefinition } from './types';

/**
 * An experiment as users, the CLI and schedulers see it: the definition plus `run` and the
 * unit contract (list, run one, merge) that sharded runs build on.
 */
export interface Experiment<C, U, R> extends ExperimentDefinition<C, U, R> {
  /** Validates a partial config and fills the paper's defaults. @throws {ConfigError} */
  parseConfig(input: unknown): C;
  /** The config's independent units (a partial config is validated first), in a fixed order. @throws {ConfigError} */
  listUnits(input: unknown): string[];
  /**
   * Runs one unit (idempotent) and returns its record; with `checkpointDir` the record is
   * stored there atomically, and a stored one is returned without recomputing.
   */
  runUnit(input: unknown, unitId: string, options?: RunOptions): Promise<UnitRecord<U>>;
  /**
   * Merges unit records from any source (files written by shards) into the result a single
   * run gives. @throws {CheckpointMismatchError} for missing, duplicated or foreign units.
   */
  mergeUnits(
    input: unknown,
    records: readonly UnitRecord<U>[],
    options?: Pick<RunOptions, 'seed' | 'backend'>,
  ): R;
  /** Runs (or resumes) the whole experiment. */
  run(input: unknown, options?: RunOptions): Promise<R>;
}

/**
 * Turns a definition into an {@link Experiment}.
 *
 * @param def - schema, presets, units and merge.
 * @returns the experiment.
 */
export function defineExperiment<C, U, R>(def: ExperimentDefinition<C, U, R>): Experiment<C, U, R> {
  return {
    ...def,
    parseConfig: (input) => parseConfig(def.name, def.configSchema, input),
    listUnits: (config) => def.listUnits(parseConfig(def.name, def.configSchema, config)),
    async runUnit(input, unitId, options = {}) {
      const prepared = prepareRun(def, input, options);
      if (options.checkpointDir) {
        const [record] = await runUnits(def, prepared, [unitId], { ...options, workers: 1 });
        return record as UnitRecord<U>;
      }
      return executeUnit(def, prepared, unitId, options);
    },
    mergeUnits: (input, records, options = {}) =>
      mergeRecords(def, prepareRun(def, input, options), records),
    run: (input, options) => runExperiment(def, input, options),
  };
}
