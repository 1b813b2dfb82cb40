import { describe, expect, it } from 'vitest';
import { createEtaClock } from '../core/eta';
import type { Progress } from '../core/types';
import {
  createPlainProgress,
  formatDuration,
  formatEta,
  progressMetricsText,
  progressPosition,
  progressText,
  progressUnitText,
} from './progress';

const event = (
  kind: Progress['kind'],
  unitId: string,
  unitsDone: number,
  extra: Partial<Progress> = {},
): Progress => ({ experiment: 'dc-ablation', kind, unitId, unitsDone, unitsTotal: 4, ...extra });

const step = (unitId: string, unitsDone: number, s: number, loss: number): Progress =>
  event('unit-step', unitId, unitsDone, { step: s, steps: 10, metrics: { loss } });

describe('formatDuration and formatEta', () => {
  it('say when the ETA will be known, then seconds, minutes and hours', () => {
    expect(formatEta(undefined)).toBe('after the first unit');
    expect(formatEta(36)).toBe('36s');
    expect(formatEta(125)).toBe('2m05s');
    expect(formatEta(3 * 3600 + 7 * 60)).toBe('3h07m');
  });

  it('round to whole seconds before splitting, so a minute never shows 60 seconds', () => {
    expect(formatDuration(659.7)).toBe('11m00s');
    expect(formatDuration(59.6)).toBe('1m00s');
    expect(formatDuration(3599.7)).toBe('1h00m');
    expect(formatDuration(0.4)).toBe('0s');
  });

  it('read ? for a duration that is not one', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(formatDuration(bad)).toBe('?');
  });
});

describe('progress text', () => {
  it('names the metrics with 4 decimals, or exponent form outside [1e-3, 1e4)', () => {
    expect(progressMetricsText({ loss: 0.42, accuracy: 0.9 })).toBe('loss 0.4200, accuracy 0.9000');
    expect(progressMetricsText({ loss: 2.5e-5 })).toBe('loss 2.500e-5');
    expect(progressMetricsText(undefined)).toBe('');
    expect(progressMetricsText({})).toBe('');
  });

  it('shows the epoch of a training step only', () => {
    expect(progressUnitText(step('relu-r0', 0, 3, 1))).toBe('relu-r0 epoch 3/10');
    expect(progressUnitText(event('unit-done', 'relu-r0', 1, { step: 10, steps: 10 }))).toBe(
      'relu-r0',
    );
    expect(progressUnitText(event('unit-step', 'relu-r0', 0))).toBe('relu-r0');
  });

  it('places a bar at the units done plus the finished part of the unit, never past the total', () => {
    expect(progressPosition(step('a', 2, 5, 1))).toBe(2.5);
    expect(progressPosition(event('unit-start', 'a', 2))).toBe(2);
    expect(progressPosition(event('unit-step', 'a', 3, { step: 20, steps: 10 }))).toBe(4);
    expect(progressPosition(event('unit-done', 'a', 4))).toBe(4);
  });

  it('writes one line per event kind, the verb by kind', () => {
    expect(progressText(step('relu-r0', 1, 3, 0.5), { label: 'run', secondsLeft: 125 })).toBe(
      'run: 1/4 units, at relu-r0 epoch 3/10, loss 0.5000, ETA 2m05s',
    );
    expect(progressText(event('unit-done', 'relu-r0', 2), { secondsLeft: 36 })).toBe(
      'dc-ablation: 2/4 units, done relu-r0, ETA 36s',
    );
    expect(progressText(event('unit-resumed', 'linear-r0', 3))).toBe(
      'dc-ablation: 3/4 units, resumed linear-r0, ETA after the first unit',
    );
  });
});

describe('createPlainProgress (plain lines through a callback, on a fake clock)', () => {
  function reporter(intervalMs?: number) {
    let now = 1_000;
    const lines: string[] = [];
    const progress = createPlainProgress({
      write: (line) => lines.push(line),
      label: 'dc-ablation',
      clock: () => now,
      ...(intervalMs !== undefined ? { intervalMs } : {}),
    });
    return { progress, lines, at: (ms: number) => (now = ms) };
  }

  it('writes the first step, then at most one step line per 5 s, and every finished unit', () => {
    const { progress, lines, at } = reporter();
    at(1_000);
    progress.update(event('unit-start', 'a', 0));
    at(2_000);
    progress.update(step('a', 0, 1, 0.9)); // within 5 s of the start line
    at(6_000);
    progress.update(step('a', 0, 2, 0.8)); // 5 s after it: due
    at(9_000);
    progress.update(step('a', 0, 3, 0.7)); // 3 s later: skipped
    at(11_000);
    progress.update(event('unit-done', 'a', 1)); // a finished unit is always written
    at(12_000);
    progress.update(event('unit-resumed', 'b', 2));
    at(21_000);
    progress.stop(true);
    expect(lines).toEqual([
      'dc-ablation: 0/4 units, at a, ETA after the first unit',
      'dc-ablation: 0/4 units, at a epoch 2/10, loss 0.8000, ETA after the first unit',
      // 10 s for the one unit measured here, times the units left (3, then 1 after the resumed one).
      'dc-ablation: 1/4 units, done a, ETA 30s',
      'dc-ablation: 2/4 units, resumed b, ETA 20s',
      'dc-ablation: finished in 20s',
    ]);
  });

  it('writes a finished unit once per count of units done', () => {
    const { progress, lines } = reporter();
    progress.update(event('unit-resumed', 'a', 1));
    progress.update(event('unit-resumed', 'a', 1));
    progress.update(event('unit-done', 'b', 2));
    expect(lines.map((line) => line.split(', ETA')[0])).toEqual([
      'dc-ablation: 1/4 units, resumed a',
      'dc-ablation: 2/4 units, done b',
    ]);
  });

  it('takes another interval, and says nothing at the end of a run that was stopped or empty', () => {
    const { progress, lines, at } = reporter(1_000);
    progress.stop(true); // no event yet: nothing ran
    at(1_000);
    progress.update(step('a', 0, 1, 1));
    at(2_000);
    progress.update(step('a', 0, 2, 1));
    progress.stop(false);
    expect(lines).toEqual([
      'dc-ablation: 0/4 units, at a epoch 1/10, loss 1.0000, ETA after the first unit',
      'dc-ablation: 0/4 units, at a epoch 2/10, loss 1.0000, ETA after the first unit',
    ]);
  });

  it('feeds the ETA clock it is given', () => {
    const eta = createEtaClock();
    let now = 0;
    const progress = createPlainProgress({ write: () => {}, label: 'x', clock: () => now, eta });
    progress.update(event('unit-start', 'a', 0));
    now = 4_000;
    progress.update(event('unit-done', 'a', 1));
    expect(eta.secondsLeft()).toBe(12);
  });
});
