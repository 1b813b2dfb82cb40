/** One chart with a file-safe name, ready to be written as `plots/<name>.svg`. */
export interface NamedChart {
  /** File-name stem: lower case `[a-z0-9._-]`, unique within the list, e.g. `spectra`. */
  name: string;
  /** Title for reports. */
  title: string;
  /** The Vega-Lite spec. */
  spec: Record<string, unknown>;
}

function fileSafe(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'chart'
  );
}

function titleOf(spec: unknown, fallback: string): string {
  const t = (spec as { title?: unknown })?.title;
  if (typeof t === 'string') return t;
  if (t && typeof t === 'object' && typeof (t as { text?: unknown }).text === 'string')
    return (t as { text: string }).text;
  return fallback;
}

/**
 * Names charts for files: accepts what {@link resultCharts} returns (`{ id, title, spec }[]`),
 * a list of bare specs (named `chart-1`, `chart-2`, …) or a record name → spec. Names are made
 * file-safe (lower case, runs of other characters become `-`) and unique (a repeat gets `-2`);
 * a missing title is taken from the spec's `title` (text or `{ text }`), else the name.
 *
 * @param charts - the charts.
 * @returns named charts, in order.
 * @example
 * ```ts
 * namedCharts([{ id: 'Loss curve', spec }]); // [{ name: 'loss-curve', title: …, spec }]
 * ```
 */
export function namedCharts(charts: unknown): NamedChart[] {
  const entries: [string, unknown][] = Array.isArray(charts)
    ? charts.map((c, i) => {
        const named = c as { name?: unknown; id?: unknown; spec?: unknown };
        if (named && typeof named === 'object' && 'spec' in named) {
          return [String(named.name ?? named.id ?? `chart-${i + 1}`), c];
        }
        return [`chart-${i + 1}`, { spec: c }];
      })
    : Object.entries((charts ?? {}) as Record<string, unknown>).map(([k, v]) => [k, { spec: v }]);
  const seen = new Set<string>();
  return entries.map(([name, value]) => {
    const v = value as { spec: Record<string, unknown>; title?: string };
    let stem = fileSafe(name);
    while (seen.has(stem)) stem = `${stem}-2`;
    seen.add(stem);
    return { name: stem, title: v.title ?? titleOf(v.spec, name), spec: v.spec };
  });
}
