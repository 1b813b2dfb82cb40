import type { ApproximationResult } from '../approximation/run';
import type { ExperimentName } from '../core/types';
import type { DcAblationResult } from '../dc-ablation/run';
import type { ExampleNetworksResult } from '../example-networks/run';
import type { MinimalDcResult } from '../minimal-dc/run';
import type { RealWorldResult } from '../real-world/run';

/** One chart: a complete Vega-Lite spec with its data inline, ready for vega-lite's `compile`. */
export interface ChartSpec {
  /** File-name-safe id, e.g. `'loss'`, `'pooled-vs-frequency-fixed'`. */
  id: string;
  /** Human title (also the spec's title). */
  title: string;
  /** The Vega-Lite (v6) top-level spec. */
  spec: Record<string, unknown>;
}

type Row = Record<string, number | string>;

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

function chart(id: string, title: string, body: Record<string, unknown>): ChartSpec {
  return { id, title, spec: { $schema: SCHEMA, title, width: 480, height: 280, ...body } };
}

/** Keeps at most `max` evenly spaced rows, so scatter plots stay small. */
function thin<T>(rows: T[], max: number): T[] {
  if (rows.length <= max) return rows;
  const step = rows.length / max;
  return Array.from({ length: max }, (_, i) => rows[Math.floor(i * step)] as T);
}

/**
 * Legend symbols drawn as opaque line strokes: a layered chart takes its legend symbol from the
 * first layer's mark, which for a ±std band is the pale band, not the line it stands for.
 */
const LINE_LEGEND = { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2 };

/** Mean line with a ±std band per series; epochs are integers, so are the axis ticks. */
function bandChart(id: string, title: string, rows: Row[], yTitle: string): ChartSpec {
  const x = {
    field: 'epoch',
    type: 'quantitative',
    title: 'epoch',
    axis: { tickMinStep: 1, format: 'd' },
  };
  const color = { field: 'variant', type: 'nominal', title: 'variant', legend: LINE_LEGEND };
  return chart(id, title, {
    data: { values: rows },
    layer: [
      {
        mark: { type: 'area', opacity: 0.2 },
        encoding: {
          x,
          y: { field: 'lo', type: 'quantitative', title: yTitle },
          y2: { field: 'hi' },
          color,
        },
      },
      {
        mark: { type: 'line', point: true },
        encoding: { x, y: { field: 'mean', type: 'quantitative' }, color },
      },
    ],
  });
}

function dcAblationCharts(r: DcAblationResult): ChartSpec[] {
  const rows = (
    pick: (v: DcAblationResult['variants'][number]) => { mean: number; std: number }[],
  ) =>
    r.variants.flatMap((v) =>
      pick(v).map((m, e) => ({
        variant: v.variant,
        epoch: e + 1,
        mean: m.mean,
        lo: m.mean - m.std,
        hi: m.mean + m.std,
      })),
    );
  const layers = r.variants[0]?.kernelDistance.length ?? 0;
  return [
    bandChart(
      'loss',
      'Training loss (mean ± std over repetitions)',
      rows((v) => v.loss),
      'cross-entropy',
    ),
    bandChart(
      'accuracy',
      'Training accuracy (mean ± std)',
      rows((v) => v.accuracy),
      'accuracy',
    ),
    ...Array.from({ length: layers }, (_, l) =>
      bandChart(
        `kernel-distance-conv${l + 1}`,
        `Conv ${l + 1} kernel distance from its initial value ‖W − W₀‖₂ (mean ± std)`,
        rows((v) => v.kernelDistance[l] ?? []),
        '‖W − W₀‖₂',
      ),
    ),
    chart('final-accuracy', 'Held-out accuracy after training (mean ± std)', {
      data: {
        values: r.variants.map((v) => ({
          variant: v.variant,
          mean: v.finalAccuracy.mean,
          lo: v.finalAccuracy.mean - v.finalAccuracy.std,
          hi: v.finalAccuracy.mean + v.finalAccuracy.std,
        })),
      },
      layer: [
        {
          mark: 'bar',
          encoding: {
            x: { field: 'variant', type: 'nominal', sort: null },
            y: {
              field: 'mean',
              type: 'quantitative',
              title: 'accuracy',
              scale: { domain: [0, 1] },
            },
          },
        },
        {
          mark: 'rule',
          encoding: {
            x: { field: 'variant', type: 'nominal', sort: null },
            y: { field: 'lo', type: 'quantitative' },
            y2: { field: 'hi' },
          },
        },
      ],
    }),
  ];
}

