import { createTsupConfig } from '../../tools/build/tsup.factory.ts';

// DOM code: built for browsers (uPlot's stylesheet is emitted beside the bundle as index.css).
export default createTsupConfig({ platform: 'browser', target: 'es2022' });
