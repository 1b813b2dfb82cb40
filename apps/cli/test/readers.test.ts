import { describe, expect, it } from 'vitest';
import { RuntimeError, UsageError } from '../src/errors';
import { parseCsvColumn } from '../src/io/csv';
import { decodeWav, encodeWav } from '../src/io/wav';
import { applyAssignments, parseActivation, parseTones } from '../src/parse';

const ramp = Array.from({ length: 64 }, (_, i) => Math.sin((2 * Math.PI * 3 * i) / 64) * 0.75);

describe('WAV reader', () => {
  it.each([
    ['pcm16', 0.5 / 32768],
    ['pcm24', 0.5 / 8388608],
    ['pcm32', 0.5 / 2147483648 + 1e-15],
    ['float32', 1e-7],
  ] as const)('round-trips %s within one quantisation step', (encoding, step) => {
    const wav = decodeWav(encodeWav([ramp, ramp.map((v) => -v)], 8000, encoding));
    expect(wav.sampleRate).toBe(8000);
    expect(wav.encoding).toBe(encoding);
    expect(wav.channels).toHaveLength(2);
    for (let i = 0; i < ramp.length; i++) {
      expect(Math.abs(wav.channels[0]![i]! - ramp[i]!)).toBeLessThanOrEqual(step);
      expect(Math.abs(wav.channels[1]![i]! + ramp[i]!)).toBeLessThanOrEqual(step);
    }
  });

  it('reads full-scale PCM16 extremes exactly', () => {
    const bytes = encodeWav([[0]], 100, 'pcm16');
    new DataView(bytes.buffer).setInt16(44, -32768, true);
    expect(decodeWav(bytes).channels[0]![0]).toBe(-1);
  });

  it('skips unknown chunks before data', () => {
    const plain = encodeWav([ramp], 1000, 'pcm16');
    const extra = new Uint8Array(plain.length + 12);
    extra.set(plain.subarray(0, 36));
    extra.set([0x4c, 0x49, 0x53, 0x54, 4, 0, 0, 0, 1, 2, 3, 4], 36);
    extra.set(plain.subarray(36), 48);
    const wav = decodeWav(extra);
    expect(wav.channels[0]!.length).toBe(ramp.length);
  });

  it('rejects a file that is not RIFF/WAVE, naming the file', () => {
    expect(() => decodeWav(new TextEncoder().encode('hello world, not a wav'), 'x.wav')).toThrow(
      new RuntimeError('x.wav: not a readable WAV file: missing RIFF/WAVE header'),
    );
  });

  it('rejects unsupported encodings and missing data', () => {
    const bytes = encodeWav([ramp], 1000, 'pcm16');
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint16(20, 6, true);
    expect(() => decodeWav(bad)).toThrow(/unsupported format code 6/);
    expect(() => decodeWav(bytes.slice(0, 36))).toThrow(/no data chunk/);
  });
});

describe('CSV reader', () => {
  it('reads a header, picks a column by name or index, skips comments and blanks', () => {
    const text = '# recorded 2026\ntime,ppg\n0,1.5\n\n0.03125,-2e-1\n0.0625,3\n';
    expect(Array.from(parseCsvColumn(text, { column: 'ppg' }).values)).toEqual([1.5, -0.2, 3]);
    expect(Array.from(parseCsvColumn(text, { column: 0 }).values)).toEqual([0, 0.03125, 0.0625]);
    expect(parseCsvColumn(text, { column: '1' }).name).toBe('ppg');
  });

  it('reads whitespace- and tab-separated files without header', () => {
    expect(Array.from(parseCsvColumn('1 2\n3 4\n', { column: 1 }).values)).toEqual([2, 4]);
    expect(Array.from(parseCsvColumn('1\t2\n3\t4\n').values)).toEqual([1, 3]);
  });

  it('names the line and cell that is not a number', () => {
    expect(() => parseCsvColumn('a\n1\nx\n', { name: 's.csv' })).toThrow(
      new RuntimeError("s.csv: malformed CSV: line 3, column 0: 'x' is not a number"),
    );
  });

  it('rejects empty files and missing columns', () => {
    expect(() => parseCsvColumn('\n# only comments\n', { name: 'e.csv' })).toThrow(/no data rows/);
    expect(() => parseCsvColumn('1,2\n3,4\n', { column: 5 })).toThrow(UsageError);
    expect(() => parseCsvColumn('t,v\n1,2\n', { column: 'w' })).toThrow(/columns are t, v/);
    expect(() => parseCsvColumn('1,2\n3\n', { column: 1, name: 'r.csv' })).toThrow(
      /line 2 has 1 field/,
    );
  });
});

describe('argument parsers', () => {
  it('parses tones with optional phases', () => {
    expect(parseTones('10:1, 5:0.5:1.57')).toEqual([
      { freq: 10, amp: 1 },
      { freq: 5, amp: 0.5, phase: 1.57 },
    ]);
  });

  it.each(['', '10', '10:', 'a:1', '10:-1', '10:1:2:3', '10:1,,5:1', '0:1', '10:1,10:2'])(
    'rejects --tones %j',
    (text) => {
      expect(() => parseTones(text)).toThrow(UsageError);
    },
  );

  it('parses activations', () => {
    expect(parseActivation('leaky:0.1')).toEqual({ kind: 'leaky', alpha: 0.1 });
    expect(parseActivation('GELU')).toEqual({ kind: 'gelu' });
    expect(() => parseActivation('leaky:2')).toThrow(/α in \[0, 1\)/);
    expect(() => parseActivation('softplus')).toThrow(/must be one of/);
  });

  it('applies --set assignments with JSON values and dotted keys', () => {
    expect(
      applyAssignments({ a: 1, b: { c: 2 } }, ['a=3', 'b.c=[1,2]', 'd=text', 'e=true']),
    ).toEqual({
      a: 3,
      b: { c: [1, 2] },
      d: 'text',
      e: true,
    });
  });
});
