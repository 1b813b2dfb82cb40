import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';

/** Tolerances for {@link expectClose}: |a − e| ≤ atol + rtol·|e| elementwise (numpy's `allclose`). */
export interface CloseOptions {
  /** Relative tolerance (default 1e-9). */
  rtol?: number;
  /** Absolute tolerance (default 0). */
  atol?: number;
  /** Label printed in the failure message. */
  label?: string;
}

type NumericLike = number | ArrayLike<number>;

/**
 * Asserts numpy-`allclose` agreement of two numbers or arrays, reporting the worst element.
 *
 * @param actual - computed value(s).
 * @param expected - oracle value(s); same length as `actual`.
 * @param options - tolerances.
 * @throws an assertion error naming the first worst index, both values and the tolerance.
 */
export function expectClose(
  actual: NumericLike,
  expected: NumericLike,
  options: CloseOptions = {},
): void {
  const rtol = options.rtol ?? 1e-9;
  const atol = options.atol ?? 0;
  const label = options.label ? `${options.label}: ` : '';
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  expect(a.length, `${label}length`).toBe(e.length);
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < a.length; i++) {
    const ai = a[i] as number;
    const ei = e[i] as number;
    if (Number.isNaN(ai) !== Number.isNaN(ei)) {
      worst = i;
      worstExcess = Number.POSITIVE_INFINITY;
      break;
    }
    if (Number.isNaN(ai)) continue;
    const excess = Math.abs(ai - ei) - (atol + rtol * Math.abs(ei));
    if (excess > worstExcess) {
      worstExcess = excess;
      worst = i;
    }
  }
  if (worst >= 0) {
    expect.fail(
      `${label}element ${worst}: got ${a[worst]}, expected ${e[worst]} (rtol ${rtol}, atol ${atol}, excess ${worstExcess})`,
    );
  }
}

/**
 * Asserts complex agreement of interleaved arrays by modulus of the difference:
 * |a_k − e_k| ≤ atol + rtol·max|e|, which is how FFT outputs are compared (small bins carry
 * the absolute rounding of the large ones).
 */
export function expectComplexClose(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: CloseOptions = {},
): void {
  const rtol = options.rtol ?? 1e-9;
  const atol = options.atol ?? 0;
  expect(actual.length, `${options.label ?? ''} length`).toBe(expected.length);
  let scale = 0;
  for (let k = 0; k < expected.length; k += 2) {
    scale = Math.max(scale, Math.hypot(expected[k] as number, expected[k + 1] as number));
  }
  for (let k = 0; k < expected.length; k += 2) {
    const d = Math.hypot(
      (actual[k] as number) - (expected[k] as number),
      (actual[k + 1] as number) - (expected[k + 1] as number),
    );
    if (!(d <= atol + rtol * scale)) {
      expect.fail(`${options.label ?? ''} bin ${k / 2}: |diff| ${d} > ${atol} + ${rtol}·${scale}`);
    }
  }
}

const fixturesRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures');

/**
 * Reads an oracle fixture written by a script under `tools/fixtures/` (never hand-edited).
 *
 * @param relativePath - path below `tools/fixtures/`, e.g. `'signal/fft.json'`.
 * @returns the parsed JSON.
 */
export function loadFixture<T = unknown>(relativePath: string): T {
  return JSON.parse(readFileSync(join(fixturesRoot, relativePath), 'utf8')) as T;
}

/**
 * Temporary folders for one test file: each call of the returned function makes a fresh folder
 * under the system's temp directory, and every folder made is deleted after each test.
 *
 * @param prefix - the folders' name prefix, e.g. `rectify-outputs-`.
 * @returns a function that makes one folder and returns its path.
 */
export function useTempDirs(prefix: string): () => string {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(dir);
    return dir;
  };
}
