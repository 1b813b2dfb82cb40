#!/usr/bin/env node
// The repository's boundary check (the first step of `npm test`). It fails (exit 1) when
// - a project under packages/ or apps/ lacks exactly one known `layer:` tag in its package.json
//   (`nx.tags`): the tags are the layer order, apps → ui → experiments → layers → theory → signal;
// - a project imports a @rectify project whose layer is not below its own, or a subpath that
//   project's `exports` does not declare (internals); only the web app imports ui (the browser
//   widgets);
// - `signal` or `theory` import tfjs, a Node built-in or use DOM globals;
// - a Node built-in (`node:*`, `fs`, …) or h5wasm is reachable from a package's `.` entry
//   (static imports, re-exports and dynamic `import()` of built-ins, followed through relative
//   files and other @rectify entries; `import type` is erased and not followed; inside a chunk
//   that is itself loaded by a dynamic `import()`, h5wasm and a dynamic `import('node:…')` are
//   allowed). The `.` entry must run in a browser; Node-only code belongs in `./node`, HDF5 and
//   zip in `./keras`;
// - an entry a package lists in `rectify.lightEntries` (package.json) reaches tfjs or h5wasm
//   other than through a dynamic `import()`: those entries are what commands import to start fast.
// Usage: node tools/scripts/check-boundaries.mjs [repoRoot]
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The layer tags, lowest first; projects may import only projects of a lower rank. */
export const LAYER_RANK = {
  'layer:signal': 0,
  'layer:theory': 1,
  'layer:layers': 2,
  'layer:experiments': 3,
  'layer:ui': 4,
  'layer:cli': 5,
  'layer:web': 5,
};
/** Layers only some layers may import: the browser widgets are the web app's alone. */
const IMPORTED_ONLY_BY = { 'layer:ui': ['layer:web'] };
const PURE_LAYERS = new Set(['layer:signal', 'layer:theory']);
/** Modules a `.` entry must not reach: Node's built-ins and the HDF5 reader (its own `./keras` entry). */
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const HEAVY = new Set(['h5wasm']);

/** A `.` entry's finding: a Node built-in outside a guarded lazy chunk, or h5wasm loaded eagerly. */
function browserFinding(spec, lazy, dynamic) {
  return (BUILTINS.has(spec) && !(lazy && dynamic)) || (HEAVY.has(spec) && !(lazy || dynamic));
}

/** A light entry's finding: tfjs or h5wasm loaded eagerly. */
function lightFinding(spec, lazy, dynamic) {
  return (spec.startsWith('@tensorflow/') || HEAVY.has(spec)) && !(lazy || dynamic);
}

function walk(dir) {
  let out = [];
  for (const entry of readdirSync(dir)) {
    const p = join(dir, entry);
    if (statSync(p).isDirectory()) out = out.concat(walk(p));
    else if (/\.(ts|tsx|js|mjs)$/.test(entry) && !/\.test\.ts$/.test(entry)) out.push(p);
  }
  return out;
}

/** Source text without comments (TSDoc @example blocks hold no imports). */
function code(file) {
  return readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
}

const FROM_RE = /(?:^|[\s;])(import|export)\s+(type\s+)?[^'";]*?from\s*['"]([^'"]+)['"]/gm;
const BARE_RE = /^\s*import\s*['"]([^'"]+)['"]/gm;
const DYNAMIC_RE = /(typeof\s+)?\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

/**
 * Every module specifier in a file, with whether it survives compilation (`import type` and
 * `typeof import()` do not) and whether it is a dynamic `import()`.
 */
export function importsOf(text) {
  const out = [];
  for (const m of text.matchAll(FROM_RE))
    out.push({ spec: m[3], typeOnly: Boolean(m[2]), dynamic: false });
  for (const m of text.matchAll(BARE_RE)) out.push({ spec: m[1], typeOnly: false, dynamic: false });
  for (const m of text.matchAll(DYNAMIC_RE))
    out.push({ spec: m[2], typeOnly: Boolean(m[1]), dynamic: true });
  return out;
}

function readProjects(root) {
  const projects = [];
  for (const group of ['packages', 'apps']) {
    const groupDir = join(root, group);
    if (!existsSync(groupDir)) continue;
    for (const d of readdirSync(groupDir).sort()) {
      const dir = join(groupDir, d);
      let pkg;
      try {
        pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      } catch {
        continue;
      }
      const tags = (pkg.nx?.tags ?? []).filter((t) => t.startsWith('layer:'));
      projects.push({ group, d, dir, pkg, name: pkg.nx?.name ?? d, tags });
    }
  }
  return projects;
}

/** The source file an exports entry points at (`@rectify/source` condition), or undefined. */
function sourceOf(project, subpath) {
  const entry = project.pkg.exports?.[subpath];
  const target = typeof entry === 'string' ? entry : entry?.['@rectify/source'];
  return target ? join(project.dir, target) : undefined;
}

function resolveRelative(from, spec) {
  const base = resolve(dirname(from), spec);
  const candidates = [
    base,
    base.replace(/\.js$/, '.ts'),
    `${base}.ts`,
    `${base}.tsx`,
    join(base, 'index.ts'),
  ];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile());
}

