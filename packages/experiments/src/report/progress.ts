// How a run's progress reads as text, the same in a terminal, a log file and the web lab: the
// plain progress line, the ETA and a reporter that throttles step lines. Pure: no tfjs, no DOM, no
// Node built-ins; whoever shows the text passes a `write` callback.
import { createEtaClock, type EtaClock } from '../core/eta';
import type { Progress } from '../core/types';
import { formatNumber } from './terminal';

/** The interval of {@link createPlainProgress}'s step lines by default (ms): one every 5 s. */
export const PLAIN_PROGRESS_INTERVAL_MS = 5000;

/**
 * A duration as progress lines show it, rounded to whole seconds first (so 659.7 s reads `11m00s`,
 * never `10m60s`): seconds below a minute, minutes and seconds below an hour, else hours and
 * minutes.
 *
 * @param seconds - the duration (s); negative, NaN or infinite reads `?`.
 * @returns e.g. `36s`, `2m05s`, `3h07m`.
 * @example
 * ```ts
 * formatDuration(125); // '2m05s'
 * ```
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const m = Math.floor(whole / 60);
  if (m < 60) return `${m}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * The time left as progress lines show it ({@link EtaClock.secondsLeft} measures it).
 *
 * @param seconds - seconds left (s), or `undefined` before the first unit has finished.
 * @returns {@link formatDuration}'s text, or `after the first unit`.
 * @example
 * ```ts
 * formatEta(undefined); // 'after the first unit'
 * formatEta(36); // '36s'
 * ```
 */
export function formatEta(seconds: number | undefined): string {
  return seconds === undefined ? 'after the first unit' : formatDuration(seconds);
}

/**
 * A progress event's metrics as text, each value by {@link formatNumber}.
 *
 * @param metrics - the event's `metrics` (e.g. `{ loss: 0.42 }`), or `undefined`.
 * @returns e.g. `loss 0.4200, accuracy 0.9000`; empty when there are none.
 * @example
 * ```ts
 * progressMetricsText({ loss: 0.42, accuracy: 0.9 }); // 'loss 0.4200, accuracy 0.9000'
 * ```
 */
export function progressMetricsText(metrics: Record<string, number> | undefined): string {
  if (!metrics) return '';
  return Object.entries(metrics)
    .map(([name, value]) => `${name} ${formatNumber(value)}`)
    .join(', ');
}

/**
 * The unit an event is about, with its step while it trains.
 *
 * @param event - the progress event.
 * @returns e.g. `relu-r0 epoch 3/40` for a `unit-step` with steps, else the unit id.
 * @example
 * ```ts
 * progressUnitText({ ...event, kind: 'unit-step', unitId: 'a', step: 3, steps: 40 }); // 'a epoch 3/40'
 * ```
 */
export function progressUnitText(event: Progress): string {
  return event.kind === 'unit-step' && event.steps
    ? `${event.unitId} epoch ${event.step}/${event.steps}`
    : event.unitId;
}

/**
 * How far a run is, in units, counting the finished part of a training unit: units done plus
 * step / steps of the current unit, at most `unitsTotal`. A progress bar's position.
 *
 * @param event - the progress event.
 * @returns the position (units, in [0, unitsTotal]).
 * @example
 * ```ts
 * progressPosition({ ...event, kind: 'unit-step', unitsDone: 2, unitsTotal: 5, step: 10, steps: 40 }); // 2.25
 * ```
 */
export function progressPosition(event: Progress): number {
  const inUnit =
    event.kind === 'unit-step' && event.steps ? Math.min(1, (event.step ?? 0) / event.steps) : 0;
  return Math.min(event.unitsTotal, event.unitsDone + inUnit);
}

