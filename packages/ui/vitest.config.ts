import { createVitestConfig } from '../../tools/build/vitest.factory.ts';

// The widget tests bundle a page with esbuild and drive Debian's Chromium (test/browser.ts).
export default createVitestConfig({ testTimeout: 120_000 });
