import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickAblationConfig, rectify, signalWhenOutput, tempDir } from './helpers';

const SMALL = ['run', 'dc-ablation', ...quickAblationConfig(5), '--workers', '1'];

describe('--resume over a corrupt or edited checkpoint unit (issue 17, finding 5)', () => {
  it('names the unit file and what is wrong (exit 1, one line, no content echoed)', async () => {
    const out = tempDir();
    // Killed after its first unit: the checkpoint holds finished units to resume from.
    const first = await signalWhenOutput(
      [...SMALL, '--out', out],
      / 1\/\d+ units, done /,
      'SIGKILL',
    );
    expect(first.signal).toBe('SIGKILL');
    const units = join(out, 'checkpoint', 'units');
    const victim = join(units, readdirSync(units).sort()[0]!);
    const original = readFileSync(victim, 'utf8');

    writeFileSync(victim, 'GARBAGE-BYTES <script>alert(1)</script>');
    const garbage = rectify(['run', 'dc-ablation', '--out', out, '--resume']);
    expect(garbage.code).toBe(1);
    expect(garbage.stderr.trimEnd().split('\n').at(-1)).toMatch(
      new RegExp(`^rectify: .*${victim.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid JSON`),
    );
    expect(garbage.stderr).not.toMatch(/GARBAGE|script|\n\s+at /);

    writeFileSync(victim, original.replace(/"output":\{"/, '"output":{"edited":1,"'));
    const edited = rectify(['run', 'dc-ablation', '--out', out, '--resume']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(
      /does not match its content hash \(edited after it was written\)/,
    );

    writeFileSync(victim, original);
    const intact = rectify(['run', 'dc-ablation', '--out', out, '--resume']);
    expect(intact.code, intact.stderr).toBe(0);
  }, 240_000);
});
