import type { EtaClock, Progress } from '@rectify/experiments';
import {
  createPlainProgress,
  formatEta,
  progressMetricsText,
  progressPosition,
  progressUnitText,
} from '@rectify/experiments/report';
import cliProgress from 'cli-progress';
import type { CliContext } from './context';
import { InterruptedError, isAbortError } from './errors';
import { loadExperiments } from './experiments-api';

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

/**
 * The time left as the display shows it (experiments' `formatEta`; `createEtaClock` measures it).
 *
 * @param seconds - seconds left, or `undefined` before the first unit has finished.
 * @returns e.g. `36s`, `2m05s`, `3h07m`, or `after the first unit`.
 */
export const etaText: (seconds: number | undefined) => string = formatEta;

/**
 * A progress display for one experiment: a redrawing bar (cli-progress: bar, units, current
 * unit and epoch, latest loss, ETA) when stderr is a terminal, else experiments'
 * `createPlainProgress` (a plain line per finished unit and at most one step line every 5 s).
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
  let headerPending = header !== undefined;
  const announce = () => {
    if (headerPending) context.stderr(`${header}\n`);
    headerPending = false;
  };

  if (!context.stderrIsTTY) {
    const plain = createPlainProgress({
      write: (line) => context.stderr(`${line}\n`),
      label,
      eta,
    });
    return {
      update(e) {
        announce();
        plain.update(e);
      },
      stop: (completed) => plain.stop(completed),
    };
  }

  const bar = new cliProgress.SingleBar(
    {
      format: barFormat(label),
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
        current: progressUnitText(e),
        metrics: progressMetricsText(e.metrics) || '—',
        timeLeft: formatEta(eta.secondsLeft()),
      };
      const position = Math.round(progressPosition(e) * SCALE);
      if (!startedBar) {
        bar.start(e.unitsTotal * SCALE, position, payload);
        startedBar = true;
      } else {
        bar.setTotal(e.unitsTotal * SCALE);
        bar.update(position, payload);
      }
    },
    stop() {
      if (startedBar) bar.stop();
    },
  };
}

/**
 * The bar's line (cli-progress format). Its ETA is the package's (`{timeLeft}`): cli-progress's
 * own `{eta}` token would override a payload key of that name with its bare seconds.
 *
 * @param label - shown first, e.g. the experiment's name.
 * @returns the format string.
 */
export function barFormat(label: string): string {
  return `${label} [{bar}] {percentage}% | {units} | {current} | {metrics} | ETA {timeLeft}`;
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
