import { describe, expect, it } from 'vitest';
import {
  CheckpointCorruptError,
  CheckpointMismatchError,
  ConfigError,
  PlatformError,
  RunAbortedError,
  reviveError,
  sendError,
} from './errors';
import { ResultSchemaError } from './result-schema';

/** What a worker thread's postMessage does to a value: the structured clone. */
const overTheThread = (error: unknown) => reviveError(structuredClone(sendError(error)));

describe('error codes', () => {
  it('every error class of the package carries its own code', () => {
    expect(new ConfigError('x', ['a: b']).code).toBe('invalid-config');
    expect(new CheckpointMismatchError('m').code).toBe('checkpoint-mismatch');
    expect(new CheckpointCorruptError('/u.json', 'is empty').code).toBe('checkpoint-corrupt');
    expect(new RunAbortedError().code).toBe('aborted');
    expect(new PlatformError('p').code).toBe('platform-missing');
    expect(new ResultSchemaError('r.json', ['x']).code).toBe('invalid-result');
  });
});

describe('sendError / reviveError (errors from worker threads)', () => {
  it('rebuilds the package’s errors as their own class, with name, code, message and stack', () => {
    for (const original of [
      new ConfigError('minimal-dc', ['trainEpochs: too small, got 0']),
      new CheckpointMismatchError('config hash differs'),
      new CheckpointCorruptError('/u.json', 'is not valid JSON'),
      new RunAbortedError('stop'),
      new PlatformError('workers > 1 needs threads'),
    ]) {
      const revived = overTheThread(original);
      expect(revived).toBeInstanceOf(original.constructor);
      expect(revived).toBeInstanceOf(Error);
      expect(revived.name).toBe(original.name);
      expect(revived.message).toBe(original.message);
      expect((revived as { code?: string }).code).toBe(original.code);
      expect(revived.stack).toBe(original.stack);
    }
    const config = overTheThread(new ConfigError('x', ['a: b']));
    expect(config).toBeInstanceOf(RangeError);
    expect((config as ConfigError).problems).toEqual([]);
  });

  it('keeps RangeError and TypeError, and the name and code of any other error', () => {
    expect(overTheThread(new RangeError('epochs must be ≥ 1'))).toBeInstanceOf(RangeError);
    expect(overTheThread(new TypeError('bad'))).toBeInstanceOf(TypeError);
    const other = Object.assign(new Error('no such file'), {
      name: 'ModelIOError',
      code: 'unreadable',
    });
    const revived = overTheThread(other);
    expect(revived.constructor).toBe(Error);
    expect([revived.name, (revived as { code?: string }).code, revived.message]).toEqual([
      'ModelIOError',
      'unreadable',
      'no such file',
    ]);
    expect(overTheThread('a string').message).toBe('a string');
    expect(sendError(Object.assign(new Error('x'), { code: 42 }))).not.toHaveProperty('code');
  });
});
