/**
 * Fuzz suite (issue 17, "a fuzz suite … over the CLI parsers"): the flag parsers in process, with
 * many random and extreme values, then a few dozen random command lines run through the BUILT
 * command. Every value is accepted and obeys its rule, or is refused with a `UsageError` naming
 * the flag; every spawned case ends with exit 0, 1 or 2, and on error with exactly one stderr
 * line (`rectify: …`): no stack trace, no control character, within a per-case time limit.
 *
 * The seed: fast-check prints it with the shrunk case on failure, and the spawned cases print
 * theirs in the test name; `RECTIFY_FUZZ_SEED=<seed>` replays a run and `RECTIFY_FUZZ_RUNS=<n>`
 * scales the number of cases (100 = the default).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { oneLine, UsageError } from '../src/errors';
import {
  AssignmentError,
  applyAssignments,
  parseAssignment,
  parseShard as parseShardSpec,
  ShardSpecError,
} from '@rectify/experiments';
import {
  ACTIVATION_NAMES,
  parseActivation,
  parseList,
  parseNumberOption,
  parseSeed,
  parseTones,
} from '../src/parse';
import { main } from '../src/program';

/** The CLI's `--shard` parser: experiments' `parseShard` under the flag's name (as `run` calls it). */
const parseShard = (text: string, env: Record<string, string | undefined>) =>
  parseShardSpec(text, env, '--shard');
import { BIN, tempDir } from './helpers';

const SEED =
  process.env.RECTIFY_FUZZ_SEED === undefined
    ? Math.floor(Math.random() * 2 ** 31)
    : Number(process.env.RECTIFY_FUZZ_SEED);
const RUNS =
  process.env.RECTIFY_FUZZ_RUNS === undefined ? 1 : Number(process.env.RECTIFY_FUZZ_RUNS) / 100;
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.max(1, Math.round(numRuns * RUNS)),
  seed: SEED,
});

// Control characters (C0 but the final newline, DEL, C1) and the Unicode line separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
const UNPRINTABLE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

/** What a refusal prints: `rectify: ` and the one-line message (as `main` writes it). */
function printed(error: unknown): string {
  return `rectify: ${oneLine(error)}\n`;
}

/**
 * Runs a parser: its value, or the error of class `expected` it threw (UsageError by default;
 * anything else fails the case).
 */
function settle<T>(
  parse: () => T,
  expected: abstract new (...args: never[]) => Error = UsageError,
): { value: T } | { error: Error } {
  try {
    return { value: parse() };
  } catch (error) {
    expect(error).toBeInstanceOf(expected);
    const line = printed(error);
    expect(line.indexOf('\n')).toBe(line.length - 1);
    expect(line).not.toMatch(UNPRINTABLE);
    return { error: error as Error };
  }
}

const EXTREME_NUMBERS = [
  '0',
  '-0',
  '1',
  '-1',
  '0.5',
  '1e308',
  '1e309',
  '-1e309',
  '5e-324',
  '1e-320',
  '2e-300',
  '9007199254740993',
  '4294967295',
  '4294967296',
  '1e20',
  'NaN',
  'Infinity',
  '-Infinity',
  '0x10',
  '0b11',
  '0o7',
  '1_000',
  ' 7 ',
  '',
  ' ',
  '1e',
  '.',
  '+',
  '١٢',
  '\u00a012',
];

/** Text a hostile or careless user might type: extremes, control characters, long runs. */
const flagText = fc.oneof(
  fc.constantFrom(...EXTREME_NUMBERS),
  fc.double().map(String),
  fc.bigInt().map(String),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      '1',
      '0',
      '.',
      'e',
      '-',
      ':',
      ',',
      '=',
      ' ',
      '\n',
      '\r',
      '\u001b',
      '\u2028',
      '\t',
    ),
    maxLength: 40,
  }),
  fc.integer({ min: 1, max: 100_000 }).map((n) => '9'.repeat(n)),
);

const RULES = ['positive', 'nonNegative', 'integer≥1', 'integer≥0', 'any'] as const;

