import { describe, expect, it } from 'vitest';
import { dcAblationConfigSchema } from '../dc-ablation/config';
import { minimalDcConfigSchema } from '../minimal-dc/config';

describe('class frequencies above Nyquist are refused (issue 17, finding 8)', () => {
  for (const [name, schema] of [
    ['minimal-dc', minimalDcConfigSchema],
    ['dc-ablation', dcAblationConfigSchema],
  ] as const) {
    it(`${name}: [3, 5, 100] at fs 32 names classFrequencies.2 and fs/2; 16 Hz (= fs/2) is accepted`, () => {
      const bad = schema.safeParse({ classFrequencies: [3, 5, 100], fs: 32 });
      expect(bad.success).toBe(false);
      const issue = bad.error?.issues[0];
      expect(issue?.path).toEqual(['classFrequencies', 2]);
      expect(issue?.message).toBe(
        'must be at or below fs/2 = 16 Hz (Nyquist, fs 32 Hz), got 100 Hz',
      );
      expect(schema.safeParse({ classFrequencies: [3, 5, 16], fs: 32 }).success).toBe(true);
    });
  }
});
