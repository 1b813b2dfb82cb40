import { checkInteger, describeValue } from './validate';

/**
 * A seeded pseudo-random source; identical sequences on every platform for the same seed.
 *
 * @example
 * ```ts
 * const rng = createRng(1);
 * rng.normal(0, 0.1); // a Gaussian draw
 * rng.shuffle([1, 2, 3]); // a permutation, in place
 * ```
 */
export interface Rng {
  /** Uniform double in [0, 1) with 53 random bits. */
  uniform(): number;
  /**
   * Gaussian draw (Box–Muller; the second value of each pair is kept for the next call).
   *
   * @param mean - mean (default 0, finite).
   * @param std - standard deviation (default 1, finite, ≥ 0).
   */
  normal(mean?: number, std?: number): number;
  /**
   * Uniform integer in [0, maxExclusive), unbiased (rejection sampling on 32-bit words).
   *
   * @param maxExclusive - an integer in [1, 2^32].
   */
  int(maxExclusive: number): number;
  /** Fisher–Yates shuffle in place; returns the same array. */
  shuffle<T extends MutableArrayLike>(array: T): T;
}

/** Anything indexable and writable with a length (arrays, typed arrays). */
export interface MutableArrayLike {
  length: number;
  [index: number]: unknown;
}

/** splitmix32 (a 32-bit variant of Steele, Lea & Flood's SplitMix): seeds sfc32's state. */
function splitmix32(state: number): () => number {
  let s = state | 0;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let t = s ^ (s >>> 16);
    t = Math.imul(t, 0x21f0aaad);
    t ^= t >>> 15;
    t = Math.imul(t, 0x735a2d97);
    t ^= t >>> 15;
    return t >>> 0;
  };
}

/**
 * Creates a deterministic random source: Chris Doty-Humphrey's **sfc32** (Small Fast Counting,
 * 128-bit state, from PractRand), its four state words drawn from **splitmix32** of the seed's
 * low 32 bits XOR a mix of its high bits, then 12 outputs discarded. Uniform doubles take 53
 * bits from two outputs; normals use Box–Muller. Pure integer arithmetic (Math.imul, >>>), so
 * every JS engine gives the same sequence.
 *
 * @param seed - any safe integer (|seed| ≤ 2^53 − 1).
 * @returns an {@link Rng}.
 * @throws RangeError/TypeError if seed is not a safe integer.
 * @example
 * ```ts
 * const rng = createRng(42);
 * rng.uniform(); // same value on every run and platform
 * ```
 */
export function createRng(seed: number): Rng {
  checkInteger('seed', seed, Number.MIN_SAFE_INTEGER);
  const low = seed >>> 0;
  const high = Math.floor(seed / 2 ** 32) >>> 0;
  const mix = splitmix32(low ^ Math.imul(high, 0x85ebca6b));
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) next();
  let spare: number | undefined;

  const uniform = (): number => {
    const hi = next() >>> 5;
    const lo = next() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  };

  return {
    uniform,
    normal(mean = 0, std = 1) {
      if (!Number.isFinite(mean))
        throw new RangeError(`mean must be a finite number, got ${describeValue(mean)}`);
      if (!(Number.isFinite(std) && std >= 0)) {
        throw new RangeError(`std must be a finite number >= 0, got ${describeValue(std)}`);
      }
      let z: number;
      if (spare !== undefined) {
        z = spare;
        spare = undefined;
      } else {
        const u1 = 1 - uniform();
        const u2 = uniform();
        const r = Math.sqrt(-2 * Math.log(u1));
        z = r * Math.cos(2 * Math.PI * u2);
        spare = r * Math.sin(2 * Math.PI * u2);
      }
      return mean + std * z;
    },
    int(maxExclusive: number) {
      checkInteger('maxExclusive', maxExclusive, 1, 2 ** 32);
      const limit = 2 ** 32 - (2 ** 32 % maxExclusive);
      let v = next();
      while (v >= limit) v = next();
      return v % maxExclusive;
    },
    shuffle<T extends MutableArrayLike>(array: T): T {
      if (!(Array.isArray(array) || (ArrayBuffer.isView(array) && !(array instanceof DataView)))) {
        throw new TypeError(`array must be an array or typed array, got ${describeValue(array)}`);
      }
      for (let i = array.length - 1; i > 0; i--) {
        const j = this.int(i + 1);
        const tmp = array[i];
        array[i] = array[j];
        array[j] = tmp;
      }
      return array;
    },
  };
}
