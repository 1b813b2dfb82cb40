import { describe, expect, it } from 'vitest';
import { parseNumber, parseNumberList } from './parse';

describe('parseNumber', () => {
  it('accepts decimal and exponent notation', () => {
    expect(parseNumber('fs', ' 1024 ')).toEqual({ ok: true, value: 1024 });
    expect(parseNumber('fs', '1.5e3')).toEqual({ ok: true, value: 1500 });
    expect(parseNumber('fs', '.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseNumber('x', '-3')).toEqual({ ok: true, value: -3 });
  });

  it('names the field, the rule and the text received', () => {
    expect(parseNumber('fs', 'abc', { min: 0, minInclusive: false, unit: 'Hz' })).toEqual({
      ok: false,
      error: 'fs must be a number > 0 Hz, got "abc"',
    });
    expect(parseNumber('fs', '', { min: 0, minInclusive: false, unit: 'Hz' })).toEqual({
      ok: false,
      error: 'fs must be a number > 0 Hz, got an empty field',
    });
    expect(
      parseNumber('f1 frequency', '600', {
        min: 0,
        minInclusive: false,
        max: 512,
        unit: 'Hz',
        maxReason: 'the Nyquist frequency fs/2',
      }),
    ).toEqual({
      ok: false,
      error:
        'f1 frequency must be a number > 0 Hz and ≤ 512 Hz (the Nyquist frequency fs/2), got "600"',
    });
    expect(parseNumber('terms', '2.5', { min: 1, max: 100, integer: true })).toEqual({
      ok: false,
      error: 'terms must be an integer ≥ 1 and ≤ 100, got "2.5"',
    });
  });

  it('rejects what Number() would accept but a person did not mean', () => {
    for (const text of ['0x10', 'Infinity', '1e999', '1,5', 'NaN', '  ']) {
      expect(parseNumber('v', text).ok, text).toBe(false);
    }
  });

  it('applies inclusive and exclusive bounds exactly at the edges', () => {
    expect(parseNumber('a', '0', { min: 0 }).ok).toBe(true);
    expect(parseNumber('a', '0', { min: 0, minInclusive: false }).ok).toBe(false);
    expect(parseNumber('a', '512', { max: 512 }).ok).toBe(true);
    expect(parseNumber('a', '512', { max: 512, maxInclusive: false }).ok).toBe(false);
  });
});

describe('parseNumberList', () => {
  it('splits on commas, spaces and semicolons', () => {
    expect(parseNumberList('kernel', '0.6, -0.4;1  2')).toEqual({
      ok: true,
      value: [0.6, -0.4, 1, 2],
    });
  });

  it('reports the bad element and the length rule', () => {
    expect(parseNumberList('kernel', '1, x')).toEqual({
      ok: false,
      error: 'kernel[1] must be a finite number, got "x"',
    });
    expect(parseNumberList('kernel', ' ')).toEqual({
      ok: false,
      error: 'kernel must list 1 to 64 numbers, got 0',
    });
    expect(parseNumberList('kernel', '1 2 3', { maxLength: 2 })).toEqual({
      ok: false,
      error: 'kernel must list 1 to 2 numbers, got 3',
    });
  });
});
