import { type Chart, createChart } from '../ui/chart';
import { h, replaceChildren } from '../ui/dom';

const PALETTE = [
  '#1f6feb',
  '#e8590c',
  '#2e7d32',
  '#8e24aa',
  '#c62828',
  '#00838f',
  '#6d4c41',
  '#f9a825',
  '#5c6bc0',
  '#ad1457',
];

/** A chart of one training metric against epoch, one line per unit, drawn as epochs arrive. */
export interface LiveChart {
  readonly root: HTMLElement;
  /** Records `value` for `unitId` at `epoch` (1-based) and redraws. */
  add(unitId: string, epoch: number, epochs: number, value: number): void;
  /** Forgets every line. */
  clear(): void;
  destroy(): void;
}

/** Creates a live chart for `metric` (e.g. `'loss'`). */
export function createLiveChart(testId: string, title: string, yLabel: string): LiveChart {
  const root = h('div', { class: 'live-chart', 'data-testid': testId });
  const lines = new Map<string, (number | null)[]>();
  let chart: Chart | null = null;
  let epochsSeen = 0;

  const rebuild = () => {
    chart?.destroy();
    chart = createChart({
      testId: `${testId}-plot`,
      title,
      xLabel: 'epoch',
      yLabel,
      height: 220,
      series: [...lines.keys()].map((id, i) => ({
        label: id,
        stroke: PALETTE[i % PALETTE.length]!,
        width: 1.5,
      })),
    });
    replaceChildren(root, chart.root);
  };

  const draw = () => {
    const xs = Array.from({ length: epochsSeen }, (_, i) => i + 1);
    chart?.setData([xs, ...[...lines.values()].map((v) => xs.map((_, i) => v[i] ?? null))]);
    root.dataset.points = String(
      [...lines.values()].reduce((n, v) => n + v.filter((x) => x !== null).length, 0),
    );
  };

  rebuild();
  return {
    root,
    add(unitId, epoch, epochs, value) {
      let line = lines.get(unitId);
      const isNew = !line;
      if (!line) {
        line = [];
        lines.set(unitId, line);
      }
      line[epoch - 1] = value;
      epochsSeen = Math.max(epochsSeen, epochs, epoch);
      if (isNew) rebuild();
      draw();
    },
    clear() {
      lines.clear();
      epochsSeen = 0;
      rebuild();
    },
    destroy() {
      chart?.destroy();
    },
  };
}
