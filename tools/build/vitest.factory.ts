import { defineConfig } from 'vitest/config';

/**
 * The shared vitest configuration: packages resolve each other's **source** through the
 * `@rectify/source` exports condition, so tests need no prior build.
 *
 * @param overrides - per-package test options (timeouts, environment, includes).
 * @returns a vitest config for `vitest.config.ts`.
 */
export function createVitestConfig(
  overrides: { testTimeout?: number; include?: string[]; exclude?: string[] } = {},
) {
  return defineConfig({
    resolve: { conditions: ['@rectify/source'] },
    ssr: { resolve: { conditions: ['@rectify/source'] } },
    test: {
      include: overrides.include ?? ['src/**/*.test.ts', 'test/**/*.test.ts'],
      exclude: overrides.exclude ?? ['**/node_modules/**', '**/dist/**'],
      testTimeout: overrides.testTimeout ?? 30_000,
      benchmark: { include: ['bench/**/*.bench.ts'] },
    },
  });
}
