import { describe, expect, it } from 'vitest';
import { analyzeActivation, analyzeActivationAsync } from './analyze';
import { ExpansionAbortedError, LineBudgetError } from './errors';

const VA = [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 }));
const SIX = [1, Math.SQRT2, Math.PI, Math.E, 7.1, 11.3].map((freq) => ({ freq, amp: 1 }));

describe('analyzeActivationAsync', () => {
  it('gives the same analysis as analyzeActivation (V.A, 50 terms)', async () => {
    const sync = analyzeActivation(VA, { fs: 1024, n: 8192, terms: 50 });
    const async_ = await analyzeActivationAsync(VA, { fs: 1024, n: 8192, terms: 50 });
    expect(async_.lines).toEqual(sync.lines);
    expect(async_.dc).toEqual(sync.dc);
    expect(async_.seriesError).toEqual(sync.seriesError);
  });

  it('refuses six incommensurate tones at 50 terms past the default budget before any work', async () => {
    const start = performance.now();
    await expect(analyzeActivationAsync(SIX, { fs: 1024, terms: 50 })).rejects.toBeInstanceOf(
      LineBudgetError,
    );
    expect(() => analyzeActivation(SIX, { fs: 1024, terms: 50 })).toThrow(LineBudgetError);
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it('honours maxOrder and maxLines: a cut that fits runs, a smaller budget is refused', async () => {
    const cut = await analyzeActivationAsync(SIX, { fs: 64, n: 512, terms: 20, maxOrder: 4 });
    expect(cut.predicted?.length).toBeGreaterThan(6);
    await expect(
      analyzeActivationAsync(SIX, { fs: 64, n: 512, terms: 20, maxOrder: 4, maxLines: 10 }),
    ).rejects.toBeInstanceOf(LineBudgetError);
  });

  it('rejects with ExpansionAbortedError when its signal fires during the prediction', async () => {
    const controller = new AbortController();
    const pending = analyzeActivationAsync(SIX, {
      fs: 64,
      n: 512,
      terms: 20,
      maxLines: 1e9,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 50);
    const start = performance.now();
    await expect(pending).rejects.toBeInstanceOf(ExpansionAbortedError);
    expect(performance.now() - start).toBeLessThan(1000);
  });
});
