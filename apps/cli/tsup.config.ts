import { createTsupConfig } from '../../tools/build/tsup.factory.ts';

export default createTsupConfig({ entry: ['src/index.ts', 'src/bin.ts'] });
