import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot, sh } from './pack';

const scratch = mkdtempSync(join(tmpdir(), 'rectify-changeset-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const manifests = [
  'package.json',
  'packages/signal/package.json',
  'packages/theory/package.json',
  'packages/layers/package.json',
  'packages/experiments/package.json',
  'apps/cli/package.json',
  'apps/web/package.json',
  'packages/ui/package.json',
  'tools/test-utils/package.json',
  'tools/pack-test/package.json',
  '.changeset/config.json',
];
const version = (path: string) =>
  (JSON.parse(readFileSync(join(scratch, path), 'utf8')) as { version: string }).version;

it('a changeset on signal bumps signal and every package that depends on it (changesets)', () => {
  for (const m of manifests) {
    mkdirSync(dirname(join(scratch, m)), { recursive: true });
    cpSync(join(repoRoot, m), join(scratch, m));
  }
  symlinkSync(join(repoRoot, 'node_modules'), join(scratch, 'node_modules'));
  const before = Object.fromEntries(manifests.slice(1, 6).map((m) => [m, version(m)]));
  writeFileSync(
    join(scratch, '.changeset', 'signal-minor.md'),
    '---\n"@rectify/signal": minor\n---\n\nA new window.\n',
  );
  sh('node', [join(repoRoot, 'node_modules/@changesets/cli/bin.js'), 'version'], { cwd: scratch });
  const [major, minor] = before['packages/signal/package.json']!.split('.').map(Number);
  expect(version('packages/signal/package.json')).toBe(`${major}.${(minor ?? 0) + 1}.0`);
  for (const m of [
    'packages/theory/package.json',
    'packages/layers/package.json',
    'packages/experiments/package.json',
    'apps/cli/package.json',
  ]) {
    expect(version(m), m).not.toBe(before[m]);
    expect(readFileSync(join(scratch, dirname(m), 'CHANGELOG.md'), 'utf8')).toMatch(
      /@rectify\/signal@/,
    );
  }
  // The private, ignored projects (the web app and its widgets) keep their version.
  expect(version('apps/web/package.json')).toBe('0.1.0');
  expect(version('packages/ui/package.json')).toBe('0.1.0');
});
