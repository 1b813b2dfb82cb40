import { ensureBackend } from './backend';
import type { RunManifest, UnitRecord } from './checkpoint';
import { parseConfig } from './config';
import { CheckpointMismatchError, RunAbortedError, throwIfAborted } from './errors';
import { configHash } from './hash';
import { runPlatform } from './platform';
import { RESULT_SCHEMA_VERSION } from './result-schema';
import type {
  BackendRequest,
  ExperimentDefinition,
  Progress,
  ResultMeta,
  UnitContext,
} from './types';
import { collectVersions } from './versions';

/** Options of `run` for every experiment. */
export interface RunOptions {
  /** Seed of every random draw (integer in [0, 2³²)); default 0. */
  seed?: number;
  /** Called on every unit start, step (epoch), finish and resume. */
  onProgress?: (progress: Progress) => void;
  /** Stops the run: serial units stop at the next step, worker threads are terminated. */
  signal?: AbortSignal;
  /**
   * Directory for checkpoints; finished units and epoch blocks found there are reused. Needs a
   * file system: `@rectify/experiments/node`.
   */
  checkpointDir?: string;
  /**
   * Worker threads for independent units; 1 runs in this thread. Default: the number of cores
   * with `@rectify/experiments/node`, else 1; more than 1 needs `@rectify/experiments/node`.
   */
  workers?: number;
  /** tfjs backend; default `'auto'` (wasm in Node). */
  backend?: BackendRequest;
  /** Save partial (epoch-block) state every this many epochs; default 5. */
  checkpointEvery?: number;
  /** The bundled worker script; default `dist/worker.js` of this package. */
  workerUrl?: URL;
}

/** A run's identity after validation. */
export interface PreparedRun<C> {
  /** Validated config. */
  config: C;
  /** Seed. */
  seed: number;
  /** Backend name units run on (`'none'` without tfjs). */
  backend: string;
  /** configHash(experiment, config, seed, backend). */
  configHash: string;
  /** Every unit of the config, in order. */
  unitIds: string[];
}

/** The seeds a run accepts: integers in [0, 2^32 − 1] (the seeded generators take 32 bits). */
export const seedRange = { min: 0, max: 0xffffffff } as const;

function checkSeed(seed: unknown): number {
  if (
    typeof seed !== 'number' ||
    !Number.isInteger(seed) ||
    seed < seedRange.min ||
    seed > seedRange.max
  ) {
    throw new RangeError(
      `seed must be an integer in [${seedRange.min}, ${seedRange.max}], got ${String(seed)}`,
    );
  }
  return seed;
}

function backendName(usesTf: boolean, request: BackendRequest): string {
  if (request !== 'auto' && request !== 'wasm' && request !== 'cpu') {
    throw new RangeError(`backend must be one of auto, wasm, cpu, got ${JSON.stringify(request)}`);
  }
  if (!usesTf) return 'none';
  return request === 'cpu' ? 'cpu' : 'wasm';
}

/**
 * Validates config, seed and backend and derives the run's hash and units.
 *
 * @param def - the experiment.
 * @param input - a partial config (`{}` = paper).
 * @param options - seed and backend.
 * @returns the prepared run.
 * @throws {ConfigError} for an invalid config; {RangeError} for a bad seed or backend.
 */
export function prepareRun<C, U, R>(
  def: ExperimentDefinition<C, U, R>,
  input: unknown,
  options: Pick<RunOptions, 'seed' | 'backend'> = {},
): PreparedRun<C> {
  const config = parseConfig(def.name, def.configSchema, input);
  const seed = checkSeed(options.seed ?? 0);
  const backend = backendName(def.usesTf, options.backend ?? 'auto');
  return {
    config,
    seed,
    backend,
    configHash: configHash(def.name, config, seed, backend),
    unitIds: def.listUnits(config),
  };
}

/**
 * Runs one unit in this thread and wraps its output in a {@link UnitRecord}. Idempotent: the
 * output depends only on (experiment, config, unit id, seed, backend).
 *
 * @param def - the experiment.
 * @param prepared - from {@link prepareRun}.
 * @param unitId - one of `prepared.unitIds`.
 * @param options - signal, step callback, checkpoint directory for epoch blocks.
 * @returns the record to store or merge.
 * @throws {RangeError} for an unknown unit id; {RunAbortedError} when aborted; {PlatformError}
 *   for a `checkpointDir` on a platform without files.
 */
