import type { UnitRecord } from './checkpoint';
import { shardUnits } from './runner';
import type { Versions } from './types';

/**
 * What a run leaves beside its outputs (`<dir>/run.json`), so that a resumed run or a later shard
 * needs no other flags.
 */
export interface RunRecord {
  /** Registry name. */
  experiment: string;
  /** The preset the config was built from. */
  preset: 'quick' | 'paper';
  /** The validated config. */
  config: unknown;
  /** The run's seed. */
  seed: number;
}

/** What a finished shard leaves beside its units (`<dir>/checkpoint/shards/shard-I-of-N.json`). */
export interface ShardMarker {
  /** Zero-based shard index. */
  index: number;
  /** Number of shards. */
  count: number;
  /** The shard's units. */
  units: string[];
  /** Units this invocation computed. */
  computed: number;
  /** Units it found already stored and skipped. */
  reused: number;
  /** Host it ran on. */
  host: string;
  /** Wall time of this invocation, s. */
  seconds: number;
}

/** A unit file in a run directory that does not belong to the run. */
export interface ForeignUnitFile {
  /** The file name inside `checkpoint/units/`, e.g. `rep-0000.relu.json`. */
  file: string;
  /** The unit id the file name claims (`file` without `.json`). */
  unitId: string;
  /** Why it is refused, e.g. `belongs to another run (dc-ablation, config hash 1a2b…; this run 3c4d…)`. */
  problem: string;
}

/** The identity every unit of a run must carry. */
export interface RunIdentity {
  /** Registry name. */
  experiment: string;
  /** The run's config hash. */
  configHash: string;
  /** Every unit of the config, in `listUnits` order. */
  unitIds: readonly string[];
  /** The versions of the code merging them (units computed by other versions are refused). */
  versions: Versions;
}

/** The units of a run directory sorted into the run's own, the absent and the refused. */
export interface UnitCheck<U = unknown> {
  /** Records that belong to the run, in file-name order. */
  records: UnitRecord<U>[];
  /** Unit ids of the config with no valid file, in `listUnits` order. */
  missing: string[];
  /** Files that do not belong to the run. */
  foreign: ForeignUnitFile[];
}

/**
 * The file name of shard `index` of `count`'s completion marker.
 *
 * @param index - zero-based shard index.
 * @param count - number of shards.
 * @returns `shard-I-of-N.json`.
 */
export function shardMarkerName(index: number, count: number): string {
  return `shard-${index}-of-${count}.json`;
}

/**
 * The shard (of `count`) that owns each unit: unit i in `listUnits` order belongs to shard
 * i mod count ({@link shardUnits}).
 *
 * @param unitIds - the config's units, in order.
 * @param count - number of shards, integer ≥ 1.
 * @returns unit id → zero-based shard index.
 * @throws {RangeError} for a bad count.
 * @example
 * ```ts
 * shardOwners(['a', 'b', 'c'], 2); // Map { a → 0, b → 1, c → 0 }
 * ```
 */
export function shardOwners(unitIds: readonly string[], count: number): Map<string, number> {
  if (!Number.isInteger(count) || count < 1)
    throw new RangeError(`shard count must be an integer ≥ 1, got ${count}`);
  const owner = new Map<string, number>();
  for (let s = 0; s < count; s++) for (const id of shardUnits(unitIds, s, count)) owner.set(id, s);
  return owner;
}

/**
 * The shards that own some of `unitIds`, ascending (units of no shard are skipped).
 *
 * @param unitIds - units, e.g. the missing ones.
 * @param owners - from {@link shardOwners}.
 * @returns zero-based shard indices.
 */
export function shardsOwning(unitIds: readonly string[], owners: Map<string, number>): number[] {
  const shards = new Set<number>();
  for (const id of unitIds) {
    const s = owners.get(id);
    if (s !== undefined) shards.add(s);
  }
  return [...shards].sort((a, b) => a - b);
}

function problemOf(file: string, record: unknown, run: RunIdentity, versions: string) {
  const r = (record ?? {}) as Partial<UnitRecord>;
  if (r.experiment !== run.experiment || r.configHash !== run.configHash)
    return `belongs to another run (${String(r.experiment)}, config hash ${String(r.configHash).slice(0, 12)}…; this run ${run.configHash.slice(0, 12)}…)`;
  if (typeof r.unitId !== 'string' || !run.unitIds.includes(r.unitId))
    return `holds unit ${JSON.stringify(r.unitId)}, which is not in this config`;
  if (`${r.unitId}.json` !== file) return `holds unit ${r.unitId} under another name`;
  if (JSON.stringify(r.versions) !== versions)
    return `was computed by other versions (${JSON.stringify(r.versions)}; this build ${versions})`;
  return undefined;
}

/**
 * Sorts the unit files of a run directory: a file belongs to the run when it carries the run's
 * experiment and config hash, a unit of the config under its own name (`<unitId>.json`) and the
 * merging code's versions. The run is complete when `missing` and `foreign` are both empty.
 *
 * @param files - each unit file's name and parsed JSON, in any order.
 * @param run - the run's identity.
 * @returns the run's records (in file-name order), the missing unit ids and the foreign files.
 * @example
 * ```ts
 * const { records, missing, foreign } = checkUnitFiles(files, { experiment, configHash, unitIds, versions });
 * ```
 */
export function checkUnitFiles<U = unknown>(
  files: readonly { file: string; record: unknown }[],
  run: RunIdentity,
): UnitCheck<U> {
  const versions = JSON.stringify(run.versions);
  const records: UnitRecord<U>[] = [];
  const foreign: ForeignUnitFile[] = [];
  for (const { file, record } of [...files].sort((a, b) => (a.file < b.file ? -1 : 1))) {
    const problem = problemOf(file, record, run, versions);
    if (problem) foreign.push({ file, unitId: file.replace(/\.json$/, ''), problem });
    else records.push(record as UnitRecord<U>);
  }
  const present = new Set(records.map((r) => r.unitId));
  const missing = run.unitIds.filter((id) => !present.has(id));
  return { records, missing, foreign };
}
