#!/usr/bin/env node
// Peak memory of `rectify analyze` (issue 18, goal 5: one hour at 1024 Hz under 300 MB). Runs
// the BUILT command (dist/bin.js; `npx nx build cli` first) in a child process per case, twice,
// and reads the child's own peak resident set size (`process.resourceUsage().maxRSS`, what
// `/usr/bin/time -v` calls "Maximum resident set size") when it exits. Prints JSON rows
// `{ label, runs: [MB, …], peakMB }` on stdout; tools/scripts/bench-tables.mjs turns them into
// the "memory" table of bench-results.md (`npm run bench`, or `--only memory`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../dist/bin.js', import.meta.url));

/** The cases: a label and the command's arguments. The first is the command's own footprint. */
export const CASES = [
  ['analyze, 8 s at 1024 Hz (8 192 samples): the command itself', ['--duration', '8']],
  ['analyze, 10 min at 1024 Hz (614 400 samples)', ['--duration', '600']],
  ['analyze, 1 h at 1024 Hz (3 686 400 samples); goal < 300 MB', ['--duration', '3600']],
].map(([label, extra]) => ({
  label,
  args: ['analyze', '--tones', '10:1', '--fs', '1024', ...extra, '--json'],
}));

/** One run's peak RSS in MB (10^6 bytes). */
function peakMB(args) {
  // The child loads the built bin with these arguments and reports its peak RSS when it exits.
  const probe = `process.argv = [process.argv[0], ${JSON.stringify(bin)}, ...${JSON.stringify(args)}];
process.on('exit', () => process.stderr.write('\\nmaxRSS ' + process.resourceUsage().maxRSS + '\\n'));
await import(${JSON.stringify(new URL('../dist/bin.js', import.meta.url).href)});`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', probe], {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  const match = /maxRSS (\d+)/.exec(r.stderr ?? '');
  if (r.status !== 0 || !match)
    throw new Error(`rectify ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return (Number(match[1]) * 1024) / 1e6;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  if (!existsSync(bin)) {
    process.stderr.write(`analyze-memory: ${bin} is missing; build it first: npx nx build cli\n`);
    process.exit(2);
  }
  const rows = CASES.map(({ label, args }) => {
    const runs = [peakMB(args), peakMB(args)];
    return { label, runs, peakMB: Math.max(...runs) };
  });
  process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
}
