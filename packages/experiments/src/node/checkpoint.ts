import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import {
  checkUnitId,
  manifestDifferences,
  type RunManifest,
  type UnitRecord,
} from '../core/checkpoint';
import { CheckpointCorruptError, CheckpointMismatchError } from '../core/errors';
import type { UnitStore } from '../core/platform';
import type { PartialStore } from '../core/types';

let tempCounter = 0;

/** Whether `name` is a temporary file {@link writeTextAtomic} of process `pid` wrote. */
function isOwnTemporary(name: string, pid: number): boolean {
  return name.endsWith('.tmp') && new RegExp(`\\.${pid}\\.\\d+\\.\\d+\\.tmp$`).test(name);
}

/**
 * Writes JSON atomically: to a temp file in the same directory, then `rename` over the target,
 * so a reader (or a resumed run after SIGKILL) sees the old file or the new one, never half.
 *
 * @param path - target file.
 * @param value - JSON-serialisable value.
 */
export function writeJsonAtomic(path: string, value: unknown): void {
  writeTextAtomic(path, JSON.stringify(value));
}

/**
 * Writes text atomically (temp file in the same directory, then `rename` over the target).
 *
 * @param path - target file.
 * @param text - the contents, written as UTF-8.
 */
export function writeTextAtomic(path: string, text: string): void {
  tempCounter += 1;
  const temp = `${path}.${process.pid}.${threadId}.${tempCounter}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, path);
}

function readJson(path: string): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** SHA-256 (hex) of a unit record's JSON, as stored beside it in `contentSha256`. */
function unitHash(record: unknown): string {
  return createHash('sha256').update(JSON.stringify(record)).digest('hex');
}

/** Writes a unit record with the SHA-256 of its JSON, so that a later edit is detected. */
function writeUnitFile(path: string, record: UnitRecord): void {
  writeJsonAtomic(path, { ...record, contentSha256: unitHash(record) });
}

/**
 * Reads a unit file and checks its content hash (the record is returned without it).
 *
 * @param path - a `units/<unitId>.json` file.
 * @returns the record as it was written.
 * @throws {CheckpointCorruptError} naming the file when it is not JSON, has no hash, was edited or
 *   is nested too deeply to hash (never quoting its content); the file system's error when it
 *   cannot be read.
 */
export function readUnitFile(path: string): UnitRecord {
  const text = readFileSync(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new CheckpointCorruptError(path, 'is not valid JSON (truncated or overwritten)');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new CheckpointCorruptError(path, 'is not a unit record (not a JSON object)');
  const { contentSha256, ...record } = parsed as Record<string, unknown>;
  if (typeof contentSha256 !== 'string')
    throw new CheckpointCorruptError(
      path,
      'carries no content hash (written by an older rectify, or edited)',
    );
  let hash: string;
  try {
    hash = unitHash(record);
  } catch {
    // JSON.parse takes any depth but JSON.stringify recurses: a run never writes this deep.
    throw new CheckpointCorruptError(path, 'is nested too deeply to be a unit record');
  }
  if (hash !== contentSha256)
    throw new CheckpointCorruptError(
      path,
      'does not match its content hash (edited after it was written)',
    );
  return record as unknown as UnitRecord;
}

/**
 * Reads a partial-state file written by {@link partialStore}: `{ contentSha256, value }`.
 *
 * @param path - a `partial/<unitId>/<key>.json` file.
 * @returns the value, or `undefined` when the file is not JSON, carries no hash (an older
 *   rectify) or does not match it (truncated, edited): such state is not to be resumed from.
 */
function readPartialFile(path: string): unknown {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    if (typeof parsed !== 'object' || parsed === null || !('value' in parsed)) return undefined;
    const { contentSha256, value } = parsed as { contentSha256?: unknown; value: unknown };
    return typeof contentSha256 === 'string' && unitHash(value) === contentSha256
      ? value
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A run's checkpoint directory: `manifest.json`, `units/<unitId>.json` for finished units and
 * `partial/<unitId>/<key>.json` for state within a unit (epoch blocks). Every write is atomic;
 * several processes (shards) may share one directory.
 */
export class CheckpointStore implements UnitStore {
  /** The directory. */
  readonly dir: string;
  /** The manifest of the run this store belongs to. */
  readonly manifest: RunManifest;

  /**
   * Opens (creating if needed) `dir` for the run described by `manifest`.
   *
   * @param dir - checkpoint directory.
   * @param manifest - this run's identity.
   * @throws {CheckpointMismatchError} when `dir` holds a manifest with another config hash.
   */
  constructor(dir: string, manifest: RunManifest) {
    this.dir = dir;
    this.manifest = manifest;
    mkdirSync(join(dir, 'units'), { recursive: true });
    mkdirSync(join(dir, 'partial'), { recursive: true });
    const path = join(dir, 'manifest.json');
    if (existsSync(path)) {
      const existing = readJson(path) as RunManifest;
      if (existing.configHash !== manifest.configHash) {
        throw new CheckpointMismatchError(
          `checkpoint directory ${dir} belongs to another run (config hash ${existing.configHash.slice(0, 12)}…, this run ${manifest.configHash.slice(0, 12)}…): ${manifestDifferences(existing, manifest)}; use another directory or delete it`,
        );
      }
    } else {
      writeJsonAtomic(path, manifest);
    }
  }

  private unitPath(unitId: string): string {
    checkUnitId(unitId);
    return join(this.dir, 'units', `${unitId}.json`);
  }

  /**
   * The finished unit, or `undefined` if it has not been stored.
   *
   * @throws {CheckpointMismatchError} when the stored unit carries another config hash.
   */
  loadUnit<U>(unitId: string): UnitRecord<U> | undefined {
    const path = this.unitPath(unitId);
    if (!existsSync(path)) return undefined;
    const record = readUnitFile(path) as UnitRecord<U>;
    if (record.configHash !== this.manifest.configHash || record.unitId !== unitId) {
      throw new CheckpointMismatchError(
        `unit file ${path} belongs to another run (config hash ${String(record.configHash).slice(0, 12)}…, this run ${this.manifest.configHash.slice(0, 12)}…); refusing to mix it in`,
      );
    }
    return record;
  }

  /** Stores a finished unit atomically and drops its partial state. */
  saveUnit(record: UnitRecord): void {
    writeUnitFile(this.unitPath(record.unitId), record);
    rmSync(join(this.dir, 'partial', record.unitId), { recursive: true, force: true });
  }

  /** Ids of the finished units present on disk. */
  storedUnitIds(): string[] {
    return readdirSync(join(this.dir, 'units'))
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5));
  }

  /** A key → JSON store for state within `unitId`. */
  partial(unitId: string): PartialStore {
    return partialStore(this.dir, unitId);
  }

  /**
   * Deletes the temporary files of this process (any of its threads) under the directory: the
   * ones a terminated worker thread left between write and rename. Other processes' temporary
   * files (shards writing to the same directory) are kept.
   */
  discardTemporaryFiles(): void {
    for (const entry of readdirSync(this.dir, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && isOwnTemporary(entry.name, process.pid))
        rmSync(join(entry.parentPath, entry.name), { force: true });
    }
  }
}

/**
 * The partial-state store of one unit inside a checkpoint directory (usable from a worker that
 * knows only the directory).
 *
 * @param dir - checkpoint directory.
 * @param unitId - the unit.
 * @returns a store under `dir/partial/unitId/`.
 */
export function partialStore(dir: string, unitId: string): PartialStore {
  checkUnitId(unitId);
  const base = join(dir, 'partial', unitId);
  const file = (key: string) => {
    checkUnitId(key);
    return join(base, `${key}.json`);
  };
  return {
    load(key) {
      const path = file(key);
      if (!existsSync(path)) return undefined;
      const state = readPartialFile(path);
      // Corrupt, edited or unhashed state is dropped: the unit restarts from its first epoch and,
      // being deterministic, computes the same result; only time is lost.
      if (state === undefined) rmSync(path, { force: true });
      return state;
    },
    save(key, value) {
      mkdirSync(base, { recursive: true });
      writeJsonAtomic(file(key), { contentSha256: unitHash(value), value });
    },
    remove(key) {
      rmSync(file(key), { force: true });
    },
  };
}

/**
 * Every finished unit stored under `dir/units/` (e.g. written by several shards), unvalidated:
 * pass them to an experiment's `mergeUnits`, which checks hashes, versions and completeness.
 *
 * @param dir - a checkpoint directory.
 * @returns the records, sorted by unit id; `[]` when the directory has no units.
 * @throws {CheckpointCorruptError} for a unit file that is not JSON, has no content hash or
 *   was edited (a file is only ever replaced by rename, so this means something else wrote it).
 */
export function readUnitRecords(dir: string): UnitRecord[] {
  const units = join(dir, 'units');
  if (!existsSync(units)) return [];
  return readdirSync(units)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort()
    .map((id) => readUnitFile(join(units, `${id}.json`)));
}
