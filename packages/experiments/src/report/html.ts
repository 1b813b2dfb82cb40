import { type ClaimRow, claimsHtml, escapeHtml, type ProvenanceRow, splitFindings } from './text';

/** One experiment's section of report.html. */
export interface ReportSection {
  /** Registry name. */
  experiment: string;
  /** Folder (relative to report.html) holding its files. */
  folder: string;
  /** Claims it tested. */
  claims: readonly ClaimRow[];
  /** Rendered charts (SVG text, inlined). */
  charts: readonly { name: string; title: string; svg: string }[];
  /** The validated config it ran with. */
  config: unknown;
  /** Seed, backend, config hash, unit count (each shown as text). */
  meta: { seed?: unknown; backend?: unknown; configHash?: unknown; units?: unknown };
  /** Versions of the code that produced it. */
  versions: Record<string, string>;
  /** Wall time, seconds. */
  seconds: number;
  /** Stand-ins among its inputs (result format 2). */
  provenance?: ProvenanceRow;
}

/** Everything report.html shows. */
export interface ReportInput {
  /** `quick` or `paper`. */
  preset: string;
  /** The run's seed. */
  seed: number;
  /** When the report was made (ISO 8601). */
  createdAt: string;
  /** Version of the CLI (listed as `@rectify/cli` in the versions table). */
  cliVersion: string;
  /** One section per experiment, in run order. */
  sections: readonly ReportSection[];
}

const STYLE = `
body{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;max-width:1100px;margin:2rem auto;padding:0 1rem;color:#222;line-height:1.45}
h1{margin-bottom:.2rem}.sub{color:#666;margin-top:0}
table{border-collapse:collapse;width:100%;margin:1rem 0;font-size:.92rem}
th,td{border:1px solid #ddd;padding:.35rem .55rem;text-align:left;vertical-align:top}
th{background:#f4f4f4}
tr.verdict-holds td:last-child{color:#1a7f37;font-weight:600}
tr.verdict-does-not-hold td:last-child{color:#cf222e;font-weight:600}
tr.verdict-inconclusive td:last-child{color:#9a6700;font-weight:600}
figure{margin:1rem 0;overflow-x:auto}figcaption{color:#555;font-size:.9rem}
pre{background:#f6f8fa;padding:.8rem;overflow-x:auto;font-size:.82rem}
section{border-top:2px solid #eee;margin-top:2rem}
.banner{border:2px solid #9a6700;background:#fff8c5;padding:.6rem .9rem;margin:1rem 0;border-radius:4px}
.banner.scale{font-size:1.15rem;font-weight:600}
.paper,.rule{color:#555;font-size:.85rem;margin-top:.3rem}
`;

/**
 * The banners at the top of the report: the quick-scale warning, then every stand-in.
 *
 * @param preset - `quick` gets the scale banner.
 * @param sections - the sections whose stand-ins are listed.
 * @returns HTML elements, in order (empty for a paper-scale run without stand-ins).
 * @example
 * ```ts
 * reportBanners('quick', []).length; // 1
 * ```
 */
export function reportBanners(preset: string, sections: readonly ReportSection[]): string[] {
  const out: string[] = [];
  if (preset === 'quick')
    out.push(
      '<p class="banner scale" id="scale-banner">quick scale: indicative only. Few repetitions and epochs; comparative claims are expected to be inconclusive. Run <code>--preset paper</code> for verdicts.</p>',
    );
  const standIns = sections.filter((s) => s.provenance?.standIn);
  if (standIns.length)
    out.push(
      `<div class="banner provenance" id="provenance-banner"><b>Stand-ins, not the paper’s inputs:</b><ul>${standIns
        .flatMap((s) =>
          (s.provenance?.notes ?? []).map(
            (n) => `<li>${escapeHtml(s.experiment)}: ${escapeHtml(n)}</li>`,
          ),
        )
        .join('')}</ul></div>`,
    );
  return out;
}

