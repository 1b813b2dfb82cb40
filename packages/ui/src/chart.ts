import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { h } from './dom';

/**
 * A chart's data: the x values first (ascending), then one array per series of the same length
 * (`null` where a series has no point there). uPlot's aligned-data layout.
 */
export type ChartData = uPlot.AlignedData;

/**
 * Puts tables with x values of their own onto one sorted x axis (their union), with no value
 * (`undefined`, which a line spans) where a table has no point (uPlot's `join`): e.g. a spectrum
 * on an FFT grid and lines at exact frequencies, drawn in one chart.
 *
 * @param tables - each table's x values, then its series.
 * @returns the joined data: the union of the x values, then every table's series in order.
 * @example
 * joinSeries([[[0, 2], [1, 1]], [[1], [5]]]); // [[0, 1, 2], [1, undefined, 1], [undefined, 5, undefined]]
 */
export function joinSeries(tables: readonly ChartData[]): ChartData {
  return uPlot.join([...tables]);
}

/** One plotted series. */
export interface SeriesSpec {
  /** Legend text. */
  label: string;
  /** Line (or point) colour. */
  stroke: string;
  /** Line width in CSS pixels; default 1.25. */
  width?: number;
  /** Dash pattern in CSS pixels. */
  dash?: number[];
  /** Draw markers (with vertical stems down to the axis) instead of a line. */
  stems?: boolean;
  /** Whether the legend lists the series; default true (false for a line that repeats a group). */
  legend?: boolean;
}

/** Everything a chart needs besides its data. */
export interface ChartSpec {
  /** Stable `data-testid` of the chart's wrapper. */
  testId: string;
  /** Title above the plot. */
  title: string;
  /** x-axis label (with unit). */
  xLabel: string;
  /** y-axis label (with unit). */
  yLabel: string;
  /** The series, in the order of the data arrays after x. */
  series: readonly SeriesSpec[];
  /** Plot height in CSS pixels; default 260. */
  height?: number;
  /** Logarithmic y axis. */
  yLog?: boolean;
  /** Integer x ticks only (epochs, counts). */
  xIntegers?: boolean;
  /** A value the y axis always includes (its baseline), e.g. 0 for a magnitude; default: fitted to the data. */
  yMin?: number;
  /** Called with the x value under the cursor (or `null` when it leaves the plot). */
  onCursor?: (x: number | null, plot: uPlot) => void;
}

/** A uPlot chart that resizes with its container. */
export interface Chart {
  /** The wrapper element (`figure.chart` with title, plot and caption). */
  readonly root: HTMLElement;
  /** Replaces the data; `xRange` zooms the x axis (double-click resets to the full range). */
  setData(data: ChartData, xRange?: readonly [number, number]): void;
  /** Switches the y axis between linear and logarithmic. */
  setYLog(log: boolean): void;
  /** Sets the caption under the plot (e.g. what a hover shows). */
  setCaption(content: Node | string): void;
  /** Releases the plot. */
  destroy(): void;
}

function stemPaths(u: uPlot, seriesIdx: number): null {
  const ctx = u.ctx;
  const xs = u.data[0];
  const ys = u.data[seriesIdx];
  if (!ys) return null;
  const series = u.series[seriesIdx]!;
  const scale = u.scales.y!;
  const base = u.valToPos(
    Math.max(scale.min ?? 0, scale.distr === 3 ? (scale.min ?? 1e-12) : 0),
    'y',
    true,
  );
  ctx.save();
  ctx.strokeStyle =
    typeof series.stroke === 'function'
      ? (series.stroke(u, seriesIdx) as string)
      : String(series.stroke);
  ctx.lineWidth = 1.5 * uPlot.pxRatio;
  ctx.beginPath();
  for (let i = 0; i < xs.length; i++) {
    const y = ys[i];
    if (y === null || y === undefined) continue;
    const px = u.valToPos(xs[i]!, 'x', true);
    ctx.moveTo(px, base);
    ctx.lineTo(px, u.valToPos(y, 'y', true));
  }
  ctx.stroke();
  ctx.restore();
  return null;
}

/**
 * Creates a uPlot chart inside a new `figure.chart` (`data-testid` = `spec.testId`); it draws on
 * the first `setData` and follows its container's width (at least 320 px). The figure counts its
 * draws in `data-updates` and the x values of the last in `data-points`, and lists each series'
 * label and stroke in `data-strokes`.
 *
 * @param spec - title, axis labels, series and options.
 * @returns the chart.
 * @throws RangeError when `spec.height` is given and not a positive number of pixels.
 * @example
 * const chart = createChart({ testId: 'chart-time', title: 'Time domain', xLabel: 't (s)',
 *   yLabel: 'amplitude', series: [{ label: 'x', stroke: '#1f6feb' }] });
 * chart.setData([t, x]);
 */
