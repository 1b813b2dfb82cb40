import { describe, expect, it } from 'vitest';
import { parseTones, splitToneList, ToneListError } from './rules';

describe('splitToneList', () => {
  it('splits items at commas and fields at colons, keeping every character as written', () => {
    expect(splitToneList('10:1,5:0.5:1.57')).toEqual([
      ['10', '1'],
      ['5', '0.5', '1.57'],
    ]);
    expect(splitToneList(' 10 : x ,')).toEqual([[' 10 ', ' x '], ['']]);
    expect(splitToneList('')).toEqual([['']]);
  });

  it('is the syntax parseTones reads: the same items, trimmed, give the same tones', () => {
    const text = ' 10:1 , 5 : 0.5 : 1.57';
    const rebuilt = splitToneList(text)
      .map((fields) => fields.map((f) => f.trim()).join(':'))
      .join(',');
    expect(parseTones(rebuilt)).toEqual(parseTones(text));
  });

  it('refuses a text that is not a string with a ToneListError', () => {
    expect(() => splitToneList(7 as unknown as string)).toThrow(ToneListError);
    expect(() => splitToneList(7 as unknown as string)).toThrow('tones must be a string, got 7');
  });
});
