import { describe, expect, it } from 'vitest';
import { type AnalysisFields, paperVaFields, parseAnalysisFields } from './fields';

/** The paper's V.A signal as a form holds it. */
const VA = paperVaFields;
const fields = (patch: Partial<AnalysisFields>): AnalysisFields => ({ ...VA, ...patch });
const limits = { maxTones: 8, maxSamples: 65_536, maxTerms: 100 };

describe('parseAnalysisFields', () => {
  it('reads the paper V.A signal: 4 tones, fs 1024 Hz, 8 s = 8192 samples', () => {
    const parsed = parseAnalysisFields(VA, limits);
    expect(parsed).toEqual({
      ok: true,
      errors: {},
      value: {
        tones: [
          { freq: 10, amp: 1, phase: 0 },
          { freq: 5, amp: 1, phase: 0 },
          { freq: 20, amp: 1, phase: 0 },
          { freq: 40, amp: 1, phase: 0 },
        ],
        fs: 1024,
        duration: 8,
        n: 8192,
        activation: 'relu',
        alpha: 0.1,
        terms: 20,
        expansion: 'binomial',
        dc: 'keep',
      },
    });
  });

  it('passes the expansion and the DC choice through, and names an unknown one', () => {
    const chosen = parseAnalysisFields(fields({ expansion: 'chebyshev', dc: 'remove' }), limits);
    expect(chosen.ok && [chosen.value.expansion, chosen.value.dc]).toEqual(['chebyshev', 'remove']);
    const bad = parseAnalysisFields(
      fields({ expansion: 'pade' as never, dc: 'drop' as never }),
      limits,
    );
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual({
      expansion: "expansion must be one of binomial, chebyshev, got 'pade'",
      dc: "dc must be keep or remove, got 'drop'",
    });
  });

  it('reports each problem against its field', () => {
    const parsed = parseAnalysisFields(
      fields({
        fs: '100',
        tones: [
          { freq: '60', amp: '1', phase: '0' },
          { freq: '10', amp: '-1', phase: 'x' },
        ],
      }),
      limits,
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.errors).toEqual({
      'tone-0-freq':
        'f1 frequency must be a number > 0 Hz and ≤ 50 Hz (the Nyquist frequency fs/2), got "60"',
      'tone-1-amp': 'f2 amplitude must be a number ≥ 0, got "-1"',
      'tone-1-phase': 'f2 phase must be a finite number, got "x"',
    });
    expect(parsed.ok || parsed.error).toBe(parsed.errors['tone-0-freq']);
  });

  it('takes a tone at exactly the Nyquist frequency fs/2 and refuses one just above', () => {
    const at = parseAnalysisFields(
      fields({ fs: '100', tones: [{ freq: '50', amp: '1', phase: '0' }] }),
    );
    expect(at.ok).toBe(true);
    const above = parseAnalysisFields(
      fields({ fs: '100', tones: [{ freq: '50.001', amp: '1', phase: '0' }] }),
    );
    expect(above.errors['tone-0-freq']).toContain('≤ 50 Hz');
  });

  it('rejects no tones, too many, duplicate frequencies, all-zero amplitudes and too many samples', () => {
    expect(parseAnalysisFields(fields({ tones: [] }), limits).errors.tones).toBe(
      'tones must list at least one tone, got none',
    );
    const nine = Array.from({ length: 9 }, (_, i) => ({
      freq: String(i + 1),
      amp: '1',
      phase: '0',
    }));
    expect(parseAnalysisFields(fields({ tones: nine }), limits).errors.tones).toBe(
      'tones must list at most 8 tones, got 9',
    );
    const twins = parseAnalysisFields(
      fields({
        tones: [
          { freq: '5', amp: '1', phase: '0' },
          { freq: '5.0', amp: '1', phase: '0' },
        ],
      }),
      limits,
    );
    expect(twins.errors['tone-1-freq']).toBe(
      "f2 frequency must differ from every other tone's, got 5 Hz, the same as f1",
    );
    expect(
      parseAnalysisFields(fields({ tones: [{ freq: '5', amp: '0', phase: '0' }] }), limits).errors
        .tones,
    ).toBe('tones must have at least one amplitude > 0, got all zero');
    expect(
      parseAnalysisFields(fields({ fs: '1024', duration: '100' }), limits).errors.duration,
    ).toBe('fs·duration must give 2 to 65536 samples, got 102400 (1024 Hz × 100 s)');
    expect(parseAnalysisFields(fields({ fs: '1', duration: '1' }), limits).errors.duration).toBe(
      'fs·duration must give 2 to 65536 samples, got 1 (1 Hz × 1 s)',
    );
  });

  it('checks α only for the leaky ReLU (theory’s leakyAlphaRange), and terms against maxTerms', () => {
    expect(parseAnalysisFields(fields({ alpha: 'x' }), limits).ok).toBe(true);
    expect(parseAnalysisFields(fields({ activation: 'leaky', alpha: '1' }), limits).ok).toBe(true);
    expect(
      parseAnalysisFields(fields({ activation: 'leaky', alpha: '2' }), limits).errors.alpha,
    ).toBe('α must be a number ≥ 0 and ≤ 1, got "2"');
    expect(parseAnalysisFields(fields({ terms: '0' }), limits).errors.terms).toBe(
      'terms must be an integer ≥ 1 and ≤ 100, got "0"',
    );
    expect(parseAnalysisFields(fields({ terms: '101' }), limits).ok).toBe(false);
    expect(parseAnalysisFields(fields({ terms: '101' })).ok).toBe(true);
  });

  it('refuses limits outside the analysis’ own ranges, naming the limit', () => {
    expect(() => parseAnalysisFields(VA, { maxTerms: 100_001 })).toThrow(
      new RangeError('limits.maxTerms must be an integer in [1, 100000], got 100001'),
    );
    expect(() => parseAnalysisFields(VA, { maxTones: 0 })).toThrow(/limits\.maxTones/);
    expect(() => parseAnalysisFields(VA, { maxSamples: 1.5 })).toThrow(/limits\.maxSamples/);
  });
});
