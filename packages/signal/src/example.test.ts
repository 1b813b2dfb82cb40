import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));

describe('examples/quick-start.ts', () => {
  it('prints the lines the README shows', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { quickStart } = await import('../examples/quick-start');
    log.mockRestore();
    const lines = quickStart();
    expect(lines).toEqual([
      'DC     0.636  (a/π = 0.637)',
      '5 Hz   1.000  (a/2 = 1)',
      '10 Hz  0.425  (2a/(3π) = 0.424)',
      '15 Hz  0.000  (odd harmonics vanish)',
      '|H(5 Hz)| of [0.5, 0.5] at fs = 64 Hz: 0.9700',
    ]);
    const readme = readFileSync(join(here, '..', 'README.md'), 'utf8');
    expect(readme).toContain(lines.join('\n'));
  });
});
