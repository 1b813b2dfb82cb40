import { setupBackend } from '@rectify/layers';
import { expectClose, loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { pearsonr } from '../core/inference';
import { sig } from '../core/stats';
import { minimalDc, pooledValues } from './run';

interface PooledCase {
  kernel: [number, number];
  freq: number;
  amp: number;
  pooledRelu: number;
  pooledLinear: number;
}

describe('pooledValues (the tfjs V.D network) against numpy', () => {
  it('matches GAP(act(causal conv)) of tones for several kernels, frequencies and amplitudes', async () => {
    await setupBackend({ backend: 'wasm' });
    const { fs, n, cases } = loadFixture('experiments/minimal_dc.json') as {
      fs: number;
      n: number;
      cases: PooledCase[];
    };
    for (const kernel of [...new Set(cases.map((c) => JSON.stringify(c.kernel)))].map(
      (k) => JSON.parse(k) as [number, number],
    )) {
      const group = cases.filter((c) => c.kernel[0] === kernel[0] && c.kernel[1] === kernel[1]);
      const x = new Float32Array(group.length * n);
      group.forEach((c, s) => {
        for (let i = 0; i < n; i++)
          x[s * n + i] = c.amp * Math.cos((2 * Math.PI * c.freq * i) / fs);
      });
      // float32 signals and weights: agreement to ~1e-6 of the signal scale.
      expectClose(
        pooledValues(kernel, 'relu', x, group.length, n),
        group.map((c) => c.pooledRelu),
        { atol: 2e-6, label: `relu ${kernel}` },
      );
      expectClose(
        pooledValues(kernel, 'linear', x, group.length, n),
        group.map((c) => c.pooledLinear),
        { atol: 2e-6, label: `linear ${kernel}` },
      );
    }
  });
});

describe('minimalDc (V.D) at the quick preset', async () => {
  const r = await minimalDc.run(minimalDc.presets.quick, { seed: 0, workers: 1 });

  it('with ReLU the pooled DC separates the classes, without it accuracy is near chance', () => {
    for (const k of r.kernels) {
      expect(k.accuracyRelu, `${k.mode} with ReLU`).toBeGreaterThanOrEqual(0.9);
      expect(k.accuracyLinear, `${k.mode} without ReLU`).toBeLessThan(0.55);
    }
  });

  it('the fixed kernel’s pooled value matches amp·|H(f)|/π and follows |H| in order', () => {
    const fixed = r.kernels[0];
    expect(fixed?.mode).toBe('fixed');
    expect(fixed?.kernel).toEqual([-1, 1]);
    expect(fixed?.medianPredictionError).toBeLessThan(0.05);
    // First difference: |H(f)| = 2|sin(πf/fs)| rises with f, so do the class centroids.
    const c = fixed?.centroidsRelu as number[];
    expect(c[0]).toBeLessThan(c[1] as number);
    expect(c[1]).toBeLessThan(c[2] as number);
    expect(c[0]).toBeCloseTo((2 * Math.sin((Math.PI * 3) / 32)) / Math.PI, 1);
    // The linear pooled value of a zero-mean tone is ~0.
    for (const v of fixed?.centroidsLinear ?? []) expect(Math.abs(v)).toBeLessThan(0.02);
    const h = fixed?.response.magnitude as number[];
    expect(h[0]).toBeCloseTo(0, 12);
  });

  it('training changes the kernel and lowers the loss; claims hold for the fixed kernel', () => {
    const trained = r.kernels[1];
    expect(trained?.history?.length).toBe(10);
    expect(trained?.history?.at(-1)?.loss).toBeLessThan(trained?.history?.[0]?.loss as number);
    expect(trained?.history?.at(-1)?.kernelDistance[0]).toBeGreaterThan(0);
    expect(r.claims.find((c) => c.id === 'fixed-dc-separates-classes')?.verdict).toBe('holds');
  });

  it('reports Pearson r with its interval between amp·|H(f)|/π and the pooled value, per kernel', () => {
    expect(r.correlations.map((c) => c.mode)).toEqual(['fixed', 'trained']);
    for (const [i, c] of r.correlations.entries()) {
      const k = r.kernels[i] as (typeof r.kernels)[number];
      expect(c).toEqual({ mode: k.mode, ...pearsonr(k.predicted, k.pooledRelu) });
      expect(c.n).toBe(k.freqs.length);
    }
    const fixed = r.correlations[0];
    expect(fixed?.r).toBeGreaterThan(0.99);
    expect(fixed?.low).toBeGreaterThan(0.95);
    const claim = r.claims.find((c) => c.id === 'fixed-dc-follows-response');
    expect(claim?.measured).toContain(`Pearson r ${sig(fixed?.r as number, 5)}`);
    expect(claim?.verdict).toBe('holds');
    expect(r.claims.find((c) => c.id === 'fixed-dc-separates-classes')?.variants).toEqual([
      { name: 'fixed kernel, ReLU', accuracy: r.kernels[0]?.accuracyRelu },
      { name: 'fixed kernel, linear', accuracy: r.kernels[0]?.accuracyLinear },
    ]);
  });
});
