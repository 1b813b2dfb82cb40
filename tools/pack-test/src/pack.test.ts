import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Packed, packProject, publishable, readManifest, repoRoot, sh } from './pack';

const scratch = mkdtempSync(join(tmpdir(), 'rectify-pack-'));
const packed: Packed[] = [];

beforeAll(() => {
  for (const project of publishable) packed.push(packProject(project, join(scratch, 'tarballs')));
  const app = join(scratch, 'app');
  sh('mkdir', ['-p', app]);
  writeFileSync(
    join(app, 'package.json'),
    JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2),
  );
  sh(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--loglevel=error',
      ...packed.map((p) => p.tarball),
      '@tensorflow/tfjs@4.22.0',
      '@tensorflow/tfjs-backend-wasm@4.22.0',
      'typescript@5.9.3',
      '@types/node@20',
    ],
    { cwd: app },
  );
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('tarball contents', () => {
  it.each(publishable.map((p) => p.name))('%s ships dist, README, LICENSE and no tests', (name) => {
    const p = packed.find((q) => q.name === name)!;
    for (const f of ['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']) {
      expect(p.files, `${name} tarball lacks ${f}`).toContain(f);
    }
    expect(p.files.filter((f) => /\.test\.ts$|node_modules|\.bench\.ts$/.test(f))).toEqual([]);
    const manifest = readManifest(p.dir);
    expect(manifest.engines).toEqual({ node: '>=20' });
    expect(typeof manifest.sideEffects).toBe('boolean');
  });

  it('keeps tfjs a peer of layers and experiments, never a bundled dependency', () => {
    for (const name of ['layers', 'experiments']) {
      const m = readManifest(join(repoRoot, `packages/${name}`)) as {
        dependencies?: Record<string, string>;
        peerDependencies?: Record<string, string>;
      };
      expect(m.peerDependencies?.['@tensorflow/tfjs'], name).toBeDefined();
      expect(m.dependencies?.['@tensorflow/tfjs'], name).toBeUndefined();
      // Entries share chunks (`.`, `./node`, `./keras`), so tfjs may be imported from any of them.
      const dist = join(repoRoot, `packages/${name}/dist`);
      const bundles = readdirSync(dist)
        .filter((f) => f.endsWith('.js'))
        .map((f) => readFileSync(join(dist, f), 'utf8'));
      expect(
        bundles.some((b) => /from ['"]@tensorflow\/tfjs['"]/.test(b)),
        name,
      ).toBe(true);
    }
  });
});

describe('installed into a scratch project outside the workspace', () => {
  const app = join(scratch, 'app');

  it('resolves every @rectify import to the packed sibling, not the workspace', () => {
    for (const p of publishable) {
      const installed = join(app, 'node_modules', '@rectify', p.name);
      expect(existsSync(join(installed, 'dist', 'index.js')), p.name).toBe(true);
      const resolved = sh(
        'node',
        ['-e', `console.log(require.resolve('@rectify/${p.name}/package.json'))`],
        { cwd: app },
      ).trim();
      expect(resolved.startsWith(app), `${p.name} resolved to ${resolved}`).toBe(true);
    }
  });

  const withExamples = publishable.filter((p) =>
    existsSync(join(repoRoot, p.dir, 'examples', 'quick-start.ts')),
  );

  it('type-checks every README example as a consumer (tsc --noEmit, nodenext, strict)', () => {
    expect(withExamples.length).toBeGreaterThanOrEqual(3);
    for (const p of withExamples)
      copyFileSync(
        join(repoRoot, p.dir, 'examples', 'quick-start.ts'),
        join(app, `${p.name}-example.ts`),
      );
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'nodenext',
          moduleResolution: 'nodenext',
          strict: true,
          outDir: 'out',
          types: ['node'],
          skipLibCheck: true, // tfjs 4.22's own .d.ts files do not pass strict checks; ours are checked by attw
        },
        include: ['*-example.ts'],
      }),
    );
    sh(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: app });
    sh(join(app, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: app });
  });

  it.each(withExamples.map((p) => p.name))(
    'runs the %s README example and prints what the README says',
    (name) => {
      const p = publishable.find((q) => q.name === name)!;
      const stdout = sh('node', [join('out', `${name}-example.js`)], {
        cwd: app,
        timeout: 300_000,
      }).trim();
      expect(stdout.length).toBeGreaterThan(0);
      const readme = readFileSync(join(repoRoot, p.dir, 'README.md'), 'utf8');
      for (const line of stdout.split('\n')) {
        expect(readme, `${name} README should show the printed line "${line}"`).toContain(
          line.trim(),
        );
      }
      expect(readme, `${name} README should show or link its example`).toMatch(
        /examples\/quick-start\.ts|from '@rectify\//,
      );
    },
  );

  it('installs a working rectify bin', () => {
    const help = sh(join(app, 'node_modules', '.bin', 'rectify'), ['--help'], { cwd: app });
    expect(help).toMatch(/analyze/);
    const json = sh(
      join(app, 'node_modules', '.bin', 'rectify'),
      ['analyze', '--tones', '10:1', '--fs', '128', '--duration', '1', '--json'],
      {
        cwd: app,
      },
    );
    const parsed = JSON.parse(json) as { dc?: { exact?: number } };
    expect(parsed.dc?.exact).toBeCloseTo(1 / Math.PI, 6);
  });
});

describe('npm run pack (tools/scripts/pack-all.mjs)', () => {
  const folder = join(scratch, 'npm-run-pack');
  let printed = '';

  beforeAll(() => {
    printed = sh('node', [join(repoRoot, 'tools', 'scripts', 'pack-all.mjs'), '--out', folder]);
  });

  it('writes one tarball per publishable package into one folder and names its dependencies', () => {
    const tarballs = readdirSync(folder).sort();
    expect(tarballs).toEqual(publishable.map((p) => `rectify-${p.name}-0.1.0.tgz`).sort());
    expect(printed).toMatch(/rectify-theory-0\.1\.0\.tgz {2}\(install with: @rectify\/signal\)/);
  });

  it.each(['signal', 'theory'])(
    'installs %s from its tarball plus only its @rectify dependencies, and it runs',
    (name) => {
      const app = join(scratch, `alone-${name}`);
      mkdirSync(app, { recursive: true });
      writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'alone', private: true }));
      const manifest = readManifest(join(repoRoot, 'packages', name)) as {
        dependencies?: Record<string, string>;
      };
      const deps = Object.keys(manifest.dependencies ?? {})
        .filter((d) => d.startsWith('@rectify/'))
        .map((d) => d.slice('@rectify/'.length));
      const tarballs = [name, ...deps].map((n) => join(folder, `rectify-${n}-0.1.0.tgz`));
      sh('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', ...tarballs], {
        cwd: app,
      });
      const probe =
        name === 'signal'
          ? "import('@rectify/signal').then((m) => console.log(String(m.rfft(new Float64Array([1, 1, 1, 1]))[0])))"
          : "import('@rectify/theory').then((m) => console.log(String(m.reluDc([{ freq: 10, amp: 1 }]))))";
      const printed = sh('node', ['-e', probe], { cwd: app }).trim();
      expect(Number(printed), printed).toBeCloseTo(name === 'signal' ? 4 : 1 / Math.PI, 12);
    },
  );
});
