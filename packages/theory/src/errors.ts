/**
 * Thrown before any work when a line expansion would hold more lines than its budget
 * (`maxLines`). The message gives the estimate and the ways out (`maxOrder`, `terms`,
 * `maxLines`); the fields carry the same numbers for programs.
 *
 * @example
 * ```ts
 * try {
 *   predictRelu(sixTones, { terms: 20 });
 * } catch (e) {
 *   if (e instanceof LineBudgetError) console.log(e.estimate, e.suggestedMaxOrder);
 * }
 * ```
 */
export class LineBudgetError extends RangeError {
  override readonly name = 'LineBudgetError';

  /**
   * @param message - the full message.
   * @param estimate - the upper bound on the line count (lines).
   * @param maxLines - the budget it exceeds (lines).
   * @param suggestedMaxOrder - the largest even `maxOrder` that fits the budget (-1 when none).
   * @param suggestedTerms - the largest `terms` that fits the budget with the given `maxOrder`
   *   (0 when none).
   */
  constructor(
    message: string,
    readonly estimate: number,
    readonly maxLines: number,
    readonly suggestedMaxOrder: number,
    readonly suggestedTerms: number,
  ) {
    super(message);
  }
}

/**
 * Thrown (or the rejection) when an `AbortSignal` passed to a long computation fires. Its
 * `name` is `'AbortError'`, as for `fetch`, so code that checks `error.name === 'AbortError'`
 * treats it alike; `cause` is the signal's `reason`.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const pending = predictReluAsync(tones, { signal: controller.signal });
 * controller.abort();
 * await pending; // rejects with ExpansionAbortedError
 * ```
 */
export class ExpansionAbortedError extends Error {
  override readonly name = 'AbortError';

  /**
   * @param what - the computation that stopped, e.g. `'predictRelu'`.
   * @param reason - the signal's `reason`, kept as `cause`.
   */
  constructor(what: string, reason?: unknown) {
    super(`${what} was aborted by its signal`, { cause: reason });
  }
}
