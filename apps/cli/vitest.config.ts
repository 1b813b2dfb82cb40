import { mergeConfig } from 'vitest/config';
import { createVitestConfig } from '../../tools/build/vitest.factory.ts';

// The tests run the BUILT command (dist/bin.js) as a child process; the global setup builds it
// when it is missing or older than its sources.
export default mergeConfig(createVitestConfig({ testTimeout: 120_000 }), {
  test: {
    globalSetup: ['test/global-setup.ts'],
    hookTimeout: 300_000,
    fileParallelism: false,
  },
});
