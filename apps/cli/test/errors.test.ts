import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '@rectify/signal';
import { rectify, tempDir } from './helpers';

const dir = tempDir();
const notWav = join(dir, 'not.wav');
writeFileSync(notWav, 'RIFF but not really a wave file');
const truncatedWav = join(dir, 'short.wav');
writeFileSync(truncatedWav, encodeWav([[0.1, 0.2, 0.3]], 100).subarray(0, 40));
const badCsv = join(dir, 'bad.csv');
writeFileSync(badCsv, 'v\n1\n2\nthree\n');
const emptyCsv = join(dir, 'empty.csv');
writeFileSync(emptyCsv, '# nothing here\n');
const badJson = join(dir, 'bad.json');
writeFileSync(badJson, '{ "epochs": ');
const secretJson = join(dir, 'secret.json');
writeFileSync(secretJson, '{\n  "epochs": 3,\n  "token": sk-SECRET-1234\n}\n');
const badField = join(dir, 'field.json');
writeFileSync(badField, JSON.stringify({ noSuchField: 1 }));
const blocked = join(dir, 'blocked');
writeFileSync(blocked, 'a file where a directory should be');
const readOnly = join(dir, 'ro');
mkdirSync(readOnly);
chmodSync(readOnly, 0o500);

/** [description, argv, exit code, pattern the single stderr line must match] */
const cases: [string, string[], number, RegExp][] = [
  ['no command', [], 2, /missing command/],
  ['unknown command', ['analyse'], 2, /unknown command 'analyse'.*Did you mean analyze/],
  ['unknown flag', ['analyze', '--tones', '5:1', '--colour'], 2, /unknown option '--colour'/],
  [
    'malformed --tones',
    ['analyze', '--tones', '10:1,abc'],
    2,
    /--tones item 2 must be freq:amp\[:phase\].*'abc'/,
  ],
  [
    'negative amplitude',
    ['analyze', '--tones', '10:-1'],
    2,
    /--tones item 1: amplitude must be a finite number ≥ 0, got '-1'/,
  ],
  [
    'tone above Nyquist',
    ['analyze', '--tones', '600:1', '--fs', '1024'],
    2,
    /below fs\/2 = 512 Hz.*600 Hz/,
  ],
  [
    'fs = 0',
    ['analyze', '--tones', '10:1', '--fs', '0'],
    2,
    /--fs must be a finite number > 0, got '0'/,
  ],
  [
    'fs < 0',
    ['analyze', '--tones', '10:1', '--fs', '-5'],
    2,
    /--fs must be a finite number > 0, got '-5'/,
  ],
  [
    'terms = 0',
    ['analyze', '--tones', '10:1', '--terms', '0'],
    2,
    /--terms must be an integer ≥ 1, got '0'/,
  ],
  [
    'unknown activation',
    ['analyze', '--tones', '10:1', '--activation', 'softmax'],
    2,
    /--activation must be one of/,
  ],
  ['neither --tones nor --input', ['analyze'], 2, /needs --tones/],
  [
    'unreadable input',
    ['analyze', '--input', join(dir, 'missing.csv'), '--fs', '32'],
    1,
    /--input '.*missing\.csv' cannot be read: ENOENT/,
  ],
  ['CSV without --fs', ['analyze', '--input', badCsv], 2, /--fs is required with a CSV --input/],
  [
    'malformed CSV',
    ['analyze', '--input', badCsv, '--fs', '32'],
    1,
    /bad\.csv: malformed CSV: line 4, column 0: 'three' is not a number/,
  ],
  [
    'empty CSV',
    ['analyze', '--input', emptyCsv, '--fs', '32'],
    1,
    /empty\.csv: malformed CSV: no data rows/,
  ],
  [
    'malformed WAV',
    ['analyze', '--input', notWav],
    1,
    /not\.wav: not a readable WAV file: missing RIFF\/WAVE header/,
  ],
  ['truncated WAV', ['analyze', '--input', truncatedWav], 1, /short\.wav: not a readable WAV file/],
  [
    'bad --plot extension',
    ['analyze', '--tones', '10:1', '--plot', join(dir, 'x.jpg')],
    2,
    /--plot must end in \.svg or \.png/,
  ],
  [
    'unwritable --plot',
    ['analyze', '--tones', '10:1', '--plot', join(blocked, 'x.svg')],
    1,
    /cannot write plot/,
  ],
  [
    'unknown experiment',
    ['run', 'dc-abalation', '--out', join(dir, 'o1')],
    2,
    /unknown experiment 'dc-abalation'; expected one of approximation, /,
  ],
  ['missing --out', ['run', 'minimal-dc'], 2, /required option '--out <dir>' not specified/],
  [
    'bad --preset',
    ['run', 'minimal-dc', '--preset', 'huge', '--out', join(dir, 'o2')],
    2,
    /--preset.*huge.*Allowed choices are quick, paper/,
  ],
  [
    'config not JSON',
    ['run', 'minimal-dc', '--config', badJson, '--out', join(dir, 'o3')],
    2,
    /--config '.*bad\.json' is not valid JSON/,
  ],
  [
    'config missing',
    ['run', 'minimal-dc', '--config', join(dir, 'nope.json'), '--out', join(dir, 'o4')],
    2,
    /--config '.*nope\.json' cannot be read: ENOENT/,
  ],
  [
    'config unknown field',
    ['run', 'minimal-dc', '--config', badField, '--out', join(dir, 'o5')],
    2,
    /invalid minimal-dc config: .*noSuchField/,
  ],
  [
    '--set out of range',
    ['run', 'minimal-dc', '--set', 'trainEpochs=-3', '--out', join(dir, 'o6')],
    2,
    /invalid minimal-dc config: trainEpochs/,
  ],
  [
    '--set without =',
    ['run', 'minimal-dc', '--set', 'trainEpochs', '--out', join(dir, 'o7')],
    2,
    /--set must be key=value, got 'trainEpochs'/,
  ],
  [
    'bad --seed',
    ['run', 'minimal-dc', '--seed', '1.5', '--out', join(dir, 'o8')],
    2,
    /--seed must be an integer in \[0, 4294967295\], got '1\.5'/,
  ],
  [
    '--out under a file',
    ['run', 'minimal-dc', '--out', join(blocked, 'sub')],
    1,
    /--out '.*blocked\/sub' cannot be written: (ENOTDIR|EEXIST)/,
  ],
  [
    'unknown experiment in repro --only',
    ['repro', '--only', 'approximation,nope', '--out', join(dir, 'o9')],
    2,
    /unknown experiment 'nope'/,
  ],
  [
    'inspect a missing model',
    ['inspect', join(dir, 'missing.h5'), '--heart-rate', '72'],
    1,
    /missing\.h5/,
  ],
];
if (process.getuid?.() !== 0) {
  cases.push([
    '--out read-only',
    ['run', 'minimal-dc', '--out', join(readOnly, 'sub')],
    1,
    /--out '.*ro\/sub' cannot be written: EACCES/,
  ]);
}

