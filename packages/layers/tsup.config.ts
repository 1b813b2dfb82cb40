import { createTsupConfig } from '../../tools/build/tsup.factory.ts';

// Three entries: `.` (browser-safe), `./keras` (HDF5 and zip readers), `./node` (file system).
export default createTsupConfig({
  entry: { index: 'src/index.ts', keras: 'src/keras/index.ts', node: 'src/node.ts' },
});