/**
 * One plain progress line:
 * `<label>: <done>/<total> units, <verb> <unit>[, <metrics>], ETA <eta>`, where the verb is
 * `done` (a unit finished), `resumed` (a unit loaded from a checkpoint) or `at` (any other event).
 *
 * @param event - the progress event.
 * @param options.label - the line's start, e.g. the experiment's name (default the event's
 *   `experiment`).
 * @param options.secondsLeft - the ETA (s) from an {@link EtaClock}, `undefined` before the first
 *   unit has finished.
 * @returns the line, without a newline.
 * @example
 * ```ts
 * progressText({ experiment: 'minimal-dc', kind: 'unit-done', unitId: 'fixed', unitsDone: 1, unitsTotal: 3 }, { secondsLeft: 4 });
 * // 'minimal-dc: 1/3 units, done fixed, ETA 4s'
 * ```
 */
export function progressText(
  event: Progress,
  options: { label?: string; secondsLeft?: number | undefined } = {},
): string {
  const verb =
    event.kind === 'unit-resumed' ? 'resumed' : event.kind === 'unit-done' ? 'done' : 'at';
  const metrics = progressMetricsText(event.metrics);
  return `${options.label ?? event.experiment}: ${event.unitsDone}/${event.unitsTotal} units, ${verb} ${progressUnitText(event)}${metrics ? `, ${metrics}` : ''}, ETA ${formatEta(options.secondsLeft)}`;
}

/** Options of {@link createPlainProgress}. */
export interface PlainProgressOptions {
  /** Receives each line, without a newline (e.g. `(line) => process.stderr.write(`${line}\n`)`). */
  write: (line: string) => void;
  /** The start of each line, e.g. the experiment's name. */
  label: string;
  /** The least time between two step lines (ms; default {@link PLAIN_PROGRESS_INTERVAL_MS}, 5 s). */
  intervalMs?: number;
  /** The time now (ms, any fixed origin; default `Date.now`). */
  clock?: () => number;
  /** The ETA clock the reporter feeds (default a new `createEtaClock()`). */
  eta?: EtaClock;
}

/** A plain-text progress display: {@link createPlainProgress}. */
export interface PlainProgress {
  /** Feeds one event; writes a line when it is due. */
  update(event: Progress): void;
  /**
   * Ends the display.
   *
   * @param completed - true when the run finished: writes `<label>: finished in <duration>`
   *   (after at least one event).
   */
  stop(completed: boolean): void;
}

/**
 * A progress display of plain lines, for logs and terminals that do not redraw: one
 * {@link progressText} line per finished or resumed unit (once per count of units done), at most
 * one line for the other events every `intervalMs`, and the total time when the run completes.
 *
 * @param options - where lines go, their label, the interval (ms), the clock (ms) and the ETA clock.
 * @returns the reporter.
 * @example
 * ```ts
 * const progress = createPlainProgress({ write: (line) => console.error(line), label: 'minimal-dc' });
 * await minimalDc.run(config, { onProgress: (e) => progress.update(e) });
 * progress.stop(true); // 'minimal-dc: finished in 12s'
 * ```
 */
export function createPlainProgress(options: PlainProgressOptions): PlainProgress {
  const { write, label } = options;
  const intervalMs = options.intervalMs ?? PLAIN_PROGRESS_INTERVAL_MS;
  const clock = options.clock ?? Date.now;
  const eta = options.eta ?? createEtaClock();
  const started = clock();
  let lastLine: number | undefined;
  let lastDone = -1;
  let lastTotal = 0;
  return {
    update(event) {
      lastTotal = event.unitsTotal;
      const now = clock();
      eta.update(event, now);
      const finished = event.kind === 'unit-done' || event.kind === 'unit-resumed';
      if (!finished && lastLine !== undefined && now - lastLine < intervalMs) return;
      if (finished && event.unitsDone === lastDone) return;
      lastLine = now;
      if (finished) lastDone = event.unitsDone;
      write(progressText(event, { label, secondsLeft: eta.secondsLeft() }));
    },
    stop(completed) {
      if (completed && lastTotal > 0)
        write(`${label}: finished in ${formatDuration((clock() - started) / 1000)}`);
    },
  };
}
