import type { AblationStudy } from '@rectify/experiments';
import type { KerasModelAnalysis } from '@rectify/layers/keras';
import { h } from '../ui/dom';
import { formatNumber, formatPercent } from '../ui/format';

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
    `Model output [${analysis.output.shape.join(', ')}]: ${values
      .slice(0, 8)
      .map((v) => formatNumber(v))
      .join(
        ', ',
      )}${values.length > 8 ? ', …' : ''} (probe at ${formatNumber(analysis.heartRate.hz)} Hz, ${analysis.n} samples at ${formatNumber(analysis.fs)} Hz)`,
  );
  return [
    summary,
    ...analysis.layers.map((l) => {
      const orders = l.channels[0]?.post.harmonics.map((k) => k.order) ?? [];
      const head = h(
        'tr',
        {},
        h('th', {}, 'channel'),
        h('th', {}, 'DC before'),
        h('th', {}, 'DC after'),
        ...orders.map((k) => h('th', {}, `${k === 1 ? '' : k}f before → after`)),
        h('th', {}, 'new-frequency energy'),
        h('th', {}, ''),
      );
      const rows = l.channels.map((c) => {
        const dead = l.deadChannels.includes(c.channel);
        return h(
          'tr',
          {
            'data-channel': c.channel,
            'data-pre-dc': c.pre.dc,
            'data-post-dc': c.post.dc,
            'data-dead': dead,
            class: dead ? 'dead' : undefined,
          },
          h('td', {}, String(c.channel)),
          h('td', {}, formatNumber(c.pre.dc)),
          h('td', {}, formatNumber(c.post.dc)),
          ...c.post.harmonics.map((k, i) =>
            h(
              'td',
              {},
              `${formatNumber(c.pre.harmonics[i]?.amplitude)} → ${formatNumber(k.amplitude)}`,
            ),
          ),
          h('td', {}, formatPercent(c.newFrequencyFraction)),
          h(
            'td',
            {},
            dead ? 'dead' : c.channel === l.representativeChannel ? 'representative' : '',
          ),
        );
      });
      return h(
        'section',
        { class: 'model-layer', 'data-testid': `model-layer-${l.layer}` },
        h(
          'h3',
          {},
          `${l.layer} (${l.className}, ${l.activation}, ${formatNumber(l.fs)} Hz, ${l.steps} steps): ${l.deadChannels.length}/${l.channels.length} channels dead, representative channel ${l.representativeChannel ?? '—'}`,
        ),
        h('table', { class: 'claims' }, h('thead', {}, head), h('tbody', {}, ...rows)),
      );
    }),
  ];
}
