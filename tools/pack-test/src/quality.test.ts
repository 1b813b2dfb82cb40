import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packProject, publishable, repoRoot, sh } from './pack';

const scratch = mkdtempSync(join(tmpdir(), 'rectify-quality-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bin = (name: string) => join(repoRoot, 'node_modules', '.bin', name);

/** Runs publint (strict: warnings are errors) and attw (ESM-only profile) on one tarball. */
function quality(tarball: string): { ok: boolean; output: string } {
  try {
    const a = sh(bin('publint'), ['run', tarball, '--strict', '--pack', 'false']);
    const b = sh(bin('attw'), [tarball, '--profile', 'esm-only', '--no-emoji', '--no-color']);
    return { ok: true, output: a + b };
  } catch (error) {
    return { ok: false, output: (error as Error).message };
  }
}

describe('package quality (publint --strict, are-the-types-wrong)', () => {
  it.each(publishable.map((p) => p.name))('%s passes', (name) => {
    const packed = packProject(publishable.find((p) => p.name === name)!, join(scratch, 'good'));
    const result = quality(packed.tarball);
    expect(result.ok, result.output).toBe(true);
  });

  it('fails a package whose exports entry points at a file that is not there', () => {
    const copy = join(scratch, 'broken-signal');
    cpSync(join(repoRoot, 'packages/signal'), copy, {
      recursive: true,
      filter: (src) => !src.includes('node_modules'),
    });
    const manifest = JSON.parse(readFileSync(join(copy, 'package.json'), 'utf8'));
    manifest.exports['.'].import = './dist/missing.js';
    manifest.exports['.'].types = './dist/missing.d.ts';
    writeFileSync(join(copy, 'package.json'), JSON.stringify(manifest, null, 2));
    const packed = packProject({ name: 'signal', dir: copy }, join(scratch, 'bad'));
    const result = quality(packed.tarball);
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/missing/);
  });
});
