import { describe, expect, it } from 'vitest';
import { namedCharts } from './chart-files';

describe('namedCharts', () => {
  it('takes resultCharts’ { id, title, spec } and makes names file-safe and unique', () => {
    const spec = { mark: 'line' };
    const charts = namedCharts([
      { id: 'Loss Curve', title: 'Loss', spec },
      { id: 'loss curve', title: 'Again', spec },
      { id: '../../etc', title: 'Escape', spec },
      { id: '***', title: 'Empty', spec },
    ]);
    expect(charts.map((c) => c.name)).toEqual(['loss-curve', 'loss-curve-2', '..-..-etc', 'chart']);
    expect(charts.map((c) => c.title)).toEqual(['Loss', 'Again', 'Escape', 'Empty']);
    expect(charts[0]?.spec).toBe(spec);
    for (const c of charts) expect(c.name).toMatch(/^[a-z0-9._-]+$/); // no path separator
  });

  it('names bare specs chart-N and takes the title from the spec (text or { text })', () => {
    const charts = namedCharts([{ title: 'A' }, { title: { text: 'B' } }, { mark: 'bar' }]);
    expect(charts.map((c) => [c.name, c.title])).toEqual([
      ['chart-1', 'A'],
      ['chart-2', 'B'],
      ['chart-3', 'chart-3'],
    ]);
  });

  it('reads a record name → spec, and nothing as no charts', () => {
    expect(namedCharts({ Spectra: { title: 'S' } })).toEqual([
      { name: 'spectra', title: 'S', spec: { title: 'S' } },
    ]);
    expect(namedCharts(undefined)).toEqual([]);
    expect(namedCharts([])).toEqual([]);
  });
});
