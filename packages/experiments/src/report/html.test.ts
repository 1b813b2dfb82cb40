import { describe, expect, it } from 'vitest';
import { buildReportHtml, type ReportSection, reportBanners } from './html';

const section = (experiment: string, over: Partial<ReportSection> = {}): ReportSection => ({
  experiment,
  folder: experiment,
  claims: [
    { id: 'a', statement: `${experiment} holds`, measured: 'm', verdict: 'holds' },
    { id: 'b', statement: `${experiment} fails`, measured: 'm', verdict: 'does not hold' },
  ],
  charts: [{ name: 'loss', title: 'Loss <curve>', svg: '<?xml version="1.0"?>\n<svg id="s"/>' }],
  config: { epochs: 2 },
  meta: { seed: 1, backend: 'wasm', configHash: 'abc', units: 3 },
  versions: { '@rectify/experiments': '0.1.0' },
  seconds: 1.25,
  ...over,
});

describe('buildReportHtml', () => {
  const finding = {
    id: 'f',
    statement: 'first order',
    measured: 'off',
    verdict: 'does not hold',
    kind: 'finding',
  };
  const html = buildReportHtml({
    preset: 'quick',
    seed: 7,
    createdAt: '2026-12-03T00:00:00Z',
    cliVersion: '9.9.9',
    sections: [
      section('minimal-dc'),
      section('approximation', {
        claims: [finding],
        provenance: { standIn: true, notes: ['synthetic <PPG>'] },
      }),
    ],
  });

  it('is one self-contained document: no scripts, no external files, SVG inline without its XML prolog', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script|<link|src=/);
    expect(html).not.toContain('<?xml');
    expect(html).toContain('<svg id="s"/>');
    expect(html).toContain('<figure id="minimal-dc-loss">');
    expect(html).toContain('<figcaption>Loss &lt;curve&gt;</figcaption>');
  });

  it('puts the claims first, counts the reproductions that hold, and lists findings apart', () => {
    const claims = html.indexOf('<h2 id="claims">');
    const findings = html.indexOf('<h2 id="findings">');
    expect(claims).toBeGreaterThan(0);
    expect(findings).toBeGreaterThan(claims);
    expect(html.indexOf('<h2>Experiments</h2>')).toBeGreaterThan(findings);
    expect(html).toContain('<p>1 of 2 claims hold at this preset.</p>');
    expect(html).toContain('id="findings-table"');
  });

  it('ends with the configs and one versions table with the CLI first', () => {
    expect(html.indexOf('<section id="configs">')).toBeLessThan(html.indexOf('id="versions"'));
    expect(html).toContain('<pre>{\n  &quot;epochs&quot;: 2\n}</pre>');
    expect(html).toContain(
      '<tr><td>@rectify/cli</td><td>9.9.9</td></tr>\n<tr><td>@rectify/experiments</td><td>0.1.0</td></tr>',
    );
    expect(html).toContain('1.3 s; files in <code>minimal-dc/</code>');
  });

  it('omits the findings section when there are none', () => {
    const none = buildReportHtml({
      preset: 'paper',
      seed: 0,
      createdAt: 't',
      cliVersion: '0',
      sections: [section('minimal-dc')],
    });
    expect(none).not.toContain('id="findings"');
    expect(none).not.toContain('scale-banner');
  });
});

describe('reportBanners', () => {
  it('quick scale first, then every stand-in escaped; none at paper scale without stand-ins', () => {
    expect(reportBanners('paper', [section('a')])).toEqual([]);
    const banners = reportBanners('quick', [
      section('a', { provenance: { standIn: true, notes: ['x <y>', 'z'] } }),
      section('b', { provenance: { standIn: false, notes: ['hidden'] } }),
    ]);
    expect(banners).toHaveLength(2);
    expect(banners[0]).toContain('id="scale-banner"');
    expect(banners[1]).toContain('<li>a: x &lt;y&gt;</li><li>a: z</li>');
    expect(banners[1]).not.toContain('hidden');
  });
});
