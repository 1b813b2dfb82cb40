import { describe, expect, it } from 'vitest';
import { DecodeError } from './decode-error';
import { decodeCsv, decodeRecording } from './recording';
import { decodeWav, encodeWav } from './wav';

const ramp = Array.from({ length: 64 }, (_, i) => Math.sin((2 * Math.PI * 3 * i) / 64) * 0.75);

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return (error as DecodeError).code;
  }
  return undefined;
}

describe('decodeWav / encodeWav', () => {
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
    expect(decodeWav(extra).channels[0]!.length).toBe(ramp.length);
  });

  it('rejects a file that is not RIFF/WAVE, naming the file', () => {
    const run = () => decodeWav(new TextEncoder().encode('hello world, not a wav'), 'x.wav');
    expect(run).toThrow('x.wav: not a readable WAV file: missing RIFF/WAVE header');
    expect(codeOf(run)).toBe('malformed-wav');
  });

  it('rejects unsupported encodings and missing data', () => {
    const bytes = encodeWav([ramp], 1000, 'pcm16');
    const bad = bytes.slice();
    new DataView(bad.buffer).setUint16(20, 6, true);
    expect(() => decodeWav(bad)).toThrow(/unsupported format code 6/);
    expect(codeOf(() => decodeWav(bad))).toBe('unsupported-wav');
    expect(() => decodeWav(bytes.slice(0, 36))).toThrow(/no data chunk/);
    expect(() => decodeWav(encodeWav([ramp], 1000).subarray(0, 40), 's.wav')).toThrow(
      /s\.wav: not a readable WAV file/,
    );
  });

  it('refuses a data chunk shorter than its header says (a truncated file), naming both sizes', () => {
    const bytes = encodeWav([ramp], 1000, 'pcm16');
    const size = new DataView(bytes.buffer).getUint32(40, true);
    const cut = bytes.subarray(0, bytes.byteLength - 3);
    expect(() => decodeWav(cut, 'cut.wav')).toThrow(
      `cut.wav: not a readable WAV file: data chunk says ${size} bytes but the file holds ${size - 3} after its header (truncated)`,
    );
    expect(codeOf(() => decodeWav(cut))).toBe('malformed-wav');
    const streamed = bytes.slice(0, bytes.byteLength - 2);
    new DataView(streamed.buffer).setUint32(40, 0xffffffff, true);
    expect(decodeWav(streamed).channels[0]).toHaveLength(ramp.length - 1);
  });
});

