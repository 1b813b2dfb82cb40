import { describe, expect, it } from 'vitest';
import { signalA } from '../test/inputs';
import { ASYNC_MIN_SAMPLES } from './fft-async';
import {
  amplitudeSpectrum,
  amplitudeSpectrumAsync,
  createFft,
  FftAbortedError,
  rfft,
  rfftAsync,
} from './index';

/** Every double of a and b compared as bits (NaN-safe, −0 ≠ +0): "bit-identical". */
function expectSameBits(a: Float64Array, b: Float64Array): void {
  expect(a.length).toBe(b.length);
  const x = new BigUint64Array(a.buffer, a.byteOffset, a.length);
  const y = new BigUint64Array(b.buffer, b.byteOffset, b.length);
  let first = -1;
  for (let i = 0; i < x.length && first < 0; i++) if (x[i] !== y[i]) first = i;
  expect(first, `first differing double at index ${first}`).toBe(-1);
}

describe('rfftAsync gives the bits of rfft', () => {
  // Each path of the plan: packed power of two, packed mixed radix, odd Stockham (real input
  // widened), a prime through Rader, a prime through Bluestein on real input, 2·prime (packed
  // over a Bluestein half).
  const lengths = [
    { n: 100, path: 'small: the synchronous path' },
    { n: 2 ** 17, path: 'packed 2^16' },
    { n: 2 ** 13 * 15, path: 'packed mixed radix 2^12·3·5' },
    { n: 3 ** 11, path: 'odd Stockham 3^11' },
    { n: 65_537, path: 'prime: Rader over 2^16' },
    { n: 2 * 131_071, path: '2·prime: packed over Bluestein' },
    { n: 1_048_573, path: 'prime 2^20 − 3: Bluestein over several steps' },
  ];
  for (const { n, path } of lengths) {
    it(`n = ${n} (${path})`, async () => {
      const x = signalA(n);
      // The first call builds the (cached) plan in steps; a fresh plan built in one go by
      // createFft checks those tables too.
      const X = await rfftAsync(x);
      expectSameBits(X, createFft(n).realForward(x));
      expectSameBits(X, rfft(x));
    });
  }

  it('writes out when given, and takes a plain array', async () => {
    const n = ASYNC_MIN_SAMPLES + 6;
    const x = Array.from(signalA(n));
    const out = new Float64Array(2 * (n / 2 + 1));
    const X = await rfftAsync(x, { out });
    expect(X).toBe(out);
    expectSameBits(out, rfft(x));
  });

  it('two transforms in flight and a synchronous one between their steps do not share scratch', async () => {
    const a = signalA(1_048_573);
    const b = signalA(2 ** 20).map((v) => v * 0.5 + 1);
    const c = signalA(4099);
    let between: Float64Array | undefined;
    const timer = setTimeout(() => {
      between = rfft(c);
    }, 0);
    const [A, B] = await Promise.all([rfftAsync(a), rfftAsync(b)]);
    clearTimeout(timer);
    expectSameBits(A, rfft(a));
    expectSameBits(B, rfft(b));
    if (between) expectSameBits(between, rfft(c));
  });
});

describe('rfftAsync stops when its signal fires', () => {
  it('mid-transform: rejects with FftAbortedError (code, cause) before the transform ends', async () => {
    const controller = new AbortController();
    const reason = new Error('user pressed Ctrl-C');
    // The signal fires as the transform checks it for the third time, between two of its steps
    // (a timer could fire only after the ~50 ms slice, which a fast machine may not fill).
    let checks = 0;
    const signal = {
      get aborted() {
        checks++;
        if (checks === 3) controller.abort(reason);
        return controller.signal.aborted;
      },
      get reason() {
        return controller.signal.reason as unknown;
      },
    };
    let finished = false;
    const pending = rfftAsync(signalA(1_048_573), { signal }).then((X) => {
      finished = true;
      return X;
    });
    const error = await pending.catch((e: unknown) => e);
    expect(finished).toBe(false);
    expect(error).toBeInstanceOf(FftAbortedError);
    expect(error).toMatchObject({ name: 'AbortError', code: 'aborted', cause: reason });
    expect((error as Error).message).toBe('rfftAsync was aborted by its signal');
    // The plan and its buffers still work after an abort.
    const x = signalA(1_048_573);
    expectSameBits(await rfftAsync(x), rfft(x));
  });

  it('while building an uncached Bluestein plan: rejects, and the next call builds it whole', async () => {
    const n = 1_048_571 * 2; // 2·prime: a Bluestein half-length kernel, never built before here
    const controller = new AbortController();
    let finished = false;
    const pending = rfftAsync(signalA(n), { signal: controller.signal }).then(() => {
      finished = true;
    });
    setTimeout(() => controller.abort(), 1);
    await expect(pending).rejects.toBeInstanceOf(FftAbortedError);
    expect(finished).toBe(false);
    const x = signalA(n);
    expectSameBits(await rfftAsync(x), createFft(n).realForward(x));
  });

  it('already aborted: rejects before any work, at any length', async () => {
    const controller = new AbortController();
    controller.abort('stop');
    await expect(rfftAsync([1, 2, 3], { signal: controller.signal })).rejects.toMatchObject({
      code: 'aborted',
      cause: 'stop',
    });
  });
});

describe('rfftAsync contract edges', () => {
  it('names the bad parameter, the rule and the value', async () => {
    await expect(rfftAsync([1, 2], { signal: 5 as never })).rejects.toThrow(
      new TypeError("signal must be an AbortSignal (an object with a boolean 'aborted'), got 5"),
    );
    await expect(rfftAsync([1, 2], 'fast' as never)).rejects.toThrow(TypeError);
    await expect(rfftAsync([], {})).rejects.toThrow(RangeError);
    await expect(
      rfftAsync(new Float64Array(ASYNC_MIN_SAMPLES), { out: new Float64Array(3) }),
    ).rejects.toThrow(/out .*length/);
  });

  it('a non-finite sample in a large input is named, as rfft names it', async () => {
    const x = signalA(ASYNC_MIN_SAMPLES + 1);
    x[40_000] = Number.NaN;
    const sync = (() => {
      try {
        rfft(x);
      } catch (e) {
        return e as Error;
      }
    })();
    expect(sync).toBeInstanceOf(RangeError);
    await expect(rfftAsync(x)).rejects.toThrow(sync?.message as string);
  });
});

describe('amplitudeSpectrumAsync', () => {
  it('gives the bits of amplitudeSpectrum (rectangular and hann, a Bluestein length)', async () => {
    const x = signalA(262_139);
    for (const window of ['rectangular', 'hann'] as const) {
      const sync = amplitudeSpectrum(x, { fs: 1000, window });
      const spectrum = await amplitudeSpectrumAsync(x, { fs: 1000, window });
      expectSameBits(spectrum.amplitude, sync.amplitude);
      expectSameBits(spectrum.freqs, sync.freqs);
    }
  });

  it('stops mid-FFT with FftAbortedError, and rejects a bad fs as the sync form does', async () => {
    const controller = new AbortController();
    const pending = amplitudeSpectrumAsync(signalA(1_048_573), {
      fs: 1,
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 1);
    await expect(pending).rejects.toBeInstanceOf(FftAbortedError);
    await expect(amplitudeSpectrumAsync([1, 2], { fs: -1 })).rejects.toThrow(/fs/);
  });
});