export async function executeUnit<C, U, R>(
  def: ExperimentDefinition<C, U, R>,
  prepared: PreparedRun<C>,
  unitId: string,
  options: {
    signal?: AbortSignal;
    onStep?: UnitContext['onStep'];
    checkpointDir?: string;
    checkpointEvery?: number;
    backend?: BackendRequest;
  } = {},
): Promise<UnitRecord<U>> {
  if (!prepared.unitIds.includes(unitId)) {
    throw new RangeError(
      `unitId must be one of the config's ${prepared.unitIds.length} units (${prepared.unitIds.slice(0, 3).join(', ')}, …), got ${JSON.stringify(unitId)}`,
    );
  }
  let backend = 'none';
  if (def.usesTf) {
    backend = await ensureBackend(options.backend ?? (prepared.backend as BackendRequest));
    if (backend !== prepared.backend) {
      throw new Error(`backend ${prepared.backend} was asked for but ${backend} is active`);
    }
  }
  const computed = await def.computeUnit(prepared.config, unitId, {
    seed: prepared.seed,
    backend,
    signal: options.signal,
    onStep: options.onStep,
    partial: options.checkpointDir
      ? runPlatform().partialStore(options.checkpointDir, unitId)
      : undefined,
    checkpointEvery: options.checkpointEvery,
  });
  // A JSON round trip here makes in-thread, worker and checkpointed outputs the same values
  // (typed arrays → arrays, −0 → 0, undefined fields dropped).
  const output = JSON.parse(JSON.stringify(computed)) as U;
  return {
    format: 1,
    experiment: def.name,
    unitId,
    configHash: prepared.configHash,
    backend,
    versions: collectVersions(),
    output,
  };
}

/**
 * Merges unit records into a result: checks that every unit of the config is present exactly
 * once with this run's hash, backend and versions, then calls the experiment's `merge`.
 *
 * @param def - the experiment.
 * @param prepared - from {@link prepareRun}.
 * @param records - the finished units, in any order.
 * @returns the result with its metadata.
 * @throws {CheckpointMismatchError} for a foreign, duplicated or missing unit.
 */
