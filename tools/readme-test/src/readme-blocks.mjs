#!/usr/bin/env node
// Runs every shell command block of every README (every tracked *.md outside CHANGELOGs) as
// printed, against the built checkout, and names the README and line of each block that fails.
//
// A block is a fenced block whose info string is sh, bash, shell or console. Each one runs in a
// fresh `bash -e -o pipefail` in the repository root, in file order; blocks share nothing but
// the file system. An HTML comment on the line right above the fence changes how it runs:
//   <!-- readme-test: quick -->            runs it at the documented quick scale: `--preset paper`
//                                          becomes `--preset quick` and "preset":"paper" becomes
//                                          "preset":"quick" (for blocks that start hours of work)
//   <!-- readme-test: skip: <reason> -->   does not run it, and prints the reason (a block that
//                                          needs a cluster, a server that never exits, …)
// Any other readme-test comment, or a skip without a reason, is an error.
//
// Usage: node tools/readme-test/src/readme-blocks.mjs [--root DIR] [--list] [FILE[:LINE] …]
//   FILE[:LINE] runs only the blocks of FILE (only the block whose fence is on LINE).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
let root = resolve(fileURLToPath(import.meta.url), '..', '..', '..', '..');
const rootFlag = args.indexOf('--root');
if (rootFlag !== -1) {
  if (!args[rootFlag + 1]) usage('--root needs a folder, got nothing');
  root = resolve(args[rootFlag + 1]);
  args.splice(rootFlag, 2);
}
const listOnly = args.includes('--list');
const selectors = args
  .filter((a) => a !== '--list')
  .map((a) => {
    const m = /^(.*?)(?::(\d+))?$/.exec(a);
    return { file: m[1], line: m[2] === undefined ? undefined : Number(m[2]) };
  });
const blockTimeoutMs = 20 * 60_000;

function usage(message) {
  console.error(`readme-blocks: ${message}`);
  process.exit(2);
}

/** Every tracked Markdown file that documents something (CHANGELOGs only record). */
function readmes() {
  const tracked = execFileSync('git', ['ls-files', '-z', '--', '*.md'], {
    cwd: root,
    encoding: 'utf8',
  });
  return tracked
    .split('\0')
    .filter((f) => f && !/(^|\/)CHANGELOG\.md$/.test(f) && !f.startsWith('.changeset/'))
    .filter((f) => existsSync(join(root, f)))
    .sort();
}

/** The shell blocks of one Markdown file, with the line of their opening fence (1-based). */
function blocksOf(file) {
  const lines = readFileSync(join(root, file), 'utf8').split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i]);
    if (!open) continue;
    const [, indent, fence, lang] = open;
    let end = i + 1;
    while (end < lines.length && !lines[end].trimStart().startsWith(fence)) end++;
    if (['sh', 'bash', 'shell', 'console'].includes(lang)) {
      const body = lines
        .slice(i + 1, end)
        .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l))
        .join('\n');
      const marker = /^\s*<!--\s*readme-test:\s*(.*?)\s*-->\s*$/.exec(lines[i - 1] ?? '');
      let mode = 'run';
      let reason = '';
      if (marker) {
        const skip = /^skip:\s*(\S.*)$/.exec(marker[1]);
        if (marker[1] === 'quick') mode = 'quick';
        else if (skip) {
          mode = 'skip';
          reason = skip[1];
        } else {
          usage(
            `${file}:${i}: a readme-test comment must be "quick" or "skip: <reason>", got "${marker[1]}"`,
          );
        }
      }
      blocks.push({ file, line: i + 1, body, mode, reason });
    }
    i = end;
  }
  return blocks;
}

/** The command of a block at the documented quick scale. */
function atQuickScale(body) {
  return body
    .replaceAll('--preset paper', '--preset quick')
    .replaceAll('"preset":"paper"', '"preset":"quick"');
}

const all = readmes().flatMap(blocksOf);
const chosen = selectors.length
  ? all.filter((b) =>
      selectors.some((s) => s.file === b.file && (s.line === undefined || s.line === b.line)),
    )
  : all;
if (selectors.length && chosen.length === 0) {
  usage(
    `no shell block matches ${selectors.map((s) => `${s.file}${s.line ? `:${s.line}` : ''}`).join(', ')}`,
  );
}

let passed = 0;
const failed = [];
const skipped = [];
const started = Date.now();
for (const block of chosen) {
  const where = `${block.file}:${block.line}`;
  if (listOnly) {
    console.log(`${where}  ${block.mode}${block.reason ? `: ${block.reason}` : ''}`);
    continue;
  }
  if (block.mode === 'skip') {
    skipped.push(block);
    console.log(`- ${where} skipped: ${block.reason}`);
    continue;
  }
  const command = block.mode === 'quick' ? atQuickScale(block.body) : block.body;
  const t0 = Date.now();
  const r = spawnSync('bash', ['-e', '-o', 'pipefail', '-c', command], {
    cwd: root,
    encoding: 'utf8',
    timeout: blockTimeoutMs,
    maxBuffer: 256 << 20,
    env: { ...process.env, CI: process.env.CI ?? '1' },
  });
  const seconds = ((Date.now() - t0) / 1000).toFixed(1);
  if (r.status === 0) {
    passed++;
    console.log(`✓ ${where} (${seconds} s${block.mode === 'quick' ? ', quick scale' : ''})`);
    continue;
  }
  const why = r.error ? r.error.message : r.signal ? `killed by ${r.signal}` : `exit ${r.status}`;
  failed.push(block);
  const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trimEnd().split('\n').slice(-30).join('\n');
  console.log(
    `✗ ${where} failed (${why}, ${seconds} s):\n${command}\n--- last output ---\n${tail}\n`,
  );
}
if (!listOnly) {
  console.log(
    `\nreadme blocks: ${passed} passed, ${failed.length} failed, ${skipped.length} skipped (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  for (const b of failed) console.log(`  failed: ${b.file}:${b.line}`);
  process.exit(failed.length ? 1 : 0);
}
