import { createVitestConfig } from '../../../tools/build/vitest.factory';

// The browser benchmark: a separate run so that `npm test` never includes it.
export default createVitestConfig({
  include: ['bench/**/*.browser-bench.ts'],
  testTimeout: 300_000,
});
