import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quickAblationConfig, rectify, signalWhenOutput, tempDir } from './helpers';

const SHARD = ['run', 'dc-ablation', ...quickAblationConfig(3), '--workers', '1'];

/** Every file a finished run leaves for the user (result, summary, plots), path → bytes. */
function outputs(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const f of ['result.json', 'summary.md']) files.set(f, readFileSync(join(dir, f)));
  for (const f of readdirSync(join(dir, 'plots')).sort())
    files.set(`plots/${f}`, readFileSync(join(dir, 'plots', f)));
  return files;
}

/** Start shard `index`/4, SIGKILL it as soon as its first unit is stored, and wait for it to die. */
function killAfterFirstUnit(out: string, index: number) {
  return signalWhenOutput(
    [...SHARD, '--shard', `${index}/4`, '--out', out],
    / 1\/3 units, done /,
    'SIGKILL',
  );
}

function shardLine(stdout: string): { computed: number; reused: number } {
  const m = /(\d+) computed, (\d+) already present/.exec(stdout);
  if (!m) throw new Error(`no shard summary in: ${stdout}`);
  return { computed: Number(m[1]), reused: Number(m[2]) };
}

describe('rectify run --shard + rectify merge (separate processes, no scheduler)', () => {
  it('4 shards in shuffled order, one SIGKILLed and rerun, one run twice: merge equals the single-process run bit for bit; a missing unit names its shard; other configs are refused', async () => {
    const reference = tempDir();
    const single = rectify([...SHARD, '--out', reference]);
    expect(single.code, single.stderr).toBe(0);
    const expected = outputs(reference);

    const out = tempDir();
    // Shard 2 first, then shard 1 killed after its first unit, then 3 (via Slurm's variables),
    // 0 (via a Kubernetes Indexed Job's), 1 again and 3 again.
    const s2 = rectify([...SHARD, '--shard', '2/4', '--out', out]);
    expect(s2.code, s2.stderr).toBe(0);
    expect(shardLine(s2.stdout)).toEqual({ computed: 2, reused: 0 });

    const killed = await killAfterFirstUnit(out, 1);
    expect(killed.signal).toBe('SIGKILL');
    const early = rectify(['merge', '--out', out]);
    expect(early.code).toBe(1);
    // Only shard 2 finished (its marker says 4 shards); units of shards 0, 1 and 3 are missing.
    expect(early.stderr).toMatch(
      /rectify: \d of 10 units missing in .*; rerun shard\(s\) 0, 1, 3 of 4 \(rectify run dc-ablation --shard S\/4 --out .*; on Slurm: resubmit with --array=0,1,3\)/,
    );
    expect(existsSync(join(out, 'result.json'))).toBe(false);

    const s3 = rectify([...SHARD, '--shard', 'auto', '--out', out], {
      env: {
        SLURM_ARRAY_TASK_ID: '3',
        SLURM_ARRAY_TASK_MIN: '0',
        SLURM_ARRAY_TASK_MAX: '3',
        SLURM_ARRAY_TASK_COUNT: '4',
      },
    });
    expect(s3.code, s3.stderr).toBe(0);
    expect(s3.stderr).toContain('[SLURM_ARRAY_TASK_ID=3, SLURM_ARRAY_TASK_COUNT=4]');
    expect(shardLine(s3.stdout)).toEqual({ computed: 2, reused: 0 });

    const s0 = rectify([...SHARD, '--shard', 'auto', '--out', out], {
      env: { JOB_COMPLETION_INDEX: '0', RECTIFY_SHARD_COUNT: '4' },
    });
    expect(s0.code, s0.stderr).toBe(0);
    expect(shardLine(s0.stdout)).toEqual({ computed: 3, reused: 0 });

    const s1 = rectify([...SHARD, '--shard', '1/4', '--out', out]);
    expect(s1.code, s1.stderr).toBe(0);
    const rerun = shardLine(s1.stdout);
    expect(rerun.reused).toBeGreaterThanOrEqual(1);
    expect(rerun.computed + rerun.reused).toBe(3);

    const again = rectify([...SHARD, '--shard', '3/4', '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(shardLine(again.stdout)).toEqual({ computed: 0, reused: 2 });

    const merged = rectify(['merge', '--out', out]);
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(
      /^dc-ablation: merged 10 units from 4 shard\(s\); \d\/\d claims hold \(seed 3\)/,
    );
    const got = outputs(out);
    expect([...got.keys()]).toEqual([...expected.keys()]);
    for (const [file, bytes] of expected) expect(got.get(file)?.equals(bytes), file).toBe(true);

    // A missing unit: unit i (in listUnits order: repetition-major, variants in config order)
    // belongs to shard i mod 4, so rep-0001.linear (i = 1·5 + 1 = 6) is shard 2's.
    const config = JSON.parse(expected.get('result.json')!.toString()).config as {
      repetitions: number;
      variants: string[];
    };
    const unitIds = Array.from({ length: config.repetitions }, (_, r) =>
      config.variants.map((v) => `rep-${String(r).padStart(4, '0')}.${v}`),
    ).flat();
    const victim = 'rep-0001.linear';
    const owner = unitIds.indexOf(victim) % 4;
    expect(owner).toBe(2);
    rmSync(join(out, 'checkpoint', 'units', `${victim}.json`));
    const gap = rectify(['merge', '--out', out]);
    expect(gap.code).toBe(1);
    expect(gap.stderr).toMatch(
      new RegExp(
        `1 of 10 units missing in .*: ${victim.replace('.', '\\.')}; rerun shard\\(s\\) ${owner} of 4 .*--array=${owner}\\)`,
      ),
    );
    expect(gap.stderr).not.toMatch(/\n\s+at /);
    const s2again = rectify([...SHARD, '--shard', `${owner}/4`, '--out', out]);
    expect(shardLine(s2again.stdout)).toEqual({ computed: 1, reused: 1 });
    expect(rectify(['merge', '--out', out]).code).toBe(0);
    expect(readFileSync(join(out, 'result.json')).equals(expected.get('result.json')!)).toBe(true);

    // A shard of another config (here: another seed) is refused before it writes anything.
    const otherSeed = rectify([
      'run',
      'dc-ablation',
      ...quickAblationConfig(4),
      '--shard',
      '0/4',
      '--out',
      out,
    ]);
    expect(otherSeed.code).toBe(2);
    expect(otherSeed.stderr).toMatch(
      /rectify: checkpoint directory .* belongs to another run .*: seed 3 vs 4; use another directory or delete it/,
    );

    // A unit file of another config copied in is refused by merge, naming the file and its shard.
    const other = tempDir();
    const foreignRun = rectify([
      'run',
      'dc-ablation',
      '--set',
      'repetitions=1',
      '--set',
      'variants=["relu"]',
      '--set',
      'epochs=1',
      '--set',
      'signalsPerClass=16',
      '--set',
      'testSignalsPerClass=8',
      '--seed',
      '3',
      '--shard',
      '0/1',
      '--out',
      other,
    ]);
    expect(foreignRun.code, foreignRun.stderr).toBe(0);
    copyFileSync(
      join(other, 'checkpoint', 'units', 'rep-0000.relu.json'),
      join(out, 'checkpoint', 'units', 'rep-0000.relu.json'),
    );
    const mixed = rectify(['merge', '--out', out]);
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(
      /rectify: refusing to merge .*: 1 unit file\(s\) in .* do not belong to this run: rep-0000\.relu\.json belongs to another run \(dc-ablation, config hash [0-9a-f]{12}…; this run [0-9a-f]{12}…\); delete them and rerun shard\(s\) 0 of 4/,
    );
    expect(readFileSync(join(out, 'result.json')).equals(expected.get('result.json')!)).toBe(true);
  }, 240_000);

  it('merge fails clearly on a directory without shards, and --shard text errors are usage errors', () => {
    const empty = tempDir();
    const none = rectify(['merge', '--out', empty]);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(
      /rectify: --out '.*' holds no sharded run \(no .*manifest\.json\); run the shards first/,
    );
    const bad = rectify(['run', 'dc-ablation', '--shard', '4/4', '--out', empty]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/rectify: --shard index must be in \[0, 3\]/);
  });
});
