import { createTsupConfig } from '../../tools/build/tsup.factory.ts';

export default createTsupConfig();
