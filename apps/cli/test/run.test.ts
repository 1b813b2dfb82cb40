import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rectify, signalWhenOutput, tempDir } from './helpers';

const SMALL_ABLATION = [
  'run',
  'dc-ablation',
  '--set',
  'repetitions=1',
  '--set',
  'epochs=4',
  '--set',
  'signalsPerClass=64',
  '--set',
  'testSignalsPerClass=32',
  '--seed',
  '3',
];

/** Start a run, wait until `units` units are done, then send `signal`. */
function interruptAfter(out: string, units: number, signal: NodeJS.Signals, workers: string) {
  return signalWhenOutput(
    [...SMALL_ABLATION, '--workers', workers, '--out', out],
    new RegExp(`${units}/\\d+ units, done`),
    signal,
  );
}

describe('rectify run', () => {
  it('minimal-dc --preset quick writes result.json, SVG+PNG plots and summary.md with the claims table', () => {
    const out = tempDir();
    const r = rectify(['run', 'minimal-dc', '--preset', 'quick', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^minimal-dc: \d+\/\d+ claims hold \(seed 0\)/);
    const result = JSON.parse(readFileSync(join(out, 'result.json'), 'utf8')) as {
      experiment: string;
      seed: number;
      claims: { verdict: string; measured: string }[];
    };
    expect(result.experiment).toBe('minimal-dc');
    expect(result.claims.length).toBeGreaterThan(0);
    // V.D: the pooled DC separates the classes with the ReLU (the experiment's own verdict).
    expect(result.claims[0]!.verdict).toBe('holds');
    const plots = readdirSync(join(out, 'plots'));
    const svgs = plots.filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    for (const svg of svgs) expect(plots).toContain(svg.replace(/\.svg$/, '.png'));
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toMatch(
      /## Claims\n\n\| Claim \| Measured \| Verdict \| Rule \| Paper \|\n\| --- \| --- \| --- \| --- \| --- \|\n\| .+ \| .+ Accuracy: fixed kernel, ReLU \d+\.\d %.+ \| ✅ holds \| holds if .+ \| §V\.D.+ \|/,
    );
    expect(summary).toMatch(/!\[.+\]\(plots\/.+\.png\)/);
    expect(existsSync(join(out, 'checkpoint'))).toBe(false);
  });

  it('--json prints the files and claims', () => {
    const out = tempDir();
    const r = rectify(['run', 'approximation', '--preset', 'quick', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout) as { experiment: string; files: string[]; claims: unknown[] };
    expect(j.experiment).toBe('approximation');
    expect(j.files).toContain('result.json');
    expect(j.claims.length).toBeGreaterThan(0);
  });

  it('an interrupted run (SIGINT, then SIGKILL) resumed with --resume gives the same result.json as an uninterrupted one', async () => {
    const reference = tempDir();
    const whole = rectify([...SMALL_ABLATION, '--workers', '1', '--out', reference]);
    expect(whole.code, whole.stderr).toBe(0);
    const expected = readFileSync(join(reference, 'result.json'), 'utf8');

    const stopped = tempDir();
    const sigint = await interruptAfter(stopped, 1, 'SIGINT', '2');
    expect(sigint.code).toBe(130);
    expect(sigint.stderr).toMatch(
      /rectify: interrupted; checkpoint kept in .*checkpoint; continue with: rectify run dc-ablation --out .* --resume/,
    );
    expect(sigint.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(stopped, 'result.json'))).toBe(false);
    expect(readdirSync(join(stopped, 'checkpoint')).length).toBeGreaterThan(0);
    // Without --resume the unfinished run is protected.
    const refused = rectify([...SMALL_ABLATION, '--out', stopped]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/holds an unfinished dc-ablation run .* pass --resume/);
    // Resuming with another config is refused, in one line, and the saved run record survives.
    const otherConfig = SMALL_ABLATION.map((a) => (a === 'epochs=4' ? 'epochs=5' : a));
    const mismatch = rectify([...otherConfig, '--out', stopped, '--resume']);
    expect(mismatch.code).toBe(2);
    expect(mismatch.stderr.trim().split('\n')).toHaveLength(1);
    expect(mismatch.stderr).toMatch(/belongs to another run .*epochs 4 vs 5/);
    const resumed = rectify(['run', 'dc-ablation', '--out', stopped, '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resumed/);
    expect(readFileSync(join(stopped, 'result.json'), 'utf8')).toBe(expected);

    const killed = tempDir();
    const sigkill = await interruptAfter(killed, 2, 'SIGKILL', '1');
    expect(sigkill.signal).toBe('SIGKILL');
    const resumedAfterKill = rectify([
      'run',
      'dc-ablation',
      '--out',
      killed,
      '--resume',
      '--workers',
      '2',
    ]);
    expect(resumedAfterKill.code, resumedAfterKill.stderr).toBe(0);
    expect(readFileSync(join(killed, 'result.json'), 'utf8')).toBe(expected);
  }, 240_000);
});

describe('rectify repro', () => {
  it('--preset quick writes report.html with the claims table first, plots inline, configs and versions last', () => {
    const out = tempDir();
    const r = rectify(['repro', '--preset', 'quick', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /\d+\/\d+ claims hold across 6 experiment\(s\), 1 finding\(s\) about the paper’s approximations; wrote .*report\.html/,
    );
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    const claims = html.indexOf('id="claims-table"');
    const firstFigure = html.indexOf('<figure');
    const configs = html.indexOf('id="configs"');
    const versions = html.indexOf('id="versions"');
    expect(claims).toBeGreaterThan(0);
    expect(claims).toBeLessThan(firstFigure);
    expect(firstFigure).toBeLessThan(configs);
    expect(configs).toBeLessThan(versions);
    const table = html.slice(claims, html.indexOf('</table>', claims));
    for (const name of [
      'approximation',
      'example-networks',
      'real-world',
      'dc-ablation',
      'minimal-dc',
      'dc-in-trained-models',
    ]) {
      expect(table).toContain(`<td>${name}</td>`);
      expect(existsSync(join(out, name, 'result.json'))).toBe(true);
      expect(existsSync(join(out, name, 'summary.md'))).toBe(true);
    }
    expect((table.match(/<tr class="verdict-/g) ?? []).length).toBeGreaterThan(4);
    // Banners first: the scale, then the stand-ins; findings apart from reproduction claims.
    expect(html.indexOf('id="scale-banner"')).toBeLessThan(claims);
    expect(html).toContain('quick scale: indicative only');
    expect(html).toContain('real-world: model: random-weight stand-in, not a trained model');
    expect(table).not.toContain('To first order the DC');
    const findings = html.slice(html.indexOf('id="findings-table"'));
    expect(findings).toMatch(
      /To first order the DC.+Finding: the paper&#39;s approximation is \d+\.\d % off/,
    );
    expect(r.stdout).toContain('quick scale: indicative only');
    expect(r.stdout).toContain('stand-in (real-world): signals: synthetic PPG');
    expect((html.match(/<svg/g) ?? []).length).toBeGreaterThan(5);
    // Self-contained: no external scripts, stylesheets or images.
    expect(html).not.toMatch(/<script|<link |<img /);
    expect(html).toMatch(/@tensorflow\/tfjs/);
  }, 300_000);
});
