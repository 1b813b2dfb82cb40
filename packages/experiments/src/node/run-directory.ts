import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { RunManifest, UnitRecord } from '../core/checkpoint';
import type { Experiment } from '../core/define';
import {
  type PreparedRun,
  prepareRun,
  type RunOptions,
  runUnits,
  shardUnits,
} from '../core/runner';
import {
  checkUnitFiles,
  type ForeignUnitFile,
  type RunRecord,
  type ShardMarker,
  shardMarkerName,
  shardOwners,
} from '../core/run-directory';
import { collectVersions } from '../core/versions';
import { experiments } from '../registry';
import { CheckpointStore, readUnitFile, writeTextAtomic } from './checkpoint';
import { CheckpointCorruptError } from '../core/errors';
import {
  RESULT_SCHEMA_VERSION,
  type ResultSchemaError,
  validateResult,
} from '../core/result-schema';

/**
 * Where each part of a run directory lives. A run directory holds `run.json` (the
 * {@link RunRecord}), the outputs, and while units are unmerged `checkpoint/` with
 * `manifest.json`, `units/<unitId>.json` and `shards/shard-I-of-N.json`.
 */
export interface RunDirectoryPaths {
  /** The run directory itself. */
  dir: string;
  /** `run.json`. */
  runRecord: string;
  /** `checkpoint/`. */
  checkpoint: string;
  /** `checkpoint/manifest.json`. */
  manifest: string;
  /** `checkpoint/units/`. */
  units: string;
  /** `checkpoint/shards/`. */
  shards: string;
}

/**
 * The paths of a run directory's parts.
 *
 * @param dir - the run directory (`rectify run --out`).
 * @returns the paths.
 */
export function runDirectoryPaths(dir: string): RunDirectoryPaths {
  const checkpoint = join(dir, 'checkpoint');
  return {
    dir,
    runRecord: join(dir, 'run.json'),
    checkpoint,
    manifest: join(checkpoint, 'manifest.json'),
    units: join(checkpoint, 'units'),
    shards: join(checkpoint, 'shards'),
  };
}

/**
 * Why a run directory cannot be read, merged or written: `no-run`, `unreadable`,
 * `unknown-experiment`, `other-build` (reading and merging); `unwritable`, `symlinked`, `locked`,
 * `lock-failed`, `write-failed` (preparing and writing outputs, see `./out-dir`); `unfinished-run`
 * (a whole run started over a checkpoint without `resume`).
 */
export type RunDirectoryErrorCode =
  | 'no-run'
  | 'unreadable'
  | 'unknown-experiment'
  | 'other-build'
  | 'unwritable'
  | 'symlinked'
  | 'locked'
  | 'lock-failed'
  | 'write-failed'
  | 'unfinished-run';

/** What a {@link RunDirectoryError} knows besides its file, for callers that word it themselves. */
export interface RunDirectoryErrorDetails {
  /** The run directory. */
  dir?: string;
  /** The system's reason (`EACCES`, `ENOENT`, …) or the underlying message. */
  reason?: string;
  /** `symlinked`: the subfolder (e.g. `plots`) that is a link. */
  subfolder?: string;
  /** `symlinked`: where the link points (`?` when unreadable). */
  target?: string;
  /** `locked`: the process holding the lock. */
  pid?: number;
}

/**
 * A run directory that holds no run, an unreadable file, units this build cannot merge, or one
 * that cannot be written or locked. Callers branch on `code`, never on the message.
 */
export class RunDirectoryError extends Error {
  /** The kind of problem; see {@link RunDirectoryErrorCode}. */
  readonly code: RunDirectoryErrorCode;
  /** The file concerned. */
  readonly path: string;
  /** The directory, system reason, link or lock holder, where the code has them. */
  readonly details: RunDirectoryErrorDetails;

  /**
   * @param code - the kind of problem.
   * @param path - the file concerned.
   * @param message - names the file, the rule and what was found.
   * @param details - the directory, system reason, link target or lock holder.
   */
  constructor(
    code: RunDirectoryErrorCode,
    path: string,
    message: string,
    details: RunDirectoryErrorDetails = {},
  ) {
    super(message);
    this.name = 'RunDirectoryError';
    this.code = code;
    this.path = path;
    this.details = details;
  }
}

