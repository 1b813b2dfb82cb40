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

describe('explorer validation (theory’s rules, the explorer’s limits)', () => {
  it('passes the explorer’s limits and keeps the display choices', () => {
    expect(parseExplorerForm(form({ terms: '101' })).errors.terms).toBe(
      'terms must be an integer ≥ 1 and ≤ 100, got "101"',
    );
    expect(parseExplorerForm(form({ fs: '1024', duration: '100' })).errors.duration).toBe(
      'fs·duration must give 2 to 65536 samples, got 102400 (1024 Hz × 100 s)',
    );
    const parsed = parseExplorerForm(form({ expansion: 'chebyshev', dc: 'remove', log: true }));
    expect(parsed.ok && [parsed.value.expansion, parsed.value.dc, parsed.value.log]).toEqual([
      'chebyshev',
      'remove',
      true,
    ]);
  });
});
