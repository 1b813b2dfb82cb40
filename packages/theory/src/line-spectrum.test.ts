import { expectClose } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { sampleTones } from '../test/helpers';
import { LineSpectrum } from './line-spectrum';

const tones = [
  { freq: 3, amp: 1.2, phase: 0.4 },
  { freq: 7.3, amp: 0.6, phase: -1.1 },
  { freq: 11.1, amp: 0.9, phase: 2.5 },
];
const fs = 200;
const n = 400;
const x = sampleTones(tones, fs, n);
const product = (a: Float64Array, b: Float64Array) => a.map((v, i) => v * (b[i] as number));

describe('LineSpectrum algebra agrees with sampled signals to 1e-9', () => {
  const s = LineSpectrum.fromTones(tones);
  it('fromTones + toSignal reproduce the tone sum', () => {
    expectClose(s.toSignal(fs, n), x, { atol: 1e-12, rtol: 0 });
    expect(s.size).toBe(3);
  });
  it('multiply: sum and difference frequencies', () => {
    const y = LineSpectrum.fromTones([
      { freq: 3, amp: 1 },
      { freq: 7.3, amp: 0 },
      { freq: 11.1, amp: 0.3, phase: 1 },
    ]);
    expectClose(s.multiply(y).toSignal(fs, n), product(x, y.toSignal(fs, n)), {
      atol: 1e-9,
      rtol: 0,
    });
    const x2 = s.multiply(s);
    expectClose(x2.toSignal(fs, n), product(x, x), { atol: 1e-9, rtol: 0 });
    // 3 tones squared: DC, 3 second harmonics, 3 sums, 3 differences
    expect(x2.size).toBe(10);
  });
  it('add, scale, addConstant', () => {
    const y = s.multiply(s).scale(-0.5).add(s).addConstant(2.5);
    expectClose(
      y.toSignal(fs, n),
      x.map((v) => -0.5 * v * v + v + 2.5),
      { atol: 1e-9, rtol: 0 },
    );
  });
  it('power equals repeated multiplication and the sampled power', () => {
    const p5 = s.power(5);
    const repeated = s.multiply(s).multiply(s).multiply(s).multiply(s);
    expectClose(p5.toSignal(fs, n), repeated.toSignal(fs, n), { atol: 1e-9, rtol: 0 });
    expectClose(
      p5.toSignal(fs, n),
      x.map((v) => v ** 5),
      { atol: 1e-9, rtol: 0 },
    );
    expectClose(s.power(0).toSignal(fs, 3), [1, 1, 1], { rtol: 0 });
    expect(p5.maxOrder).toBe(5);
  });
  it('fundamental keying gives the same signal with merged lines', () => {
    const commensurate = [
      { freq: 5, amp: 1, phase: 0.2 },
      { freq: 10, amp: 0.7 },
      { freq: 15, amp: 0.4, phase: -0.5 },
    ];
    const a = LineSpectrum.fromTones(commensurate).power(4);
    const b = LineSpectrum.fromTones(commensurate, { keyBy: 'fundamental' }).power(4);
    expectClose(b.toSignal(fs, n), a.toSignal(fs, n), { atol: 1e-9, rtol: 0 });
    expect(b.size).toBeLessThan(a.size);
    expect(b.baseFrequencies).toEqual(Float64Array.of(5));
    expect(b.toneMultiples).toEqual([1, 2, 3]);
    const mergedA = a.byFrequency();
    const mergedB = b.byFrequency();
    expect(mergedB.map((l) => l.freq)).toEqual(mergedA.map((l) => l.freq));
    expectClose(
      mergedB.map((l) => l.amplitude),
      mergedA.map((l) => l.amplitude),
      { atol: 1e-12 },
    );
    expectClose(b.dc, a.dc, { rtol: 1e-12 });
  });
});

