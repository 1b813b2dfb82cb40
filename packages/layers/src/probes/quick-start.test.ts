import { describe, expect, it } from 'vitest';
import { quickStart } from '../../examples/quick-start';

describe('examples/quick-start', () => {
  it('learns the three tone classes and shows the DC a ReLU adds to a tone', async () => {
    const report = await quickStart();
    expect(report.accuracy).toBe(1);
    expect(report.kernelDistance).toBeGreaterThan(0);
    for (const gain of Object.values(report.gainAt)) expect(Number.isFinite(gain)).toBe(true);
    // A filtered zero-mean tone has (almost) no DC; relu(a·cos) has DC a/π and mean square a²/4,
    // so a DC fraction of (a/π)² / (a²/4) = 4/π².
    expect(report.dcFraction.pre).toBeLessThan(1e-3);
    expect(Math.abs(report.dcFraction.post - 4 / Math.PI ** 2)).toBeLessThan(0.01);
  });
});