describe('fuzz (issue 17, finding 7): the flag parsers accept by their rule or refuse naming the flag', () => {
  it(`parseNumberOption (seed ${SEED})`, () => {
    fc.assert(
      fc.property(fc.constantFrom(...RULES), flagText, (rule, text) => {
        const outcome = settle(() => parseNumberOption('--fs', text, rule));
        if ('error' in outcome) {
          expect(outcome.error.message.startsWith('--fs must be ')).toBe(true);
          return;
        }
        const v = outcome.value;
        expect(Number.isFinite(v)).toBe(true);
        if (rule === 'positive') expect(v).toBeGreaterThan(0);
        if (rule === 'nonNegative') expect(v).toBeGreaterThanOrEqual(0);
        if (rule.startsWith('integer')) expect(Number.isInteger(v)).toBe(true);
        if (rule === 'integer≥1') expect(v).toBeGreaterThanOrEqual(1);
        if (rule === 'integer≥0') expect(v).toBeGreaterThanOrEqual(0);
      }),
      params(600),
    );
  });

  it(`parseSeed (seed ${SEED})`, () => {
    const range = { min: 0, max: 4294967295 };
    fc.assert(
      fc.property(flagText, (text) => {
        const outcome = settle(() => parseSeed(text, range));
        if ('error' in outcome) {
          expect(
            outcome.error.message.startsWith('--seed must be an integer in [0, 4294967295]'),
          ).toBe(true);
          return;
        }
        expect(Number.isSafeInteger(outcome.value)).toBe(true);
        expect(outcome.value >= 0 && outcome.value <= range.max).toBe(true);
      }),
      params(400),
    );
  });

  const tone = fc
    .tuple(flagText, flagText, fc.option(flagText, { nil: undefined }))
    .map(([f, a, p]) => (p === undefined ? `${f}:${a}` : `${f}:${a}:${p}`));
  const toneList = fc.oneof(
    fc.array(tone, { minLength: 1, maxLength: 4 }).map((t) => t.join(',')),
    fc
      .array(
        fc
          .tuple(fc.double({ min: -10, max: 1e6 }), fc.double({ min: -1, max: 1e200 }))
          .map(([f, a]) => `${f}:${a}`),
        { minLength: 1, maxLength: 6 },
      )
      .map((t) => t.join(',')),
    flagText,
  );

  it(`parseTones (seed ${SEED})`, () => {
    fc.assert(
      fc.property(toneList, (text) => {
        const outcome = settle(() => parseTones(text));
        if ('error' in outcome) {
          expect(outcome.error.message.startsWith('--tones')).toBe(true);
          return;
        }
        expect(outcome.value.length).toBeGreaterThanOrEqual(1);
        for (const t of outcome.value) {
          expect(Number.isFinite(t.freq) && t.freq > 0).toBe(true);
          expect(Number.isFinite(t.amp) && t.amp >= 0).toBe(true);
          if (t.phase !== undefined) expect(Number.isFinite(t.phase)).toBe(true);
        }
        expect(new Set(outcome.value.map((t) => t.freq)).size).toBe(outcome.value.length);
      }),
      params(500),
    );
  });

  it(`parseActivation (seed ${SEED})`, () => {
    const text = fc.oneof(
      fc.constantFrom(...ACTIVATION_NAMES, 'RELU', ' gelu ', 'leakyrelu', 'leaky:', 'leaky:-0'),
      fc.tuple(fc.constantFrom('leaky:', 'leakyrelu:', 'LEAKY:'), flagText).map(([a, b]) => a + b),
      flagText,
    );
    fc.assert(
      fc.property(text, (t) => {
        const outcome = settle(() => parseActivation(t));
        if ('error' in outcome) {
          expect(outcome.error.message.startsWith('--activation ')).toBe(true);
          return;
        }
        if (outcome.value.kind === 'leaky') {
          expect(outcome.value.alpha >= 0 && outcome.value.alpha <= 1).toBe(true);
        }
      }),
      params(300),
    );
  });

  it(`parseList and parseShard (seed ${SEED})`, () => {
    fc.assert(
      fc.property(flagText, flagText, (a, b) => {
        for (const text of [a, `${a},${b}`, `${a}/${b}`, `auto/${b}`]) {
          const list = settle(() => parseList('--only', text));
          if ('error' in list) expect(list.error.message.startsWith('--only must list')).toBe(true);
          else
            for (const item of list.value) expect(item === item.trim() && item !== '').toBe(true);
          const shard = settle(() => parseShard(text, {}), ShardSpecError);
          if ('error' in shard) {
            expect(shard.error).toBeInstanceOf(ShardSpecError);
            expect(shard.error.message.startsWith('--shard')).toBe(true);
            continue;
          }
          const { index, count } = shard.value;
          expect(Number.isSafeInteger(index) && Number.isSafeInteger(count)).toBe(true);
          expect(index >= 0 && index < count).toBe(true);
        }
      }),
      params(300),
    );
  });

  it(`parseAssignment and applyAssignments never reach Object.prototype (seed ${SEED})`, () => {
    const key = fc.oneof(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'epochs', 'model', 'toString'),
      fc.string({ maxLength: 12 }),
    );
    const assignment = fc
      .tuple(fc.array(key, { minLength: 1, maxLength: 3 }), fc.oneof(flagText, fc.json()))
      .map(([path, value]) => `${path.join('.')}=${value}`);
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(
        fc.array(fc.oneof(assignment, flagText), { minLength: 1, maxLength: 3 }),
        (texts) => {
          for (const text of texts) {
            const parsed = settle(() => parseAssignment(text), AssignmentError);
            // The typed error the CLI words as `--set …` (checked through main below).
            if ('error' in parsed) expect(parsed.error).toBeInstanceOf(AssignmentError);
          }
          const applied = settle(
            () => applyAssignments({ epochs: 1, model: { filters: 2 } }, texts),
            AssignmentError,
          );
          if ('error' in applied) expect(applied.error).toBeInstanceOf(AssignmentError);
          expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
          expect(Object.getPrototypeOf({})).toBe(Object.prototype);
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      params(400),
    );
  });
});

