import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeWav } from '@rectify/signal';
import { rectify, tempDir } from './helpers';

interface Oracle {
  binHz: number;
  lines: { freq: number; relu: number; input: number }[];
  dcMeasured: number;
  dcExact: number;
  oneTone: { amp: number; lines: { freq: number; relu: number }[] };
}

const oracle = JSON.parse(
  readFileSync(new URL('../../../tools/fixtures/theory/analyze.json', import.meta.url), 'utf8'),
) as Oracle;
const VA = [
  'analyze',
  '--tones',
  '10:1,5:1,20:1,40:1',
  '--fs',
  '1024',
  '--duration',
  '8',
  '--terms',
  '50',
];

interface JsonLine {
  freq: number;
  input: number;
  measured: number;
  predicted: number | null;
  origin: string;
  origins: string[];
}

describe('rectify analyze (V.A tones)', () => {
  const text = rectify(VA);
  const json = rectify([...VA, '--json']);

  it('exits 0 with a table whose lines and DC match the numpy oracle', () => {
    expect(text.code).toBe(0);
    expect(text.stderr).toBe('');
    const rows = new Map<number, string[]>();
    for (const line of text.stdout.split('\n')) {
      const cells = line.trim().split(/\s{2,}/);
      if (cells.length >= 5 && /^\d/.test(cells[0]!)) rows.set(Number(cells[0]), cells);
    }
    for (const f of [0, 5, 10, 15, 20, 30, 40]) {
      const want = oracle.lines.find((l) => l.freq === f)!;
      const row = rows.get(f);
      expect(row, `row at ${f} Hz`).toBeDefined();
      expect(Number(row![2])).toBeCloseTo(want.relu, 4);
    }
    expect(rows.get(5)![4]).toMatch(/^f2\b/);
    expect(rows.get(10)![4]).toMatch(/^f1, .*2·f2/);
    expect(rows.get(15)![4]).toMatch(/f3-f2|f1\+f2/);
    expect(rows.get(0)![4]).toMatch(/^DC/);
    const dc =
      /^DC: measured ([\d.]+), exact ([\d.]+), first-order √A\/2 ([\d.]+), series \(50 terms\) ([\d.]+)/m.exec(
        text.stdout,
      );
    expect(dc, text.stdout).not.toBeNull();
    expect(Number(dc![1])).toBeCloseTo(oracle.dcMeasured, 6);
    expect(Number(dc![2])).toBeCloseTo(oracle.dcExact, 6);
    expect(Number(dc![3])).toBeCloseTo(Math.sqrt(8) / 2, 6);
    expect(Math.abs(Number(dc![4]) - oracle.dcExact)).toBeLessThan(0.01);
    expect(text.stdout).toMatch(/Series error \(50 terms, vs exact ReLU\): relative RMSE 0\.0\d+/);
    expect(text.stdout).toMatch(/Authors' %RRMSE \(vs the input x/);
  });

  it('--json parses and carries the same numbers at full precision', () => {
    expect(json.code).toBe(0);
    const a = JSON.parse(json.stdout) as {
      input: { kind: string; n: number; fs: number };
      A: number;
      lines: JsonLine[];
      dc: { measured: number; exact: number; firstOrder: number; series: number };
      seriesError: { relativeRmse: number; maxAbsError: number };
    };
    expect(a.input).toMatchObject({ kind: 'tones', n: 8192, fs: 1024 });
    expect(a.A).toBe(8);
    expect(a.dc.exact).toBeCloseTo(oracle.dcExact, 8);
    expect(a.dc.measured).toBeCloseTo(oracle.dcMeasured, 10);
    for (const want of oracle.lines) {
      const got = a.lines.find((l) => l.freq === want.freq);
      if (!got) continue;
      expect(got.measured).toBeCloseTo(want.relu, 10);
      expect(got.input).toBeCloseTo(want.input, 10);
      // The 50-term series predicts every listed line to within 1 % of the largest line.
      expect(Math.abs(got.predicted! - want.relu)).toBeLessThan(0.01);
    }
    for (const f of [0, 5, 10, 15, 20, 25, 30, 40])
      expect(a.lines.some((l) => l.freq === f)).toBe(true);
    // ReLU never removes a frequency: each input tone is in the output.
    for (const f of [5, 10, 20, 40])
      expect(a.lines.find((l) => l.freq === f)!.measured).toBeGreaterThan(0.4);
    expect(a.seriesError.relativeRmse).toBeGreaterThan(0);
    expect(a.seriesError.relativeRmse).toBeLessThan(0.05);
  });

  it('more terms shrink the series error (measured, not assumed)', () => {
    const few = JSON.parse(rectify([...VA.slice(0, -1), '5', '--json']).stdout) as {
      seriesError: { relativeRmse: number };
    };
    const many = JSON.parse(json.stdout) as { seriesError: { relativeRmse: number } };
    expect(many.seriesError.relativeRmse).toBeLessThan(few.seriesError.relativeRmse);
  });
});

describe('rectify analyze (other inputs)', () => {
  it('one tone: DC a/π exactly, no odd harmonics, even harmonics as the sampled oracle', () => {
    const r = rectify([
      'analyze',
      '--tones',
      '3:2',
      '--fs',
      '32',
      '--duration',
      '8',
      '--json',
      '--floor',
      '0.001',
    ]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as { lines: JsonLine[]; dc: { exact: number } };
    expect(a.dc.exact).toBeCloseTo(2 / Math.PI, 12);
    for (const want of oracle.oneTone.lines.filter((l) => l.relu > 1e-6)) {
      expect(a.lines.find((l) => l.freq === want.freq)?.measured).toBeCloseTo(want.relu, 10);
    }
    expect(a.lines.some((l) => l.freq === 9)).toBe(false);
  });

  it('leaky:0.1 scales the pass-through to (1+α)/2 and the DC to (1−α)/π', () => {
    const r = rectify([
      'analyze',
      '--tones',
      '4:1',
      '--fs',
      '64',
      '--duration',
      '4',
      '--activation',
      'leaky:0.1',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const a = JSON.parse(r.stdout) as {
      activation: string;
      lines: JsonLine[];
      dc: { series: number };
    };
    expect(a.activation).toBe('leaky:0.1');
    expect(a.lines.find((l) => l.freq === 4)!.predicted).toBeCloseTo(0.55, 6);
    expect(a.dc.series).toBeCloseTo(0.9 / Math.PI, 2);
  });

  it('gelu is measured over a whole common period', () => {
    const r = rectify([
      'analyze',
      '--tones',
      '5:1,10:0.5',
      '--fs',
      '640',
      '--duration',
      '2',
      '--activation',
      'gelu',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/one period/);
    expect(r.stdout).toMatch(/^DC: measured [\d.]+, one period [\d.]+$/m);
  });

  it('reads a recording from CSV (with header and column name) and from WAV', () => {
    const dir = tempDir();
    const fs = 32;
    const samples = Array.from(
      { length: 256 },
      (_, i) => 0.8 * Math.cos((2 * Math.PI * 2 * i) / fs),
    );
    const csv = join(dir, 'ppg.csv');
    writeFileSync(csv, `time,ppg\n${samples.map((v, i) => `${i / fs},${v}`).join('\n')}\n`);
    const fromCsv = rectify([
      'analyze',
      '--input',
      csv,
      '--column',
      'ppg',
      '--fs',
      String(fs),
      '--json',
    ]);
    expect(fromCsv.code, fromCsv.stderr).toBe(0);
    const a = JSON.parse(fromCsv.stdout) as {
      input: { n: number };
      lines: JsonLine[];
      dc: { measured: number };
    };
    expect(a.input.n).toBe(256);
    expect(a.dc.measured).toBeCloseTo(0.8 / Math.PI, 2);
    expect(a.lines.find((l) => l.freq === 2)!.measured).toBeCloseTo(0.4, 6);
    expect(a.lines.find((l) => l.freq === 4)!.origin).toBe('2·f1');

    const wav = join(dir, 'ppg.wav');
    writeFileSync(wav, encodeWav([samples], fs, 'float32'));
    const fromWav = rectify(['analyze', '--input', wav, '--json']);
    expect(fromWav.code, fromWav.stderr).toBe(0);
    const b = JSON.parse(fromWav.stdout) as { input: { fs: number }; dc: { measured: number } };
    expect(b.input.fs).toBe(32);
    expect(b.dc.measured).toBeCloseTo(a.dc.measured, 6);
  });

  it('--plot writes an SVG with text and a PNG', () => {
    const dir = tempDir();
    const svg = join(dir, 's.svg');
    const png = join(dir, 's.png');
    expect(rectify(['analyze', '--tones', '10:1,5:1', '--plot', svg]).code).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/<svg[\s\S]*frequency \(Hz\)/);
    expect(rectify(['analyze', '--tones', '10:1,5:1', '--plot', png]).code).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(1, 4).toString()).toBe('PNG');
    expect(statSync(png).size).toBeGreaterThan(10_000);
  });

  it('--plot makes missing parent folders (a fresh checkout has no out/)', () => {
    const svg = join(tempDir(), 'not', 'yet', 'there.svg');
    const r = rectify(['analyze', '--tones', '10:1', '--plot', svg]);
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(svg, 'utf8')).toMatch(/<svg/);
  });
});