export function createChart(spec: ChartSpec): Chart {
  if (spec.height !== undefined && !(Number.isFinite(spec.height) && spec.height > 0)) {
    throw new RangeError(`createChart: height must be a positive number of px, got ${spec.height}`);
  }
  const plotHost = h('div', { class: 'chart-plot' });
  const caption = h('div', { class: 'chart-caption', 'data-testid': `${spec.testId}-caption` });
  const root = h(
    'figure',
    {
      class: 'chart',
      'data-testid': spec.testId,
      'data-updates': 0,
      // What each line is drawn with, so tests can hold the legend against it.
      'data-strokes': JSON.stringify(
        spec.series.map((s) => ({ label: s.label, stroke: s.stroke, legend: s.legend !== false })),
      ),
    },
    h('figcaption', { class: 'chart-title' }, spec.title),
    plotHost,
    caption,
  );
  let updates = 0;
  let yLog = spec.yLog ?? false;
  let plot: uPlot | null = null;
  let lastData: ChartData | null = null;
  let lastRange: readonly [number, number] | undefined;

  const options = (width: number): uPlot.Options => ({
    width,
    height: spec.height ?? 260,
    pxAlign: false,
    legend: { live: true },
    cursor: { drag: { x: true, y: false } },
    scales: {
      x: { time: false },
      y: {
        distr: yLog ? 3 : 1,
        ...(spec.yMin !== undefined && !yLog
          ? {
              range: (_u, min, max) => {
                const low = Math.min(spec.yMin as number, min);
                const high = Math.max(max, low + 1e-12);
                return [low, high + 0.05 * (high - low)];
              },
            }
          : {}),
      },
    },
    axes: [
      {
        label: spec.xLabel,
        stroke: '#333',
        grid: { stroke: '#eee' },
        ...(spec.xIntegers ? { incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : {}),
      },
      { label: spec.yLabel, stroke: '#333', grid: { stroke: '#eee' }, size: 60 },
    ],
    series: [
      { label: spec.xLabel },
      ...spec.series.map(
        (s): uPlot.Series => ({
          label: s.label,
          stroke: s.stroke,
          width: s.width ?? 1.25,
          dash: s.dash,
          spanGaps: !s.stems,
          ...(s.stems
            ? {
                paths: stemPaths,
                points: { show: true, size: 6, fill: s.stroke, stroke: s.stroke },
              }
            : { points: { show: false } }),
        }),
      ),
    ],
    hooks: spec.onCursor
      ? {
          setCursor: [
            (u: uPlot) => {
              const idx =
                u.cursor.left === undefined || u.cursor.left < 0
                  ? null
                  : u.posToVal(u.cursor.left, 'x');
              spec.onCursor?.(idx, u);
            },
          ],
        }
      : {},
  });

  const build = () => {
    if (!lastData) return;
    plot?.destroy();
    plot = new uPlot(options(Math.max(plotHost.clientWidth, 320)), lastData, plotHost);
    // Row 0 of uPlot's legend is the x series; series that repeat a group are left out.
    const rows = plot.root.querySelectorAll<HTMLElement>('.u-legend .u-series');
    spec.series.forEach((s, i) => {
      if (s.legend === false) rows[i + 1]?.style.setProperty('display', 'none');
    });
    if (lastRange) plot.setScale('x', { min: lastRange[0], max: lastRange[1] });
  };

  // Resizing inside the observer's callback would re-trigger it in the same frame; defer a frame.
  let resizeFrame = 0;
  const resize = new ResizeObserver(() => {
    cancelAnimationFrame(resizeFrame);
    resizeFrame = requestAnimationFrame(() => {
      const width = Math.max(plotHost.clientWidth, 320);
      if (plot && plot.width !== width) plot.setSize({ width, height: spec.height ?? 260 });
    });
  });
  resize.observe(plotHost);

  return {
    root,
    setData(data, xRange) {
      lastData = data;
      lastRange = xRange;
      if (!plot || plot.series.length !== data.length) build();
      else {
        plot.setData(data, xRange === undefined);
        if (xRange) plot.setScale('x', { min: xRange[0], max: xRange[1] });
      }
      updates += 1;
      root.dataset.updates = String(updates);
      root.dataset.points = String(data[0].length);
    },
    setYLog(log) {
      if (log === yLog) return;
      yLog = log;
      build();
    },
    setCaption(content) {
      caption.textContent = '';
      caption.append(content);
    },
    destroy() {
      cancelAnimationFrame(resizeFrame);
      resize.disconnect();
      plot?.destroy();
      plot = null;
    },
  };
}