/** Runs `main` in this process, collecting what it prints (stderr only; stdout is dropped). */
async function mainOutput(
  argv: string[],
): Promise<{ code: number; stderr: string; stdout: string }> {
  let stderr = '';
  let stdout = '';
  const code = await main(argv, {
    stdout: (s: string) => {
      stdout += s;
      return true;
    },
    stderr: (s: string) => {
      stderr += s;
      return true;
    },
    stderrIsTTY: false,
  });
  return { code, stderr, stdout };
}

describe('findings of the fuzz suite (issue 17), each a fixed case', () => {
  it('--set __proto__.x=1 is refused (exit 2) and leaves Object.prototype alone (it polluted it)', async () => {
    const dir = tempDir();
    for (const key of ['__proto__.polluted', 'constructor.prototype.polluted', 'a.__proto__']) {
      const r = await mainOutput([
        'slurm',
        'minimal-dc',
        '--shards',
        '2',
        '--out',
        join(dir, 'out'),
        '--set',
        `${key}=1`,
      ]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^rectify: --set key must not name '(__proto__|constructor)'/);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }
  });

  it('a control character in a flag value is escaped in the one stderr line (it reached the terminal raw)', async () => {
    const r = await mainOutput(['analyze', '--tones', '10:1', '--fs', '\u001b[2J\r1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("rectify: --fs must be a finite number, got '\\u001b[2J\\u000d1'\n");
  });

  it('--shard 0/9007199254740993 is refused, not rounded to 2^53', () => {
    expect(() => parseShard('0/9007199254740993', {})).toThrow(
      '--shard index and count must be integers of at most 9007199254740991, got --shard 0/9007199254740993',
    );
  });
});

/** Per-case limit of a spawned command (ms): a loaded 2-core machine starts node slowly. */
const SPAWN_MS = 60_000;

interface Spawned {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(args: readonly string[]): Promise<Spawned> {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: SPAWN_MS,
      killSignal: 'SIGKILL',
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('close', (code, signal) =>
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started }),
    );
  });
}

