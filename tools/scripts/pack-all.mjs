#!/usr/bin/env node
// `npm run pack`: packs every publishable workspace (package.json without "private") into one
// folder, so that a package installs from tarballs before anything is published:
//   npm install <dir>/rectify-theory-*.tgz <dir>/rectify-signal-*.tgz
// A package's tarball needs the tarballs of its @rectify dependencies beside it (npm resolves
// "@rectify/signal": "0.1.0" to the tarball given on the same command line, not to the registry).
// The projects must be built first (`npm run pack` builds them through nx).
// Usage: node tools/scripts/pack-all.mjs [--out DIR]   (default: out/packages)
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const outFlag = process.argv.indexOf('--out');
if (outFlag !== -1 && !process.argv[outFlag + 1]) {
  console.error('pack-all: --out needs a folder, got nothing');
  process.exit(2);
}
const out = resolve(outFlag === -1 ? join(root, 'out', 'packages') : process.argv[outFlag + 1]);

const workspaces = ['packages', 'apps'].flatMap((group) =>
  readdirSync(join(root, group)).map((name) => join(root, group, name)),
);
const publishable = workspaces
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ manifest }) => manifest.private !== true);

mkdirSync(out, { recursive: true });
for (const stale of readdirSync(out).filter((f) => /^rectify-.*\.tgz$/.test(f))) {
  rmSync(join(out, stale));
}
for (const { dir, manifest } of publishable) {
  if (!existsSync(join(dir, 'dist', 'index.js'))) {
    console.error(
      `pack-all: ${relative(root, dir)}/dist/index.js is missing; build first: npx nx run-many -t build`,
    );
    process.exit(1);
  }
  const [info] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', out], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }),
  );
  const deps = Object.keys(manifest.dependencies ?? {}).filter((d) => d.startsWith('@rectify/'));
  console.log(
    `${relative(process.cwd(), join(out, info.filename))}${deps.length ? `  (install with: ${deps.join(', ')})` : ''}`,
  );
}
