import type { Progress } from './types';

/**
 * The time left of a run, from the units measured in this run: none before the first unit
 * finishes (the config cannot say how long a unit takes on this machine), then the wall time per
 * unit finished here (since the first unit started; resumed units cost nothing and are not
 * counted) times the units left. With several workers the wall time per unit already reflects
 * their parallelism.
 */
export interface EtaClock {
  /** Feeds one progress event, received at `now` (ms, any fixed origin). */
  update(event: Progress, now: number): void;
  /** Seconds left, or `undefined` before the first unit of this run has finished. */
  secondsLeft(): number | undefined;
}

/**
 * Creates an {@link EtaClock}: ETA = (last finish − first start) / units finished here × units left.
 *
 * @returns a clock with no events yet.
 * @example
 * ```ts
 * const eta = createEtaClock();
 * await experiment.run(config, { onProgress: (e) => eta.update(e, Date.now()) });
 * ```
 */
export function createEtaClock(): EtaClock {
  let firstStart: number | undefined;
  let finishedHere = 0;
  let lastFinish = 0;
  let left = 0;
  return {
    update(e, now) {
      if (e.kind === 'unit-start' || e.kind === 'unit-step') firstStart ??= now;
      if (e.kind === 'unit-done') {
        finishedHere += 1;
        lastFinish = now;
      }
      left = Math.max(0, e.unitsTotal - e.unitsDone);
    },
    secondsLeft() {
      if (finishedHere === 0 || firstStart === undefined) return undefined;
      return ((lastFinish - firstStart) / 1000 / finishedHere) * left;
    },
  };
}
