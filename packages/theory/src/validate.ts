/**
 * Boundary checks whose wording is theory's own. The checks that read the same in both packages
 * (`describeValue`, `checkFinite`, the range part of `checkInteger`, `checkOutBuffer`) come from
 * `@rectify/signal`. Each throws a `TypeError` (wrong kind of value) or a `RangeError` (right
 * kind, bad value) whose message names the parameter, the rule and the value received, e.g.
 * `terms must be an integer >= 1, got 0`.
 *
 * @internal
 */
import { checkFinite, checkInteger as checkIntegerInRange, describeValue } from '@rectify/signal';

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Checks an array or typed array of finite numbers with at least `minLength` elements. */
export function checkSamples(name: string, value: unknown, minLength = 1): ArrayLike<number> {
  if (!isArrayLike(value)) {
    throw new TypeError(
      `${name} must be an array or typed array of numbers, got ${describeValue(value)}`,
    );
  }
  if (value.length < minLength) {
    throw new RangeError(
      `${name} must have at least ${minLength} element(s), got length ${value.length}`,
    );
  }
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number') {
      throw new TypeError(
        `${name} must contain only numbers, got ${describeValue(v)} at index ${i}`,
      );
    }
    if (!Number.isFinite(v)) {
      throw new RangeError(`${name} must contain only finite numbers, got ${v} at index ${i}`);
    }
  }
  return value as ArrayLike<number>;
}

/** Checks a finite number > 0 (a non-number reads `must be a number`). */
export function checkPositive(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${v}`);
  return v;
}

/** Checks a finite number >= 0 (a non-number reads `must be a number`). */
export function checkNonNegative(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v >= 0)) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  return v;
}

/** Checks an integer in [min, max]; a non-number reads `must be an integer`, without the range. */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be an integer, got ${describeValue(value)}`);
  }
  return checkIntegerInRange(name, value, min, max);
}

/** Checks that a value is one of a fixed set of strings (a `RangeError` for any other value). */
export function checkOneOf<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(
      `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`,
    );
  }
  return value as T;
}
