import { mergeConfig } from 'vitest/config';
import { createVitestConfig } from '../../tools/build/vitest.factory.ts';

// globalSetup builds dist/worker.js (the bundle worker threads and child processes run) before
// any test, so parallel and SIGKILL tests always run the current source.
export default mergeConfig(createVitestConfig({ testTimeout: 120_000 }), {
  test: { globalSetup: ['./test/build-worker.global.ts'], hookTimeout: 120_000 },
});
