import type { KerasModelAnalysis } from '@rectify/layers/keras';
import { analyzeActivation } from '@rectify/theory';
import { describe, expect, it } from 'vitest';
import type { AblationReport, GroupInterval } from '../dc-in-trained-models/study';
import {
  ablationText,
  type AnalysisRecord,
  analysisText,
  claimsText,
  formatHz,
  formatNumber,
  layerSpectraRecord,
  layerSpectraText,
  provenanceText,
  textTable,
} from './terminal';

describe('formatNumber, formatHz', () => {
  it('fixed in [1e-3, 1e4), exponent outside, 0 below the zero threshold, — for no value', () => {
    expect(formatNumber(1 / Math.PI)).toBe('0.3183');
    expect(formatNumber(-12.5, { digits: 2 })).toBe('-12.50');
    expect(formatNumber(2.5e-7)).toBe('2.500e-7');
    expect(formatNumber(123456)).toBe('1.235e+5');
    expect(formatNumber(1e-13)).toBe('0');
    expect(formatNumber(1e-6, { zero: 1e-5 })).toBe('0');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
  });
  it('a frequency keeps at most 4 decimals and no trailing zeros', () => {
    expect(formatHz(5)).toBe('5');
    expect(formatHz(2.5)).toBe('2.5');
    expect(formatHz(1 / 3)).toBe('0.3333');
  });
});

describe('textTable', () => {
  it('pads each column to its widest cell, rules it, and trims the line ends', () => {
    const t = textTable(
      ['f (Hz)', 'amp', 'origin'],
      [
        ['10', '0.5', 'f1'],
        ['2.5', '0.0318', 'DC'],
      ],
    );
    expect(t.split('\n')).toEqual([
      'f (Hz)     amp  origin',
      '──────  ──────  ──────',
      '    10     0.5  f1',
      '   2.5  0.0318  DC',
    ]);
  });
  it('follows the alignment given', () => {
    expect(textTable(['a', 'bb'], [['xyz', '1']], ['left', 'right'])).toBe(
      'a    bb\n───  ──\nxyz   1',
    );
  });
});

describe('claimsText and provenanceText', () => {
  it('marks each claim and tags findings', () => {
    const text = claimsText([
      { id: 'a', statement: 'DC helps', measured: 'gap 10 points', verdict: 'holds' },
      {
        id: 'b',
        statement: 'first order',
        measured: 'off 12 %',
        verdict: 'does not hold',
        kind: 'finding',
      },
      { id: 'c', statement: 'weights move', measured: 'n = 2', verdict: 'inconclusive' },
    ]);
    expect(text.split('\n')).toEqual([
      '  ✔ DC helps — gap 10 points. (holds)',
      '  ✘ [finding] first order — off 12 %. (does not hold)',
      '  ? weights move — n = 2. (inconclusive)',
      '',
    ]);
    expect(claimsText([])).toBe('');
  });
  it('one warning line per stand-in, nothing for a result without them', () => {
    expect(provenanceText({ provenance: { standIn: true, notes: ['PPG is synthetic'] } })).toBe(
      '  ⚠ stand-in: PPG is synthetic\n',
    );
    expect(provenanceText({ provenance: { standIn: false, notes: ['x'] } })).toBe('');
    expect(provenanceText({})).toBe('');
  });
});

