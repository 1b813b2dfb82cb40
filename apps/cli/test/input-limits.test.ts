import { execFileSync } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readRecording } from '../src/commands/analyze';
import { UsageError } from '../src/errors';
import { rectify, tempDir } from './helpers';

/** A sparse file of `bytes` bytes: its size is real, its data takes no disk and no memory. */
function sparseFile(path: string, bytes: number): string {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

const GIB = 1024 ** 3;
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** One stderr line, `rectify: …`, no stack trace. */
function expectOneLine(stderr: string): void {
  expect(stderr).toMatch(/^rectify: [^\n]*\n$/);
}

describe('--input of 1 GiB and more, and /dev/zero, through the built CLI (issue 17, findings 4 and 8)', () => {
  it('a sparse CSV one byte over 1 GiB is refused from its size before a byte is read: exit 2', () => {
    const file = sparseFile(join(tempDir(), 'huge.csv'), GIB + 1);
    const r = rectify(['analyze', '--input', file, '--fs', '32'], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr);
    expect(r.stderr).toBe(
      `rectify: --input '${file}' holds 1.07 GB, more than the 1.07 GB read at most\n`,
    );
  });

  it('the same for a sparse WAV of 4 GiB, and for ablate, which reads recordings the same way', () => {
    const file = sparseFile(join(tempDir(), 'huge.wav'), 4 * GIB);
    const r = rectify(['analyze', '--input', file], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^rectify: --input '.*huge\.wav' holds 4\.29 GB, more than the/);
    const ablate = rectify(
      ['ablate', 'examples/data/ppg-model.h5', '--input', '/dev/zero', '--heart-rate', '72'],
      { cwd: REPO, timeoutMs: 120_000 },
    );
    expect(ablate.code, ablate.stderr).toBe(2);
    expect(ablate.stderr).toBe(
      "rectify: --input '/dev/zero' must be a regular file, got a device\n",
    );
  });

  it('analyze --input /dev/zero ends at once with exit 2 (it used to read forever)', () => {
    const started = Date.now();
    const r = rectify(['analyze', '--input', '/dev/zero', '--fs', '32'], { timeoutMs: 30_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("rectify: --input '/dev/zero' must be a regular file, got a device\n");
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});

async function usageMessage(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as Error).message;
}

describe("readRecording names the calling command's flags (issue 17, finding 7)", () => {
  it('a device, a FIFO, a missing rate and a missing column, each with the flag names given', async () => {
    const flags = { input: '--recording', column: '--channel', fs: '--rate' };
    expect(await usageMessage(() => readRecording('/dev/zero', undefined, undefined, flags))).toBe(
      "--recording '/dev/zero' must be a regular file, got a device",
    );
    const dir = tempDir();
    const fifo = join(dir, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    expect(await usageMessage(() => readRecording(fifo, undefined, '32', flags))).toBe(
      `--recording '${fifo}' must be a regular file, got a FIFO`,
    );
    const csv = join(dir, 'two.csv');
    writeFileSync(csv, 'a,b\n1,2\n3,4\n');
    expect(await usageMessage(() => readRecording(csv, undefined, undefined, flags))).toBe(
      `--rate is required with a CSV --recording ('${csv}'): the sample rate in Hz`,
    );
    expect(await usageMessage(() => readRecording(csv, '5', '32', flags))).toBe(
      `--channel 5 is out of range: ${csv} has 2 column(s), numbered from 0`,
    );
    expect(await usageMessage(() => readRecording(csv, 'c', '-1', flags))).toBe(
      "--rate must be a finite number > 0, got '-1'",
    );
  });

  it("the defaults are analyze's own flags", async () => {
    expect(await usageMessage(() => readRecording('/dev/zero', undefined, undefined))).toBe(
      "--input '/dev/zero' must be a regular file, got a device",
    );
    const csv = join(tempDir(), 'one.csv');
    writeFileSync(csv, 'a\n1\n');
    expect(await usageMessage(() => readRecording(csv, 'zz', '32'))).toBe(
      `--column 'zz' not found in ${csv}: columns are 'a'`,
    );
  });
});
