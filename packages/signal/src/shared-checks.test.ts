import { describe, expect, it } from 'vitest';
import { checkFinite, checkInteger, checkOutBuffer, describeValue } from './index';

/** Asserts the class of the error `fn` throws and that its message contains `message`. */
function expectError(fn: () => unknown, kind: ErrorConstructor, message: string): void {
  expect(fn).toThrow(kind);
  expect(fn).toThrow(message);
}

describe('shared boundary checks (exported for the packages built on signal)', () => {
  it('describeValue names what was received', () => {
    expect(describeValue('max')).toBe("'max'");
    expect(describeValue(Number.NaN)).toBe('NaN');
    expect(describeValue(undefined)).toBe('undefined');
    expect(describeValue(null)).toBe('null');
    expect(describeValue([1, 2, 3])).toBe('an array of length 3');
    expect(describeValue(new Float32Array(2))).toBe('a Float32Array');
    expect(describeValue({})).toBe('an object');
    expect(describeValue(() => 0)).toBe('function');
  });

  it('checkFinite returns finite numbers and rejects the rest', () => {
    expect(checkFinite('alpha', -2.5)).toBe(-2.5);
    expectError(() => checkFinite('alpha', '1'), TypeError, "alpha must be a number, got '1'");
    expectError(
      () => checkFinite('alpha', Number.NaN),
      RangeError,
      'alpha must be a finite number, got NaN',
    );
  });

  it('checkInteger states its range in the message', () => {
    expect(checkInteger('n', 3, 1)).toBe(3);
    expect(checkInteger('k', 0, 0, 4)).toBe(0);
    expectError(() => checkInteger('n', 0, 1), RangeError, 'n must be an integer >= 1, got 0');
    expectError(
      () => checkInteger('k', 1.5, 0, 4),
      RangeError,
      'k must be an integer in [0, 4], got 1.5',
    );
    expectError(() => checkInteger('n', null, 1), TypeError, 'n must be an integer >= 1, got null');
  });

  it('checkOutBuffer accepts absent or exact-length Float64Array buffers', () => {
    const out = new Float64Array(4);
    expect(checkOutBuffer(out, 4)).toBe(out);
    expect(checkOutBuffer(undefined, 4)).toBeUndefined();
    expectError(
      () => checkOutBuffer([0, 0, 0, 0], 4),
      TypeError,
      'out must be a Float64Array, got an array of length 4',
    );
    expectError(
      () => checkOutBuffer(out, 8, '2n = 8'),
      RangeError,
      'out must have length 2n = 8, got length 4',
    );
  });
});
