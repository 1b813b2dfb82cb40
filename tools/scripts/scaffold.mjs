// One-off scaffold of the six projects' config files (kept for new packages: `node tools/scripts/scaffold.mjs`).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const projects = [
  {
    dir: 'packages/signal',
    name: 'signal',
    desc: 'FFT of any length, spectra, windows, scipy-compatible freqz, Keras-style 1-D convolution, generators and metrics on Float64Array.',
    deps: { 'fft.js': '4.0.4' },
    node: false,
  },
  {
    dir: 'packages/theory',
    name: 'theory',
    desc: 'The ReLU spectral model: binomial and Chebyshev series, line spectra, DC predictors, convergence.',
    deps: { '@rectify/signal': '0.1.0' },
    node: false,
  },
  {
    dir: 'packages/layers',
    name: 'layers',
    desc: 'TensorFlow.js layers with a DC-controllable ReLU, causal convolution, wasm training kernels, spectral probes and Keras import.',
    deps: { '@rectify/signal': '0.1.0', '@rectify/theory': '0.1.0' },
    peer: { '@tensorflow/tfjs': '^4.22.0', '@tensorflow/tfjs-backend-wasm': '^4.22.0' },
    node: true,
  },
  {
    dir: 'packages/experiments',
    name: 'experiments',
    desc: "The paper's experiments as typed, seeded, resumable runs.",
    deps: { '@rectify/signal': '0.1.0', '@rectify/theory': '0.1.0', '@rectify/layers': '0.1.0' },
    peer: { '@tensorflow/tfjs': '^4.22.0', '@tensorflow/tfjs-backend-wasm': '^4.22.0' },
    node: true,
  },
  {
    dir: 'apps/cli',
    name: 'cli',
    desc: 'The rectify command: analyse, run, reproduce, inspect.',
    deps: {
      '@rectify/signal': '0.1.0',
      '@rectify/theory': '0.1.0',
      '@rectify/layers': '0.1.0',
      '@rectify/experiments': '0.1.0',
      '@tensorflow/tfjs': '4.22.0',
      '@tensorflow/tfjs-backend-wasm': '4.22.0',
    },
    node: true,
    bin: true,
  },
  {
    dir: 'apps/web',
    name: 'web',
    desc: 'Interactive explorer and in-browser lab.',
    deps: {},
    node: false,
    web: true,
  },
];

const w = (path, text) => {
  if (!existsSync(path)) writeFileSync(path, text);
};
for (const p of projects) {
  mkdirSync(join(p.dir, 'src'), { recursive: true });
  const pkg = {
    name: `@rectify/${p.name}`,
    version: '0.1.0',
    description: p.desc,
    license: 'MIT',
    type: 'module',
    engines: { node: '>=20' },
    sideEffects: false,
    ...(p.web ? { private: true } : {}),
    exports: p.web
      ? undefined
      : {
          '.': {
            '@rectify/source': './src/index.ts',
            types: './dist/index.d.ts',
            import: './dist/index.js',
          },
          './package.json': './package.json',
        },
    main: p.web ? undefined : './dist/index.js',
    types: p.web ? undefined : './dist/index.d.ts',
    ...(p.bin ? { bin: { rectify: './dist/bin.js' } } : {}),
    files: p.web ? undefined : ['dist', 'src', '!src/**/*.test.ts', 'README.md', 'LICENSE'],
    scripts: {
      build: p.web ? 'vite build' : 'tsup',
      test: 'vitest run',
      typecheck: 'tsc -p tsconfig.json && tsc -p tsconfig.spec.json',
      lint: 'biome check .',
      bench: 'vitest bench --run',
    },
    nx: { name: p.name, tags: [`layer:${p.name}`] },
    dependencies: p.deps,
    ...(p.peer ? { peerDependencies: p.peer } : {}),
  };
  w(join(p.dir, 'package.json'), `${JSON.stringify(pkg, null, 2)}\n`);
  const types = p.node ? '["node"]' : '[]';
  w(
    join(p.dir, 'tsconfig.json'),
    `{\n  "extends": "../../tsconfig.base.json",\n  "compilerOptions": { "types": ${types}${p.web ? ', "lib": ["ES2022", "DOM", "DOM.Iterable"]' : ''} },\n  "include": ["src/**/*.ts"],\n  "exclude": ["src/**/*.test.ts"]\n}\n`,
  );
  w(
    join(p.dir, 'tsconfig.spec.json'),
    `{\n  "extends": "./tsconfig.json",\n  "compilerOptions": { "types": ["node"] },\n  "include": ["src/**/*.ts", "test/**/*.ts", "bench/**/*.ts", "examples/**/*.ts", "*.config.ts"],\n  "exclude": []\n}\n`,
  );
  if (!p.web)
    w(
      join(p.dir, 'tsup.config.ts'),
      `import { createTsupConfig } from '../../tools/build/tsup.factory';\n\nexport default createTsupConfig(${p.bin ? "{ entry: ['src/index.ts', 'src/bin.ts'] }" : ''});\n`,
    );
  w(
    join(p.dir, 'vitest.config.ts'),
    `import { createVitestConfig } from '../../tools/build/vitest.factory';\n\nexport default createVitestConfig();\n`,
  );
  w(
    join(p.dir, 'LICENSE'),
    'MIT License\n\nCopyright (c) 2026 The Rectify authors\n\nPermission is hereby granted, free of charge, to any person obtaining a copy of this software and associated documentation files (the "Software"), to deal in the Software without restriction, including without limitation the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is furnished to do so, subject to the following conditions:\n\nThe above copyright notice and this permission notice shall be included in all copies or substantial portions of the Software.\n\nTHE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.\n',
  );
}
