import { describe, expect, it } from 'vitest';
import { analyzeActivation } from './analyze';
import {
  ANALYSIS_BYTES_PER_SAMPLE,
  checkToneGrid,
  DEFAULT_MAX_ANALYSIS_SAMPLES,
  MAX_AMPLITUDE_SUM,
  MIN_ANALYSIS_SAMPLES,
  ToneGridError,
} from './rules';

function gridError(f: () => void): ToneGridError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ToneGridError);
    expect(e).toBeInstanceOf(RangeError);
    return e as ToneGridError;
  }
  throw new Error('no error');
}

describe('checkToneGrid', () => {
  it('accepts a tone exactly one bin (fs/n) above DC and a sum of amplitudes at the limit', () => {
    expect(() => checkToneGrid([{ freq: 0.125, amp: 1 }], 1024, 8192)).not.toThrow();
    expect(() =>
      checkToneGrid(
        [
          { freq: 10, amp: MAX_AMPLITUDE_SUM / 2 },
          { freq: 20, amp: -MAX_AMPLITUDE_SUM / 2 },
        ],
        1024,
        8192,
      ),
    ).not.toThrow();
  });

  it('refuses a tone below one bin, naming the bin and the frequency', () => {
    const e = gridError(() =>
      checkToneGrid(
        [
          { freq: 10, amp: 1 },
          { freq: 0.1, amp: 1 },
        ],
        1024,
        8192,
      ),
    );
    expect([e.code, e.value, e.binHz]).toEqual(['below-one-bin', 0.1, 0.125]);
    expect(e.message).toBe(
      'tones frequencies must be at least one bin, fs/n = 0.125 Hz, got 0.1 Hz',
    );
  });

  it('refuses an amplitude sum beyond the limit, and a non-finite one', () => {
    const e = gridError(() =>
      checkToneGrid(
        [
          { freq: 10, amp: 1e100 },
          { freq: 20, amp: 1e99 },
        ],
        1024,
        8192,
      ),
    );
    expect([e.code, e.value]).toEqual(['amplitude-sum', 1.1e100]);
    expect(gridError(() => checkToneGrid([{ freq: 10, amp: Number.NaN }], 1024, 8192)).code).toBe(
      'amplitude-sum',
    );
  });
});

describe('analysis budgets', () => {
  it('the default sample bound is 2^22 and its memory about 0.8 GB at the measured bytes per sample', () => {
    expect(DEFAULT_MAX_ANALYSIS_SAMPLES).toBe(2 ** 22);
    expect(DEFAULT_MAX_ANALYSIS_SAMPLES * ANALYSIS_BYTES_PER_SAMPLE).toBeCloseTo(0.805e9, -7);
  });

  it('an analysis of the fewest samples allowed runs and measures the sampled DC', () => {
    // cos(2π·4k/16) samples 1, 0, −1, 0, …: ReLU keeps 1 of every 4, a mean of 1/4.
    const a = analyzeActivation([{ freq: 4, amp: 1 }], { fs: 16, n: MIN_ANALYSIS_SAMPLES });
    expect(a.n).toBe(16);
    expect(a.dc.measured).toBeCloseTo(0.25, 12);
  });
});
