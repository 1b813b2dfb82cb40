import { describe, expect, it } from 'vitest';
import {
  type ClaimRow,
  claimsHtml,
  claimsMarkdown,
  escapeHtml,
  markdownTable,
  measuredWithContext,
  plainVerdictMark,
  provenanceNotes,
  splitFindings,
  summaryMarkdown,
  verdictMark,
} from './text';

const reproduction: ClaimRow = {
  id: 'dc',
  statement: 'DC separates the classes',
  measured: 'accuracy 100.0 % with ReLU',
  verdict: 'holds',
  rule: 'gap ≥ 5 points',
  paper: '§V.A',
  kind: 'reproduction',
  variants: [
    { name: 'relu', accuracy: 1, std: 0 },
    { name: 'no-dc', accuracy: 0.341 },
  ],
};
const finding: ClaimRow = {
  id: 'series',
  statement: 'the first-order DC is √A/2',
  measured: 'off by 12 %',
  verdict: 'does not hold',
  kind: 'finding',
  error: { relative: 0.1234, of: 'the exact DC' },
  reason: 'higher terms matter for 3 tones',
};

describe('escapeHtml and markdownTable', () => {
  it('escapes the five HTML metacharacters, & first', () => {
    expect(escapeHtml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;',
    );
    expect(escapeHtml('&lt;')).toBe('&amp;lt;');
  });

  it('lays out a GFM table, escaping pipes and folding newlines', () => {
    expect(markdownTable(['a', 'b|c'], [['1', 'x\ny|z']])).toBe(
      '| a | b\\|c |\n| --- | --- |\n| 1 | x y\\|z |',
    );
    expect(markdownTable(['only'], [])).toBe('| only |\n| --- |');
  });
});

describe('claims as text', () => {
  it('measuredWithContext adds the variants (percent, ± std), the finding error and the reason', () => {
    expect(measuredWithContext(reproduction)).toBe(
      'accuracy 100.0 % with ReLU. Accuracy: relu 100.0 % ± 0.0 %, no-dc 34.1 %.',
    );
    expect(measuredWithContext(finding)).toBe(
      "off by 12 %. Finding: the paper's approximation is 12.3 % off the exact DC. Why does not hold: higher terms matter for 3 tones.",
    );
    expect(measuredWithContext({ ...finding, measured: 'done!', kind: undefined })).toBe(
      'done! Why does not hold: higher terms matter for 3 tones.',
    );
    expect(measuredWithContext({ id: 'e', statement: '', measured: '', verdict: 'holds' })).toBe(
      '',
    );
  });

  it('splitFindings keeps order; a claim without kind (result format 1) is a reproduction', () => {
    const old: ClaimRow = { id: 'old', statement: 's', measured: 'm', verdict: 'inconclusive' };
    const { reproductions, findings } = splitFindings([finding, reproduction, old]);
    expect(reproductions.map((c) => c.id)).toEqual(['dc', 'old']);
    expect(findings.map((c) => c.id)).toEqual(['series']);
  });

  it('marks verdicts with emoji (Markdown) or with marks every font has (HTML)', () => {
    expect(['holds', 'does not hold', 'inconclusive'].map(verdictMark)).toEqual([
      '✅ holds',
      '❌ does not hold',
      '❔ inconclusive',
    ]);
    expect(['holds', 'does not hold', 'inconclusive'].map(plainVerdictMark)).toEqual([
      '✓ holds',
      '✗ does not hold',
      '? inconclusive',
    ]);
  });

  it('claimsMarkdown: reproductions, then the findings under their note; a note when empty', () => {
    expect(claimsMarkdown([])).toBe('_This run tests no claims._');
    const md = claimsMarkdown([finding, reproduction]).split('\n\n');
    expect(md).toHaveLength(3);
    expect(md[0]).toContain('| DC separates the classes |');
    expect(md[0]).toContain('| ✅ holds | gap ≥ 5 points | §V.A |');
    expect(md[1]).toMatch(/^\*\*Findings\*\*/);
    expect(md[2]).toContain('| ❌ does not hold |  |  |');
  });

  it('claimsHtml escapes every text and adds the Experiment column only when claims name one', () => {
    const hostile = { ...reproduction, statement: '<script>alert(1)</script>' };
    const plain = claimsHtml([hostile]);
    expect(plain).not.toContain('<script>');
    expect(plain).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(plain).not.toContain('<th>Experiment</th>');
    expect(plain).toContain('<tr class="verdict-holds">');
    expect(plain).toContain('<div class="paper">Paper: §V.A</div>');
    const named = claimsHtml([{ ...finding, experiment: 'a"b' }], 'my-id');
    expect(named).toContain('<table class="claims" id="my-id">');
    expect(named).toContain('<th>Experiment</th>');
    expect(named).toContain('<td>a&quot;b</td>');
    expect(named).toContain('<tr class="verdict-does-not-hold">');
    expect(named).toContain('<td>✗ does not hold</td>');
  });
});

describe('provenanceNotes and summaryMarkdown', () => {
  const result = {
    seed: 3,
    backend: 'wasm',
    units: 4,
    configHash: '0123456789abcdef0123',
    config: { epochs: 2 },
    versions: { '@rectify/experiments': '0.1.0' },
    provenance: { standIn: true, notes: ['model: random-weight stand-in'] },
  };

  it('lists stand-ins only when standIn is true, as a copy', () => {
    const notes = provenanceNotes(result);
    expect(notes).toEqual(['model: random-weight stand-in']);
    notes.push('x');
    expect(result.provenance.notes).toHaveLength(1);
    expect(provenanceNotes({ provenance: { standIn: false, notes: ['n'] } })).toEqual([]);
    expect(provenanceNotes({})).toEqual([]);
  });

  it('summary.md: header line, stand-in quote, claims, PNG links, config and versions', () => {
    const md = summaryMarkdown(
      'minimal-dc',
      result,
      [reproduction],
      [
        { title: 'Loss', files: ['plots/loss.svg', 'plots/loss.png'] },
        { title: 'Only SVG', files: ['plots/x.svg'] },
      ],
    );
    const lines = md.split('\n');
    expect(lines[0]).toBe('# minimal-dc');
    expect(lines[2]).toBe('Seed 3, backend wasm, 4 unit(s), config hash `0123456789ab`.');
    expect(md).toContain('> **Stand-in:** model: random-weight stand-in\n');
    expect(md).toContain('![Loss](plots/loss.png)');
    expect(md).toContain('![Only SVG](plots/x.svg)');
    expect(md).toContain('## Config\n\n```json\n{\n  "epochs": 2\n}\n```');
    expect(md).toContain('"@rectify/experiments": "0.1.0"');
    expect(md.endsWith('```\n')).toBe(true);
    const bare = summaryMarkdown('x', {}, [], []);
    expect(bare).toContain('Seed ?, backend ?, ? unit(s), config hash `?`.');
    expect(bare).toContain('_This run tests no claims._');
    expect(bare).not.toContain('## Plots');
  });
});
