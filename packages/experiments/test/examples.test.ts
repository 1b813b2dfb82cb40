import { expect, it } from 'vitest';
import { runQuickStart } from '../examples/quick-start';

it('examples/quick-start.ts runs and its claims hold', async () => {
  const lines: string[] = [];
  const result = await runQuickStart((line) => lines.push(line));
  expect(lines[0]).toMatch(/^fixed kernel \[-1\.000, 1\.000\]: accuracy 100\.0 % with ReLU/);
  expect(result.claims.filter((c) => c.id.startsWith('fixed')).map((c) => c.verdict)).toEqual([
    'holds',
    'holds',
  ]);
});
