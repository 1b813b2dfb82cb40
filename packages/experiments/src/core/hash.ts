import { sha256, sha256Hex } from './sha256';

/**
 * JSON with object keys sorted at every depth, so equal values give equal strings whatever the
 * insertion order. Non-finite numbers are refused (JSON cannot hold them).
 *
 * @param value - a JSON-compatible value.
 * @returns the canonical JSON text.
 * @throws {TypeError} for non-finite numbers, functions, symbols or bigints.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value, '$'));
}

function sortKeys(value: unknown, path: string): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError(`${path} must be a finite number, got ${value}`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => sortKeys(v, `${path}[${i}]`));
  if (ArrayBuffer.isView(value)) return Array.from(value as unknown as ArrayLike<number>);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v, `${path}.${key}`);
    }
    return out;
  }
  throw new TypeError(`${path} must be JSON-serialisable, got ${typeof value}`);
}

/**
 * SHA-256 of the canonical JSON of `value`, as 64 lowercase hex digits.
 *
 * @param value - a JSON-compatible value.
 * @returns the hex digest.
 */
export function hashJson(value: unknown): string {
  return sha256Hex(canonicalJson(value));
}

/**
 * The hash that identifies one run's numbers: experiment name, validated config, seed and
 * backend. Checkpoints carry it; a checkpoint with a different hash is refused.
 *
 * @param experiment - registry name, e.g. `'dc-ablation'`.
 * @param config - the validated config.
 * @param seed - the run's seed (integer).
 * @param backend - the tfjs backend the units run on (`'none'` for experiments without tfjs).
 * @returns 64 hex digits.
 */
export function configHash(
  experiment: string,
  config: unknown,
  seed: number,
  backend: string,
): string {
  return hashJson({ experiment, config, seed, backend });
}

/**
 * A unit's own seed: the first 32 bits of SHA-256(`seed:key`), so serial, parallel, sharded and
 * resumed runs draw identical numbers for the same unit whatever ran before it.
 *
 * @param seed - the run's seed.
 * @param key - the unit id, or any sub-key (`'rep-3/data'`).
 * @returns an unsigned 32-bit integer.
 */
export function deriveSeed(seed: number, key: string): number {
  const digest = sha256(new TextEncoder().encode(`${seed}:${key}`));
  return new DataView(digest.buffer).getUint32(0);
}
