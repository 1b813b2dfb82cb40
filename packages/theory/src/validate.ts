/**
 * Boundary checks shared by the public functions of the package. Each throws a `TypeError`
 * (wrong kind of value) or a `RangeError` (right kind, bad value) whose message names the
 * parameter, the rule and the value received, e.g. `terms must be an integer >= 1, got 0`.
 *
 * @internal
 */

/** Renders a received value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return String(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

/** Checks an array or typed array of finite numbers with at least `minLength` elements. */
export function checkSamples(name: string, value: unknown, minLength = 1): ArrayLike<number> {
  if (!isArrayLike(value)) {
    throw new TypeError(
      `${name} must be an array or typed array of numbers, got ${describe(value)}`,
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
      throw new TypeError(`${name} must contain only numbers, got ${describe(v)} at index ${i}`);
    }
    if (!Number.isFinite(v)) {
      throw new RangeError(`${name} must contain only finite numbers, got ${v} at index ${i}`);
    }
  }
  return value as ArrayLike<number>;
}

/** Checks a finite number. */
export function checkFinite(name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a number, got ${describe(value)}`);
  }
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number, got ${value}`);
  return value;
}

/** Checks a finite number > 0. */
export function checkPositive(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v > 0)) throw new RangeError(`${name} must be a finite number > 0, got ${v}`);
  return v;
}

/** Checks a finite number >= 0. */
export function checkNonNegative(name: string, value: unknown): number {
  const v = checkFinite(name, value);
  if (!(v >= 0)) throw new RangeError(`${name} must be a finite number >= 0, got ${v}`);
  return v;
}

/** Checks an integer in [min, max]. */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be an integer, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < min || value > max) {
    const rule = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `in [${min}, ${max}]`;
    throw new RangeError(`${name} must be an integer ${rule}, got ${value}`);
  }
  return value;
}

/** Checks an optional caller-owned output buffer: a `Float64Array` of exactly `length`. */
export function checkOut(out: unknown, length: number): Float64Array | undefined {
  if (out === undefined) return undefined;
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`out must be a Float64Array, got ${describe(out)}`);
  }
  if (out.length !== length) {
    throw new RangeError(
      `out must have length ${length} (the length of x), got length ${out.length}`,
    );
  }
  return out;
}

/** Checks that a value is one of a fixed set of strings. */
export function checkOneOf<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new RangeError(
      `${name} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describe(value)}`,
    );
  }
  return value as T;
}