function minimalDcCharts(r: MinimalDcResult): ChartSpec[] {
  const out: ChartSpec[] = [];
  for (const k of r.kernels) {
    const points = thin(
      k.freqs.map((f, i) => ({
        f,
        relu: k.pooledRelu[i] as number,
        linear: k.pooledLinear[i] as number,
        predicted: k.predicted[i] as number,
      })),
      900,
    );
    const values = points.flatMap((p) => [
      { freq: p.f, value: p.relu, series: 'measured, with ReLU' },
      { freq: p.f, value: p.linear, series: 'measured, without ReLU' },
    ]);
    const prediction = [...points]
      .sort((a, b) => a.f - b.f)
      .map((p) => ({ freq: p.f, value: p.predicted, series: 'theory amp·|H(f)|/π' }));
    out.push(
      chart(
        `pooled-vs-frequency-${k.mode}`,
        `Pooled value (the DC) against frequency, ${k.mode} kernel [${k.kernel.map((w) => w.toPrecision(3)).join(', ')}]`,
        {
          layer: [
            {
              data: { values },
              mark: { type: 'point', size: 12, opacity: 0.6 },
              encoding: {
                x: { field: 'freq', type: 'quantitative', title: 'frequency (Hz)' },
                y: { field: 'value', type: 'quantitative', title: 'global average pooled value' },
                color: { field: 'series', type: 'nominal' },
              },
            },
            {
              data: { values: prediction },
              mark: { type: 'line', strokeWidth: 2 },
              encoding: {
                x: { field: 'freq', type: 'quantitative' },
                y: { field: 'value', type: 'quantitative' },
                color: { field: 'series', type: 'nominal' },
              },
            },
          ],
        },
      ),
    );
  }
  out.push(
    chart('frequency-response', 'Kernel magnitude response |H(f)| (freqz, fs = config.fs)', {
      data: {
        values: r.kernels.flatMap((k) =>
          k.response.freqs.map((f, i) => ({
            freq: f,
            magnitude: k.response.magnitude[i] as number,
            kernel: k.mode,
          })),
        ),
      },
      mark: 'line',
      encoding: {
        x: { field: 'freq', type: 'quantitative', title: 'frequency (Hz)' },
        y: { field: 'magnitude', type: 'quantitative', title: '|H(f)|' },
        color: { field: 'kernel', type: 'nominal' },
      },
    }),
  );
  return out;
}

function spectrumRows(series: string, s: { freqs: number[]; amplitude: number[] }): Row[] {
  return s.freqs.map((f, i) => ({ freq: f, amplitude: s.amplitude[i] as number, series }));
}

function approximationCharts(r: ApproximationResult): ChartSpec[] {
  const errors = (['binomial', 'chebyshev'] as const).flatMap((method) =>
    r.convergence[method].rows.flatMap((row) => [
      { terms: row.terms, error: row.relativeRmse, series: `${method}: relative RMSE` },
      { terms: row.terms, error: row.maxAbsError, series: `${method}: max |error|` },
    ]),
  );
  const top = r.spectra.lines.slice(0, 20);
  const config = r.config as { predictTermsList: number[] };
  return [
    chart('error-vs-terms', 'Series error against ReLU(x) vs number of terms', {
      data: { values: errors },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: 'terms', type: 'quantitative', scale: { type: 'log' }, title: 'terms N' },
        y: { field: 'error', type: 'quantitative', scale: { type: 'log' }, title: 'error' },
        color: { field: 'series', type: 'nominal' },
      },
    }),
    chart('spectra', 'Amplitude spectra: input, ReLU(x) and the truncated series', {
      data: {
        values: [
          ...spectrumRows('input', r.spectra.input),
          ...spectrumRows('ReLU(x)', r.spectra.relu),
          ...spectrumRows('series', r.spectra.series),
        ],
      },
      mark: { type: 'line', strokeWidth: 1 },
      encoding: {
        x: { field: 'freq', type: 'quantitative', title: 'frequency (Hz)' },
        y: { field: 'amplitude', type: 'quantitative', title: 'amplitude' },
        color: { field: 'series', type: 'nominal' },
        row: { field: 'series', type: 'nominal', title: null },
      },
      height: 120,
    }),
    chart('lines-predicted-vs-measured', 'Largest lines of ReLU(x): measured vs predicted', {
      data: {
        values: top.flatMap((l) => [
          { freq: l.freq, amplitude: l.measured, series: 'measured' },
          ...l.predicted.map((p, i) => ({
            freq: l.freq,
            amplitude: p,
            series: `predicted, ${config.predictTermsList[i]} terms`,
          })),
        ]),
      },
      mark: 'bar',
      encoding: {
        x: { field: 'freq', type: 'ordinal', title: 'frequency (Hz)' },
        xOffset: { field: 'series' },
        y: { field: 'amplitude', type: 'quantitative' },
        color: { field: 'series', type: 'nominal' },
      },
    }),
  ];
}

