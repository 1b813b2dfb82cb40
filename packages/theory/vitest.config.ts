import { createVitestConfig } from '../../tools/build/vitest.factory.ts';

export default createVitestConfig();
