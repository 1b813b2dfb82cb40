/**
 * Boundary checks shared by every public function of signal and of the packages built on it
 * (theory imports them from the internal subpath `@rectify/signal/validate`), so bad input reads
 * the same everywhere. Each throws a `TypeError` (wrong kind of value) or a `RangeError` (right
 * kind, bad value) whose message names the parameter, the rule and the value received, e.g.
 * `fs must be a finite number > 0, got -1`.
 *
 * {@link describeValue}, {@link checkFinite}, {@link checkInteger} and {@link checkOutBuffer} are
 * also exported from the package entry point; the subpath is internal (no semver promise).
 *
 * @internal
 */

/**
 * Renders a received value for an error message: numbers, booleans and `undefined` as JS prints
 * them, strings quoted, arrays and typed arrays by kind (and length), anything else by type.
 *
 * @param value - any value received at a public boundary.
 * @returns a short description, e.g. `'max'`, `NaN`, `an array of length 3`, `a Float32Array`.
 * @throws nothing: every value has a description.
 * @example
 * ```ts
 * throw new TypeError(`A must be a number, got ${describeValue('max')}`); // … got 'max'
 * ```
 */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (typeof value === 'number' || typeof value === 'boolean' || value === undefined) {
    return String(value);
  }
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** True for arrays and typed arrays (anything indexable with a numeric `length`). */
function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  if (Array.isArray(value)) return true;
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return true;
  return false;
}

/**
 * Checks that `value` is an array or typed array with at least `minLength` elements, without
 * looking at the elements (see {@link checkArray} for the full check).
 */
export function checkArrayShape(name: string, value: unknown, minLength = 1): ArrayLike<number> {
  if (!isArrayLike(value)) {
    throw new TypeError(
      `${name} must be an array or typed array of numbers, got ${describeValue(value)}`,
    );
  }
  if (value.length < minLength) {
    throw new RangeError(
      `${name} must have at least ${minLength} element${minLength === 1 ? '' : 's'}, got length ${value.length}`,
    );
  }
  return value as ArrayLike<number>;
}

/** True for the floating-point typed arrays, whose elements are numbers by construction. */
export function isFloatArray(value: unknown): value is Float64Array | Float32Array {
  return value instanceof Float64Array || value instanceof Float32Array;
}

/**
 * Checks that `value` is an array of finite numbers with at least `minLength` elements.
 *
 * @returns the same value, typed.
 */
export function checkArray(name: string, value: unknown, minLength = 1): ArrayLike<number> {
  checkArrayShape(name, value, minLength);
  if (isFloatArray(value)) {
    // Typed arrays hold numbers only; v − v is 0 for finite v and NaN for ±Infinity and NaN.
    let bad = 0;
    for (let i = 0; i < value.length; i++) bad += (value[i] as number) - (value[i] as number);
    if (bad === 0) return value;
  }
  const list = value as ArrayLike<unknown>;
  for (let i = 0; i < list.length; i++) {
    const v = list[i];
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

/** Checks that an array has exactly `length` elements (after {@link checkArray}). */
export function checkLength(
  name: string,
  value: ArrayLike<number>,
  length: number,
  rule?: string,
): void {
  if (value.length !== length) {
    throw new RangeError(`${name} must have length ${rule ?? length}, got length ${value.length}`);
  }
}

/**
 * Checks an optional caller-owned output buffer: absent, or a `Float64Array` of exactly `length`
 * elements.
 *
 * @param out - the `out` argument received (`undefined` when the caller passed none).
 * @param length - the required number of elements (integer ≥ 0).
 * @param rule - how the message states the required length, e.g. `` `2n = ${2 * n}` ``.
 *   Default: the number `length`.
 * @returns `out`, typed, or `undefined` when it was absent.
 * @throws TypeError `out must be a Float64Array, got …` when out is anything else.
 * @throws RangeError `out must have length <rule>, got length …` when its length differs.
 * @example
 * ```ts
 * const target = checkOutBuffer(out, n, `n = ${n}`) ?? new Float64Array(n);
 * ```
 */
export function checkOutBuffer(
  out: unknown,
  length: number,
  rule?: string,
): Float64Array | undefined {
  if (out === undefined) return undefined;
  if (!(out instanceof Float64Array)) {
    throw new TypeError(`out must be a Float64Array, got ${describeValue(out)}`);
  }
  if (out.length !== length) {
    throw new RangeError(`out must have length ${rule ?? length}, got length ${out.length}`);
  }
  return out;
}

/**
 * Checks that a value is a finite number.
 *
 * @param name - the parameter's name as the message shows it, e.g. `'alpha'` or `'fs (Hz)'`.
 * @param value - the value received.
 * @returns `value`, typed.
 * @throws TypeError `<name> must be a number, got …` when value is not a number.
 * @throws RangeError `<name> must be a finite number, got …` for NaN and ±Infinity.
 * @example
 * ```ts
 * const alpha = checkFinite('alpha', options.alpha); // 'alpha must be a finite number, got NaN'
 * ```
 */
export function checkFinite(name: string, value: unknown): number {
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be a number, got ${describeValue(value)}`);
  if (!Number.isFinite(value))
    throw new RangeError(`${name} must be a finite number, got ${value}`);
  return value;
}

/** Checks a finite number > 0 (sampling rates, standard deviations, frequencies). */
export function checkPositive(name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a finite number > 0, got ${describeValue(value)}`);
  }
  if (!(Number.isFinite(value) && value > 0)) {
    throw new RangeError(`${name} must be a finite number > 0, got ${value}`);
  }
  return value;
}

