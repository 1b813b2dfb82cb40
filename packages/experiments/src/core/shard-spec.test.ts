import { describe, expect, it } from 'vitest';
import { parseShard, ShardSpecError, shardWorkers } from './shard-spec';

describe('parseShard', () => {
  const slurm = (id: number, min: number, max: number, count: number) => ({
    SLURM_ARRAY_TASK_ID: String(id),
    SLURM_ARRAY_TASK_MIN: String(min),
    SLURM_ARRAY_TASK_MAX: String(max),
    SLURM_ARRAY_TASK_COUNT: String(count),
  });

  it('reads I/N, zero-based', () => {
    expect(parseShard('1/4', {})).toMatchObject({ index: 1, count: 4 });
    expect(parseShard(' 0/1 ', {})).toMatchObject({ index: 0, count: 1 });
  });

  it('refuses an index outside [0, N−1], N = 0 and malformed text, naming the rule and the value', () => {
    expect(() => parseShard('4/4', {})).toThrow(/shard index must be in \[0, 3\].* got 4 of 4/);
    expect(() => parseShard('0/0', {})).toThrow(/shard count must be an integer ≥ 1, got 0/);
    expect(() => parseShard('1-4', {})).toThrow(/shard must be I\/N .* got '1-4'/);
    expect(() => parseShard('-1/4', {})).toThrow(/shard must be I\/N/);
    expect(() => parseShard('auto/x', {})).toThrow(/shard must be I\/N/);
    // Past 2^53 the digits would round (…993 reads as …992): refused (issue 17, fuzz finding).
    expect(() => parseShard('0/9007199254740993', {})).toThrow(
      'shard index and count must be integers of at most 9007199254740991, got shard 0/9007199254740993',
    );
  });

  it('auto reads a Slurm array 0-(N−1): index from SLURM_ARRAY_TASK_ID, count from SLURM_ARRAY_TASK_COUNT', () => {
    expect(parseShard('auto', slurm(2, 0, 3, 4))).toMatchObject({
      index: 2,
      count: 4,
      source: 'SLURM_ARRAY_TASK_ID=2, SLURM_ARRAY_TASK_COUNT=4',
    });
  });

  it('auto refuses to guess the count from a resubmitted subset (--array=1,3) but auto/N works there', () => {
    expect(() => parseShard('auto', slurm(3, 1, 3, 2))).toThrow(
      /not 0-\(N-1\).*give shard auto\/N/,
    );
    expect(parseShard('auto/4', slurm(3, 1, 3, 2))).toMatchObject({ index: 3, count: 4 });
    expect(() => parseShard('auto/2', slurm(3, 1, 3, 2))).toThrow(
      /index must be in \[0, 1\].*got 3 of 2/,
    );
  });

  it('auto reads a Kubernetes Indexed Job: JOB_COMPLETION_INDEX with auto/N or RECTIFY_SHARD_COUNT', () => {
    expect(parseShard('auto/8', { JOB_COMPLETION_INDEX: '5' })).toMatchObject({
      index: 5,
      count: 8,
      source: 'JOB_COMPLETION_INDEX=5, shard auto/8',
    });
    expect(
      parseShard('auto', { JOB_COMPLETION_INDEX: '5', RECTIFY_SHARD_COUNT: '6' }),
    ).toMatchObject({ index: 5, count: 6 });
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: '5' })).toThrow(
      /not the number of shards; give shard auto\/N or set RECTIFY_SHARD_COUNT/,
    );
    expect(() => parseShard('auto', { JOB_COMPLETION_INDEX: 'two' })).toThrow(
      /JOB_COMPLETION_INDEX must be an integer ≥ 0, got 'two'/,
    );
  });

  it('auto prefers Slurm over Kubernetes and fails clearly without either', () => {
    expect(parseShard('auto/4', { ...slurm(1, 0, 3, 4), JOB_COMPLETION_INDEX: '3' })).toMatchObject(
      { index: 1 },
    );
    expect(() => parseShard('auto', {})).toThrow(
      /needs SLURM_ARRAY_TASK_ID .* or JOB_COMPLETION_INDEX .*; neither is set/,
    );
  });
});

describe('parseShard: errors and names', () => {
  it('throws ShardSpecError with a code per cause, and words messages with the given name', () => {
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ShardSpecError);
        expect(e).toBeInstanceOf(RangeError);
        return (e as ShardSpecError).code;
      }
      throw new Error('no error');
    };
    expect(codeOf(() => parseShard('x', {}))).toBe('malformed');
    expect(codeOf(() => parseShard('5/4', {}))).toBe('out-of-range');
    expect(codeOf(() => parseShard('auto', {}))).toBe('environment');
    expect(codeOf(() => parseShard('auto', { SLURM_ARRAY_TASK_ID: '-1' }))).toBe('environment');
    expect(() => parseShard('4/4', {}, '--shard')).toThrow(/^--shard index must be in \[0, 3\]/);
    expect(parseShard('1/2', {}, '--shard').source).toBe('--shard 1/2');
  });
});

describe('shardWorkers (threads from the cluster environment)', () => {
  it("takes Slurm's CPUs per task, rounded down", () => {
    expect(shardWorkers({ SLURM_CPUS_PER_TASK: '8' })).toBe(8);
    expect(shardWorkers({ SLURM_CPUS_PER_TASK: '2.7' })).toBe(2);
    expect(shardWorkers({ SLURM_CPUS_PER_TASK: '1' })).toBe(1);
  });

  it('gives no count when the variable is missing, empty, below 1 or not a number', () => {
    for (const cpus of [undefined, '', '0', '0.5', '-4', 'many'])
      expect(shardWorkers({ SLURM_CPUS_PER_TASK: cpus })).toBeUndefined();
  });
});
