import { describe, expect, it } from 'vitest';
import type { Progress as ProgressEvent } from './types';
import { createEtaClock } from './eta';

const event = (
  kind: ProgressEvent['kind'],
  unitId: string,
  unitsDone: number,
  unitsTotal = 5,
): ProgressEvent => ({ experiment: 'dc-ablation', kind, unitId, unitsDone, unitsTotal });

describe('createEtaClock (ETA from the units measured in this run)', () => {
  it('has no ETA before the first unit finishes, however long the start-up took', () => {
    const eta = createEtaClock();
    eta.update(event('unit-start', 'a', 0), 30_000);
    eta.update({ ...event('unit-step', 'a', 0), step: 1, steps: 60 }, 31_000);
    expect(eta.secondsLeft()).toBeUndefined();
  });

  it('then multiplies the wall time per finished unit by the units left', () => {
    const eta = createEtaClock();
    eta.update(event('unit-start', 'a', 0), 30_000); // 30 s of start-up are not a unit's time
    eta.update(event('unit-done', 'a', 1), 39_000);
    expect(eta.secondsLeft()).toBeCloseTo(9 * 4, 12);
    eta.update(event('unit-start', 'b', 1), 39_000);
    eta.update(event('unit-done', 'b', 2), 51_000);
    expect(eta.secondsLeft()).toBeCloseTo((21 / 2) * 3, 12);
  });

  it('does not count resumed units as measured ones', () => {
    const eta = createEtaClock();
    eta.update(event('unit-resumed', 'a', 1), 1_000);
    eta.update(event('unit-resumed', 'b', 2), 1_001);
    expect(eta.secondsLeft()).toBeUndefined();
    eta.update(event('unit-start', 'c', 2), 2_000);
    eta.update(event('unit-done', 'c', 3), 12_000);
    expect(eta.secondsLeft()).toBeCloseTo(10 * 2, 12);
    eta.update(event('unit-done', 'd', 5), 12_000);
    expect(eta.secondsLeft()).toBe(0);
  });

  it('counts parallel workers through the wall time', () => {
    const eta = createEtaClock();
    eta.update(event('unit-start', 'a', 0, 8), 0);
    eta.update(event('unit-start', 'b', 0, 8), 0);
    eta.update(event('unit-done', 'a', 1, 8), 10_000);
    eta.update(event('unit-done', 'b', 2, 8), 10_000);
    expect(eta.secondsLeft()).toBeCloseTo(5 * 6, 12);
  });
});
