import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const cliDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(cliDir, '..', '..');
const launcher = join(cliDir, 'bin', 'rectify.js');
const scratch = mkdtempSync(join(tmpdir(), 'rectify-launcher-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const run = (file: string, args: string[], cwd = cliDir) =>
  spawnSync(process.execPath, [file, ...args], { cwd, encoding: 'utf8', timeout: 120_000 });

describe('the committed rectify launcher (bin/rectify.js)', () => {
  it('is the bin of the package and of the lockfile, so npm ci links it before any build', () => {
    const manifest = JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8'));
    expect(manifest.bin).toEqual({ rectify: './bin/rectify.js' });
    expect(manifest.files).toContain('bin');
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8'));
    expect(lock.packages['apps/cli'].bin).toEqual({ rectify: 'bin/rectify.js' });
  });

  it('runs the built command', () => {
    const r = run(launcher, ['--version']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(
      JSON.parse(readFileSync(join(cliDir, 'package.json'), 'utf8')).version,
    );
    const json = run(launcher, [
      'analyze',
      '--tones',
      '10:1',
      '--fs',
      '128',
      '--duration',
      '1',
      '--json',
    ]);
    expect(json.status, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as { dc: { exact: number } }).dc.exact).toBeCloseTo(
      1 / Math.PI,
      12,
    );
  });

  it('says to build first, with exit 1, when dist/bin.js is missing', () => {
    mkdirSync(join(scratch, 'bin'), { recursive: true });
    copyFileSync(launcher, join(scratch, 'bin', 'rectify.js'));
    const r = run(join(scratch, 'bin', 'rectify.js'), ['--help'], scratch);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `rectify: the command is not built (${join(scratch, 'dist', 'bin.js')} is missing); build it first: npx nx build cli\n`,
    );
  });
});