/** An analyze command line with random and extreme values, kept small where a value is valid. */
const analyzeArgs = fc
  .record(
    {
      tones: fc.oneof(
        fc.constantFrom('10:1', '10:1,5:1', '3:1e200', '1e-300:1', '600:1', '10:1,10:1', '10:-1'),
        flagText,
      ),
      fs: fc.oneof(fc.constantFrom('64', '256', '1e300', '1e-300', '0'), flagText),
      duration: fc.oneof(fc.constantFrom('1', '2', '200000', '1e-9'), flagText),
      terms: fc.oneof(fc.constantFrom('1', '20', '100001', '1e9'), flagText),
      seed: flagText,
      activation: fc.oneof(fc.constantFrom('relu', 'leaky:0.1', 'leaky:2', 'gelu'), flagText),
      lines: flagText,
      floor: flagText,
      maxOrder: flagText,
    },
    { requiredKeys: ['tones'] },
  )
  .map((o) => [
    'analyze',
    ...Object.entries(o).flatMap(([k, v]) => [
      `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`,
      v as string,
    ]),
    ...(o.fs === undefined ? ['--fs', '128'] : []),
    ...(o.duration === undefined ? ['--duration', '1'] : []),
    '--max-samples',
    '65536',
  ]);

/** A slurm command line (it validates the config and writes a script, nothing runs). */
const slurmArgs = (dir: string) =>
  fc
    .record({
      experiment: fc.constantFrom('minimal-dc', 'dc-ablation', 'constructor', '__proto__', 'x'),
      set: fc.array(
        fc
          .tuple(
            fc.constantFrom(
              'epochs',
              'repetitions',
              'classFrequencies',
              '__proto__.polluted',
              'constructor.prototype.x',
              'fs',
              '',
            ),
            fc.oneof(fc.constantFrom('3', '[3,5,100]', '{"a":1}', '-1', '1e9', 'null'), flagText),
          )
          .map(([k, v]) => `${k}=${v}`),
        { maxLength: 3 },
      ),
      seed: fc.option(flagText, { nil: undefined }),
      shards: fc.oneof(fc.constantFrom('1', '4', '0', '1e9'), flagText),
    })
    .map((o) => [
      'slurm',
      o.experiment,
      '--preset',
      'quick',
      '--shards',
      o.shards,
      '--out',
      join(dir, 'out'),
      '--write',
      join(dir, 'submit.sh'),
      ...o.set.flatMap((s) => ['--set', s]),
      ...(o.seed === undefined ? [] : ['--seed', o.seed]),
    ]);

/** A merge command line over an empty folder (nothing to merge) with random --shards. */
const mergeArgs = (dir: string) =>
  flagText.map((shards) => ['merge', '--out', join(dir, 'empty'), '--shards', shards]);

function expectWellBehaved(args: readonly string[], r: Spawned): void {
  const shown = JSON.stringify(args);
  expect(r.signal, `${shown} was killed (per-case limit ${SPAWN_MS} ms)`).toBeNull();
  expect([0, 1, 2], `${shown}: exit ${r.code}: ${r.stderr}`).toContain(r.code);
  expect(r.stderr, shown).not.toMatch(/\n\s+at |node:internal|Error: /);
  if (r.code === 0) return;
  expect(r.stderr, shown).toMatch(/^rectify: [^\n]*\n$/);
  expect(r.stderr, shown).not.toMatch(UNPRINTABLE);
}

