import { createVitestConfig } from '../../tools/build/vitest.factory.ts';

// Unit tests (src/) and the browser end-to-end suite (e2e/), which builds the site, serves it
// on 127.0.0.1 and drives Debian's Chromium.
export default createVitestConfig({
  include: ['src/**/*.test.ts', 'e2e/**/*.test.ts'],
  testTimeout: 120_000,
});
