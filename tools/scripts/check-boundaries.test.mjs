// The boundary check's own test (run by `npm run check:boundaries`): a fixture tree that breaks
// every rule must fail with one line per break, and its repaired twin must pass.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { checkBoundaries, importsOf } from './check-boundaries.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const fixtures = join(here, 'fixtures', 'boundaries');
const script = join(here, 'check-boundaries.mjs');

test('a tree that breaks each rule fails, one line per break, and exits 1', () => {
  const problems = checkBoundaries(join(fixtures, 'failing'));
  assert.deepEqual(problems, [
    'apps/tool/package.json: nx.tags must hold exactly one of layer:signal, layer:theory, layer:layers, layer:experiments, layer:ui, layer:cli, layer:web, got ["scope:tools"]',
    'packages/experiments/src/index.ts: imports internals "@rectify/layers/src/secret"; use an entry @rectify/layers declares in its exports (., ./node)',
    'packages/theory/src/index.ts: theory (layer:theory) may not import @rectify/layers (layer:layers); allowed: apps → ui → experiments → layers → theory → signal',
    'apps/cli/src/main.ts: cli (layer:cli) may not import @rectify/ui (layer:ui); only layer:web may',
    `@rectify/experiments's '.' entry must run in a browser, but reaches "node:fs" via packages/experiments/src/index.ts → packages/layers/src/node.ts; move that code to a './node' entry`,
    `@rectify/layers's '.' entry must run in a browser, but reaches "h5wasm" via packages/layers/src/index.ts → packages/layers/src/keras.ts; move that code to a './node' entry (or './keras' for HDF5 and zip readers)`,
    `@rectify/layers's '.' entry must run in a browser, but reaches "node:fs/promises" via packages/layers/src/index.ts → packages/layers/src/load.ts; move that code to a './node' entry`,
    `@rectify/layers's '.' entry must run in a browser, but reaches "node:fs/promises" via packages/layers/src/index.ts → packages/layers/src/lazy.ts → packages/layers/src/reader.ts; move that code to a './node' entry`,
    `@rectify/experiments's './light' entry is declared light, but reaches "@tensorflow/tfjs" via packages/experiments/src/light.ts; import it dynamically where it is needed, or take './light' out of rectify.lightEntries`,
    `@rectify/experiments's './light' entry is declared light, but reaches "@tensorflow/tfjs-backend-wasm" via packages/experiments/src/light.ts → packages/experiments/src/train.ts; import it dynamically where it is needed, or take './light' out of rectify.lightEntries`,
    'packages/experiments/package.json: rectify.lightEntries names "./gone", which its exports do not declare',
  ]);
  const cli = spawnSync(process.execPath, [script, join(fixtures, 'failing')], {
    encoding: 'utf8',
  });
  assert.equal(cli.status, 1);
  assert.match(cli.stderr, /^boundary check failed \(11\):/);
});

test('the repaired tree (type-only Node imports; h5wasm and a guarded dynamic Node import in a lazy chunk; Node code only in ./node; ui imported by web only; tfjs only imported dynamically by a light entry) passes', () => {
  assert.deepEqual(checkBoundaries(join(fixtures, 'passing')), []);
  const cli = spawnSync(process.execPath, [script, join(fixtures, 'passing')], {
    encoding: 'utf8',
  });
  assert.equal(cli.status, 0);
});

test('importsOf tells runtime imports from erased ones', () => {
  const text = [
    "import type { A } from 'node:fs';",
    "import { b } from './b';",
    "export { c } from '@rectify/signal';",
    "export type { D } from './d';",
    "import './side-effect';",
    "type Fs = typeof import('node:fs/promises');",
    "const h = await import('h5wasm');",
  ].join('\n');
  assert.deepEqual(importsOf(text), [
    { spec: 'node:fs', typeOnly: true, dynamic: false },
    { spec: './b', typeOnly: false, dynamic: false },
    { spec: '@rectify/signal', typeOnly: false, dynamic: false },
    { spec: './d', typeOnly: true, dynamic: false },
    { spec: './side-effect', typeOnly: false, dynamic: false },
    { spec: 'node:fs/promises', typeOnly: true, dynamic: true },
    { spec: 'h5wasm', typeOnly: false, dynamic: true },
  ]);
});
