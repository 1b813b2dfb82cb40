import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Versions } from './types';

const PACKAGES = [
  '@rectify/experiments',
  '@rectify/layers',
  '@rectify/theory',
  '@rectify/signal',
  '@tensorflow/tfjs',
  '@tensorflow/tfjs-backend-wasm',
] as const;

let cached: Versions | undefined;

/**
 * Versions of the packages whose code produces a result, read from their `package.json`, plus
 * Node's. A package that cannot be resolved reads `'unresolved'`.
 *
 * @returns `{ '@rectify/experiments': '0.1.0', …, node: 'v20…' }`.
 */
export function collectVersions(): Versions {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const out: Versions = {};
  for (const name of PACKAGES) {
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
