import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecodeError, encodeWav } from '@rectify/signal';
import { useTempDirs } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import {
  ConfigFileError,
  MAX_RECORDING_BYTES,
  RecordingFileError,
  readConfigFile,
  readRecordingBytes,
  readRecordingFile,
} from './files';

const tempDir = useTempDirs('rectify-files-');

/** What a promise rejected with (fails the test when it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable('it should have been refused'),
    (error: unknown) => error,
  );
}

describe('readRecordingFile (a WAV channel or a CSV column, read safely)', () => {
  it('reads a CSV column by header, at the rate given', async () => {
    const path = join(tempDir(), 'x.csv');
    writeFileSync(path, 't,ppg\n0,1.5\n0.25,-2\n0.5,0.25\n');
    const rec = await readRecordingFile(path, { column: 'ppg', fs: 4 });
    expect([...rec.samples]).toEqual([1.5, -2, 0.25]);
    expect(rec.fs).toBe(4);
    expect(rec.source).toBe('ppg');
  });

  it('reads a WAV channel at the header rate, or at the rate given instead', async () => {
    const path = join(tempDir(), 'x.WAV');
    // pcm16 holds k / 32768 exactly.
    const left = [0, 0.5, -0.5, 0.25];
    const right = [-1, 0.125, 0, 0.75];
    writeFileSync(path, encodeWav([left, right], 8000));
    const rec = await readRecordingFile(path, { column: 1 });
    expect([...rec.samples]).toEqual(right);
    expect(rec.fs).toBe(8000);
    expect(rec.source).toBe('channel 1 (pcm16)');
    expect((await readRecordingFile(path, { fs: 100 })).fs).toBe(100);
  });

  it("passes signal's DecodeError through: a CSV without a rate, a missing column", async () => {
    const path = join(tempDir(), 'x.csv');
    writeFileSync(path, 'a,b\n1,2\n3,4\n');
    const missingRate = await rejection(readRecordingFile(path));
    expect(missingRate).toBeInstanceOf(DecodeError);
    expect((missingRate as DecodeError).code).toBe('missing-rate');
    const noColumn = await rejection(readRecordingFile(path, { column: 'c', fs: 1 }));
    expect((noColumn as DecodeError).code).toBe('no-such-column');
  });
});

describe('readRecordingBytes (a regular file of at most maxBytes)', () => {
  it('returns the bytes of a file of exactly maxBytes', async () => {
    const path = join(tempDir(), 'f.bin');
    writeFileSync(path, Uint8Array.from([1, 2, 3, 4]));
    expect([...(await readRecordingBytes(path, { maxBytes: 4 }))]).toEqual([1, 2, 3, 4]);
    expect(MAX_RECORDING_BYTES).toBe(2 ** 30);
  });

  it('refuses a file one byte over maxBytes before reading it: too-large, with both sizes', async () => {
    const path = join(tempDir(), 'f.bin');
    writeFileSync(path, new Uint8Array(5));
    const error = (await rejection(
      readRecordingBytes(path, { maxBytes: 4 }),
    )) as RecordingFileError;
    expect(error).toBeInstanceOf(RecordingFileError);
    expect(error.code).toBe('too-large');
    expect(error.details).toEqual({ size: 5, maxBytes: 4 });
    expect(error.message).toBe(`'${path}' holds 5 bytes, more than the 4 read at most`);
  });

  it.each([
    ['a directory', (): string => tempDir(), 'directory'],
    ['a device (it would read forever)', (): string => '/dev/zero', 'device'],
    [
      'a FIFO (opening it would block)',
      (): string => {
        const path = join(tempDir(), 'pipe');
        execFileSync('mkfifo', [path]);
        return path;
      },
      'FIFO',
    ],
  ] as const)('refuses %s: not-a-file, naming the kind', async (_, makePath, kind) => {
    const path = makePath();
    const error = (await rejection(readRecordingBytes(path))) as RecordingFileError;
    expect(error.code).toBe('not-a-file');
    expect(error.path).toBe(path);
    expect(error.details.kind).toBe(kind);
    expect(error.message).toBe(`'${path}' must be a regular file, got a ${kind}`);
  });

  it('says a missing file is unreadable, with the errno code', async () => {
    const path = join(tempDir(), 'missing.csv');
    const error = (await rejection(readRecordingFile(path, { fs: 1 }))) as RecordingFileError;
    expect(error.code).toBe('unreadable');
    expect(error.details.errno).toBe('ENOENT');
    expect(error.message).toBe(`'${path}' cannot be read: ENOENT`);
  });

  it.each([-1, 1.5, Number.NaN])('refuses maxBytes %s with a RangeError naming it', async (bad) => {
    const error = await rejection(readRecordingBytes('/dev/null', { maxBytes: bad }));
    expect(error).toBeInstanceOf(RangeError);
    expect((error as Error).message).toBe(
      `maxBytes must be an integer ≥ 0 (bytes), got ${String(bad)}`,
    );
  });
});

describe('readConfigFile', () => {
  it('returns the object of a JSON file', async () => {
    const path = join(tempDir(), 'c.json');
    writeFileSync(path, '{"epochs": 3, "nested": {"a": [1, 2]}}');
    expect(await readConfigFile(path)).toEqual({ epochs: 3, nested: { a: [1, 2] } });
  });

  it.each([
    ['missing', undefined, 'unreadable', /^'.*missing' cannot be read: ENOENT$/],
    [
      'syntax',
      '{\n  "epochs": 3,\n  oops\n}',
      'syntax',
      /^'.*syntax' is not valid JSON at line 3, column 3$/,
    ],
    ['array', '[1, 2]', 'not-object', /must hold a JSON object, got an array$/],
    ['null', 'null', 'not-object', /must hold a JSON object, got null$/],
    ['number', '42', 'not-object', /must hold a JSON object, got number$/],
  ])(
    '%s: ConfigFileError %s naming the file, never its content',
    async (name, body, code, message) => {
      const path = join(tempDir(), name);
      if (body !== undefined) writeFileSync(path, body);
      const error = await readConfigFile(path).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigFileError);
      expect((error as ConfigFileError).code).toBe(code);
      expect((error as ConfigFileError).path).toBe(path);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).not.toContain('oops');
    },
  );
});
