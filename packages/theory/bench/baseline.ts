/**
 * The line algebra as it was before the typed-array accumulator (the Map-keyed one), loaded for
 * same-job ratios: the theory and signal sources of commit {@link BASELINE_COMMIT} are taken from
 * git, bundled with the repository's esbuild into a temporary folder and imported. Needs the git
 * history (no shallow clone). The same commit writes tools/fixtures/theory/lines_baseline.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import type * as Theory from '../src/index';

/** The last commit with the Map-keyed accumulator in line-spectrum.ts. */
export const BASELINE_COMMIT = '6a6ef2bf5c9da554b04bfeb76ffe0dd3da3e8f1e';

/** Imports the baseline's `predictRelu` and friends (the public API of that commit). */
export async function loadBaseline(): Promise<typeof Theory> {
  const root = resolve(import.meta.dirname, '../../..');
  const dir = mkdtempSync(join(tmpdir(), 'rectify-lines-baseline-'));
  const archive = execFileSync(
    'git',
    ['-C', root, 'archive', BASELINE_COMMIT, 'packages/theory/src', 'packages/signal/src'],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  // That commit's signal imported fft.js, no longer a dependency; the line algebra never calls
  // an FFT, so it stands in as a stub that says so if it ever were.
  const fftStub = join(dir, 'fft-stub.mjs');
  writeFileSync(
    fftStub,
    "export default class FFT { constructor() { throw new Error('fft.js is not installed: the baseline loads the line algebra only'); } }\n",
  );
  const outfile = join(dir, 'baseline.mjs');
  await build({
    entryPoints: [join(dir, 'packages/theory/src/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
    alias: { '@rectify/signal': join(dir, 'packages/signal/src/index.ts'), 'fft.js': fftStub },
  });
  return (await import(pathToFileURL(outfile).href)) as typeof Theory;
}
