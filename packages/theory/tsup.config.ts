import { createTsupConfig } from '../../tools/build/tsup.factory';

export default createTsupConfig();
