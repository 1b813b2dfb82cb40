#!/usr/bin/env node
/**
 * `npm run bench`: runs every project's benchmarks and regenerates their tables, printed and
 * written to bench-results.md at the repository root (override with --out FILE).
 *
 * Projects with a numpy/scipy reference (signal, theory) get ratio tables: the vitest bench and
 * the project's Python timing scripts run alternately for --rounds rounds (default 2) in this one
 * job, and each label keeps its lowest min and lowest median over the rounds on both sides, so
 * machine load hits both sides alike. Projects without a Python reference (layers, experiments)
 * get their vitest figures with each benchmark's median as a ratio to the first benchmark of
 * its group (the reference each of those bench files puts first). `memory` runs
 * apps/cli/bench/analyze-memory.mjs on the built CLI: the peak RSS of `rectify analyze` up to one
 * hour at 1024 Hz, against issue 18's 300 MB.
 *
 * Usage: node tools/scripts/bench-tables.mjs [--only signal,theory] [--rounds N] [--out FILE]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every benchmarked project: its folder and the Python scripts timing its reference. */
const PROJECTS = [
  {
    name: 'signal',
    dir: 'packages/signal',
    references: ['tools/fixtures/signal/time_fft_sweep.py', 'tools/fixtures/signal/time_numpy.py'],
  },
  { name: 'theory', dir: 'packages/theory', references: ['tools/fixtures/theory/time_series.py'] },
  { name: 'layers', dir: 'packages/layers', references: [] },
  { name: 'experiments', dir: 'packages/experiments', references: [] },
  // Not a vitest bench: the peak memory of `rectify analyze` (issue 18, goal 5), from the built CLI.
  { name: 'memory', script: 'apps/cli/bench/analyze-memory.mjs', goalMB: 300 },
];

function parseArgs(argv) {
  const args = { only: undefined, rounds: 2, out: join(root, 'bench-results.md') };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--only' && value) args.only = value.split(',');
    else if (flag === '--rounds' && value) args.rounds = Number(value);
    else if (flag === '--out' && value) args.out = value;
    else throw new Error(`bench-tables: unknown or incomplete option ${flag}`);
    i++;
  }
  if (!Number.isInteger(args.rounds) || args.rounds < 1) {
    throw new RangeError(`--rounds must be an integer >= 1, got ${args.rounds}`);
  }
  const known = PROJECTS.map((p) => p.name);
  for (const name of args.only ?? []) {
    if (!known.includes(name)) {
      throw new RangeError(`--only must list projects among ${known.join(', ')}, got '${name}'`);
    }
  }
  return args;
}

function run(command, argv, cwd, env = process.env) {
  const result = spawnSync(command, argv, { cwd, env, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '');
    process.stderr.write(result.stderr ?? '');
    throw new Error(`${command} ${argv.join(' ')} failed in ${cwd} (exit ${result.status})`);
  }
  return result.stdout;
}

/** vitest bench → Map(label → {group, min, median} in µs), in file order. */
function vitestBench(project, scratch, printed) {
  const file = join(scratch, `${project.name}-${Date.now()}.json`);
  // Benches that print a table of their own (the alternating A/B runs) also write it here.
  const tables = mkdtempSync(join(scratch, `${project.name}-tables-`));
  run('npx', ['vitest', 'bench', '--run', '--outputJson', file], join(root, project.dir), {
    ...process.env,
    BENCH_TABLES_DIR: tables,
  });
  for (const name of readdirSync(tables).sort())
    printed.set(name.replace(/\.md$/, ''), readFileSync(join(tables, name), 'utf8').trim());
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const results = new Map();
  for (const f of report.files) {
    for (const g of f.groups) {
      for (const b of g.benchmarks) {
        const group = g.fullName.split(' > ').slice(1).join(' > ') || g.fullName;
        // Two groups may name a benchmark alike ('alternating rounds'): keep both rows.
        const label = results.has(b.name) ? `${b.name} (${group})` : b.name;
        results.set(label, { group, name: b.name, min: b.min * 1000, median: b.median * 1000 });
      }
    }
  }
  return results;
}

/** Python reference scripts → Map(label → {min, median} in µs). */
function referenceTimes(project) {
  const results = new Map();
  for (const script of project.references) {
    const times = JSON.parse(run('python3', [join(root, script)], root));
    for (const [label, t] of Object.entries(times)) results.set(label, t);
  }
  return results;
}

/** Keeps, per label, the lowest min and lowest median seen so far. */
function keepBest(best, round) {
  for (const [label, t] of round) {
    const seen = best.get(label);
    if (!seen) best.set(label, { ...t });
    else {
      seen.min = Math.min(seen.min, t.min);
      seen.median = Math.min(seen.median, t.median);
    }
  }
}

