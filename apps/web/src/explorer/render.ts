import type { Recording } from '@rectify/signal';
import type { SummaryLine } from '@rectify/theory';
import {
  errorMessage,
  fillTable,
  formatHz,
  formatNumber,
  formatPercent,
  h,
  replaceChildren,
  valueCell,
} from '@rectify/ui';
import { EXPANSION_LABELS } from './controls';
import { type ConvergenceView, computeConvergence, type ExplorerView } from './model';
import type { ExplorerOutputs } from './outputs';
import type { ExplorerParams } from './state';

/** Seconds of signal the time plot shows at first (drag to zoom, double-click for all). */
const TIME_WINDOW_S = 0.5;
/** The spectrum plot opens on 0 … this multiple of the highest tone frequency (at most fs/2). */
const SPECTRUM_SPAN = 4;
/** Rows of the lines table. */
const TABLE_LINES = 12;

/** Draws a view into the outputs: charts, readouts, the lines table and the notes. */
export function renderView(out: ExplorerOutputs, params: ExplorerParams, view: ExplorerView): void {
  const { analysis } = view;
  const { signals, dc } = analysis;
  out.time.setData(
    [
      view.time,
      signals.input,
      signals.output,
      signals.approximation ?? view.time.map(() => Number.NaN),
    ],
    [0, Math.min(analysis.n / analysis.fs, TIME_WINDOW_S)],
  );
  // Open on the band where the lines are (double-click the plot for 0 … fs/2).
  const nyquist = analysis.fs / 2;
  const highest =
    analysis.kind === 'tones'
      ? SPECTRUM_SPAN * Math.max(...params.tones.map((t) => t.freq))
      : nyquist;
  out.spectrum.setData(view.spectrum, [0, Math.min(nyquist, highest)]);
  const error = analysis.seriesError;
  const seriesNote = error
    ? `${params.terms} terms, ${EXPANSION_LABELS[params.expansion]}`
    : 'no series for this activation';
  const r = out.readouts;
  r.dcExact.set(view.exactDc.value, view.exactDc.route);
  r.dcFirst.set(dc.firstOrder);
  r.dcSeries.set(dc.series, seriesNote);
  r.dcMeasured.set(dc.measured);
  r.errRrmse.set(
    error?.relativeRmse ?? null,
    seriesNote,
    error ? formatPercent(error.relativeRmse, 3) : undefined,
  );
  r.errMax.set(error?.maxAbsError ?? null);
  r.errZero.set(error?.errorAtZeroCrossing ?? null);
  const paper = error?.authorsPercentRrmse ?? null;
  r.errPaper.set(paper, undefined, paper === null ? undefined : `${paper.toFixed(3)} %`);
  const size = (l: SummaryLine) => l.amplitude ?? l.measured;
  fillTable(
    out.linesTable,
    [
      { head: 'origin', text: true, cell: (l) => l.label },
      { head: 'f (Hz)', cell: (l) => formatNumber(l.freq, 6) },
      { head: 'predicted', cell: (l) => valueCell(`line-predicted-${l.freq}`, l.amplitude) },
      { head: 'measured', cell: (l) => valueCell(`line-measured-${l.freq}`, l.measured) },
    ],
    [...view.lines].sort((a, b) => size(b) - size(a)).slice(0, TABLE_LINES),
    (l) => ({ 'data-testid': 'line-row', 'data-freq': l.freq }),
  );
  replaceChildren(out.notes, ...view.notes.map((n) => h('li', {}, n)));
}

/** Shows the predicted line nearest to a frequency in the spectrum's caption. */
export function showLineAt(
  out: ExplorerOutputs,
  view: ExplorerView | null,
  freq: number | null,
): void {
  if (freq === null || !view || view.lines.length === 0) return;
  const distance = (l: SummaryLine) => Math.abs(l.freq - freq);
  const best = view.lines.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  out.lineCaption.dataset.testid = 'line-hover';
  out.lineCaption.textContent = `${best.label} at ${formatHz(best.freq)}: predicted ${formatNumber(best.amplitude)}, measured ${formatNumber(best.measured)}`;
}

/** The convergence chart, recomputed off the input path and only when its inputs change. */
export interface ConvergenceRenderer {
  render(params: ExplorerParams, view: ExplorerView, recording?: Recording): void;
  cancel(): void;
}

/** Creates the convergence chart's renderer (its last study lives in this closure only). */
export function createConvergenceRenderer(out: ExplorerOutputs): ConvergenceRenderer {
  let key = '';
  let lastRecording: Recording | undefined;
  let last: ConvergenceView | null | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const draw = (params: ExplorerParams, view: ExplorerView, table: ConvergenceView | null) => {
    if (!table) {
      out.convergence.setData([[params.terms], [null], [null]]);
      out.convergence.setCaption('No series for this activation.');
      return;
    }
    const current = table.terms.map((t) =>
      t === params.terms ? (view.analysis.seriesError?.relativeRmse ?? null) : null,
    );
    out.convergence.setData([table.terms, table.relativeRmse, current]);
    out.convergence.setCaption(table.law);
  };
  return {
    render(params, view, recording) {
      const { tones, fs, n, activation, alpha, expansion, dc } = params;
      const next = JSON.stringify([tones, fs, n, activation, alpha, expansion, dc]);
      if (next === key && recording === lastRecording && last !== undefined) {
        draw(params, view, last);
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(() => {
        try {
          last = computeConvergence(params, recording);
          key = next;
          lastRecording = recording;
          draw(params, view, last);
        } catch (error) {
          out.convergence.setCaption(
            `Could not compute the convergence study: ${errorMessage(error)}`,
          );
        }
      }, 0);
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}