/**
 * Build the single self-contained report.html: the claims table of every experiment first, then
 * each experiment's plots (SVG inline, no external files or scripts), then configs and versions.
 *
 * A pure function of its input (no clock, no files), so the CLI and the web app render the
 * same page.
 *
 * @param input - the sections and run metadata.
 * @returns the HTML document.
 * @example
 * ```ts
 * const html = buildReportHtml({ preset: 'quick', seed: 0, createdAt: new Date().toISOString(), cliVersion: '0.1.0', sections });
 * ```
 */
export function buildReportHtml(input: ReportInput): string {
  const allClaims = input.sections.flatMap((s) =>
    s.claims.map((c) => ({ ...c, experiment: s.experiment })),
  );
  const { reproductions, findings } = splitFindings(allClaims);
  const held = reproductions.filter((c) => c.verdict === 'holds').length;
  const parts: string[] = [];
  parts.push(
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>Rectify reproduction report (${escapeHtml(input.preset)})</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<h1>DC is all you need — reproduction report</h1>',
    `<p class="sub">Preset <b>${escapeHtml(input.preset)}</b>, seed ${input.seed}, ${escapeHtml(input.createdAt)}. Kechris, Dan, Miranda, Atienza, arXiv 2407.16556.</p>`,
    ...reportBanners(input.preset, input.sections),
    '<h2 id="claims">Claims</h2>',
    `<p>${held} of ${reproductions.length} claims hold at this preset.</p>`,
    claimsHtml(reproductions),
  );
  if (findings.length)
    parts.push(
      '<h2 id="findings">Findings</h2>',
      '<p>Tests of the paper’s own approximations: a failure here is a result about the approximation (its error is shown), not a claim this software fails to reproduce.</p>',
      claimsHtml(findings, 'findings-table'),
    );
  parts.push('<h2>Experiments</h2>', '<ul>');
  for (const s of input.sections) {
    parts.push(
      `<li><a href="#${escapeHtml(s.experiment)}">${escapeHtml(s.experiment)}</a> — ${s.charts.length} plot(s), ${s.claims.length} claim(s), ${s.seconds.toFixed(1)} s; files in <code>${escapeHtml(s.folder)}/</code></li>`,
    );
  }
  parts.push('</ul>');
  for (const s of input.sections) {
    parts.push(
      `<section id="${escapeHtml(s.experiment)}">`,
      `<h2>${escapeHtml(s.experiment)}</h2>`,
    );
    parts.push(claimsHtml(s.claims, `claims-${s.experiment}`));
    for (const c of s.charts) {
      parts.push(
        `<figure id="${escapeHtml(`${s.experiment}-${c.name}`)}">`,
        stripXmlProlog(c.svg),
        `<figcaption>${escapeHtml(c.title)}</figcaption>`,
        '</figure>',
      );
    }
    parts.push('</section>');
  }
  parts.push('<section id="configs">', '<h2>Configs</h2>');
  for (const s of input.sections) {
    parts.push(
      `<h3>${escapeHtml(s.experiment)}</h3>`,
      `<p>Seed ${escapeHtml(String(s.meta.seed ?? ''))}, backend ${escapeHtml(String(s.meta.backend ?? ''))}, ${escapeHtml(String(s.meta.units ?? ''))} unit(s), config hash <code>${escapeHtml(String(s.meta.configHash ?? ''))}</code>.</p>`,
      `<pre>${escapeHtml(JSON.stringify(s.config, null, 2))}</pre>`,
    );
  }
  parts.push('</section>', '<section id="versions">', '<h2>Versions</h2>');
  const versions: Record<string, string> = { '@rectify/cli': input.cliVersion };
  for (const s of input.sections) Object.assign(versions, s.versions);
  parts.push(
    '<table class="versions"><thead><tr><th>Package</th><th>Version</th></tr></thead><tbody>',
    ...Object.entries(versions).map(
      ([k, v]) => `<tr><td>${escapeHtml(k)}</td><td>${escapeHtml(v)}</td></tr>`,
    ),
    '</tbody></table>',
    '</section>',
    '</body>',
    '</html>',
    '',
  );
  return parts.join('\n');
}

function stripXmlProlog(svg: string): string {
  return svg.replace(/^<\?xml[^>]*>\s*/, '');
}
