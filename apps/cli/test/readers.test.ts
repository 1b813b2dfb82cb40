import { describe, expect, it } from 'vitest';
import { UsageError } from '../src/errors';
import { parseActivation, parseTones } from '../src/parse';

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
    expect(() => parseActivation('leaky:2')).toThrow(/α in \[0, 1\], got '2'/);
    expect(() => parseActivation('softplus')).toThrow(/must be one of/);
  });
});
