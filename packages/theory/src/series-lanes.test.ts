import { describe, expect, it } from 'vitest';
import { absSeries, reluSeries, sqrtSeriesCoefficients } from './series';

/** One sample at a time, one Horner chain: the operations each lane of the fast loop must repeat. */
function scalarHorner(x: Float64Array, terms: number, A: number, relu: boolean): Float64Array {
  const c = sqrtSeriesCoefficients(terms);
  const sqrtA = Math.sqrt(A);
  const wx = relu ? 0.5 : 0;
  const wa = relu ? 0.5 * sqrtA : sqrtA;
  const invA = 1 / A;
  return x.map((xi) => {
    const m = xi * xi * invA - 1;
    let acc = c[terms - 1] as number;
    for (let k = terms - 2; k >= 0; k--) acc = acc * m + (c[k] as number);
    return wx * xi + wa * acc;
  });
}

describe('reluSeries and absSeries: the interleaved loop equals one Horner chain per sample', () => {
  const A = 2.5;
  const signal = (n: number) =>
    new Float64Array(n).map((_, i) => 2 * Math.sin(0.37 * i + 0.1) * Math.cos(0.011 * i));

  it('bit for bit at every length 1 … 40 (every remainder of the 8-sample lanes)', () => {
    for (let n = 1; n <= 40; n++) {
      const x = signal(n);
      for (const terms of [1, 2, 7, 50]) {
        expect(Array.from(reluSeries(x, { terms, A })), `relu n=${n} terms=${terms}`).toEqual(
          Array.from(scalarHorner(x, terms, A, true)),
        );
        expect(Array.from(absSeries(x, { terms, A })), `abs n=${n} terms=${terms}`).toEqual(
          Array.from(scalarHorner(x, terms, A, false)),
        );
      }
    }
  });

  it('bit for bit on 8193 samples, also in place (out = x)', () => {
    const x = signal(8193);
    const expected = Array.from(scalarHorner(x, 50, A, true));
    expect(Array.from(reluSeries(x, { terms: 50, A }))).toEqual(expected);
    const inPlace = Float64Array.from(x);
    reluSeries(inPlace, { terms: 50, A, out: inPlace });
    expect(Array.from(inPlace)).toEqual(expected);
  });
});
