import { cachedPlan, cachedPlanSteps } from './fft';
import { checkArrayShape, checkOptions, describeValue } from './validate';

/**
 * What an `AbortSignal` offers that the cancellable transforms read (the DOM's and Node's
 * `AbortSignal` both fit; signal itself imports neither).
 */
export interface AbortSignalLike {
  /** True once the signal fired. */
  readonly aborted: boolean;
  /** Why it fired; kept as the `cause` of the {@link FftAbortedError}. */
  readonly reason?: unknown;
}

/** Options of {@link rfftAsync}. */
export interface RfftAsyncOptions {
  /**
   * Stops the transform at its next step (a pass, or 2^16 points of a pointwise loop; the longest,
   * a pass over 2^23 points, measured 0.23 s on a loaded 2-core machine): the promise
   * rejects with {@link FftAbortedError}.
   */
  signal?: AbortSignalLike;
  /** Caller-owned output, length 2(⌊n/2⌋ + 1); written and returned. Default: a new array. */
  out?: Float64Array;
}

/**
 * A cancellable transform stopped because its signal fired. `name` is `'AbortError'`, as for a
 * DOM abort, `code` is `'aborted'` and `cause` is the signal's `reason`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = rfftAsync(new Float64Array(2 ** 22), { signal: controller.signal });
 * controller.abort();
 * await pending; // rejects with FftAbortedError
 * ```
 */
export class FftAbortedError extends Error {
  override readonly name = 'AbortError';
  /** Always `'aborted'`: what a caller can test without `instanceof`. */
  readonly code = 'aborted' as const;

  /**
   * @param what - the transform that stopped, e.g. `'rfftAsync'`.
   * @param reason - the signal's `reason`, kept as `cause`.
   */
  constructor(what: string, reason?: unknown) {
    super(`${what} was aborted by its signal`, { cause: reason });
  }
}

declare function setTimeout(callback: () => void, ms: number): unknown;

/** Milliseconds of work between two returns to the event loop. */
export const FFT_SLICE_MS = 50;

/**
 * Below this many samples a transform takes well under {@link FFT_SLICE_MS} (about 1 ms at 2^16
 * on one core), so {@link rfftAsync} runs it in one go, as {@link rfft} does.
 */
export const ASYNC_MIN_SAMPLES = 2 ** 16;

function checkSignal(signal: unknown): AbortSignalLike | undefined {
  if (signal === undefined) return undefined;
  if (
    typeof signal !== 'object' ||
    signal === null ||
    typeof (signal as { aborted?: unknown }).aborted !== 'boolean'
  ) {
    throw new TypeError(
      `signal must be an AbortSignal (an object with a boolean 'aborted'), got ${describeValue(signal)}`,
    );
  }
  return signal as AbortSignalLike;
}

/**
 * Runs stepped work to its end, returning to the event loop (a zero-delay timer, in a browser
 * and in Node) after every ~{@link FFT_SLICE_MS} ms of work; the signal is checked after every
 * step, and when it fired the work is closed (its buffers handed back) and the promise rejects.
 */
async function drive<T>(
  work: Generator<void, T, void>,
  signal: AbortSignalLike | undefined,
  what: string,
): Promise<T> {
  let sliceStart = Date.now();
  for (;;) {
    const next = work.next();
    if (next.done) return next.value;
    if (Date.now() - sliceStart >= FFT_SLICE_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      sliceStart = Date.now();
    }
    if (signal?.aborted) {
      work.return(undefined as T);
      throw new FftAbortedError(what, signal.reason);
    }
  }
}

/**
 * {@link rfft} that can be interrupted: `X_k = Σ_j x_j e^{−2πi jk/n}`, k = 0 … ⌊n/2⌋, computed by
 * the same plan (built in steps too when it is not cached), pass by pass (Bluestein's two inner transforms and its pointwise products in
 * pieces of 2^16 points), returning to the event loop whenever ~50 ms of work have passed, so
 * that `options.signal` (or a Ctrl-C handler) can run. The result is bit-identical to
 * {@link rfft}. Inputs shorter than 2^16 samples are transformed in one go.
 *
 * Until the promise settles, `x` (when a `Float64Array`) and `out` must not be changed.
 *
 * @param x - real samples (length n ≥ 1, finite).
 * @param options - `signal` (stops it), `out` (caller-owned output, length 2(⌊n/2⌋ + 1)).
 * @returns a promise of the interleaved complex half spectrum, ⌊n/2⌋ + 1 bins.
 * @throws (rejects with) TypeError/RangeError as {@link rfft}, or for options that are not an
 *   object or a signal without a boolean `aborted`; {@link FftAbortedError} when the signal fired
 *   before or during the transform.
 * @example
 * ```ts
 * const controller = new AbortController();
 * const X = await rfftAsync(x, { signal: controller.signal }); // the bits of rfft(x)
 * ```
 */
export async function rfftAsync(
  x: ArrayLike<number>,
  options?: RfftAsyncOptions,
): Promise<Float64Array> {
  checkArrayShape('x', x);
  const opts = checkOptions<RfftAsyncOptions>('options', options, true);
  const signal = checkSignal(opts.signal);
  if (signal?.aborted) throw new FftAbortedError('rfftAsync', signal.reason);
  if (x.length < ASYNC_MIN_SAMPLES) return cachedPlan(x.length).realForward(x, opts.out);
  return drive(rfftSteps(x, opts.out), signal, 'rfftAsync');
}

/** The plan (built in steps unless cached), then the transform in steps. */
function* rfftSteps(
  x: ArrayLike<number>,
  out: Float64Array | undefined,
): Generator<void, Float64Array, void> {
  const plan = yield* cachedPlanSteps(x.length);
  return yield* plan.realForwardSteps(x, out);
}
