#!/usr/bin/env node
// Dependency-direction check: apps → experiments → layers → theory → signal.
// Fails (exit 1) when a project imports a @rectify package at or above its own layer, when a
// package imports an app, or when `signal`/`theory` import tfjs, DOM-only modules or Node
// built-ins. Reads each project's package.json and the import specifiers of its src/ files.
// Usage: node tools/scripts/check-boundaries.mjs [repoRoot]
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';

const root = process.argv[2] ?? process.cwd();
const rank = { signal: 0, theory: 1, layers: 2, experiments: 3, cli: 4, web: 4 };
const pureLayers = new Set(['signal', 'theory']);
const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

function walk(dir) {
  let out = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(entry) && !/\.test\.ts$/.test(entry)) out.push(p);
  }
  return out;
}

// The subpath entries each project declares (`exports` of its package.json: './keras', './node').
const declared = new Map();
for (const group of ['packages', 'apps']) {
  let names = [];
  try {
    names = readdirSync(join(root, group));
  } catch {
    continue;
  }
  for (const d of names) {
    try {
      const pkg = JSON.parse(readFileSync(join(root, group, d, 'package.json'), 'utf8'));
      declared.set(pkg.nx?.name ?? d, new Set(Object.keys(pkg.exports ?? {})));
    } catch {
      // Not a project folder.
    }
  }
}

const importRe =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;
const problems = [];
for (const group of ['packages', 'apps']) {
  let dirs = [];
  try {
    dirs = readdirSync(join(root, group));
  } catch {
    continue;
  }
  for (const d of dirs) {
    const dir = join(root, group, d);
    let pkg;
    try {
      pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    } catch {
      continue;
    }
    const self = pkg.nx?.name ?? d;
    if (!(self in rank)) {
      problems.push(
        `${group}/${d}: project "${self}" has no place in the layer order ${Object.keys(rank).join(', ')}`,
      );
      continue;
    }
    const check = (spec, where) => {
      const m = /^@rectify\/([^/]+)/.exec(spec);
      if (m) {
        const target = m[1];
        if (target === 'test-utils') return;
        if (!(target in rank))
          problems.push(`${where}: imports unknown project @rectify/${target}`);
        else if (rank[target] >= rank[self])
          problems.push(
            `${where}: ${self} (layer ${rank[self]}) may not import @rectify/${target} (layer ${rank[target]}); allowed: apps → experiments → layers → theory → signal`,
          );
        const subpath = `.${spec.slice(m[0].length)}`;
        if (m[0] !== spec && !declared.get(target)?.has(subpath))
          problems.push(
            `${where}: imports internals "${spec}"; use a package entry point (its package.json exports)`,
          );
        return;
      }
      if (pureLayers.has(self)) {
        if (spec.startsWith('@tensorflow/'))
          problems.push(`${where}: ${self} must not import tfjs ("${spec}")`);
        if (builtins.has(spec))
          problems.push(`${where}: ${self} must not import Node built-in "${spec}"`);
      }
    };
    for (const dep of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies }))
      check(dep, `${group}/${d}/package.json`);
    let files = [];
    try {
      files = walk(join(dir, 'src'));
    } catch {
      continue;
    }
    for (const f of files) {
      // Comments (TSDoc @example blocks) hold no imports.
      const text = readFileSync(f, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
      for (const m of text.matchAll(importRe)) check(m[1] ?? m[2] ?? m[3], relative(root, f));
      if (pureLayers.has(self) && /\b(window|document|navigator)\.\w/.test(text))
        problems.push(`${relative(root, f)}: ${self} must not use DOM globals`);
    }
  }
}
if (problems.length) {
  console.error(
    `dependency-direction check failed (${problems.length}):\n  ${problems.join('\n  ')}`,
  );
  process.exit(1);
}
console.log('dependency-direction check: ok');
