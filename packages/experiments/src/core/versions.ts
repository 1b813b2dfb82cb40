import { runPlatform } from './platform';
import type { Versions } from './types';

/**
 * Versions of the packages whose code produces a result, as the current platform reports them:
 * read from each `package.json` in Node (`@rectify/experiments/node`), `'unresolved'` elsewhere.
 *
 * @returns `{ '@rectify/experiments': '0.1.0', …, node: 'v20…' }`.
 */
export function collectVersions(): Versions {
  return runPlatform().versions();
}