function exampleNetworksCharts(r: ExampleNetworksResult): ChartSpec[] {
  return [
    chart('spectra', 'Amplitude spectra of the input, ReLU(x), relu(avg) and relu(diff)', {
      data: { values: r.stages.flatMap((s) => spectrumRows(s.stage, s.spectrum)) },
      mark: { type: 'line', strokeWidth: 1 },
      encoding: {
        x: { field: 'freq', type: 'quantitative', title: 'frequency (Hz)' },
        y: { field: 'amplitude', type: 'quantitative', title: 'amplitude' },
        row: { field: 'series', type: 'nominal', title: null, sort: null },
      },
      height: 100,
      resolve: { scale: { y: 'independent' } },
    }),
    chart('power-breakdown', 'Where the power went', {
      data: {
        values: r.stages.flatMap((s) => [
          { stage: s.stage, part: 'DC', fraction: s.breakdown.dc },
          { stage: s.stage, part: 'input tones', fraction: s.breakdown.inputTones },
          { stage: s.stage, part: 'new frequencies', fraction: s.breakdown.newFrequencies },
        ]),
      },
      mark: 'bar',
      encoding: {
        x: { field: 'stage', type: 'nominal', sort: null },
        y: { field: 'fraction', type: 'quantitative', stack: 'normalize', title: 'share of power' },
        color: { field: 'part', type: 'nominal' },
      },
    }),
  ];
}

function realWorldCharts(r: RealWorldResult): ChartSpec[] {
  const out: ChartSpec[] = [
    chart('dc-pre-post', 'Mean |DC| over channels before and after the ReLU', {
      data: {
        values: r.heartRates.flatMap((u) =>
          u.layers.flatMap((l) => [
            {
              layer: l.layer,
              heartRate: u.heartRate,
              where: 'pre-activation',
              dc: l.summary.meanAbsPreDc,
            },
            {
              layer: l.layer,
              heartRate: u.heartRate,
              where: 'post-activation',
              dc: l.summary.meanAbsPostDc,
            },
          ]),
        ),
      },
      mark: 'bar',
      encoding: {
        x: { field: 'heartRate', type: 'ordinal', title: 'heart rate (bpm)' },
        xOffset: { field: 'where' },
        y: { field: 'dc', type: 'quantitative', title: 'mean |DC|' },
        color: { field: 'where', type: 'nominal' },
        column: { field: 'layer', type: 'nominal' },
      },
      width: 240,
    }),
  ];
  const first = r.heartRates[0];
  for (const l of first?.layers ?? []) {
    const s = l.spectra[0];
    if (!s) continue;
    out.push(
      chart(
        `spectrum-${l.layer.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}`,
        `${l.layer}, channel ${s.channel}, ${first?.heartRate} bpm: spectrum before and after the ReLU`,
        {
          data: {
            values: s.freqs.flatMap((f, i) => [
              { freq: f, amplitude: s.pre[i] as number, series: 'pre-activation' },
              { freq: f, amplitude: s.post[i] as number, series: 'post-activation' },
            ]),
          },
          mark: 'line',
          encoding: {
            x: { field: 'freq', type: 'quantitative', title: 'frequency (Hz)' },
            y: { field: 'amplitude', type: 'quantitative' },
            color: { field: 'series', type: 'nominal' },
          },
        },
      ),
    );
  }
  return out;
}

/**
 * Vega-Lite specs for an experiment's result (loss/accuracy/kernel-distance curves, spectra,
 * pooled value against frequency, error against terms). No rendering here: the CLI renders
 * them to SVG/PNG and the web app embeds them.
 *
 * @param experiment - the registry name.
 * @param result - that experiment's result.
 * @returns the charts, in reading order.
 * @throws {RangeError} for an unknown experiment name.
 * @example
 * ```ts
 * for (const c of resultCharts('minimal-dc', result)) writeFileSync(`${c.id}.vl.json`, JSON.stringify(c.spec));
 * ```
 */
export function resultCharts(experiment: ExperimentName, result: unknown): ChartSpec[] {
  switch (experiment) {
    case 'dc-ablation':
      return dcAblationCharts(result as DcAblationResult);
    case 'minimal-dc':
      return minimalDcCharts(result as MinimalDcResult);
    case 'approximation':
      return approximationCharts(result as ApproximationResult);
    case 'example-networks':
      return exampleNetworksCharts(result as ExampleNetworksResult);
    case 'real-world':
      return realWorldCharts(result as RealWorldResult);
    default:
      throw new RangeError(
        `experiment must be one of approximation, example-networks, real-world, dc-ablation, minimal-dc, got ${JSON.stringify(experiment)}`,
      );
  }
}
