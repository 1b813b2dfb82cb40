// The place of a JSON syntax error, in its own module so that light entries (`./node/files`)
// reach it without the result schema.

/**
 * Where a JSON syntax error lies, for a message that must not quote the text (JSON.parse's own
 * message echoes up to a few dozen bytes of it): `' at line L, column C'` (1-based), read from
 * V8's "at position N", or `' (its content is not shown)'` when the message names no position.
 *
 * @param text - the text given to `JSON.parse`.
 * @param error - what `JSON.parse` threw.
 * @returns a phrase to append to "… is not valid JSON".
 * @example
 * ```ts
 * try { JSON.parse(text); } catch (e) { throw new Error(`a.json is not valid JSON${jsonSyntaxErrorPlace(text, e)}`); }
 * ```
 */
export function jsonSyntaxErrorPlace(text: string, error: unknown): string {
  const m = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  if (m === null) return ' (its content is not shown)';
  const before = text.slice(0, Number(m[1])).split('\n');
  return ` at line ${before.length}, column ${(before[before.length - 1] ?? '').length + 1}`;
}
