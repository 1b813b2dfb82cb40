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
    // Unabridged, this expansion runs for minutes: rejecting at all (within the test's timeout)
    // shows the signal was honoured; no wall-clock bound is asserted (benchmarks time things).
    await expect(pending).rejects.toBeInstanceOf(ExpansionAbortedError);
  });

  it('gives the sync spectra bit for bit where the FFTs run in steps (n = 65 537, a prime)', async () => {
    const options = { fs: 65_537, n: 65_537, terms: 20 };
    const tones = [{ freq: 1000, amp: 1 }];
    const sync = analyzeActivation(tones, options);
    const async_ = await analyzeActivationAsync(tones, options);
    expect(async_.spectra.output.amplitude).toEqual(sync.spectra.output.amplitude);
    expect(async_.spectra.input.amplitude).toEqual(sync.spectra.input.amplitude);
    expect(async_.lines).toEqual(sync.lines);
    expect(async_.dc).toEqual(sync.dc);
  });

  it('its signal also stops the FFT of a long recording (2^22 − 3 samples, a prime: Bluestein)', async () => {
    // Samples: no prediction runs, so the only work that can take the abort is the FFTs.
    const n = 4_194_301;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = Math.cos((2 * Math.PI * 10 * i) / n) + 0.1;
    const controller = new AbortController();
    const reason = new Error('Ctrl-C');
    let finished = false;
    const pending = analyzeActivationAsync(x, { fs: n, signal: controller.signal }).then(() => {
      finished = true;
    });
    setTimeout(() => controller.abort(reason), 5);
    const error = await pending.catch((e: unknown) => e);
    expect(finished).toBe(false);
    expect(error).toBeInstanceOf(ExpansionAbortedError);
    expect(error).toMatchObject({ name: 'AbortError', cause: reason });
    expect((error as Error).message).toBe('analyzeActivationAsync was aborted by its signal');
  }, 60_000);
});
