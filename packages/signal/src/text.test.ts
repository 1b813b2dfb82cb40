import { describe, expect, it } from 'vitest';
import { parseNumberListText, parseNumberText } from './text';

describe('parseNumberText', () => {
  it('accepts decimal and exponent notation', () => {
    expect(parseNumberText('fs', ' 1024 ')).toEqual({ ok: true, value: 1024 });
    expect(parseNumberText('fs', '1.5e3')).toEqual({ ok: true, value: 1500 });
    expect(parseNumberText('fs', '.5')).toEqual({ ok: true, value: 0.5 });
    expect(parseNumberText('x', '-3')).toEqual({ ok: true, value: -3 });
  });

  it('names the field, the rule and the text received', () => {
    expect(parseNumberText('fs', 'abc', { min: 0, minInclusive: false, unit: 'Hz' })).toEqual({
      ok: false,
      error: 'fs must be a number > 0 Hz, got "abc"',
    });
    expect(parseNumberText('fs', '', { min: 0, minInclusive: false, unit: 'Hz' })).toEqual({
      ok: false,
      error: 'fs must be a number > 0 Hz, got an empty field',
    });
    expect(
      parseNumberText('f1 frequency', '600', {
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
    expect(parseNumberText('terms', '2.5', { min: 1, max: 100, integer: true })).toEqual({
      ok: false,
      error: 'terms must be an integer ≥ 1 and ≤ 100, got "2.5"',
    });
  });

  it('rejects what Number() would accept but a person did not mean', () => {
    for (const text of ['0x10', 'Infinity', '1e999', '1,5', 'NaN', '  ']) {
      expect(parseNumberText('v', text).ok, text).toBe(false);
    }
  });

  it('applies inclusive and exclusive bounds exactly at the edges', () => {
    expect(parseNumberText('a', '0', { min: 0 }).ok).toBe(true);
    expect(parseNumberText('a', '0', { min: 0, minInclusive: false }).ok).toBe(false);
    expect(parseNumberText('a', '512', { max: 512 }).ok).toBe(true);
    expect(parseNumberText('a', '512', { max: 512, maxInclusive: false }).ok).toBe(false);
  });
});

describe('parseNumberListText', () => {
  it('splits on commas, spaces and semicolons', () => {
    expect(parseNumberListText('kernel', '0.6, -0.4;1  2')).toEqual({
      ok: true,
      value: [0.6, -0.4, 1, 2],
    });
  });

  it('reports the bad element and the length rule', () => {
    expect(parseNumberListText('kernel', '1, x')).toEqual({
      ok: false,
      error: 'kernel[1] must be a finite number, got "x"',
    });
    expect(parseNumberListText('kernel', ' ')).toEqual({
      ok: false,
      error: 'kernel must list 1 to 64 numbers, got 0',
    });
    expect(parseNumberListText('kernel', '1 2 3', { maxLength: 2 })).toEqual({
      ok: false,
      error: 'kernel must list 1 to 2 numbers, got 3',
    });
  });
});

describe('text parsers at the boundary', () => {
  it('refuse a text that is not a string, naming the field', () => {
    expect(() => parseNumberText('fs', 12 as unknown as string)).toThrow(
      new TypeError('fs must be given as a string, got 12'),
    );
    expect(() => parseNumberListText('kernel', null as unknown as string)).toThrow(
      new TypeError('kernel must be given as a string, got null'),
    );
  });

  it('take a list at exactly its length limits and refuse one past them', () => {
    expect(parseNumberListText('k', '1 2', { minLength: 2, maxLength: 2 }).ok).toBe(true);
    expect(parseNumberListText('k', '1', { minLength: 2, maxLength: 2 }).ok).toBe(false);
    expect(parseNumberListText('k', '1e999').ok).toBe(false);
  });
});