describe('analysisText', () => {
  it("prints theory's analysis of one tone: the lines, the DC 1/π by every route, the series error", () => {
    const tones = [{ freq: 4, amp: 1, phase: 0 }];
    const a = analyzeActivation(tones, { fs: 64, n: 256, terms: 30, tableLines: 4 });
    const { periodic, ...dc } = a.dc;
    const record: AnalysisRecord = {
      input: { kind: 'tones', tones, fs: 64, n: 256, duration: 4 },
      activation: 'relu',
      terms: a.terms,
      A: a.A,
      binHz: a.binHz,
      lines: a.lines,
      dc: { ...dc, period: periodic },
      seriesError: a.seriesError,
    };
    const lines = analysisText(record).split('\n');
    expect(lines[0]).toBe('ReLU of 1 tone(s): f1 = 4 Hz × 1');
    expect(lines[1]).toMatch(/^fs 64 Hz, 256 samples \(4 s, bins 0\.25 Hz\), 30 terms, A = /);
    expect(lines[3]).toMatch(/^freq \(Hz\)\s+input\s+measured\s+predicted\s+origin$/);
    // ReLU(cos) = 1/π + cos/2 + 2/(3π) cos 2ωt − …: the DC row and the fundamental's half amplitude.
    // The sampled mean of max(cos, 0) (16 samples a period, so not quite 1/π) and the series' DC.
    let mean = 0;
    for (let i = 0; i < 256; i++) mean += Math.max(0, Math.cos((2 * Math.PI * 4 * i) / 64)) / 256;
    const dcRow = lines.find((l) => /^\s+0\s/.test(l));
    expect(dcRow).toMatch(
      new RegExp(`^\\s+0\\s+0\\s+${formatNumber(mean)}\\s+${formatNumber(a.dc.series)}\\s+DC$`),
    );
    expect(lines.find((l) => /^\s+4\s/.test(l))).toMatch(/1\.0000\s+0\.5000\s+0\.5000\s+f1$/);
    const dcLine = lines.find((l) => l.startsWith('DC: '));
    expect(dcLine).toContain(`measured ${mean.toFixed(6)}`);
    expect(dcLine).toContain(`exact ${(1 / Math.PI).toFixed(6)}`);
    expect(dcLine).toContain('series (30 terms) ');
    expect(lines.some((l) => l.startsWith('Series error (30 terms, vs exact ReLU)'))).toBe(true);
    expect(analysisText(record).endsWith('\n')).toBe(true);
  });
  it('names a file input by its path and column', () => {
    const text = analysisText({
      input: { kind: 'file', path: 'ppg.csv', column: 'column 1', fs: 32, n: 64, duration: 2 },
      activation: 'leaky:0.1',
      terms: 10,
      A: null,
      binHz: 0.5,
      lines: [],
      dc: { measured: 0.25, exact: null, firstOrder: null, series: null, period: null },
      seriesError: null,
    });
    expect(text.split('\n').slice(0, 2)).toEqual([
      'leaky:0.1 of ppg.csv (column 1)',
      'fs 32 Hz, 64 samples (2 s, bins 0.5 Hz), 10 terms',
    ]);
    expect(text).toContain('DC: measured 0.250000\n');
  });
});

describe('layerSpectraText', () => {
  const channel = (c: number, pre: number, post: number, share: number) => ({
    channel: c,
    pre: { dc: pre, harmonics: [{ order: 1, amplitude: 0.5 }] },
    post: { dc: post, harmonics: [{ order: 1, amplitude: 0.25 }] },
    newFrequencyFraction: share,
  });
  const analysis = {
    heartRate: { bpm: 72, hz: 1.2 },
    fs: 32,
    n: 256,
    output: { shape: [1, 1], values: [71.5] },
    layers: [
      {
        layer: 'conv1d_1',
        className: 'Conv1D',
        activation: 'relu',
        fs: 32,
        steps: 256,
        summary: { meanAbsPreDc: 0.01, meanAbsPostDc: 0.2, meanNewFrequencyFraction: 0.125 },
        deadChannels: [0],
        representativeChannel: 2,
        channels: [channel(0, -1, 0, 0), channel(1, 0.1, 0.3, 0.1), channel(2, 0.2, 0.4, 0.2)],
      },
    ],
  } as unknown as KerasModelAnalysis;

  it('one row per layer, then the representative channel first and dead ones last', () => {
    const lines = layerSpectraText(analysis, {
      model: 'm.h5',
      probe: 'PPG',
      backend: 'wasm',
      skipped: ['dense_1'],
      channels: 3,
    }).split('\n');
    expect(lines.slice(0, 3)).toEqual([
      'm.h5: 1 layer(s) probed with PPG; fs 32 Hz, 256 samples, backend wasm',
      '(not built: dense_1)',
      'model output [1, 1]: 71.5000',
    ]);
    expect(lines[6]).toMatch(
      /^conv1d_1\s+Conv1D\s+relu\s+32\s+256\s+0\.0100\s+0\.2000\s+12\.5 %\s+1\/3\s+2$/,
    );
    expect(lines.slice(7)).toEqual([
      '  conv1d_1: dead channels (no positive output) 0',
      '  conv1d_1[2]: DC 0.2000→0.4000; f 0.5000→0.2500; new-freq 20.0 %',
      '  conv1d_1[1]: DC 0.1000→0.3000; f 0.5000→0.2500; new-freq 10.0 %',
      '  conv1d_1[0]: DC -1.0000→0; f 0.5000→0.2500; new-freq 0.0 %',
      '',
    ]);
  });
});

