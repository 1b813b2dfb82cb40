import type { AblationStudy } from '@rectify/experiments';
import type { KerasModelAnalysis } from '@rectify/layers/keras';
import { dataTable, formatNumber, formatPercent, h } from '@rectify/ui';

/** One channel of a probed layer. */
type Channel = KerasModelAnalysis['layers'][number]['channels'][number];

/** Up to 8 output values, `…` after. */
const outputValues = (v: readonly number[]) =>
  `${v
    .slice(0, 8)
    .map((y) => formatNumber(y))
    .join(', ')}${v.length > 8 ? ', …' : ''}`;

/** The ablated output of one probe next to the unablated one. */
export function renderAblation(study: AblationStudy): HTMLElement {
  const before = study.baseline[0] ?? [];
  const after = study.runs[0]?.outputs[0] ?? [];
  return h(
    'p',
    {
      'data-testid': 'model-ablated',
      'data-value': String(after[0] ?? ''),
      'data-baseline': String(before[0] ?? ''),
    },
    `${study.runs[0]?.mode} at ${study.chosen.join(', ')}: output ${outputValues(before)} → ${outputValues(after)}`,
  );
}

/** The model's output, then one table per probed layer: each channel's DC and harmonics before and after. */
export function renderAnalysis(analysis: KerasModelAnalysis): HTMLElement[] {
  const values = analysis.output.values;
  const summary = h(
    'p',
    { 'data-testid': 'model-prediction', 'data-value': String(values[0] ?? '') },
    `Model output [${analysis.output.shape.join(', ')}]: ${outputValues(values)} (probe at ${formatNumber(analysis.heartRate.hz)} Hz, ${analysis.n} samples at ${formatNumber(analysis.fs)} Hz)`,
  );
  return [
    summary,
    ...analysis.layers.map((l) => {
      const orders = l.channels[0]?.post.harmonics.map((k) => k.order) ?? [];
      const dead = (c: Channel) => l.deadChannels.includes(c.channel);
      return h(
        'section',
        { class: 'model-layer', 'data-testid': `model-layer-${l.layer}` },
        h(
          'h3',
          {},
          `${l.layer} (${l.className}, ${l.activation}, ${formatNumber(l.fs)} Hz, ${l.steps} steps): ${l.deadChannels.length}/${l.channels.length} channels dead, representative channel ${l.representativeChannel ?? '—'}`,
        ),
        dataTable(
          { class: 'claims' },
          [
            { head: 'channel', cell: (c) => String(c.channel) },
            { head: 'DC before', cell: (c) => formatNumber(c.pre.dc) },
            { head: 'DC after', cell: (c) => formatNumber(c.post.dc) },
            ...orders.map((order, i) => ({
              head: `${order === 1 ? '' : order}f before → after`,
              cell: (c: Channel) =>
                `${formatNumber(c.pre.harmonics[i]?.amplitude)} → ${formatNumber(c.post.harmonics[i]?.amplitude)}`,
            })),
            { head: 'new-frequency energy', cell: (c) => formatPercent(c.newFrequencyFraction) },
            {
              head: '',
              cell: (c) =>
                dead(c) ? 'dead' : c.channel === l.representativeChannel ? 'representative' : '',
            },
          ],
          l.channels,
          (c) => ({
            'data-channel': c.channel,
            'data-pre-dc': c.pre.dc,
            'data-post-dc': c.post.dc,
            'data-dead': dead(c),
            class: dead(c) ? 'dead' : undefined,
          }),
        ),
      );
    }),
  ];
}
