#!/usr/bin/env node
// Runs lint, typecheck, build and test for the projects that need it (the root `npm test`).
//
// - Default (a clean clone, CI, or any machine without a known-good commit): every project,
//   `nx run-many`. Nothing is skipped.
// - With RECTIFY_AFFECTED_BASE=<commit> (a commit whose full run passed, e.g. the last green CI
//   run of main): `nx affected --base=<commit>`, which runs every project whose inputs changed
//   since that commit, plus every project that depends on one (nx's project graph, including
//   pack-test's implicit dependencies). A base that git does not know is an error, never a
//   silent skip.
// nx's local cache (.nx/cache) already skips tasks whose inputs are unchanged on a developer's
// machine; CI starts from a clean clone, so its cache is empty and everything runs.
import { execFileSync, spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

const targets = ['lint', 'typecheck', 'build', 'test'];
const base = process.env.RECTIFY_AFFECTED_BASE?.trim();
let args = ['run-many', '-t', ...targets, '--outputStyle=stream'];
if (base) {
  try {
    execFileSync('git', ['cat-file', '-e', `${base}^{commit}`], { stdio: 'ignore' });
  } catch {
    console.error(`RECTIFY_AFFECTED_BASE must name a commit in this clone, got "${base}"`);
    process.exit(2);
  }
  args = ['affected', '-t', ...targets, `--base=${base}`, '--outputStyle=stream'];
  console.log(`nx affected since ${base} (unset RECTIFY_AFFECTED_BASE to run every project)`);
}
// Stream nx's output and add up vitest's per-project "Tests  N failed | M passed" lines, so the
// run ends with one summary line that CI readers understand.
const child = spawn('npx', ['nx', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
let passed = 0;
let failed = 0;
let skipped = 0;
let pending = '';
child.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const lines = (pending + chunk.toString('utf8')).split('\n');
  pending = lines.pop() ?? '';
  for (const raw of lines) {
    const line = stripVTControlCharacters(raw);
    const m = /^\S*\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
    if (!m) continue;
    for (const [, count, kind] of m[1].matchAll(/(\d+) (passed|failed|skipped)/g)) {
      if (kind === 'passed') passed += Number(count);
      else if (kind === 'failed') failed += Number(count);
      else skipped += Number(count);
    }
  }
});
child.on('close', (code) => {
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
  process.exit(code ?? 1);
});
