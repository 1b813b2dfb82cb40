import { describe, expect, it } from 'vitest';
import { readResultFiles } from './result-files';

/** The smallest valid result of an experiment (format 1: id, statement, measured, verdict). */
const result = (experiment: string) =>
  JSON.stringify({
    experiment,
    claims: [{ id: 'c', statement: 's', measured: 'm', verdict: 'holds' }],
  });

describe('readResultFiles', () => {
  it('opens a repro folder: results in the report’s order, every other file skipped with its reason', () => {
    const { results, skipped } = readResultFiles([
      { source: 'out/minimal-dc/result.json', text: result('minimal-dc') },
      { source: 'out/summary.md' },
      { source: 'out/z-approximation/result.json', text: result('approximation') },
      {
        source: 'out/minimal-dc/checkpoints/fixed.json',
        text: JSON.stringify({ experiment: 'minimal-dc', unitId: 'fixed', output: {} }),
      },
      { source: 'out/a-approximation/result.json', text: result('approximation') },
    ]);
    expect(results.map((r) => r.source)).toEqual([
      'out/a-approximation/result.json',
      'out/z-approximation/result.json',
      'out/minimal-dc/result.json',
    ]);
    expect(skipped).toEqual([
      {
        source: 'out/summary.md',
        reason: 'out/summary.md is not a result file (results are .json)',
      },
      {
        source: 'out/minimal-dc/checkpoints/fixed.json',
        reason:
          'out/minimal-dc/checkpoints/fixed.json: a result must hold a claims array, got a checkpoint unit record',
      },
    ]);
  });

  it('skips JSON that names no known experiment, and refuses a .json file without its text', () => {
    const { results, skipped } = readResultFiles([
      { source: 'broken.json', text: '{"experiment":"mnist"}' },
    ]);
    expect(results).toEqual([]);
    expect(skipped[0]?.reason).toMatch(/^broken\.json: experiment must be one of approximation, /);
    expect(readResultFiles([])).toEqual({ results: [], skipped: [] });
    expect(() => readResultFiles([{ source: 'a.json' }])).toThrow(
      new TypeError('a.json must come with its text (a .json file), got none'),
    );
  });
});
