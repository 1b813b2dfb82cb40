import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CliResult, rectify, signalWhenOutput, tempDir } from './helpers';

// One `relu` unit of one epoch on 3 × 2048 signals of 256 samples, batch 64: 96 batches, 3–6 s
// on the 2-core machine, so a SIGINT 1 s after the unit starts lands inside its only epoch, and
// an exit within 1 s can only come from a check between batches.
const ONE_RELU_UNIT = [
  'run',
  'dc-ablation',
  '--set',
  'repetitions=1',
  '--set',
  'variants=["relu"]',
  '--set',
  'epochs=1',
  '--set',
  'signalsPerClass=2048',
  '--set',
  'testSignalsPerClass=32',
  '--seed',
  '5',
];

/** Time a SIGINT sent inside an epoch may take to end the process (issue 17). */
const EXIT_WITHIN_MS = 1000;

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)));
}

/**
 * Starts the run, waits for the progress line of the unit's start, lets it run `intoUnitMs`,
 * sends SIGINT and measures how long the process takes to end.
 */
function interruptMidEpoch(
  out: string,
  workers: string,
  intoUnitMs: number,
): Promise<CliResult & { exitMs: number }> {
  return signalWhenOutput(
    [...ONE_RELU_UNIT, '--workers', workers, '--out', out],
    /0\/1 units, at rep-0000\.relu/,
    'SIGINT',
    intoUnitMs,
  );
}

describe('rectify run dc-ablation: Ctrl-C inside an epoch (issue 17)', () => {
  it('exits 130 within 1 s between batches, leaves no result or temp file, and --resume gives the uninterrupted result', async () => {
    const reference = tempDir();
    const whole = rectify([...ONE_RELU_UNIT, '--workers', '1', '--out', reference]);
    expect(whole.code, whole.stderr).toBe(0);
    const expected = readFileSync(join(reference, 'result.json'), 'utf8');

    // workers 1: training runs in the CLI's own thread and must give the event loop a turn
    // between batches; workers 2: the unit runs in a worker thread, which the pool terminates.
    for (const workers of ['1', '2']) {
      const out = tempDir();
      const stopped = await interruptMidEpoch(out, workers, 1000);
      expect(stopped.code, stopped.stderr).toBe(130);
      expect(stopped.exitMs, `workers ${workers}`).toBeLessThan(EXIT_WITHIN_MS);
      expect(stopped.stderr).toMatch(/rectify: interrupted; checkpoint kept in /);
      expect(stopped.stderr).not.toMatch(/\n\s+at /);
      const left = filesUnder(out);
      expect(left).not.toContain('result.json');
      expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
      // The unit was stopped before it finished, so no unit file exists yet.
      expect(left.filter((f) => f.startsWith(join('checkpoint', 'units')))).toEqual([]);

      const resumed = rectify(['run', 'dc-ablation', '--out', out, '--resume']);
      expect(resumed.code, resumed.stderr).toBe(0);
      expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(expected);
    }
  }, 300_000);
});
