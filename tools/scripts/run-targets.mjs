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
import { execFileSync, spawnSync } from 'node:child_process';

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
const result = spawnSync('npx', ['nx', ...args], { stdio: 'inherit' });
process.exit(result.status ?? 1);
