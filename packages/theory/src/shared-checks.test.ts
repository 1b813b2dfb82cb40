import { amplitudeSpectrum } from '@rectify/signal';
import { describe, expect, it } from 'vitest';
import { dcAfterFilter } from './dc';
import { reluSeries } from './series';

/** The message of the error `fn` throws, with its class. */
function thrown(fn: () => unknown): { kind: string; message: string } {
  try {
    fn();
  } catch (e) {
    return { kind: (e as Error).constructor.name, message: (e as Error).message };
  }
  throw new Error('expected a throw');
}

// theory's boundary checks are signal's (`@rectify/signal/validate`): the same rule broken the
// same way gives the same class and the same words in both packages, parameter name aside.
describe('one wording for bad input across signal and theory', () => {
  const words = (m: string) => m.replace(/^\S+( \([^)]*\))? /, '');

  it.each([
    ['a string sampling rate', 'x'],
    ['a negative sampling rate', -1],
    ['NaN', Number.NaN],
  ])('%s: dcAfterFilter fs and amplitudeSpectrum fs', (_, fs) => {
    const theory = thrown(() => dcAfterFilter([1, -1], 1, 1, fs as number));
    const signal = thrown(() => amplitudeSpectrum([1, 2, 3, 4], { fs: fs as number }));
    expect(theory.kind).toBe(signal.kind);
    expect(words(theory.message)).toBe(words(signal.message));
    expect(theory.message).toMatch(/^fs \(Hz\) must be a finite number > 0, got /);
  });

  it.each([
    ['an empty array', [], 'must have at least 1 element, got length 0'],
    ['a NaN sample', [1, Number.NaN], 'must contain only finite numbers, got NaN at index 1'],
    ['a string sample', [1, '2'], "must contain only numbers, got '2' at index 1"],
  ])('%s: reluSeries x and amplitudeSpectrum x', (_, x, rule) => {
    const theory = thrown(() => reluSeries(x as number[], { terms: 3 }));
    const signal = thrown(() => amplitudeSpectrum(x as number[], { fs: 1 }));
    expect(theory).toEqual(signal);
    expect(theory.message).toBe(`x ${rule}`);
  });
});
