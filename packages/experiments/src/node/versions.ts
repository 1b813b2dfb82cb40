import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { VERSIONED_PACKAGES } from '../core/platform';
import type { Versions } from '../core/types';

let cached: Versions | undefined;

/**
 * Versions of the packages whose code produces a result, read from their `package.json`, plus
 * Node's. A package that cannot be resolved reads `'unresolved'`.
 *
 * @returns `{ '@rectify/experiments': '0.1.0', …, node: 'v20…' }`.
 */
export function probeNodeVersions(): Versions {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const out: Versions = {};
  for (const name of VERSIONED_PACKAGES) {
    try {
      const pkg = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as {
        version?: string;
      };
      out[name] = pkg.version ?? 'unknown';
    } catch {
      out[name] = 'unresolved';
    }
  }
  out.node = process.version;
  cached = out;
  return out;
}