/**
 * Runs every check on the tree at `root`.
 *
 * @param root - a repository root holding packages/ and apps/.
 * @returns one line per problem (empty when the tree is clean).
 */
export function checkBoundaries(repoRoot) {
  const root = resolve(repoRoot);
  const problems = [];
  const projects = readProjects(root);
  const byPackage = new Map(projects.map((p) => [p.pkg.name, p]));
  const where = (file) => relative(root, file);

  for (const p of projects) {
    if (p.tags.length !== 1 || !(p.tags[0] in LAYER_RANK)) {
      problems.push(
        `${p.group}/${p.d}/package.json: nx.tags must hold exactly one of ${Object.keys(LAYER_RANK).join(', ')}, got ${JSON.stringify(p.pkg.nx?.tags ?? [])}`,
      );
      p.rank = undefined;
    } else p.rank = LAYER_RANK[p.tags[0]];
  }

  // Layer direction, internals, and the purity of signal and theory.
  for (const p of projects) {
    if (p.rank === undefined) continue;
    const pure = PURE_LAYERS.has(p.tags[0]);
    const check = (spec, at) => {
      const m = /^(@rectify\/[^/]+)(\/.*)?$/.exec(spec);
      if (m) {
        if (m[1] === '@rectify/test-utils') return;
        const target = byPackage.get(m[1]);
        if (!target) {
          problems.push(`${at}: imports unknown project ${m[1]}`);
          return;
        }
        if (target.rank !== undefined && target.rank >= p.rank)
          problems.push(
            `${at}: ${p.name} (${p.tags[0]}) may not import ${m[1]} (${target.tags[0]}); allowed: apps → ui → experiments → layers → theory → signal`,
          );
        else if (IMPORTED_ONLY_BY[target.tags[0]]?.includes(p.tags[0]) === false)
          problems.push(
            `${at}: ${p.name} (${p.tags[0]}) may not import ${m[1]} (${target.tags[0]}); only ${IMPORTED_ONLY_BY[target.tags[0]].join(', ')} may`,
          );
        if (m[2] && !target.pkg.exports?.[`.${m[2]}`])
          problems.push(
            `${at}: imports internals "${spec}"; use an entry ${m[1]} declares in its exports (${Object.keys(target.pkg.exports ?? {}).join(', ')})`,
          );
        return;
      }
      if (pure) {
        if (spec.startsWith('@tensorflow/'))
          problems.push(`${at}: ${p.name} must not import tfjs ("${spec}")`);
        if (BUILTINS.has(spec))
          problems.push(`${at}: ${p.name} must not import Node built-in "${spec}"`);
      }
    };
    for (const dep of Object.keys({ ...p.pkg.dependencies, ...p.pkg.peerDependencies }))
      check(dep, `${p.group}/${p.d}/package.json`);
    let files = [];
    try {
      files = walk(join(p.dir, 'src'));
    } catch {
      continue;
    }
    for (const f of files) {
      const text = code(f);
      for (const { spec } of importsOf(text)) check(spec, where(f));
      if (pure && /\b(window|document|navigator)\.\w/.test(text))
        problems.push(`${where(f)}: ${p.name} must not use DOM globals`);
    }
  }

  // What each package's `.` entry reaches. A file reached only through a dynamic `import()` is a
  // lazy chunk, loaded when a feature needs it: it may load h5wasm (which runs in browsers, but
  // is too heavy for every page) and may hold a Node-only branch behind its own dynamic
  // `import('node:…')`, but a static Node import would break the chunk in a browser. A finding
  // inside another package's own `.` entry is reported once, for that package.
  const reach = (entry, isFinding = browserFinding) => {
    const seen = { eager: new Map([[entry, undefined]]), lazy: new Map() };
    const queue = [{ file: entry, lazy: false }];
    const findings = [];
    const chain = (file, lazy) => {
      const out = [];
      const via = lazy ? seen.lazy : seen.eager;
      for (let f = file; f !== undefined; f = via.has(f) ? via.get(f) : seen.eager.get(f))
        out.unshift(where(f));
      return out.join(' → ');
    };
    while (queue.length > 0) {
      const { file, lazy } = queue.shift();
      for (const { spec, typeOnly, dynamic } of importsOf(code(file))) {
        if (typeOnly) continue;
        const nextLazy = lazy || dynamic;
        let next;
        if (spec.startsWith('.')) next = resolveRelative(file, spec);
        else if (/^@rectify\//.test(spec)) {
          const m = /^(@rectify\/[^/]+)(\/.*)?$/.exec(spec);
          const target = byPackage.get(m[1]);
          if (target) next = sourceOf(target, m[2] ? `.${m[2]}` : '.');
        } else if (isFinding(spec, lazy, dynamic)) {
          findings.push({ spec, file, key: `${file}\0${spec}`, chain: chain(file, lazy) });
        }
        if (!next) continue;
        const visited = nextLazy ? seen.lazy : seen.eager;
        if (visited.has(next) || seen.eager.has(next)) continue;
        visited.set(next, file);
        queue.push({ file: next, lazy: nextLazy });
      }
    }
    return findings;
  };
  const packages = projects.filter((p) => p.group === 'packages');
  const findingsOf = new Map();
  for (const p of packages) {
    const entry = sourceOf(p, '.');
    findingsOf.set(p, entry && existsSync(entry) ? reach(entry) : []);
  }
  for (const p of packages) {
    const seenKeys = new Set();
    for (const f of findingsOf.get(p)) {
      if (seenKeys.has(f.key)) continue;
      seenKeys.add(f.key);
      const owner = packages.find((q) => f.file.startsWith(q.dir + sep));
      if (owner && owner !== p && findingsOf.get(owner).some((g) => g.key === f.key)) continue;
      problems.push(
        `${p.pkg.name}'s '.' entry must run in a browser, but reaches "${f.spec}" via ${f.chain}; move that code to a './node' entry${HEAVY.has(f.spec) ? " (or './keras' for HDF5 and zip readers)" : ''}`,
      );
    }
  }

  // Entries a package declares light (`"rectify": { "lightEntries": [...] }` in its package.json,
  // what a command imports to start fast) must not load tfjs or h5wasm, unless through a dynamic
  // `import()` of the feature that needs them. Node built-ins are allowed (they are not `.`).
  for (const p of packages) {
    for (const subpath of p.pkg.rectify?.lightEntries ?? []) {
      const entry = sourceOf(p, subpath);
      if (!entry || !existsSync(entry)) {
        problems.push(
          `${p.group}/${p.d}/package.json: rectify.lightEntries names "${subpath}", which its exports do not declare`,
        );
        continue;
      }
      const seenKeys = new Set();
      for (const f of reach(entry, lightFinding)) {
        if (seenKeys.has(f.spec)) continue;
        seenKeys.add(f.spec);
        problems.push(
          `${p.pkg.name}'s '${subpath}' entry is declared light, but reaches "${f.spec}" via ${f.chain}; import it dynamically where it is needed, or take '${subpath}' out of rectify.lightEntries`,
        );
      }
    }
  }
  return problems;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const problems = checkBoundaries(process.argv[2] ?? process.cwd());
  if (problems.length) {
    console.error(`boundary check failed (${problems.length}):\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(
    'boundary check: ok (layer tags, dependency direction, browser-safe entries, light entries)',
  );
}
