import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const runner = new URL('./readme-blocks.mjs', import.meta.url).pathname;
let repo = '';

/** A scratch git repository holding the given files (tracked), like a checkout. */
function scratchRepo(files: Record<string, string>): string {
  repo = mkdtempSync(join(tmpdir(), 'readme-test-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: repo });
  execFileSync('git', ['add', '-A'], { cwd: repo });
  return repo;
}

function run(root: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [runner, '--root', root, ...args], { encoding: 'utf8' });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('readme-blocks', () => {
  it('runs each shell block in the root and names the README and line of a failing one', () => {
    const root = scratchRepo({
      'README.md': '# A\n\n```sh\necho ok > ran-a.txt\n```\n\n```ts\nthis is not run\n```\n',
      'docs/b.md': '# B\n\ntext\n\n```bash\ntrue\nfalse\necho never > after.txt\n```\n',
      'CHANGELOG.md': '```sh\nexit 3\n```\n',
    });
    const r = run(root);
    expect(r.code).toBe(1);
    expect(readFileSync(join(root, 'ran-a.txt'), 'utf8')).toBe('ok\n');
    expect(r.out).toContain('✓ README.md:3');
    expect(r.out).toMatch(/✗ docs\/b\.md:5 failed \(exit 1,/);
    expect(existsSync(join(root, 'after.txt')), 'bash -e stops at the failing line').toBe(false);
    expect(r.out).toContain('readme blocks: 1 passed, 1 failed, 0 skipped');
    expect(r.out).toContain('  failed: docs/b.md:5');
  });

  it('fails a pipeline whose first command fails (pipefail)', () => {
    const root = scratchRepo({ 'README.md': '```sh\nfalse | cat\n```\n' });
    expect(run(root).out).toMatch(/✗ README\.md:1 failed \(exit 1,/);
  });

  it('skips a block with its reason and runs a quick block at the quick scale', () => {
    const root = scratchRepo({
      'README.md': [
        '<!-- readme-test: skip: needs a cluster -->',
        '```sh',
        'exit 9',
        '```',
        '<!-- readme-test: quick -->',
        '```sh',
        `echo 'run --preset paper {"preset":"paper"}' > scale.txt`,
        '```',
        '',
      ].join('\n'),
    });
    const r = run(root);
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('- README.md:2 skipped: needs a cluster');
    expect(readFileSync(join(root, 'scale.txt'), 'utf8')).toBe(
      'run --preset quick {"preset":"quick"}\n',
    );
    expect(r.out).toContain('readme blocks: 1 passed, 0 failed, 1 skipped');
  });

  it('rejects an unknown marker and a skip without a reason, naming the line', () => {
    let root = scratchRepo({ 'README.md': '<!-- readme-test: sometimes -->\n```sh\ntrue\n```\n' });
    let r = run(root);
    expect(r.code).toBe(2);
    expect(r.out).toContain(
      'README.md:1: a readme-test comment must be "quick" or "skip: <reason>", got "sometimes"',
    );
    rmSync(root, { recursive: true, force: true });
    root = scratchRepo({ 'README.md': '<!-- readme-test: skip: -->\n```sh\ntrue\n```\n' });
    r = run(root);
    expect(r.code).toBe(2);
    expect(r.out).toContain('got "skip:"');
  });

  it('runs only the selected file or block, and says when nothing matches', () => {
    const root = scratchRepo({ 'README.md': '```sh\ntrue\n```\n\n```sh\nfalse\n```\n' });
    expect(run(root, 'README.md:1').code).toBe(0);
    expect(run(root, 'README.md:5').code).toBe(1);
    const none = run(root, 'README.md:3');
    expect(none.code).toBe(2);
    expect(none.out).toContain('no shell block matches README.md:3');
  });
});
