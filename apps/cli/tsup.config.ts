import { createTsupConfig } from '../../tools/build/tsup.factory';

export default createTsupConfig({ entry: ['src/index.ts', 'src/bin.ts'] });
