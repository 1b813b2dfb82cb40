import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const appDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(appDir, '../..');
const dependencies = ['signal', 'theory', 'layers', 'experiments'];

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Build what the child-process tests need: the packages' dist (through nx, which builds them in
 * dependency order) when one is missing or older than its package's sources, and this app's dist
 * when it is missing or stale.
 */
export default function setup(): void {
  const missing = dependencies.filter((d) => {
    const dist = join(repoRoot, 'packages', d, 'dist', 'index.js');
    return (
      !existsSync(dist) ||
      statSync(dist).mtimeMs < newestMtime(join(repoRoot, 'packages', d, 'src'))
    );
  });
  const env = { ...process.env, NX_DAEMON: 'false' };
  if (missing.length > 0) {
    execFileSync('npx', ['nx', 'run', 'cli:build', '--outputStyle=static'], {
      cwd: repoRoot,
      stdio: 'inherit',
      env,
    });
    return;
  }
  const bin = join(appDir, 'dist', 'bin.js');
  if (!existsSync(bin) || statSync(bin).mtimeMs < newestMtime(join(appDir, 'src'))) {
    execFileSync('npx', ['tsup'], { cwd: appDir, stdio: 'inherit', env });
  }
}
