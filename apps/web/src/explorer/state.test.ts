import { describe, expect, it } from 'vitest';
import {
  DEFAULT_FORM,
  type ExplorerForm,
  formFromQuery,
  formToQuery,
  parseExplorerForm,
} from './state';

const form = (patch: Partial<ExplorerForm>): ExplorerForm => ({
  ...structuredClone(DEFAULT_FORM),
  ...patch,
});

describe('explorer URL state', () => {
  it('defaults to the paper V.A signal: 4 tones, fs 1024 Hz, 8 s = 8192 samples', () => {
    const parsed = parseExplorerForm(formFromQuery(new URLSearchParams()));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.tones.map((t) => t.freq)).toEqual([10, 5, 20, 40]);
    expect(parsed.value.n).toBe(8192);
  });

  it('round-trips every field, including text that is not (yet) valid', () => {
    const original = form({
      tones: [
        { freq: '12.5', amp: '0.5', phase: '-1.2' },
        { freq: 'a:b,c', amp: '', phase: '%' },
      ],
      fs: '2048',
      duration: '0.25',
      activation: 'leaky',
      alpha: '0.2',
      expansion: 'chebyshev',
      terms: '33',
      dc: 'remove',
      log: true,
    });
    const query = new URLSearchParams(formToQuery(original).toString());
    expect(formFromQuery(query)).toEqual(original);
  });

  it('keeps an empty tone list empty (so the page can say so)', () => {
    const query = formToQuery(form({ tones: [] }));
    expect(formFromQuery(new URLSearchParams(query.toString())).tones).toEqual([]);
  });

  it('falls back to defaults for unknown choices', () => {
    const parsed = formFromQuery(new URLSearchParams('act=swish&exp=pade&dc=maybe'));
    expect([parsed.activation, parsed.expansion, parsed.dc]).toEqual(['relu', 'binomial', 'keep']);
  });
});

describe('explorer validation', () => {
  it('reports each problem against its field', () => {
    const parsed = parseExplorerForm(
      form({
        fs: '100',
        tones: [
          { freq: '60', amp: '1', phase: '0' },
          { freq: '10', amp: '-1', phase: 'x' },
        ],
      }),
    );
    expect(parsed.ok).toBe(false);
    expect(parsed.errors).toEqual({
      'tone-0-freq':
        'f1 frequency must be a number > 0 Hz and ≤ 50 Hz (the Nyquist frequency fs/2), got "60"',
      'tone-1-amp': 'f2 amplitude must be a number ≥ 0, got "-1"',
      'tone-1-phase': 'f2 phase must be a finite number, got "x"',
    });
  });

  it('rejects no tones, duplicate frequencies, all-zero amplitudes and too many samples', () => {
    expect(parseExplorerForm(form({ tones: [] })).errors.tones).toBe(
      'tones must list at least one tone, got none',
    );
    const twins = parseExplorerForm(
      form({
        tones: [
          { freq: '5', amp: '1', phase: '0' },
          { freq: '5.0', amp: '1', phase: '0' },
        ],
      }),
    );
    expect(twins.errors['tone-1-freq']).toBe(
      "f2 frequency must differ from every other tone's, got 5 Hz, the same as f1",
    );
    expect(
      parseExplorerForm(form({ tones: [{ freq: '5', amp: '0', phase: '0' }] })).errors.tones,
    ).toBe('tones must have at least one amplitude > 0, got all zero');
    expect(parseExplorerForm(form({ fs: '1024', duration: '100' })).errors.duration).toBe(
      'fs·duration must give 2 to 65536 samples, got 102400 (1024 Hz × 100 s)',
    );
  });

  it('checks α only for the leaky ReLU, and terms as an integer in [1, 100]', () => {
    expect(parseExplorerForm(form({ alpha: 'x' })).ok).toBe(true);
    expect(parseExplorerForm(form({ activation: 'leaky', alpha: '2' })).errors.alpha).toBe(
      'α must be a number ≥ 0 and ≤ 1, got "2"',
    );
    expect(parseExplorerForm(form({ terms: '0' })).errors.terms).toBe(
      'terms must be an integer ≥ 1 and ≤ 100, got "0"',
    );
  });
});
