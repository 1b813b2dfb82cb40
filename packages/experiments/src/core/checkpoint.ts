import type { Versions } from './types';

/** What identifies a run in its checkpoint directory. */
export interface RunManifest {
  /** File format version. */
  format: 1;
  /** Registry name. */
  experiment: string;
  /** configHash(experiment, config, seed, backend). */
  configHash: string;
  /** The validated config. */
  config: unknown;
  /** The seed. */
  seed: number;
  /** The backend units run on. */
  backend: string;
}

/** A finished unit as stored on disk (and passed between workers and shards). */
export interface UnitRecord<U = unknown> {
  /** File format version. */
  format: 1;
  /** Registry name. */
  experiment: string;
  /** The unit's id. */
  unitId: string;
  /** Hash of the run it belongs to. */
  configHash: string;
  /** Backend it ran on. */
  backend: string;
  /** Versions of the code that ran it. */
  versions: Versions;
  /** The unit's output. */
  output: U;
}

const UNIT_ID = /^[a-z0-9._-]+$/;

/** @throws {RangeError} when a unit id is not filename-safe. */
export function checkUnitId(unitId: string): void {
  if (!UNIT_ID.test(unitId))
    throw new RangeError(`unitId must match ${UNIT_ID}, got ${JSON.stringify(unitId)}`);
}

/**
 * The fields in which two run manifests differ, for messages.
 *
 * @param a - the manifest found.
 * @param b - this run's.
 * @returns e.g. `seed 1 vs 2, config.epochs 5 vs 60`.
 */
export function manifestDifferences(a: RunManifest, b: RunManifest): string {
  const out: string[] = [];
  if (a.experiment !== b.experiment) out.push(`experiment ${a.experiment} vs ${b.experiment}`);
  if (a.seed !== b.seed) out.push(`seed ${a.seed} vs ${b.seed}`);
  if (a.backend !== b.backend) out.push(`backend ${a.backend} vs ${b.backend}`);
  const ca = (a.config ?? {}) as Record<string, unknown>;
  const cb = (b.config ?? {}) as Record<string, unknown>;
  for (const key of new Set([...Object.keys(ca), ...Object.keys(cb)])) {
    if (JSON.stringify(ca[key]) !== JSON.stringify(cb[key])) {
      out.push(`config.${key} ${JSON.stringify(ca[key])} vs ${JSON.stringify(cb[key])}`);
    }
  }
  return out.length ? out.join(', ') : 'no field differs (hash of another format)';
}