const fmt = (us) => (us >= 1000 ? us.toFixed(0) : us.toFixed(1));

function ratioTable(ts, ref) {
  const lines = [
    '| benchmark | TS min (µs) | ref min (µs) | ratio (min) | TS median (µs) | ref median (µs) | ratio (median) |',
    '|---|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [label, r] of ref) {
    const t = ts.get(label);
    if (!t) continue;
    lines.push(
      `| ${label} | ${fmt(t.min)} | ${fmt(r.min)} | ${(t.min / r.min).toFixed(2)}× | ` +
        `${fmt(t.median)} | ${fmt(r.median)} | ${(t.median / r.median).toFixed(2)}× |`,
    );
  }
  return lines;
}

function groupTable(ts) {
  const lines = [
    '| group | benchmark | min (ms) | median (ms) | median / first of group |',
    '|---|---|---:|---:|---:|',
  ];
  const first = new Map();
  for (const [label, t] of ts) {
    if (!first.has(t.group)) first.set(t.group, t.median);
    const ratio = t.median / first.get(t.group);
    lines.push(
      `| ${t.group} | ${t.name ?? label} | ${(t.min / 1000).toFixed(3)} | ${(t.median / 1000).toFixed(3)} | ${ratio.toFixed(2)}× |`,
    );
  }
  return lines;
}

/** The peak-memory rows of a script project (its JSON on stdout), against the goal. */
function memoryTable(project) {
  run('npx', ['nx', 'build', 'cli', '--outputStyle=static'], root);
  const rows = JSON.parse(run(process.execPath, [join(root, project.script)], root));
  const goal = project.goalMB;
  const lines = [
    `Peak resident set size of each command (\`${project.script}\`, two runs each, the larger kept; MB = 10^6 bytes).`,
    '',
    `| command | runs (MB) | peak (MB) | peak / ${goal} MB goal |`,
    '|---|---:|---:|---:|',
  ];
  for (const r of rows) {
    const runs = r.runs.map((mb) => mb.toFixed(0)).join(', ');
    lines.push(
      `| ${r.label} | ${runs} | ${r.peakMB.toFixed(0)} | ${(r.peakMB / goal).toFixed(2)}× |`,
    );
  }
  return lines;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const scratch = mkdtempSync(join(tmpdir(), 'rectify-bench-'));
  const node = process.version;
  const numpy = run(
    'python3',
    ['-c', 'import numpy, scipy; print(numpy.__version__, scipy.__version__)'],
    root,
  ).trim();
  const header = [
    '# Benchmark tables',
    '',
    `Generated by \`npm run bench\` (tools/scripts/bench-tables.mjs) on ${new Date().toISOString()}:`,
    `${cpus().length} CPUs (${cpus()[0]?.model ?? 'unknown'}), load average ${loadavg()[0].toFixed(1)} at the start,`,
    `Node ${node}, numpy/scipy ${numpy}; ${args.rounds} round(s), each label's best min and best median.`,
    'Ratios are TS / reference (below 1: faster than the reference).',
    '',
  ];
  const sections = [];
  for (const project of PROJECTS) {
    if (args.only && !args.only.includes(project.name)) continue;
    process.stderr.write(`bench-tables: ${project.name}\n`);
    if (project.script) {
      sections.push(`## ${project.name}`, '', ...memoryTable(project), '');
      continue;
    }
    const ts = new Map();
    const ref = new Map();
    const printed = new Map();
    const rounds = project.references.length > 0 ? args.rounds : 1;
    for (let r = 0; r < rounds; r++) {
      keepBest(ts, vitestBench(project, scratch, printed));
      if (project.references.length > 0) keepBest(ref, referenceTimes(project));
    }
    sections.push(`## ${project.name}`, '');
    if (project.references.length > 0) {
      sections.push(...ratioTable(ts, ref), '');
      // Benchmarks without a reference of their own still get their figures.
      const rest = new Map([...ts].filter(([label]) => !ref.has(label)));
      if (rest.size > 0) sections.push(...groupTable(rest), '');
    } else {
      sections.push(...groupTable(ts), '');
    }
    for (const [name, table] of printed)
      sections.push(`### ${name} (its own table)`, '', table, '');
  }
  const text = [...header, ...sections].join('\n');
  writeFileSync(args.out, text);
  process.stdout.write(`${text}\n`);
  process.stderr.write(`bench-tables: written to ${args.out}\n`);
}

main();