describe('bad input: one stderr line naming the problem, exit 2 (usage) or 1 (runtime)', () => {
  it.each(cases)('%s', (_name, argv, code, pattern) => {
    const r = rectify(argv);
    expect(r.code, r.stderr).toBe(code);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter((l) => l !== '');
    expect(lines, r.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^rectify: /);
    expect(lines[0]).toMatch(pattern);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('a --config that is not JSON (issue 17: nothing of the file is echoed)', () => {
  it('names the file and the line and column of the error, never its bytes', () => {
    const r = rectify([
      'run',
      'minimal-dc',
      '--config',
      secretJson,
      '--out',
      join(dir, 'o-secret'),
    ]);
    expect(r.code).toBe(2);
    // V8 names a position for some syntax errors only; without one, nothing else is said.
    expect(r.stderr).toMatch(
      /^rectify: --config '.*secret\.json' is not valid JSON( at line \d+, column \d+| \(its content is not shown\))\n$/,
    );
    expect(r.stderr).not.toContain('SECRET');
  });
});

describe('help and version', () => {
  it.each(['analyze', 'run', 'repro', 'inspect'])('%s --help shows examples', (command) => {
    const r = rectify([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`Examples:\\n\\s+\\$ rectify ${command} `));
  });

  it('--version prints the package version', () => {
    const r = rectify(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