describe('decodeCsv', () => {
  it('reads a header, picks a column by name or index, skips comments and blanks', () => {
    const text = '# recorded 2026\ntime,ppg\n0,1.5\n\n0.03125,-2e-1\n0.0625,3\n';
    expect(Array.from(decodeCsv(text, { column: 'ppg' }).values)).toEqual([1.5, -0.2, 3]);
    expect(Array.from(decodeCsv(text, { column: 0 }).values)).toEqual([0, 0.03125, 0.0625]);
    expect(decodeCsv(new TextEncoder().encode(text), { column: '1' }).name).toBe('ppg');
  });

  it('reads whitespace-, tab- and semicolon-separated files without header, and quoted cells', () => {
    expect(Array.from(decodeCsv('1 2\n3 4\n', { column: 1 }).values)).toEqual([2, 4]);
    expect(Array.from(decodeCsv('1\t2\n3\t4\n').values)).toEqual([1, 3]);
    expect(Array.from(decodeCsv('1;2\n3;4\n', { column: 1 }).values)).toEqual([2, 4]);
    expect(Array.from(decodeCsv('"a","b"\n"1","2"\n', { column: 'b' }).values)).toEqual([2]);
  });

  it('names the line and cell that is not a number', () => {
    const run = () => decodeCsv('a\n1\nx\n', { name: 's.csv' });
    expect(run).toThrow("s.csv: malformed CSV: line 3, column 0: 'x' is not a number");
    expect(codeOf(run)).toBe('malformed-csv');
  });

  it('rejects empty and binary files and missing columns', () => {
    expect(() => decodeCsv('\n# only comments\n', { name: 'e.csv' })).toThrow(/no data rows/);
    expect(() => decodeCsv('t\n', { name: 'e.csv' })).toThrow(/a header but no data rows/);
    expect(codeOf(() => decodeCsv(new Uint8Array([49, 0, 50])))).toBe('malformed-csv');
    expect(codeOf(() => decodeCsv('1,2\n3,4\n', { column: 5 }))).toBe('no-such-column');
    expect(() => decodeCsv('t,v\n1,2\n', { column: 'w' })).toThrow(
      "column 'w' not found in CSV file: columns are 't', 'v'",
    );
    expect(() => decodeCsv('1,2\n3\n', { column: 1, name: 'r.csv' })).toThrow(/line 2 has 1 field/);
  });

  it('issue 17 fuzz finding: a hostile cell or header is quoted, escaped and cut, never echoed raw', () => {
    const clear = '\u001b[2J';
    const cell = () =>
      decodeCsv(`1,0\n2,0\n${clear}x\r3${'9'.repeat(10_000)},0\n`, { name: 'h.csv' });
    expect(cell).toThrow(
      `h.csv: malformed CSV: line 3, column 0: '\\u001b[2Jx\\u000d3${'9'.repeat(33)}…' (10007 characters) is not a number`,
    );
    const header = `${Array.from({ length: 12 }, (_, i) => `h${i}\u2028x`).join(',')}\n${'1,'.repeat(11)}1\n`;
    expect(() => decodeCsv(header, { column: 'w', name: 'h.csv' })).toThrow(
      "column 'w' not found in h.csv: columns are 'h0\\u2028x', 'h1\\u2028x', 'h2\\u2028x', 'h3\\u2028x', 'h4\\u2028x', 'h5\\u2028x', 'h6\\u2028x', 'h7\\u2028x', … (12 in all)",
    );
    expect(() => decodeCsv('1\n', { column: '\n' })).toThrow("column '\\u000a' not found");
  });
});

describe('decodeRecording', () => {
  const csv = new TextEncoder().encode(`t,ppg\n${ramp.map((v, i) => `${i},${v}`).join('\n')}\n`);
  const wav = encodeWav([ramp, ramp.map((v) => -v)], 64, 'float32');

  it('reads WAV by its name with the header rate, and CSV with the given rate', () => {
    const w = decodeRecording(wav, { name: 'A.WAV', column: 1 });
    expect(w.fs).toBe(64);
    expect(w.source).toBe('channel 1 (float32)');
    expect(Math.abs(w.samples[5]! + ramp[5]!)).toBeLessThan(1e-7);
    expect(decodeRecording(wav, { name: 'a.wav', fs: 32 }).fs).toBe(64);
    expect(decodeRecording(wav, { name: 'a.wav', fs: 32, fsOverridesHeader: true }).fs).toBe(32);
    const c = decodeRecording(csv, { name: 'a.csv', column: 'ppg', fs: 32 });
    expect(c).toMatchObject({ fs: 32, source: 'ppg' });
    expect(Array.from(c.samples)).toEqual(ramp);
  });

  it('asks for the rate of a CSV, and rejects a channel that is not there or a bad fs', () => {
    expect(codeOf(() => decodeRecording(csv, { name: 'a.csv' }))).toBe('missing-rate');
    expect(() => decodeRecording(wav, { name: 'a.wav', column: 2 })).toThrow(
      'column 2 is out of range: a.wav has 2 channel(s), numbered from 0',
    );
    expect(codeOf(() => decodeRecording(wav, { name: 'a.wav', column: -1 }))).toBe(
      'no-such-column',
    );
    expect(() => decodeRecording(csv, { name: 'a.csv', fs: 0 })).toThrow(
      /fs must be a finite number > 0, got 0/,
    );
  });
});
