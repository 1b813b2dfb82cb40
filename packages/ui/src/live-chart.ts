import { type Chart, createChart } from './chart';
import { h, replaceChildren } from './dom';

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

/**
 * A chart of one training metric against epoch, drawn as epochs arrive: one thin line per unit
 * (a repetition), coloured by its group (the variant), and one legend entry per group.
 */
export interface LiveChart {
  /** The wrapper (`data-points` counts the points drawn); the chart inside is `<testId>-plot`. */
  readonly root: HTMLElement;
  /**
   * Records `value` for `unitId` of `group` at `epoch` (1-based) of `epochs` and redraws.
   *
   * @throws RangeError when `epoch` or `epochs` is not an integer ≥ 1.
   */
  add(unitId: string, group: string, epoch: number, epochs: number, value: number): void;
  /** Forgets every line. */
  clear(): void;
  /** Releases the chart. */
  destroy(): void;
}

/**
 * Creates a live chart of one metric against epoch (1-based, integer ticks).
 *
 * @param testId - the wrapper's `data-testid`.
 * @param title - the chart's title.
 * @param yLabel - the metric's name (and unit), e.g. `'loss'`.
 * @returns the chart, empty until `add`.
 * @example
 * const loss = createLiveChart('lab-live-loss', 'Training loss (live)', 'loss');
 * loss.add('rep0/relu', 'relu', 1, 10, 0.69);
 */
export function createLiveChart(testId: string, title: string, yLabel: string): LiveChart {
  const root = h('div', { class: 'live-chart', 'data-testid': testId });
  const lines = new Map<string, { group: string; values: (number | null)[] }>();
  const groups: string[] = [];
  let chart: Chart | null = null;
  let epochsSeen = 0;

  const rebuild = () => {
    chart?.destroy();
    const legendShown = new Set<string>();
    chart = createChart({
      testId: `${testId}-plot`,
      title,
      xLabel: 'epoch',
      xIntegers: true,
      yLabel,
      height: 220,
      series: [...lines.values()].map(({ group }) => {
        const first = !legendShown.has(group);
        legendShown.add(group);
        return {
          label: group,
          stroke: PALETTE[groups.indexOf(group) % PALETTE.length]!,
          width: 1,
          legend: first,
        };
      }),
    });
    replaceChildren(root, chart.root);
  };

  const draw = () => {
    const xs = Array.from({ length: epochsSeen }, (_, i) => i + 1);
    const series = [...lines.values()].map(({ values }) => xs.map((_, i) => values[i] ?? null));
    chart?.setData([xs, ...series]);
    root.dataset.points = String(
      series.reduce((n, v) => n + v.filter((x) => x !== null).length, 0),
    );
  };

  rebuild();
  return {
    root,
    add(unitId, group, epoch, epochs, value) {
      for (const [name, n] of [
        ['epoch', epoch],
        ['epochs', epochs],
      ] as const) {
        if (!Number.isInteger(n) || n < 1) {
          throw new RangeError(`LiveChart.add: ${name} must be an integer ≥ 1, got ${n}`);
        }
      }
      let line = lines.get(unitId);
      const isNew = !line;
      if (!line) {
        line = { group, values: [] };
        lines.set(unitId, line);
        if (!groups.includes(group)) groups.push(group);
      }
      line.values[epoch - 1] = value;
      epochsSeen = Math.max(epochsSeen, epochs, epoch);
      if (isNew) rebuild();
      draw();
    },
    clear() {
      lines.clear();
      groups.length = 0;
      epochsSeen = 0;
      rebuild();
    },
    destroy() {
      chart?.destroy();
    },
  };
}
