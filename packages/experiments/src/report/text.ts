import { claimContextLines } from '../core/claim-context';
/**
 * A claim as any result.json format records it: format 1 had only `id`, `statement`,
 * `measured` and `verdict`; format 2 added the rule, the paper's figure, the kind and the
 * variants. Reports read both.
 */
export interface ClaimRow {
  /** Stable identifier. */
  id: string;
  /** The statement. */
  statement: string;
  /** The measured figure(s) in words. */
  measured: string;
  /** `holds`, `does not hold` or `inconclusive`. */
  verdict: string;
  /** The verdict's rule in words (result format 2). */
  rule?: string;
  /** What the paper reports, with its section or figure (format 2). */
  paper?: string;
  /** `'reproduction'` or `'finding'` (a test of the paper's own approximation; format 2). */
  kind?: string;
  /** Accuracy (fraction in [0, 1]) of every variant the claim names (format 2). */
  variants?: { name: string; accuracy: number; std?: number }[];
  /** Why the verdict is inconclusive or does not hold (format 2). */
  reason?: string;
  /** A finding's relative error (0.1 = 10 %) and what it approximates (format 2). */
  error?: { relative: number; of: string };
}

/** Where a result's inputs are stand-ins for the paper's (result format 2). */
export interface ProvenanceRow {
  /** True when any input is a stand-in. */
  standIn: boolean;
  /** One line per stand-in. */
  notes: string[];
}

/**
 * Escapes text for HTML element content and attribute values (`& < > " '`).
 *
 * @param text - raw text.
 * @returns the escaped text.
 * @example
 * ```ts
 * escapeHtml('<a & "b">'); // '&lt;a &amp; &quot;b&quot;&gt;'
 * ```
 */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/**
 * Lays out rows as a GitHub-flavoured Markdown table; pipes in cells are escaped and newlines
 * become spaces.
 *
 * @param header - column titles.
 * @param rows - cells, already formatted.
 * @returns the Markdown table, lines joined by `\n`.
 * @example
 * ```ts
 * markdownTable(['a', 'b'], [['1', 'x|y']]); // '| a | b |\n| --- | --- |\n| 1 | x\\|y |'
 * ```
 */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/**
 * The measured text of a claim with its context: every named variant's accuracy (percent, one
 * decimal), a finding's error and why the verdict is not "holds".
 *
 * @param c - the claim.
 * @returns one paragraph.
 * @example
 * ```ts
 * measuredWithContext({ id: 'a', statement: 's', measured: 'gap 3 %', verdict: 'holds' }); // 'gap 3 %.'
 * ```
 */
export function measuredWithContext(c: ClaimRow): string {
  const measured = /[.!?]$/.test(c.measured) || c.measured === '' ? c.measured : `${c.measured}.`;
  // The same sentences the web report shows under the figure (claimContextLines), as one
  // paragraph; the rule has a line of its own in every report.
  const context = claimContextLines({ ...c, rule: undefined }).map((line) => `${line}.`);
  return [measured, ...context].join(' ');
}

/**
 * Claims split into reproductions (does the software reproduce the paper?) and findings (tests
 * of the paper's own approximations); a claim without `kind` (format 1) is a reproduction.
 *
 * @param claims - the claims.
 * @returns both lists, each in the given order.
 * @example
 * ```ts
 * const { reproductions, findings } = splitFindings(result.claims);
 * ```
 */
export function splitFindings<T extends ClaimRow>(
  claims: readonly T[],
): { reproductions: T[]; findings: T[] } {
  return {
    reproductions: claims.filter((c) => c.kind !== 'finding'),
    findings: claims.filter((c) => c.kind === 'finding'),
  };
}

/**
 * The stand-in lines of a result, for banners; empty when nothing stands in.
 *
 * @param result - a parsed result.json.
 * @returns one line per stand-in (a copy).
 * @example
 * ```ts
 * for (const note of provenanceNotes(result)) console.warn(`stand-in: ${note}`);
 * ```
 */
export function provenanceNotes(result: Record<string, unknown>): string[] {
  const p = result.provenance as ProvenanceRow | undefined;
  return p?.standIn ? [...p.notes] : [];
}

/**
 * A verdict with a mark in front: ✅ holds, ❌ does not hold, ❔ anything else.
 *
 * @param verdict - the verdict text.
 * @returns the marked verdict.
 * @example
 * ```ts
 * verdictMark('holds'); // '✅ holds'
 * ```
 */
export function verdictMark(verdict: string): string {
  if (verdict === 'holds') return '✅ holds';
  if (verdict === 'does not hold') return '❌ does not hold';
  return `❔ ${verdict}`;
}

/**
 * A verdict with a mark every common font has (✓, ✗, ?), for HTML pages where emoji fonts may be
 * missing.
 *
 * @param verdict - the verdict text.
 * @returns the marked verdict.
 * @example
 * ```ts
 * plainVerdictMark('does not hold'); // '✗ does not hold'
 * ```
 */