describe('fuzz (issue 17): random command lines through main, in process', () => {
  it(
    `each ends in 0, 1 or 2 with one escaped stderr line on error (seed ${SEED})`,
    async () => {
      const dir = tempDir();
      const before = Object.getOwnPropertyNames(Object.prototype).sort();
      await fc.assert(
        fc.asyncProperty(fc.oneof(analyzeArgs, slurmArgs(dir), mergeArgs(dir)), async (argv) => {
          const started = Date.now();
          const r = await mainOutput(argv);
          expect([0, 1, 2], `${JSON.stringify(argv)}: ${r.stderr}`).toContain(r.code);
          if (r.code !== 0) {
            expect(r.stderr, JSON.stringify(argv)).toMatch(/^rectify: [^\n]*\n$/);
            expect(r.stderr, JSON.stringify(argv)).not.toMatch(UNPRINTABLE);
          }
          expect(Date.now() - started).toBeLessThan(SPAWN_MS);
        }),
        params(300),
      );
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    },
    10 * SPAWN_MS,
  );
});

describe('fuzz: the #SBATCH settings slurm writes into its script', () => {
  // Shell metacharacters, blanks, quotes, newlines and control characters next to valid values.
  const sbatchText = fc.oneof(
    fc.constantFrom('gpu', 'long_q', '2:00:00', '1-12:00:00', '4G', 'a b', "x'y", 'a;rm -rf ~'),
    fc.constantFrom('$(id)', '`id`', 'a\nb', '\n#SBATCH --x=1', '-', '', '4G\n'),
    flagText,
  );
  const FLAGS = ['partition', 'job-name', 'account', 'time', 'mem'] as const;

  it(`each value is refused naming its flag, or written as one plain #SBATCH word (seed ${SEED})`, async () => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...FLAGS), sbatchText, async (flag, value) => {
        const argv = ['slurm', 'minimal-dc', '--shards', '2', '--out', join(dir, 'out')];
        const r = await mainOutput([...argv, `--${flag}`, value]);
        expect([0, 2], `--${flag} ${JSON.stringify(value)}: ${r.stderr}`).toContain(r.code);
        if (r.code === 2) {
          expect(r.stderr).toMatch(new RegExp(`^rectify: --${flag} must be [^\n]*\n$`));
          expect(r.stderr).not.toMatch(UNPRINTABLE);
          return;
        }
        // Accepted: the value appears verbatim on its #SBATCH lines and holds no character a
        // shell or sbatch would read as more than one word.
        const lines = r.stdout.split('\n').filter((l) => l.startsWith(`#SBATCH --${flag}=`));
        expect(lines.length).toBeGreaterThan(0);
        // (the merge job's name is the array's with `-merge`)
        const allowed = [`#SBATCH --${flag}=${value}`, `#SBATCH --${flag}=${value}-merge`];
        for (const line of lines) expect(allowed).toContain(line);
        expect(value).toMatch(/^[A-Za-z0-9._,:@+-]+$/);
      }),
      params(200),
    );
  }, 60_000);
});

describe('fuzz (issue 17): random command lines through the built rectify', () => {
  const dir = tempDir();
  // Few: under load a node process takes seconds to start; the bulk runs in process (above).
  const cases = [
    ...fc.sample(analyzeArgs, { numRuns: Math.round(10 * RUNS), seed: SEED }),
    ...fc.sample(slurmArgs(dir), { numRuns: Math.round(4 * RUNS), seed: SEED }),
    ...fc.sample(mergeArgs(dir), { numRuns: Math.round(2 * RUNS), seed: SEED }),
    // An argument cannot hold a NUL byte (the operating system ends it there).
  ].map((args) => args.map((a) => a.replaceAll('\u0000', '')));

  it(
    `${cases.length} cases end in exit 0, 1 or 2 with one stderr line on error (seed ${SEED})`,
    async () => {
      const results: { args: string[]; r: Spawned }[] = [];
      const queue = [...cases];
      // Two at a time: the machine has two cores.
      await Promise.all(
        [0, 1].map(async () => {
          for (let args = queue.shift(); args !== undefined; args = queue.shift())
            results.push({ args, r: await run(args) });
        }),
      );
      for (const { args, r } of results) expectWellBehaved(args, r);
      expect(results.map((x) => x.r.code)).toContain(2);
    },
    10 * SPAWN_MS,
  );
});