/** Checks a finite number ≥ 0. */
export function checkNonNegative(name: string, value: unknown): number {
  if (typeof value !== 'number') {
    throw new TypeError(`${name} must be a finite number >= 0, got ${describeValue(value)}`);
  }
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

/**
 * Checks that a value is an integer in `[min, max]`.
 *
 * @param name - the parameter's name as the message shows it, e.g. `'n (samples)'`.
 * @param value - the value received.
 * @param min - the smallest allowed value (an integer).
 * @param max - the largest allowed value (an integer ≥ min). Default `Number.MAX_SAFE_INTEGER`,
 *   which the message states as `an integer >= <min>`.
 * @returns `value`, typed.
 * @throws TypeError `<name> must be an integer >= <min>, got …` (or `… in [<min>, <max>]`) when
 *   value is not a number.
 * @throws RangeError with the same rule for a number that is not an integer or out of range.
 * @example
 * ```ts
 * checkInteger('n', 0, 1); // RangeError: n must be an integer >= 1, got 0
 * checkInteger('exponent', -1, 0, 100000); // … must be an integer in [0, 100000], got -1
 * ```
 */
export function checkInteger(
  name: string,
  value: unknown,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  const rule =
    max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
  if (typeof value !== 'number')
    throw new TypeError(`${name} must be ${rule}, got ${describeValue(value)}`);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`${name} must be ${rule}, got ${value}`);
  }
  return value;
}

/** Checks that `value` is one of `allowed`. */
export function checkOneOf<T extends string>(
  name: string,
  value: unknown,
  allowed: readonly T[],
): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    const list = allowed.map((a) => `'${a}'`).join(', ');
    const err = typeof value === 'string' ? RangeError : TypeError;
    throw new err(`${name} must be one of ${list}, got ${describeValue(value)}`);
  }
  return value as T;
}

/** Checks a boolean. */
export function checkBoolean(name: string, value: unknown): boolean {
  if (typeof value !== 'boolean')
    throw new TypeError(`${name} must be a boolean, got ${describeValue(value)}`);
  return value;
}

/** Checks that an options argument is a plain object (or absent when `optional`). */
export function checkOptions<T extends object>(name: string, value: unknown, optional: boolean): T {
  if (value === undefined && optional) return {} as T;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${name} must be an options object, got ${describeValue(value)}`);
  }
  return value as T;
}

/** Copies any array of numbers into a fresh `Float64Array`. */
export function toFloat64(x: ArrayLike<number>): Float64Array {
  return x instanceof Float64Array ? x : Float64Array.from(x);
}
