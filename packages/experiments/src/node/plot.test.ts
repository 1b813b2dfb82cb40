import { experiments, resultCharts } from '@rectify/experiments';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderSvg } from './plot';

/** The `fill`/`stroke`/`opacity` of every legend symbol and the stroke of every line mark. */
function colours(svg: string) {
  const legend = [
    ...svg.matchAll(/<g class="mark-symbol role-legend-symbol"[^>]*>([\s\S]*?)<\/g>/g),
  ]
    .flatMap((m) => [...m[1]!.matchAll(/<path [^>]*>/g)].map((p) => p[0]))
    .map((p) => ({
      stroke: /stroke="([^"]+)"/.exec(p)?.[1],
      opacity: Number(/opacity="([^"]+)"/.exec(p)?.[1] ?? 1),
    }));
  const lines = [
    ...svg.matchAll(/<g class="mark-line role-mark[^"]*"[^>]*>([\s\S]*?)<\/g>/g),
  ].flatMap((m) => [...m[1]!.matchAll(/stroke="([^"]+)"/g)].map((s) => s[1]));
  return { legend, lines: [...new Set(lines)] };
}

describe('report plots of dc-ablation (resultCharts rendered to SVG by renderSvg)', () => {
  const svgs: Record<string, string> = {};

  beforeAll(async () => {
    const result = await experiments['dc-ablation'].run(
      {
        repetitions: 2,
        epochs: 7,
        signalsPerClass: 8,
        testSignalsPerClass: 4,
        samples: 32,
        filters: 2,
        denseUnits: 4,
      },
      { seed: 0, workers: 1 },
    );
    for (const c of resultCharts('dc-ablation', result)) svgs[c.id] = await renderSvg(c.spec);
  }, 120_000);

  it.each(['loss', 'accuracy'])(
    '%s: each legend swatch is an opaque stroke of its line colour',
    (id) => {
      const { legend, lines } = colours(svgs[id]!);
      expect(legend.length).toBe(5);
      expect(lines.length).toBe(5);
      expect(legend.map((s) => s.stroke).sort()).toEqual([...lines].sort());
      for (const s of legend) expect(s.opacity).toBe(1);
    },
  );

  it.each(['loss', 'accuracy', 'kernel-distance-conv1'])('%s: epoch ticks are integers', (id) => {
    const axis = /<g class="mark-text role-axis-label"[^>]*>([\s\S]*?)<\/g>/.exec(svgs[id]!)![1]!;
    const ticks = [...axis.matchAll(/>([^<]+)<\/text>/g)].map((m) => m[1]!);
    expect(ticks.length).toBeGreaterThanOrEqual(2);
    for (const t of ticks) expect(t, `tick "${t}"`).toMatch(/^\d+$/);
  });
});