export function plainVerdictMark(verdict: string): string {
  if (verdict === 'holds') return '✓ holds';
  if (verdict === 'does not hold') return '✗ does not hold';
  return `? ${verdict}`;
}

/**
 * The claims table as Markdown: reproductions first, then the findings under their own note.
 *
 * @param claims - the result's claims.
 * @returns a Markdown table (or a note when there are none).
 * @example
 * ```ts
 * writeFileSync('claims.md', claimsMarkdown(result.claims));
 * ```
 */
export function claimsMarkdown(claims: readonly ClaimRow[]): string {
  if (claims.length === 0) return '_This run tests no claims._';
  const { reproductions, findings } = splitFindings(claims);
  const table = (rows: readonly ClaimRow[]) =>
    markdownTable(
      ['Claim', 'Measured', 'Verdict', 'Rule', 'Paper'],
      rows.map((c) => [
        c.statement,
        measuredWithContext(c),
        verdictMark(c.verdict),
        c.rule ?? '',
        c.paper ?? '',
      ]),
    );
  const out = reproductions.length ? [table(reproductions)] : [];
  if (findings.length)
    out.push(
      "**Findings** (the paper's own approximations tested; a failure here is a result about the approximation, not a reproduction failure):",
      table(findings),
    );
  return out.join('\n\n');
}

/**
 * The claims table as an HTML `<table>`; with an Experiment column when any claim names its
 * experiment. Every text is escaped.
 *
 * @param claims - claims, each with the experiment it came from where known.
 * @param id - the table's `id` attribute (default `claims-table`).
 * @returns the `<table>` element.
 * @example
 * ```ts
 * document.body.insertAdjacentHTML('beforeend', claimsHtml(result.claims, 'claims'));
 * ```
 */
export function claimsHtml(
  claims: readonly (ClaimRow & { experiment?: string })[],
  id = 'claims-table',
): string {
  const rows = claims
    .map(
      (c) =>
        `<tr class="verdict-${escapeHtml(c.verdict.replace(/\s+/g, '-'))}">${c.experiment !== undefined ? `<td>${escapeHtml(c.experiment)}</td>` : ''}<td>${escapeHtml(c.statement)}${c.paper ? `<div class="paper">Paper: ${escapeHtml(c.paper)}</div>` : ''}</td><td>${escapeHtml(measuredWithContext(c))}${c.rule ? `<div class="rule">Rule: ${escapeHtml(c.rule)}</div>` : ''}</td><td>${escapeHtml(plainVerdictMark(c.verdict))}</td></tr>`,
    )
    .join('\n');
  const expHead = claims.some((c) => c.experiment !== undefined) ? '<th>Experiment</th>' : '';
  return `<table class="claims" id="${escapeHtml(id)}">\n<thead><tr>${expHead}<th>Claim</th><th>Measured</th><th>Verdict</th></tr></thead>\n<tbody>\n${rows}\n</tbody>\n</table>`;
}

/** A chart as the summary lists it: its title and the files it was written to. */
export interface SummaryChart {
  /** Title, used as the image's alt text. */
  title: string;
  /** Paths of its files relative to the run directory (the PNG is linked when present). */
  files: readonly string[];
}

/**
 * A run's `summary.md`: the run's seed, backend, units and config hash, its stand-ins, the
 * claims table, the plots (PNG links), the config and the versions.
 *
 * @param experiment - the registry name (the heading).
 * @param result - the parsed result (`seed`, `backend`, `units`, `configHash`, `config`, `versions`, `provenance`).
 * @param claims - the result's claims.
 * @param charts - the charts written beside it.
 * @returns the Markdown document, ending with a newline.
 * @example
 * ```ts
 * writeFileSync(join(dir, 'summary.md'), summaryMarkdown('minimal-dc', result, result.claims, []));
 * ```
 */
export function summaryMarkdown(
  experiment: string,
  result: Record<string, unknown>,
  claims: readonly ClaimRow[],
  charts: readonly SummaryChart[],
): string {
  const lines = [
    `# ${experiment}`,
    '',
    `Seed ${String(result.seed ?? '?')}, backend ${String(result.backend ?? '?')}, ${String(result.units ?? '?')} unit(s), config hash \`${String(result.configHash ?? '?').slice(0, 12)}\`.`,
    '',
    ...provenanceNotes(result).map((n) => `> **Stand-in:** ${n}\n`),
    '## Claims',
    '',
    claimsMarkdown(claims),
    '',
  ];
  if (charts.length > 0) {
    lines.push('## Plots', '');
    for (const c of charts)
      lines.push(`![${c.title}](${c.files.find((f) => f.endsWith('.png')) ?? c.files[0]})`, '');
  }
  lines.push('## Config', '', '```json', JSON.stringify(result.config ?? {}, null, 2), '```', '');
  lines.push(
    '## Versions',
    '',
    '```json',
    JSON.stringify(result.versions ?? {}, null, 2),
    '```',
    '',
  );
  return lines.join('\n');
}
