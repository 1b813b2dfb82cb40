import { describe, expect, it } from 'vitest';
import { type AnalysisFields, paperVaFields } from './fields';
import {
  analysisFieldsFromQuery,
  analysisFieldsToQuery,
  toneFieldsFromText,
  toneFieldsToText,
} from './fields-query';
import { parseTones } from './rules';

/** The paper's V.A signal as a form holds it. */
const VA = paperVaFields;

/** Through the URL and back, as a browser does it. */
const roundTrip = (fields: AnalysisFields) =>
  analysisFieldsFromQuery(
    new URLSearchParams(new URLSearchParams(analysisFieldsToQuery(fields)).toString()),
    VA,
  );

describe('tone fields as theory’s tone list', () => {
  it('writes freq:amp:phase items that parseTones reads', () => {
    const text = toneFieldsToText([
      { freq: '10', amp: '2', phase: '0' },
      { freq: '5', amp: '0.5', phase: '1.57' },
    ]);
    expect(text).toBe('10:2:0,5:0.5:1.57');
    expect(parseTones(text)).toEqual([
      { freq: 10, amp: 2, phase: 0 },
      { freq: 5, amp: 0.5, phase: 1.57 },
    ]);
  });

  it('round-trips any text, fills a missing amplitude and phase, and reads none from ""', () => {
    const odd = [
      { freq: 'a:b,c', amp: '', phase: '%' },
      { freq: '12.5', amp: '0.5', phase: '-1.2' },
    ];
    expect(toneFieldsFromText(toneFieldsToText(odd))).toEqual(odd);
    expect(toneFieldsFromText('10:2,5')).toEqual([
      { freq: '10', amp: '2', phase: '0' },
      { freq: '5', amp: '1', phase: '0' },
    ]);
    expect(toneFieldsFromText('')).toEqual([]);
    expect(toneFieldsToText([])).toBe('');
    // A hand-written URL with a bad escape keeps the text as written instead of throwing.
    expect(toneFieldsFromText('10%:1')).toEqual([{ freq: '10%', amp: '1', phase: '0' }]);
  });
});

describe('analysis fields in a URL query', () => {
  it('round-trips every field, including text that is not (yet) valid', () => {
    const typed: AnalysisFields = {
      tones: [
        { freq: '12.5', amp: '0.5', phase: '-1.2' },
        { freq: 'a:b,c', amp: '', phase: '%' },
      ],
      fs: '2048',
      duration: '0.25',
      activation: 'leaky',
      alpha: '0.2',
      terms: '33',
      expansion: 'chebyshev',
      dc: 'remove',
    };
    expect(roundTrip(typed)).toEqual(typed);
    expect(roundTrip({ ...typed, tones: [] }).tones).toEqual([]);
  });

  it('writes α only for the leaky ReLU, the one activation that reads it', () => {
    expect(analysisFieldsToQuery(VA)).toEqual({
      tones: '10:1:0,5:1:0,20:1:0,40:1:0',
      fs: '1024',
      duration: '8',
      act: 'relu',
      terms: '20',
      exp: 'binomial',
      dc: 'keep',
    });
    expect(analysisFieldsToQuery({ ...VA, activation: 'leaky' }).alpha).toBe('0.1');
  });

  it('falls back to the defaults for missing parameters and unknown choices, never sharing them', () => {
    const read = analysisFieldsFromQuery(
      new URLSearchParams('act=swish&exp=pade&dc=maybe&fs=512'),
      VA,
    );
    expect(read).toEqual({ ...VA, fs: '512' });
    expect(
      analysisFieldsFromQuery(new URLSearchParams('exp=chebyshev&dc=remove'), VA),
    ).toMatchObject({ expansion: 'chebyshev', dc: 'remove' });
    expect(read.tones).not.toBe(VA.tones);
    expect(read.tones[0]).not.toBe(VA.tones[0]);
  });
});