describe('lines, labels and DC', () => {
  it('labels integer combinations and orients to f >= 0', () => {
    const s = LineSpectrum.fromTones([
      { freq: 5, amp: 1 },
      { freq: 7, amp: 1 },
    ]);
    const lines = s.multiply(s).lines();
    expect(lines.map((l) => [l.freq, l.label, l.order])).toEqual([
      [0, 'DC', 0],
      [2, 'f2-f1', 2],
      [10, '2·f1', 2],
      [12, 'f1+f2', 2],
      [14, '2·f2', 2],
    ]);
    // cos² = 1/2 + cos(2θ)/2; the DC of (cos a + cos b)² is 1
    expectClose(lines[0]?.amplitude as number, 1);
    expectClose(lines[2]?.amplitude as number, 0.5);
    expectClose(lines[3]?.amplitude as number, 1);
    expect(lines[1]?.k).toEqual([-1, 1]);
  });
  it('tracks the phase of difference lines', () => {
    const s = LineSpectrum.fromTones([
      { freq: 5, amp: 1, phase: 0.3 },
      { freq: 7, amp: 2, phase: 1 },
    ]);
    const diff = s
      .multiply(s)
      .lines()
      .find((l) => l.label === 'f2-f1');
    expectClose(diff?.phase as number, 0.7, { rtol: 1e-12 });
    expectClose(diff?.amplitude as number, 2, { rtol: 1e-12 });
  });
  it('fundamental keying labels lines by tone combinations, tones first, even orders next', () => {
    const s = LineSpectrum.fromTones(
      [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 })),
      { keyBy: 'fundamental' },
    );
    const lines = s.add(s.multiply(s)).lines();
    const label = (f: number) => lines.find((l) => l.freq === f)?.label;
    expect(label(0)).toBe('DC');
    expect(label(5)).toBe('f2');
    expect(label(10)).toBe('f1');
    expect(['f1+f2', 'f3-f2']).toContain(label(15));
    expect(lines.find((l) => l.freq === 15)?.order).toBe(2);
    expect(label(35)).toBe('f4-f2');
  });
  it('amplitudeAt and dc merge coinciding lines', () => {
    const s = LineSpectrum.fromTones([
      { freq: 5, amp: 1 },
      { freq: 10, amp: 1 },
    ]);
    const sq = s.multiply(s);
    // (cos a + cos 2a)²: DC 1; at 5 Hz from 10−5 (amplitude 1); at 10 Hz from 2·5 (amplitude 1/2)
    expectClose(sq.dc, 1);
    expectClose(sq.amplitudeAt(5), 1);
    expectClose(sq.amplitudeAt(10), 0.5);
    expect(sq.amplitudeAt(3)).toBe(0);
  });
  it('prune drops small and high lines', () => {
    const s = LineSpectrum.fromTones([
      { freq: 5, amp: 1 },
      { freq: 7, amp: 0.1 },
    ]).power(2);
    expect(
      s
        .prune({ floor: 0.05 })
        .lines()
        .map((l) => l.label),
    ).toEqual(['DC', 'f2-f1', '2·f1', 'f1+f2']);
    expect(
      s
        .prune({ maxFreq: 11 })
        .lines()
        .map((l) => l.label),
    ).toEqual(['DC', 'f2-f1', '2·f1']);
    expect(s.prune().size).toBe(s.size);
  });
  it('constant', () => {
    const c = LineSpectrum.constant(1.5, [2, 3]);
    expect(c.dc).toBe(1.5);
    expectClose(c.toSignal(10, 2), [1.5, 1.5], { rtol: 0 });
  });
});

