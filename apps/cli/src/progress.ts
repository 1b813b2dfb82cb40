import type { EtaClock, Progress } from '@rectify/experiments';
import cliProgress from 'cli-progress';
import type { CliContext } from './context';
import { InterruptedError, isAbortError } from './errors';
import { loadExperiments } from './experiments-api';
import { formatNumber } from '@rectify/experiments/report';

/** The progress events the experiments emit (`Progress` of `@rectify/experiments`). */
export type ProgressEvent = Progress;

/** Shows a run's progress and is stopped when the run ends. */
export interface ProgressReporter {
  /** Feed one event. */
  update(event: ProgressEvent): void;
  /** Finish the display; `completed` prints the total time in plain mode. */
  stop(completed: boolean): void;
}

const SCALE = 1000;
const PLAIN_INTERVAL_MS = 5000;

function describeMetrics(metrics: Record<string, number> | undefined): string {
  if (!metrics) return '';
  return Object.entries(metrics)
    .map(([k, v]) => `${k} ${formatNumber(v)}`)
    .join(', ');
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  // Rounded to whole seconds first, so 659.7 s reads 11m00s, never 10m60s.
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole}s`;
  const m = Math.floor(whole / 60);
  if (m < 60) return `${m}m${String(whole % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * The time left as the display shows it (experiments' `createEtaClock` measures it).
 *
 * @param seconds - seconds left, or `undefined` before the first unit has finished.
 * @returns e.g. `36s`, `2m05s`, `3h07m`, or `after the first unit`.
 */
export function etaText(seconds: number | undefined): string {
  return seconds === undefined ? 'after the first unit' : formatDuration(seconds);
}

/**
 * A progress display for one experiment: a redrawing bar (cli-progress: bar, units, current
 * unit and epoch, latest loss, ETA) when stderr is a terminal, else a plain line per finished unit
 * and at most one step line every 5 s.
 *
 * @param label - shown at the start of each line, e.g. the experiment's name.
 * @param context - where to write and whether stderr is a terminal.
 * @param header - a line printed before the first progress output (after the run has started,
 *   so that errors found while starting stay the only line on stderr).
 * @param eta - the ETA clock it feeds (experiments' `createEtaClock()`).
 * @returns the reporter.
 */
export function createProgress(
  label: string,
  context: CliContext,
  header: string | undefined,
  eta: EtaClock,
): ProgressReporter {
  const started = Date.now();
  let headerPending = header !== undefined;
  const announce = () => {
    if (headerPending) context.stderr(`${header}\n`);
    headerPending = false;
  };
  const position = (e: ProgressEvent) => {
    const inUnit = e.kind === 'unit-step' && e.steps ? Math.min(1, (e.step ?? 0) / e.steps) : 0;
    return Math.min(e.unitsTotal, e.unitsDone + inUnit);
  };
  const current = (e: ProgressEvent) =>
    e.kind === 'unit-step' && e.steps ? `${e.unitId} epoch ${e.step}/${e.steps}` : e.unitId;

  if (context.stderrIsTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {units} | {current} | {metrics} | ETA {eta}`,
        barCompleteChar: '█',
        barIncompleteChar: '░',
        hideCursor: true,
        fps: 5,
        stream: process.stderr,
      },
      cliProgress.Presets.shades_classic,
    );
    let startedBar = false;
    return {
      update(e) {
        announce();
        eta.update(e, Date.now());
        const payload = {
          units: `${e.unitsDone}/${e.unitsTotal} units`,
          current: current(e),
          metrics: describeMetrics(e.metrics) || '—',
          eta: etaText(eta.secondsLeft()),
        };
        if (!startedBar) {
          bar.start(e.unitsTotal * SCALE, Math.round(position(e) * SCALE), payload);
          startedBar = true;
        } else {
          bar.setTotal(e.unitsTotal * SCALE);
          bar.update(Math.round(position(e) * SCALE), payload);
        }
      },
      stop() {
        if (startedBar) bar.stop();
      },
    };
  }

  let lastLine = 0;
  let lastDone = -1;
  let lastTotal = 0;
  return {
    update(e) {
      announce();
      lastTotal = e.unitsTotal;
      const now = Date.now();
      eta.update(e, now);
      const finished = e.kind === 'unit-done' || e.kind === 'unit-resumed';
      if (!finished && now - lastLine < PLAIN_INTERVAL_MS) return;
      if (finished && e.unitsDone === lastDone) return;
      lastLine = now;
      if (finished) lastDone = e.unitsDone;
      const verb = e.kind === 'unit-resumed' ? 'resumed' : e.kind === 'unit-done' ? 'done' : 'at';
      const metrics = describeMetrics(e.metrics);
      context.stderr(
        `${label}: ${e.unitsDone}/${e.unitsTotal} units, ${verb} ${current(e)}${metrics ? `, ${metrics}` : ''}, ETA ${etaText(eta.secondsLeft())}\n`,
      );
    },
    stop(completed) {
      if (completed && lastTotal > 0)
        context.stderr(`${label}: finished in ${formatDuration((Date.now() - started) / 1000)}\n`);
    },
  };
}

/** What {@link runWithProgress} hands to the work it runs, to pass on to the experiments. */
export interface ProgressHooks {
  /** The command's cancellation signal (Ctrl-C, SIGTERM). */
  signal: AbortSignal;
  /** Feeds the progress display. */
  onProgress: (event: ProgressEvent) => void;
}

/**
 * Runs experiment work under a progress display ({@link createProgress}) that is stopped however
 * the work ends; a cancelled run (the context's signal aborted, or an `AbortError`) becomes an
 * {@link InterruptedError} saying where the finished work is kept.
 *
 * @param work - the run, given the cancellation signal and the progress callback.
 * @param options - `label` and `header` of the display, the `context`, and the
 *   `interruptedMessage` (without the `rectify: ` prefix) for a cancelled run.
 * @returns what the work returns.
 * @throws InterruptedError when the run was cancelled; any other error of the work unchanged.
 */
export async function runWithProgress<T>(
  work: (hooks: ProgressHooks) => Promise<T>,
  options: { label: string; context: CliContext; header?: string; interruptedMessage: string },
): Promise<T> {
  const { context } = options;
  const { createEtaClock } = await loadExperiments();
  const progress = createProgress(options.label, context, options.header, createEtaClock());
  let completed = false;
  try {
    const result = await work({
      signal: context.signal,
      onProgress: (event) => progress.update(event),
    });
    completed = true;
    return result;
  } catch (error) {
    if (context.signal.aborted || isAbortError(error)) {
      throw new InterruptedError(options.interruptedMessage);
    }
    throw error;
  } finally {
    progress.stop(completed);
  }
}
