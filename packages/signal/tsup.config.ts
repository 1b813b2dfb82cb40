import { createTsupConfig } from '../../tools/build/tsup.factory.ts';

// Two entries: the package (`.`) and the internal boundary checks (`./validate`) that the packages
// built on this one share, so that every package words bad input the same way.
export default createTsupConfig({ entry: { index: 'src/index.ts', validate: 'src/validate.ts' } });
