import { createVitestConfig } from '../../tools/build/vitest.factory';

export default createVitestConfig();
