import { defineConfig, type Options } from 'tsup';

/**
 * The one tsup configuration every Rectify package builds with: ESM + `.d.ts` from
 * `src/index.ts` into `dist/`, sourcemaps, no bundling of dependencies.
 *
 * @param overrides - per-package additions (extra entries, `external`, `platform`).
 * @returns a tsup config for `tsup.config.ts`.
 */
export function createTsupConfig(overrides: Options = {}) {
  return defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    treeshake: true,
    ...overrides,
  });
}
