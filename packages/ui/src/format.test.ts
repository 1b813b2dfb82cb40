import { describe, expect, it } from 'vitest';
import { formatHz, formatNumber, formatPercent } from './format';

describe('formatNumber', () => {
  it('keeps `digits` significant digits and switches to exponents outside [1e-4, 1e6)', () => {
    expect(formatNumber(1 / Math.PI)).toBe('0.31831');
    expect(formatNumber(1 / Math.PI, 3)).toBe('0.318');
    expect(formatNumber(123456.7)).toBe('123460');
    expect(formatNumber(1e6)).toBe('1.0000e+6');
    expect(formatNumber(-2.5e-5)).toBe('-2.5000e-5');
    expect(formatNumber(1e-4)).toBe('0.0001');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(-0)).toBe('0');
  });

  it('shows a dash for missing values and signed infinity symbols', () => {
    expect(formatNumber(null)).toBe('—');
    expect(formatNumber(undefined)).toBe('—');
    expect(formatNumber(Number.NaN)).toBe('—');
    expect(formatNumber(Number.POSITIVE_INFINITY)).toBe('∞');
    expect(formatNumber(Number.NEGATIVE_INFINITY)).toBe('−∞');
  });

  it('refuses digits outside 1…21, naming the parameter and the value', () => {
    expect(() => formatNumber(1, 0)).toThrow(
      new RangeError('formatNumber: digits must be an integer in 1…21, got 0'),
    );
    expect(() => formatNumber(1, 2.5)).toThrow(/digits must be an integer in 1…21, got 2\.5/);
  });
});

describe('formatPercent and formatHz', () => {
  it('formats a fraction as a percentage and a frequency with its unit', () => {
    expect(formatPercent(0.975)).toBe('97.5 %');
    expect(formatPercent(0.0123456, 3)).toBe('1.235 %');
    expect(formatPercent(1, 0)).toBe('100 %');
    expect(formatPercent(null)).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY)).toBe('—');
    expect(formatHz(512)).toBe('512 Hz');
    expect(formatHz(1 / 3)).toBe('0.333333 Hz');
  });

  it('refuses percent digits outside 0…20', () => {
    expect(() => formatPercent(0.5, -1)).toThrow(
      new RangeError('formatPercent: digits must be an integer in 0…20, got -1'),
    );
  });
});