/** A unit file, its content hash checked; a corrupt one is named, never quoted. */
function readCheckedUnit(path: string): unknown {
  try {
    return readUnitFile(path);
  } catch (e) {
    if (e instanceof CheckpointCorruptError)
      throw new RunDirectoryError(
        'unreadable',
        path,
        `unit file '${path}' ${e.problem}; refusing it (its content is not shown): delete it and rerun its shard`,
      );
    throw new RunDirectoryError(
      'unreadable',
      path,
      `cannot read unit file '${path}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
}

/** What a JSON value is, for a message that must not quote the file: `null`, `an array`, … */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}

/**
 * Reads a JSON file of the run directory. A file that is not JSON is named with the rule it
 * breaks, never with JSON.parse's message, which quotes the file's bytes.
 */
function readJsonFile(path: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new RunDirectoryError(
      'unreadable',
      path,
      `cannot read ${what} '${path}': ${(e as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new RunDirectoryError(
      'unreadable',
      path,
      `${what} '${path}' is not valid JSON (truncated or overwritten; its content is not shown)`,
    );
  }
}

/**
 * Reads a JSON file of the run directory that must be an object whose listed fields have the
 * listed types; names the file, the rule and the kind of value found, never the content.
 */
function readJsonObject(
  path: string,
  what: string,
  fields: Record<string, 'string' | 'number'>,
): Record<string, unknown> {
  const value = readJsonFile(path, what);
  const rule = `must hold { ${Object.keys(fields).join(', ')} }`;
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new RunDirectoryError(
      'unreadable',
      path,
      `${what} '${path}' ${rule}, got ${kindOf(value)}`,
    );
  for (const [field, type] of Object.entries(fields)) {
    const got = (value as Record<string, unknown>)[field];
    if (!Object.hasOwn(value, field) || typeof got !== type)
      throw new RunDirectoryError(
        'unreadable',
        path,
        `${what} '${path}' ${rule}: ${field} must be a ${type}, got ${Object.hasOwn(value, field) ? kindOf(got) : 'nothing'}`,
      );
  }
  return value as Record<string, unknown>;
}

/**
 * Writes `<dir>/run.json` atomically (pretty-printed, newline-terminated).
 *
 * @param dir - the run directory (must exist).
 * @param record - the run's experiment, preset, config and seed.
 */
export function writeRunRecord(dir: string, record: RunRecord): void {
  writeTextAtomic(runDirectoryPaths(dir).runRecord, `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Whether a run directory holds an unfinished run: a `checkpoint/` folder with anything in it.
 *
 * @param dir - the run directory.
 * @returns true when `<dir>/checkpoint` exists and is not empty.
 * @example
 * ```ts
 * if (hasUnfinishedRun('out/run')) console.log('pass resume: true to continue it');
 * ```
 */
export function hasUnfinishedRun(dir: string): boolean {
  try {
    return readdirSync(runDirectoryPaths(dir).checkpoint).length > 0;
  } catch {
    return false;
  }
}

/**
 * Starts a whole (unsharded) run in a directory: refuses to start over an unfinished run unless
 * resuming, and writes `run.json` unless a resumed run already has one (a resumed run keeps the
 * record of the run it continues; its checkpoint is checked against that).
 *
 * @param dir - the run directory (must exist).
 * @param record - the run's experiment, preset, config and seed.
 * @param options - `resume`: continue the checkpoint in `dir` instead of refusing it.
 * @returns the paths of the directory's parts (the run's `checkpointDir` is `paths.checkpoint`).
 * @throws {RunDirectoryError} `unfinished-run` (its `path` the checkpoint) when `dir` holds an
 *   unfinished run and `resume` is false.
 * @example
 * ```ts
 * const { checkpoint } = startRunDirectory('out/run', { experiment: 'minimal-dc', preset: 'quick', config, seed: 0 }, { resume: false });
 * await experiments['minimal-dc'].run(config, { seed: 0, checkpointDir: checkpoint });
 * ```
 */
export function startRunDirectory(
  dir: string,
  record: RunRecord,
  options: { resume: boolean },
): RunDirectoryPaths {
  const paths = runDirectoryPaths(dir);
  const unfinished = hasUnfinishedRun(dir);
  if (!options.resume && unfinished) {
    throw new RunDirectoryError(
      'unfinished-run',
      paths.checkpoint,
      `run directory '${dir}' holds an unfinished ${record.experiment} run (${paths.checkpoint}); resume it or choose another directory`,
      { dir },
    );
  }
  if (!unfinished || !existsSync(paths.runRecord)) writeRunRecord(dir, record);
  return paths;
}

/**
 * Whether a finished run's `result.json` can stand for a new run: `reusable` when it is valid,
 * of the format this build writes, and from the same seed and config; otherwise why not.
 */
export type ResultReuse =
  | { status: 'reusable'; result: Record<string, unknown> }
  | { status: 'absent' }
  | { status: 'other-run' }
  | { status: 'old-format'; version: number; experiment: unknown }
  | { status: 'invalid'; error: ResultSchemaError | Error };

/**
 * Checks whether `<dir>/result.json` is the result a run with `config` and `seed` would write, so
 * a resumed reproduction reuses it instead of running again. A result of another format is never
 * reused (it is rerun, not silently mixed into a new report).
 *
 * @param dir - the run directory.
 * @param run - the validated config and the seed of the run to be done.
 * @returns `reusable` with the result, or `absent`, `other-run` (another seed or config),
 *   `old-format` (with its version) or `invalid` (not JSON, or refused by the schema, with the error).
 * @example
 * ```ts
 * const reuse = reusableResult('out/repro/minimal-dc', { config, seed: 0 });
 * if (reuse.status === 'reusable') report(reuse.result);
 * ```
 */
export function reusableResult(dir: string, run: { config: unknown; seed: number }): ResultReuse {
  const path = join(dir, 'result.json');
  if (!existsSync(path)) return { status: 'absent' };
  let result: Record<string, unknown>;
  try {
    result = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    const { version } = validateResult(result, path);
    if (version !== RESULT_SCHEMA_VERSION)
      return { status: 'old-format', version, experiment: result.experiment };
  } catch (error) {
    return { status: 'invalid', error: error instanceof Error ? error : new Error(String(error)) };
  }
  return result.seed === run.seed && JSON.stringify(result.config) === JSON.stringify(run.config)
    ? { status: 'reusable', result }
    : { status: 'other-run' };
}

/**
 * Reads `<dir>/run.json`.
 *
 * @param dir - the run directory.
 * @returns the record, or `undefined` when there is none.
 * @throws {RunDirectoryError} (`unreadable`) when the file exists but is not a record.
 */
export function readRunRecord(dir: string): RunRecord | undefined {
  const path = runDirectoryPaths(dir).runRecord;
  if (!existsSync(path)) return undefined;
  return readJsonObject(path, 'run record', {
    experiment: 'string',
    seed: 'number',
  }) as unknown as RunRecord;
}

/**
 * The completion markers the shards left in a run directory (unreadable ones are skipped: a
 * marker only helps name shards, the units themselves are what merge checks).
 *
 * @param dir - the run directory.
 * @returns the markers, in file-name order.
 */
export function readShardMarkers(dir: string): ShardMarker[] {
  const shards = runDirectoryPaths(dir).shards;
  if (!existsSync(shards)) return [];
  const markers: ShardMarker[] = [];
  for (const file of readdirSync(shards).sort()) {
    if (!file.endsWith('.json')) continue;
    try {
      markers.push(JSON.parse(readFileSync(join(shards, file), 'utf8')) as ShardMarker);
    } catch {
      // Skipped on purpose (see above).
    }
  }
  return markers;
}

/**
 * Writes a shard's completion marker, `checkpoint/shards/shard-I-of-N.json`, atomically.
 *
 * @param dir - the run directory.
 * @param marker - the shard's summary.
 * @returns the marker's path.
 */
export function writeShardMarker(dir: string, marker: ShardMarker): string {
  const shards = runDirectoryPaths(dir).shards;
  mkdirSync(shards, { recursive: true });
  const path = join(shards, shardMarkerName(marker.index, marker.count));
  writeTextAtomic(path, `${JSON.stringify(marker, null, 2)}\n`);
  return path;
}

/** An experiment of the registry with its unit and result types erased. */
type AnyExperiment = Experiment<unknown, unknown, Record<string, unknown>>;

function experimentNamed(name: unknown, path: string): AnyExperiment {
  const found = Object.hasOwn(experiments, String(name))
    ? (experiments as Record<string, unknown>)[String(name)]
    : undefined;
  if (!found) {
    const shown = JSON.stringify(String(name).slice(0, 40));
    throw new RunDirectoryError(
      'unknown-experiment',
      path,
      `experiment in '${path}' must be one of ${Object.keys(experiments).join(', ')}, got ${shown}${String(name).length > 40 ? '…' : ''}`,
    );
  }
  return found as AnyExperiment;
}

/** One shard of a run, opened in its run directory and ready to run. */
export interface OpenShard {
  /** Registry name. */
  experiment: string;
  /** The run's validated config, seed, backend, hash and units. */
  prepared: PreparedRun<unknown>;
  /** Zero-based shard index. */
  index: number;
  /** Number of shards. */
  count: number;
  /** The shard's units (unit i of the config belongs to shard i mod count). */
  unitIds: string[];
  /** How many of them are already stored. */
  reused: number;
  /** The run directory's paths. */
  paths: RunDirectoryPaths;
}

/**
 * Opens shard `index` of `count` in run directory `dir`: validates the config, refuses a directory
 * that holds another run's units before anything is written, counts the shard's units already
 * stored, and records `run.json`.
 *
 * @param dir - the run directory every shard shares (it must exist).
 * @param options - experiment, config, seed, the preset (recorded in run.json) and the shard.
 * @returns the opened shard, for {@link runShard}.
 * @throws {RunDirectoryError} (`unknown-experiment`); {ConfigError}; {RangeError} for a bad seed,
 *   index or count; {CheckpointMismatchError} when `dir` belongs to another run.
 */
export function openShard(
  dir: string,
  options: {
    experiment: string;
    config: unknown;
    seed: number;
    preset: RunRecord['preset'];
    index: number;
    count: number;
  },
): OpenShard {
  const paths = runDirectoryPaths(dir);
  const exp = experimentNamed(options.experiment, 'the experiment option');
  const prepared = prepareRun(exp, options.config, { seed: options.seed });
  const unitIds = shardUnits(prepared.unitIds, options.index, options.count);
  const store = new CheckpointStore(paths.checkpoint, {
    format: 1,
    experiment: exp.name,
    configHash: prepared.configHash,
    config: prepared.config,
    seed: prepared.seed,
    backend: prepared.backend,
  });
  const reused = unitIds.filter((id) => store.loadUnit(id) !== undefined).length;
  writeRunRecord(dir, {
    experiment: exp.name,
    preset: options.preset,
    config: prepared.config,
    seed: prepared.seed,
  });
  return {
    experiment: exp.name,
    prepared,
    index: options.index,
    count: options.count,
    unitIds,
    reused,
    paths,
  };
}

/**
 * Runs an opened shard's units (each stored atomically; stored ones are reused) and writes its
 * completion marker. Any number of processes on any hosts may run shards of one directory, in any
 * order and more than once.
 *
 * @param shard - from {@link openShard}.
 * @param options - workers, abort signal, progress (checkpointDir and seed come from the shard).
 * @returns the shard's marker.
 * @throws {RunAbortedError} when aborted (finished units are kept).
 */
export async function runShard(
  shard: OpenShard,
  options: Omit<RunOptions, 'seed' | 'checkpointDir'> = {},
): Promise<ShardMarker> {
  const started = Date.now();
  const exp = experimentNamed(shard.experiment, 'the shard');
  await runUnits(exp, shard.prepared, shard.unitIds, {
    ...options,
    seed: shard.prepared.seed,
    checkpointDir: shard.paths.checkpoint,
  });
  const marker: ShardMarker = {
    index: shard.index,
    count: shard.count,
    units: shard.unitIds,
    computed: shard.unitIds.length - shard.reused,
    reused: shard.reused,
    host: hostname(),
    seconds: (Date.now() - started) / 1000,
  };
  writeShardMarker(shard.paths.dir, marker);
  return marker;
}

/** What merging a run directory found, and the result when the run is complete. */
export interface RunDirectoryMerge {
  /** Registry name. */
  experiment: string;
  /** The run's manifest. */
  manifest: RunManifest;
  /** Every unit of the config, in order. */
  unitIds: string[];
  /** The shard count units are named by (the option, else the one every marker agrees on). */
  shards: number | undefined;
  /** Unit id → owning shard, when `shards` is known. */
  owners: Map<string, number> | undefined;
  /** The run's unit records. */
  records: UnitRecord[];
  /** Units of the config with no valid file. */
  missing: string[];
  /** Unit files that do not belong to the run. */
  foreign: ForeignUnitFile[];
  /** The merged result (what a single-process run returns); only when nothing is missing or foreign. */
  result: Record<string, unknown> | undefined;
  /** The run directory's paths. */
  paths: RunDirectoryPaths;
}

/**
 * Merges a sharded run directory: checks that every unit of the run is present, with the run's
 * config hash and this build's versions, and when it is, merges them into the result a
 * single-process run gives, byte for byte. Writes nothing.
 *
 * @param dir - the run directory.
 * @param options - `shards`: the shard count to name shards by (default: read from the markers).
 * @returns the check (`missing`, `foreign`) and, when both are empty, the `result`.
 * @throws {RunDirectoryError} `no-run` without a manifest, `unreadable` for a file that is not
 *   JSON, `unknown-experiment`, `other-build` when this build hashes the config differently;
 *   {CheckpointMismatchError} when the experiment's merge refuses the units.
 * @example
 * ```ts
 * const { missing, foreign, result } = mergeRunDirectory('/shared/dc-ablation');
 * ```
 */
export function mergeRunDirectory(
  dir: string,
  options: { shards?: number } = {},
): RunDirectoryMerge {
  const paths = runDirectoryPaths(dir);
  if (!existsSync(paths.manifest)) {
    throw new RunDirectoryError(
      'no-run',
      paths.manifest,
      `${dir} holds no sharded run (no ${paths.manifest})`,
    );
  }
  const manifest = readJsonObject(paths.manifest, 'manifest', {
    experiment: 'string',
    configHash: 'string',
    seed: 'number',
  }) as unknown as RunManifest;
  const exp = experimentNamed(manifest.experiment, paths.manifest);
  const backend = manifest.backend === 'cpu' ? 'cpu' : 'auto';
  const prepared = prepareRun(exp, manifest.config, { seed: manifest.seed, backend });
  if (prepared.configHash !== manifest.configHash) {
    throw new RunDirectoryError(
      'other-build',
      paths.manifest,
      `the config in ${paths.manifest} hashes to ${prepared.configHash.slice(0, 12)}… with this build, but the shards recorded ${String(manifest.configHash).slice(0, 12)}…; they were run by another version of rectify — merge with that version or rerun the shards`,
    );
  }
  let shards = options.shards;
  if (shards === undefined) {
    const counts = [...new Set(readShardMarkers(dir).map((m) => m.count))];
    shards = counts.length === 1 ? counts[0] : undefined;
  }
  const owners = shards === undefined ? undefined : shardOwners(prepared.unitIds, shards);
  const files = existsSync(paths.units)
    ? readdirSync(paths.units)
        .filter((f) => f.endsWith('.json'))
        .map((file) => ({ file, record: readCheckedUnit(join(paths.units, file)) }))
    : [];
  const { records, missing, foreign } = checkUnitFiles(files, {
    experiment: exp.name,
    configHash: manifest.configHash,
    unitIds: prepared.unitIds,
    versions: collectVersions(),
  });
  const result =
    missing.length === 0 && foreign.length === 0
      ? exp.mergeUnits(manifest.config, records, { seed: manifest.seed, backend })
      : undefined;
  return {
    experiment: exp.name,
    manifest,
    unitIds: prepared.unitIds,
    shards,
    owners,
    records,
    missing,
    foreign,
    result,
    paths,
  };
}
