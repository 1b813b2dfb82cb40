import { execFileSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { rectify } from './helpers';

const data = join(
  resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..'),
  'examples',
  'data',
);

describe('examples/data (the files the READMEs use)', () => {
  it('ppg.wav is a 32 Hz mono 16-bit PCM WAV that scipy reads, with the pulse at 72 bpm', () => {
    const scipy = execFileSync(
      'python3',
      [
        '-c',
        'import sys; from scipy.io import wavfile; fs, x = wavfile.read(sys.argv[1]); print(fs, x.dtype, x.ndim, len(x))',
        join(data, 'ppg.wav'),
      ],
      { encoding: 'utf8' },
    ).trim();
    expect(scipy).toBe('32 int16 1 1920');
    const r = rectify(['analyze', '--input', join(data, 'ppg.wav'), '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      input: { fs: number; n: number };
      lines: { freq: number; input: number }[];
    };
    expect(out.input).toMatchObject({ fs: 32, n: 1920 });
    // syntheticPpg's pulse: harmonic h of 1.2 Hz has amplitude 0.5^(h−1), scaled by 0.4 in the file.
    const at = (f: number) => out.lines.find((l) => Math.abs(l.freq - f) < 1e-9)!.input;
    expect(at(1.2)).toBeCloseTo(0.4, 2);
    expect(at(2.4)).toBeCloseTo(0.2, 2);
    expect(at(3.6)).toBeCloseTo(0.1, 2);
  });

  it('tones.csv holds the V.A tones: ReLU’s measured DC is the paper signal’s exact DC', () => {
    const r = rectify([
      'analyze',
      '--input',
      join(data, 'tones.csv'),
      '--fs',
      '128',
      '--column',
      'x',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { input: { n: number }; dc: { measured: number } };
    expect(out.input.n).toBe(1024);
    // reluDc of 5, 10, 20, 40 Hz at unit amplitude (the CLI's own --tones analysis: 0.574442).
    expect(out.dc.measured).toBeCloseTo(0.574442, 3);
  });

  it('ppg-model.h5 is the V.B network: it analyses whole and up to its last conv block', () => {
    const ok = rectify([
      'inspect',
      join(data, 'ppg-model.h5'),
      '--heart-rate',
      '72',
      '--up-to',
      'block3',
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const whole = rectify(['inspect', join(data, 'ppg-model.h5'), '--heart-rate', '72', '--json']);
    expect(whole.code, whole.stderr).toBe(0);
    expect(() => JSON.parse(whole.stdout)).not.toThrow();
  });
});