describe('layerSpectraRecord', () => {
  it('keeps every figure of a layer and a channel, drops the signals and spectra', () => {
    const spectrum = { freqs: new Float64Array([0, 1]), amplitude: new Float64Array([1, 2]) };
    const withSpectra = {
      layers: [
        {
          layer: 'c',
          className: 'Conv1D',
          activation: 'relu',
          activationSource: 'fused',
          fs: 16,
          steps: 8,
          summary: { meanAbsPreDc: 0.1, meanAbsPostDc: 0.2, meanNewFrequencyFraction: 0.3 },
          deadChannels: [1],
          representativeChannel: 0,
          channels: [
            {
              channel: 0,
              pre: { dc: 0.1, harmonics: [{ order: 1, amplitude: 1 }], spectrum, signal: [1] },
              post: { dc: 0.4, harmonics: [{ order: 1, amplitude: 0.5 }], spectrum },
              newFrequencyFraction: 0.25,
            },
          ],
        },
      ],
    } as unknown as KerasModelAnalysis;
    expect(JSON.parse(JSON.stringify(layerSpectraRecord(withSpectra)))).toEqual([
      {
        layer: 'c',
        className: 'Conv1D',
        activation: 'relu',
        activationSource: 'fused',
        fs: 16,
        steps: 8,
        summary: { meanAbsPreDc: 0.1, meanAbsPostDc: 0.2, meanNewFrequencyFraction: 0.3 },
        deadChannels: [1],
        representativeChannel: 0,
        channels: [
          {
            channel: 0,
            pre: { dc: 0.1, harmonics: [{ order: 1, amplitude: 1 }] },
            post: { dc: 0.4, harmonics: [{ order: 1, amplitude: 0.5 }] },
            newFrequencyFraction: 0.25,
          },
        ],
      },
    ]);
  });
});

describe('ablationText', () => {
  const iv = (mean: number, low: number, high: number, n = 10): GroupInterval => ({
    mean,
    low,
    high,
    n,
  });
  const report: AblationReport = {
    heartRateModel: true,
    baseline: { meanOutput: 72.1, error: iv(3, 2.5, 3.5) },
    runs: [
      {
        mode: 'remove-dc',
        scope: 'all',
        layers: ['a', 'b'],
        change: iv(20, 18, 22),
        meanOutput: 90,
        error: iv(21, 19, 23),
        errorIncrease: iv(18, 16, 20),
      },
      {
        mode: 'remove-dc',
        scope: 'layer',
        layers: ['a'],
        change: iv(1, 0.5, 1.5, 1),
        meanOutput: 73,
        error: iv(4, 3, 5),
        errorIncrease: iv(1, 0.5, 1.5),
      },
    ],
  };
  it('a heart-rate model: bpm columns, intervals over the groups, the per-layer table', () => {
    const lines = ablationText(
      report,
      [
        {
          mode: 'remove-dc',
          layers: [{ layer: 'a', change: iv(1, 0.5, 1.5), errorIncrease: null }],
        },
      ],
      {
        model: 'm.h5',
        probe: 'PPG',
        backend: 'wasm',
        layers: ['a', 'b'],
        allLayers: true,
        signals: 140,
        groups: '10 noise seeds',
        confidence: 0.95,
      },
    ).split('\n');
    expect(lines[0]).toBe(
      'm.h5: 2 ReLU layer(s) ablated (a, b); probe: PPG; backend wasm; means over 140 signals, 95 % intervals over 10 noise seeds',
    );
    expect(lines[1]).toBe(
      'output read as the heart rate (bpm); unablated: 72.10 bpm, mean |error| 3.00 [2.50, 3.50] bpm',
    );
    expect(lines[3]).toMatch(
      /^mode\s+layers\s+output \(bpm\)\s+\|Δ output\| \(bpm\)\s+\|error\| \(bpm\)\s+Δ\|error\| \(bpm\)$/,
    );
    expect(lines[5]).toMatch(
      /^remove-dc\s+all \(2\)\s+90\.00\s+20\.00 \[18\.00, 22\.00\]\s+21\.00 \[19\.00, 23\.00\]\s+18\.00 \[16\.00, 20\.00\]$/,
    );
    expect(lines[7]).toBe('remove-dc, one layer at a time (largest effect first):');
    // One group: the mean alone, no interval.
    expect(lines[10]).toMatch(/^remove-dc\s+a\s+73\.00\s+1\.00\s+4\.00 \[3\.00, 5\.00\]/);
  });
  it('another model: plain output, the note after it, no heart-rate columns', () => {
    const text = ablationText(
      { ...report, heartRateModel: false, runs: report.runs.slice(0, 1) },
      [],
      {
        model: 'm',
        probe: 'x',
        backend: 'cpu',
        layers: ['a'],
        allLayers: false,
        signals: 1,
        groups: '1 recordings',
        confidence: 0.9,
        unscoredNote: ' (no rate)',
      },
    );
    const lines = text.split('\n');
    expect(lines[0]).toBe('m: 1 ReLU layer(s) ablated (a); probe: x; backend cpu');
    expect(lines[1]).toBe('unablated mean output: 72.1000 (no rate)');
    expect(lines[3]).toMatch(/^mode\s+layers\s+output\s+\|Δ output\|$/);
    expect(lines[5]).toMatch(/^remove-dc\s+a,b\s+90\.00\s+20\.00 \[18\.00, 22\.00\]$/);
  });
});
