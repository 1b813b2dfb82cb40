import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const script = join(repoRoot, 'tools', 'scripts', 'check-boundaries.mjs');
const temp = mkdtempSync(join(tmpdir(), 'rectify-boundaries-'));

afterAll(() => rmSync(temp, { recursive: true, force: true }));

function run(root: string) {
  return spawnSync(process.execPath, [script, root], { encoding: 'utf8' });
}

describe('dependency-direction check (tools/scripts/check-boundaries.mjs)', () => {
  it('fails when signal imports tfjs or a Node built-in', () => {
    const pkg = join(temp, 'packages', 'signal');
    mkdirSync(join(pkg, 'src'), { recursive: true });
    cpSync(join(repoRoot, 'packages', 'signal', 'package.json'), join(pkg, 'package.json'));
    writeFileSync(
      join(pkg, 'src', 'index.ts'),
      "import * as tf from '@tensorflow/tfjs';\nimport { readFileSync } from 'node:fs';\nexport const x = [tf, readFileSync];\n",
    );
    const result = run(temp);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('signal must not import tfjs ("@tensorflow/tfjs")');
    expect(result.stderr).toContain('signal must not import Node built-in "node:fs"');
  });

  it('passes on the real repository as far as signal is concerned', () => {
    // Other projects are checked by their own owners; here only signal's findings must be empty.
    const result = run(repoRoot);
    expect(result.stderr).not.toContain('packages/signal/');
    expect([0, 1]).toContain(result.status);
  });

  it('passes on a tree holding only the real signal package', () => {
    const root = join(temp, 'real');
    cpSync(
      join(repoRoot, 'packages', 'signal', 'package.json'),
      join(root, 'packages', 'signal', 'package.json'),
    );
    cpSync(join(repoRoot, 'packages', 'signal', 'src'), join(root, 'packages', 'signal', 'src'), {
      recursive: true,
    });
    const result = run(root);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
