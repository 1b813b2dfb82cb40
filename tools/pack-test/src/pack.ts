import { execFileSync, type ExecFileSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (two folders above this package). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The publishable projects, in dependency order, with their folders. */
export const publishable = [
  { name: 'signal', dir: 'packages/signal' },
  { name: 'theory', dir: 'packages/theory' },
  { name: 'layers', dir: 'packages/layers' },
  { name: 'experiments', dir: 'packages/experiments' },
  { name: 'cli', dir: 'apps/cli' },
] as const;

/** Runs a command and returns its stdout; on failure throws with the command's stderr and stdout. */
export function sh(cmd: string, args: string[], options: ExecFileSyncOptions = {}): string {
  try {
    return execFileSync(cmd, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 << 20,
      ...options,
    }) as string;
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; status?: number };
    throw new Error(
      `${cmd} ${args.join(' ')} exited ${e.status}:\n${e.stderr ?? ''}\n${e.stdout ?? ''}`,
    );
  }
}

/** One packed tarball: its path and the files npm put in it. */
export interface Packed {
  name: string;
  dir: string;
  tarball: string;
  files: string[];
}

/**
 * Packs one project with `npm pack` into `destination` (the project must be built).
 *
 * @throws Error when `dist/index.js` is missing (run `npx nx run-many -t build` first).
 */
export function packProject(project: { name: string; dir: string }, destination: string): Packed {
  const dir = project.dir.startsWith('/') ? project.dir : join(repoRoot, project.dir);
  if (!existsSync(join(dir, 'dist', 'index.js'))) {
    throw new Error(
      `${project.dir}/dist/index.js is missing: build the project first (npx nx build ${project.name})`,
    );
  }
  mkdirSync(destination, { recursive: true });
  const out = JSON.parse(
    sh('npm', ['pack', '--json', '--pack-destination', destination], { cwd: dir }),
  ) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const info = out[0]!;
  return {
    name: project.name,
    dir,
    tarball: join(destination, info.filename),
    files: info.files.map((f) => f.path),
  };
}

/** The package.json of a project. */
export function readManifest(dir: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
}
