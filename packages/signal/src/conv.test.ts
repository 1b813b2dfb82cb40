import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { conv1d, conv1dMulti, diff, movingAverage, type Padding } from './index';
import { signalA, signalB } from '../test/inputs';

interface Single {
  n: number;
  k: number;
  padding: Padding;
  dilationRate: number;
  strides: number;
  y: number[];
}
interface Multi {
  steps: number;
  inChannels: number;
  outChannels: number;
  kernelSize: number;
  padding: Padding;
  dilationRate: number;
  strides: number;
  outSteps: number;
  y: number[];
}
const { single, multi } = loadFixture<{ single: Single[]; multi: Multi[] }>('signal/conv1d.json');

describe('conv1d against a numpy reference of Keras Conv1D', () => {
  it(`${single.length} cases: n, k, padding, dilation 1 and 2, strides 1-3`, () => {
    const paddings = new Set(single.map((c) => c.padding));
    expect([...paddings].sort()).toEqual(['causal', 'same', 'valid']);
    for (const c of single) {
      const { n, k, ...options } = c;
      const y = conv1d(signalA(n), signalB(k), options);
      expectClose(y, c.y, {
        rtol: 1e-12,
        atol: 1e-14,
        label: JSON.stringify({ n, k, ...options, y: undefined }),
      });
    }
  });

  it(`conv1dMulti: ${multi.length} multi-channel cases`, () => {
    for (const c of multi) {
      const x = signalA(c.steps * c.inChannels);
      const kernel = signalB(c.kernelSize * c.inChannels * c.outChannels);
      const { y, outSteps } = conv1dMulti(x, kernel, c);
      expect(outSteps).toBe(c.outSteps);
      expectClose(y, c.y, { rtol: 1e-12, atol: 1e-14 });
    }
  });

  it("'same' pads left ⌊total/2⌋ as TF: n = 4, k = 2 puts the extra zero on the right", () => {
    expectClose(conv1d([1, 2, 3, 4], [1, 10], { padding: 'same' }), [21, 32, 43, 4], { rtol: 0 });
  });

  it('conv1dMulti with one channel equals conv1d', () => {
    const x = signalA(20);
    const k = signalB(4);
    for (const padding of ['valid', 'same', 'causal'] as const) {
      const a = conv1d(x, k, { padding, dilationRate: 2, strides: 3 });
      const b = conv1dMulti(x, k, {
        steps: 20,
        inChannels: 1,
        outChannels: 1,
        kernelSize: 4,
        padding,
        dilationRate: 2,
        strides: 3,
      });
      expectClose(b.y, a, { rtol: 0, atol: 0 });
    }
  });
});

describe('diff and movingAverage', () => {
  it('diff scales first differences', () => {
    expectClose(diff([1, 4, 9, 16]), [3, 5, 7], { rtol: 0 });
    expectClose(diff([1, 4, 9], { scale: 32 }), [96, 160], { rtol: 0 });
  });

  it('movingAverage equals conv1d with a 1/k kernel (valid)', () => {
    const x = signalA(50);
    expectClose(movingAverage(x, 9), conv1d(x, new Array(9).fill(1 / 9)), {
      rtol: 1e-13,
      atol: 1e-15,
    });
    expectClose(movingAverage([1, 2, 3], 3), [2], { rtol: 0 });
    expectClose(movingAverage([1, 2, 3], 1), [1, 2, 3], { rtol: 0 });
  });
});

describe('conv bad input', () => {
  it('rejects a kernel longer than the input with valid padding', () => {
    expect(() => conv1d([1, 2], [1, 2, 3])).toThrow(RangeError);
    expect(() => conv1d([1, 2, 3], [1, 2], { dilationRate: 3 })).toThrow(
      /\(kernelSize − 1\)·dilationRate \+ 1 = 4 > input length 3/,
    );
    expect(conv1d([1, 2], [1, 2, 3], { padding: 'causal' }).length).toBe(2);
  });

  it('rejects unknown padding and bad dilation / strides', () => {
    expect(() => conv1d([1, 2], [1], { padding: 'full' as Padding })).toThrow(
      new RangeError("padding must be one of 'valid', 'same', 'causal', got 'full'"),
    );
    expect(() => conv1d([1, 2], [1], { dilationRate: 0 })).toThrow(
      /dilationRate must be an integer >= 1, got 0/,
    );
    expect(() => conv1d([1, 2], [1], { strides: 1.5 })).toThrow(
      /strides must be an integer >= 1, got 1.5/,
    );
  });

  it('rejects empty and non-finite data', () => {
    expect(() => conv1d([], [1])).toThrow(/x must have at least 1 element/);
    expect(() => conv1d([1], [])).toThrow(/kernel must have at least 1 element/);
    expect(() => conv1d([1, Number.NaN], [1])).toThrow(
      /x must contain only finite numbers, got NaN at index 1/,
    );
  });

  it('conv1dMulti checks shapes', () => {
    const shape = { steps: 3, inChannels: 2, outChannels: 1, kernelSize: 2 };
    expect(() => conv1dMulti([1, 2, 3], [1, 1, 1, 1], shape)).toThrow(
      /x must have length steps·inChannels = 6, got length 3/,
    );
    expect(() => conv1dMulti([1, 2, 3, 4, 5, 6], [1, 1], shape)).toThrow(
      /kernel must have length kernelSize·inChannels·outChannels = 4/,
    );
    expect(() => conv1dMulti([1], [1], { ...shape, steps: 0 })).toThrow(
      /steps must be an integer >= 1, got 0/,
    );
    expect(() => conv1dMulti([1], [1], undefined as never)).toThrow(TypeError);
  });

  it('diff and movingAverage validate', () => {
    expect(() => diff([1])).toThrow(/x must have at least 2 elements, got length 1/);
    expect(() => diff([1, 2], { scale: Number.NaN })).toThrow(
      /scale must be a finite number, got NaN/,
    );
    expect(() => movingAverage([1, 2], 3)).toThrow(
      new RangeError('k must be an integer in [1, 2], got 3'),
    );
    expect(() => movingAverage([1, 2], 0)).toThrow(RangeError);
  });
});