export function mergeRecords<C, U, R>(
  def: ExperimentDefinition<C, U, R>,
  prepared: PreparedRun<C>,
  records: readonly UnitRecord<U>[],
): R {
  const byId: Record<string, U> = {};
  const versions = collectVersions();
  for (const record of records) {
    if (record.configHash !== prepared.configHash || record.experiment !== def.name) {
      throw new CheckpointMismatchError(
        `unit ${record.unitId} belongs to another run (config hash ${String(record.configHash).slice(0, 12)}…, this run ${prepared.configHash.slice(0, 12)}…)`,
      );
    }
    if (record.unitId in byId)
      throw new CheckpointMismatchError(`unit ${record.unitId} appears twice`);
    if (JSON.stringify(record.versions) !== JSON.stringify(versions)) {
      throw new CheckpointMismatchError(
        `unit ${record.unitId} was computed by other versions (${JSON.stringify(record.versions)}) than this run's (${JSON.stringify(versions)})`,
      );
    }
    byId[record.unitId] = record.output;
  }
  const missing = prepared.unitIds.filter((id) => !(id in byId));
  if (missing.length) {
    throw new CheckpointMismatchError(
      `${missing.length} of ${prepared.unitIds.length} units missing: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
    );
  }
  const extra = Object.keys(byId).filter((id) => !prepared.unitIds.includes(id));
  if (extra.length)
    throw new CheckpointMismatchError(`units not in this config: ${extra.join(', ')}`);
  const ordered: Record<string, U> = {};
  for (const id of prepared.unitIds) ordered[id] = byId[id] as U;
  const meta: ResultMeta = {
    experiment: def.name,
    config: prepared.config,
    seed: prepared.seed,
    backend: prepared.backend,
    versions,
    configHash: prepared.configHash,
    units: prepared.unitIds.length,
    schemaVersion: RESULT_SCHEMA_VERSION,
    provenance: { standIn: false, notes: [] },
  };
  return { ...meta, ...def.merge(prepared.config, ordered, { seed: prepared.seed }) } as R;
}

/**
 * Runs the given units of a prepared run (all of them by default), reusing finished units found
 * in the checkpoint directory and storing each new one atomically as soon as it finishes.
 * Independent units run on worker threads when `workers > 1`.
 *
 * @param def - the experiment.
 * @param prepared - from {@link prepareRun}.
 * @param unitIds - the units to run (e.g. one shard's); default all.
 * @param options - run options.
 * @returns the records of `unitIds`, in their order.
 * @throws {RunAbortedError} when aborted; {CheckpointMismatchError} for a foreign checkpoint;
 *   {PlatformError} for a `checkpointDir` or `workers > 1` the platform cannot provide.
 */
export async function runUnits<C, U, R>(
  def: ExperimentDefinition<C, U, R>,
  prepared: PreparedRun<C>,
  unitIds: readonly string[] = prepared.unitIds,
  options: RunOptions = {},
): Promise<UnitRecord<U>[]> {
  const { signal, onProgress, checkpointDir } = options;
  throwIfAborted(signal);
  const platform = runPlatform();
  const requested = options.workers ?? platform.defaultWorkerCount();
  if (!Number.isInteger(requested) || requested < 1) {
    throw new RangeError(`workers must be an integer ≥ 1, got ${String(options.workers)}`);
  }
  const manifest: RunManifest = {
    format: 1,
    experiment: def.name,
    configHash: prepared.configHash,
    config: prepared.config,
    seed: prepared.seed,
    backend: prepared.backend,
  };
  const store = checkpointDir ? platform.openStore(checkpointDir, manifest) : undefined;
  const records = new Map<string, UnitRecord<U>>();
  let done = 0;
  const total = unitIds.length;
  const emit = (p: Omit<Progress, 'experiment' | 'unitsDone' | 'unitsTotal'>) =>
    onProgress?.({ experiment: def.name, unitsDone: done, unitsTotal: total, ...p });
  for (const id of unitIds) {
    const stored = store?.loadUnit<U>(id);
    if (stored) {
      records.set(id, stored);
      done += 1;
      emit({ kind: 'unit-resumed', unitId: id });
    }
  }
  const pending = unitIds.filter((id) => !records.has(id));
  const finish = (record: UnitRecord<U>) => {
    store?.saveUnit(record);
    records.set(record.unitId, record);
    done += 1;
    emit({ kind: 'unit-done', unitId: record.unitId });
  };
  const workers = Math.min(requested, pending.length);
  if (workers <= 1) {
    for (const id of pending) {
      throwIfAborted(signal);
      emit({ kind: 'unit-start', unitId: id });
      const record = await executeUnit(def, prepared, id, {
        signal,
        checkpointDir,
        checkpointEvery: options.checkpointEvery,
        backend: options.backend,
        onStep: (step, steps, metrics) =>
          emit({ kind: 'unit-step', unitId: id, step, steps, metrics }),
      });
      finish(record);
    }
  } else {
    const pool = platform.createPool(workers, options.workerUrl);
    const onAbort = () => void pool.terminate(new RunAbortedError(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      await Promise.all(
        pending.map(async (id) => {
          const record = (await pool.run(
            {
              experiment: def.name,
              config: prepared.config,
              unitId: id,
              seed: prepared.seed,
              backend: options.backend ?? 'auto',
              configHash: prepared.configHash,
              checkpointDir,
              checkpointEvery: options.checkpointEvery,
            },
            (step, steps, metrics) => emit({ kind: 'unit-step', unitId: id, step, steps, metrics }),
          )) as UnitRecord<U>;
          if (record.configHash !== prepared.configHash) {
            throw new CheckpointMismatchError(`worker computed unit ${id} for another config hash`);
          }
          finish(record);
        }),
      );
    } catch (error) {
      await pool.terminate(error instanceof Error ? error : new Error(String(error)));
      // A thread stopped between writing a temporary file and renaming it leaves that file.
      store?.discardTemporaryFiles?.();
      if (signal?.aborted) throw new RunAbortedError(signal.reason);
      throw error;
    } finally {
      signal?.removeEventListener('abort', onAbort);
      await pool.terminate();
    }
  }
  return unitIds.map((id) => records.get(id) as UnitRecord<U>);
}

/**
 * Runs a whole experiment: validate, run (or resume) every unit, merge.
 *
 * @param def - the experiment.
 * @param input - a partial config (`{}` = the paper's parameters).
 * @param options - seed, progress, abort, checkpoints, workers, backend.
 * @returns the typed, JSON-serialisable result.
 * @throws {ConfigError} for an invalid config; {RangeError} for a bad seed, backend or worker
 *   count; {CheckpointMismatchError} for a checkpoint of another run; {RunAbortedError} when aborted.
 * @example
 * ```ts
 * const result = await runExperiment(minimalDc, { signalsPerClass: 128 }, { seed: 1, workers: 2 });
 * ```
 */
export async function runExperiment<C, U, R>(
  def: ExperimentDefinition<C, U, R>,
  input: unknown,
  options: RunOptions = {},
): Promise<R> {
  const prepared = prepareRun(def, input, options);
  const records = await runUnits(def, prepared, prepared.unitIds, options);
  return mergeRecords(def, prepared, records);
}

/**
 * The units of shard `index` of `count`: unit i (in `listUnits` order) belongs to shard
 * i mod count. Depends only on the config and `count`.
 *
 * @param unitIds - the config's units, in order.
 * @param index - shard index, 0 ≤ index < count.
 * @param count - number of shards ≥ 1.
 * @returns the shard's unit ids.
 * @throws {RangeError} for a bad index or count.
 */
export function shardUnits(unitIds: readonly string[], index: number, count: number): string[] {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`shard count must be an integer ≥ 1, got ${count}`);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new RangeError(`shard index must be an integer in [0, ${count - 1}], got ${index}`);
  }
  return unitIds.filter((_, i) => i % count === index);
}