describe('bad input', () => {
  const s = LineSpectrum.fromTones([{ freq: 5, amp: 1 }]);
  it('empty or bad tone lists', () => {
    expect(() => LineSpectrum.fromTones([])).toThrow(/tones must contain at least one tone/);
    expect(() => LineSpectrum.fromTones([{ freq: -1, amp: 1 }])).toThrow(
      /tones\[0\]\.freq \(Hz\) must be a finite number > 0, got -1/,
    );
    expect(() => LineSpectrum.fromTones([{ freq: 1, amp: -2 }])).toThrow(
      /tones\[0\]\.amp must be a finite number >= 0, got -2/,
    );
    expect(() => LineSpectrum.fromTones([{ freq: 1, amp: Number.NaN }])).toThrow(RangeError);
    expect(() =>
      LineSpectrum.fromTones([{ freq: 1, amp: 1, phase: Number.POSITIVE_INFINITY }]),
    ).toThrow(/phase/);
    expect(() =>
      LineSpectrum.fromTones([
        { freq: 1, amp: 1 },
        { freq: 1, amp: 2 },
      ]),
    ).toThrow(/twice/);
    expect(() => LineSpectrum.fromTones('x' as never)).toThrow(TypeError);
    expect(() => LineSpectrum.fromTones([null as never])).toThrow(TypeError);
    expect(() =>
      LineSpectrum.fromTones(
        [
          { freq: 1, amp: 1 },
          { freq: Math.SQRT2, amp: 1 },
        ],
        { keyBy: 'fundamental' },
      ),
    ).toThrow(/rational frequency ratios/);
    expect(() => LineSpectrum.fromTones([{ freq: 1, amp: 1 }], { keyBy: 'bins' as never })).toThrow(
      /keyBy/,
    );
    const many = Array.from({ length: 18 }, (_, i) => ({ freq: i + 1, amp: 1 }));
    expect(() => LineSpectrum.fromTones(many)).toThrow(/1 to 17 frequencies, got 18/);
  });
  it('operands with other base frequencies', () => {
    const other = LineSpectrum.fromTones([{ freq: 6, amp: 1 }]);
    expect(() => s.add(other)).toThrow(
      /other must share the base frequencies \[5\] Hz, got \[6\] Hz/,
    );
    expect(() => s.multiply(other)).toThrow(RangeError);
    expect(() => s.multiply(3 as never)).toThrow(TypeError);
    const f = LineSpectrum.fromTones([{ freq: 5, amp: 1 }], { keyBy: 'fundamental' });
    expect(() => s.add(f)).toThrow(/share the base frequencies/);
  });
  it('bad scalars, exponents, prune options and sampling grids', () => {
    expect(() => s.scale(Number.NaN)).toThrow(/factor must be a finite number, got NaN/);
    expect(() => s.addConstant(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => s.power(-1)).toThrow(/exponent must be an integer in \[0, 100000\], got -1/);
    expect(() => s.prune({ floor: -1 })).toThrow(/floor must be a finite number >= 0, got -1/);
    expect(() => s.prune({ maxFreq: 0 })).toThrow(/maxFreq must be a number > 0/);
    expect(() => s.toSignal(0, 10)).toThrow(/fs \(Hz\) must be a finite number > 0, got 0/);
    expect(() => s.toSignal(10, 0)).toThrow(/n \(samples\) must be an integer >= 1, got 0/);
    expect(() => s.toSignal(10, 4, new Float64Array(3))).toThrow(
      /out must be a Float64Array of length n = 4/,
    );
    expect(() => s.amplitudeAt(-1)).toThrow(RangeError);
    expect(() => LineSpectrum.constant(1, [0])).toThrow(
      /baseFrequencies\[0\] \(Hz\) must be a finite number > 0/,
    );
  });
  it('orders beyond the key capacity', () => {
    const four = LineSpectrum.fromTones([1, 2.1, 3.2, 4.3].map((freq) => ({ freq, amp: 1 })));
    let p = four;
    for (let i = 0; i < 11; i++) p = p.multiply(p).prune({ floor: 1e300 });
    expect(p.maxOrder).toBe(2048);
    expect(() => p.multiply(p)).toThrow(/order must be <= 4095 for 4 base frequencies, got 4096/);
  });
});
