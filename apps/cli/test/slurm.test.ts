import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, quickAblationConfig, rectify, tempDir } from './helpers';

const CLUSTER = resolve(
  dirname(fileURLToPath(import.meta.url)),
  '../../../tools/slurm/local-cluster.sh',
);

// The single-process reference below uses exactly the same flags.
const CONFIG = quickAblationConfig(5);

describe('rectify slurm (the generated script)', () => {
  it('is an sbatch array 0-(N−1) of `run --shard auto/N` plus an afterok merge job, calling rectify by absolute paths', () => {
    const dir = tempDir();
    const file = join(dir, 'submit.sh');
    const r = rectify([
      'slurm',
      'dc-ablation',
      ...CONFIG,
      '--shards',
      '4',
      '--partition',
      'debug',
      '--time',
      '0:30:00',
      '--cpus-per-task',
      '2',
      '--out',
      join(dir, 'out'),
      '--write',
      file,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote .*submit\.sh: dc-ablation in 4 shard\(s\) of 10 units into .*; submit with: bash .*submit\.sh/,
    );
    expect(statSync(file).mode & 0o111).not.toBe(0);
    const script = readFileSync(file, 'utf8');
    expect(script).toContain('#SBATCH --array=0-3');
    expect(script).toContain('#SBATCH --partition=debug');
    expect(script).toContain('#SBATCH --time=0:30:00');
    expect(script).toContain('#SBATCH --cpus-per-task=2');
    expect(script).toContain('sbatch --parsable --array="$array"');
    expect(script).toContain('sbatch --parsable --dependency="afterok:$shards_job"');
    const node = process.execPath;
    const bin = realpathSync(BIN);
    expect(script).toContain(
      `exec ${node} ${bin} run dc-ablation --preset quick --config ${join(dir, 'out')}/slurm/config.json --seed 5 --workers 2 --out ${join(dir, 'out')} --shard auto/4`,
    );
    expect(script).toContain(`exec ${node} ${bin} merge --out ${join(dir, 'out')} --shards 4`);
    // The frozen config is the validated one, with the --set overrides applied.
    const frozen = /<<'RECTIFY_CONFIG'\n([\s\S]*?)\nRECTIFY_CONFIG/.exec(script);
    expect(JSON.parse(frozen![1]!)).toMatchObject({
      repetitions: 2,
      epochs: 2,
      signalsPerClass: 64,
      testSignalsPerClass: 32,
    });
    expect(spawnSync('bash', ['-n', file]).status).toBe(0);

    const printed = rectify([
      'slurm',
      'dc-ablation',
      ...CONFIG,
      '--shards',
      '4',
      '--out',
      join(dir, 'out'),
    ]);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^#!\/usr\/bin\/env bash\n/);
    expect(printed.stdout).not.toContain('--partition');
  });

  it('refuses more shards than units, a malformed --time and a bad config, naming the flag and the value', () => {
    const out = join(tempDir(), 'out');
    const many = rectify(['slurm', 'dc-ablation', ...CONFIG, '--shards', '11', '--out', out]);
    expect(many.code).toBe(2);
    expect(many.stderr).toMatch(/rectify: --shards must be ≤ the config's 10 units .* got 11/);
    const time = rectify(['slurm', 'dc-ablation', '--shards', '2', '--time', 'soon', '--out', out]);
    expect(time.code).toBe(2);
    expect(time.stderr).toMatch(/rectify: --time must be a Slurm time .* got 'soon'/);
    const config = rectify([
      'slurm',
      'dc-ablation',
      '--shards',
      '2',
      '--set',
      'epochs=0',
      '--out',
      out,
    ]);
    expect(config.code).toBe(2);
    expect(config.stderr).toMatch(/epochs/);
  });
});

/** `scontrol show job ID`: the JobState of each record (one per array task). */
function jobStates(id: string, env: NodeJS.ProcessEnv): string[] {
  const r = spawnSync('scontrol', ['show', 'job', id], { env, encoding: 'utf8' });
  return [...r.stdout.matchAll(/JobState=(\S+)/g)].map((m) => m[1]!);
}

const FINAL = new Set([
  'COMPLETED',
  'FAILED',
  'CANCELLED',
  'TIMEOUT',
  'NODE_FAIL',
  'OUT_OF_MEMORY',
  'PREEMPTED',
  'BOOT_FAIL',
  'DEADLINE',
]);

/** Poll until the job's every record is in a final state; fail with the logs after `timeoutMs`. */
async function waitForJob(
  id: string,
  env: NodeJS.ProcessEnv,
  timeoutMs: number,
  logs: string,
): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const states = jobStates(id, env);
    if (states.length > 0 && states.every((s) => FINAL.has(s))) return states;
    if (Date.now() > deadline)
      throw new Error(
        `job ${id} still ${states.join(',') || 'unknown'} after ${timeoutMs} ms; logs in ${logs}`,
      );
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe('rectify slurm on a real single-node Slurm cluster', () => {
  const state = tempDir('rectify-slurm-');
  let env: NodeJS.ProcessEnv = process.env;

  beforeAll(() => {
    for (const tool of ['slurmctld', 'slurmd', 'munged', 'sbatch', 'scontrol']) {
      if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
        throw new Error(
          `${tool} is not installed: this end-to-end test needs Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge; .ci/run installs them)`,
        );
      }
    }
    const started = execFileSync('bash', [CLUSTER, 'start', state], { encoding: 'utf8' });
    const conf = /export SLURM_CONF=(\S+)/.exec(started);
    if (!conf) throw new Error(`local-cluster.sh start printed no SLURM_CONF: ${started}`);
    env = { ...process.env, SLURM_CONF: conf[1] };
  });

  afterAll(() => {
    spawnSync('bash', [CLUSTER, 'stop', state], { stdio: 'inherit' });
    rmSync(state, { recursive: true, force: true });
  });

  it('the array of 4 dc-ablation --preset quick shards and its merge job give the single-process result.json; a resubmitted shard merges again', async () => {
    const reference = tempDir();
    const single = rectify(['run', 'dc-ablation', ...CONFIG, '--workers', '1', '--out', reference]);
    expect(single.code, single.stderr).toBe(0);
    const expected = readFileSync(join(reference, 'result.json'), 'utf8');

    const dir = tempDir();
    const out = join(dir, 'out');
    const submit = join(dir, 'submit.sh');
    expect(
      rectify(['slurm', 'dc-ablation', ...CONFIG, '--shards', '4', '--out', out, '--write', submit])
        .code,
    ).toBe(0);
    const submitted = execFileSync('bash', [submit], { env, encoding: 'utf8' });
    expect(submitted).toMatch(/^rectify: shards: job \d+ \(array 0-3\); merge: job \d+/);
    const [arrayJob, mergeJob] = readFileSync(join(out, 'slurm', 'jobs'), 'utf8')
      .trim()
      .split(' ') as [string, string];
    const logs = join(out, 'slurm');
    expect(await waitForJob(mergeJob, env, 150_000, logs)).toEqual(['COMPLETED']);
    expect(jobStates(arrayJob, env)).toEqual(['COMPLETED', 'COMPLETED', 'COMPLETED', 'COMPLETED']);
    for (let i = 0; i < 4; i++)
      expect(readFileSync(join(logs, `shard-${i}.log`), 'utf8')).toMatch(
        new RegExp(`dc-ablation shard ${i}/4: \\d unit\\(s\\) — \\d computed`),
      );
    expect(readFileSync(join(logs, 'merge.log'), 'utf8')).toMatch(
      /^dc-ablation: merged 10 units from 4 shard\(s\)/,
    );
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(expected);

    // Lose shard 1's units, resubmit only that shard (the script's `bash submit.sh 1`): the new
    // merge job writes the same result again.
    for (const id of ['rep-0000.linear', 'rep-0001.relu'])
      rmSync(join(out, 'checkpoint', 'units', `${id}.json`));
    rmSync(join(out, 'result.json'));
    execFileSync('bash', [submit, '1'], { env, encoding: 'utf8' });
    const [, secondMerge] = readFileSync(join(out, 'slurm', 'jobs'), 'utf8')
      .trim()
      .split(' ') as [string, string];
    expect(await waitForJob(secondMerge, env, 120_000, logs)).toEqual(['COMPLETED']);
    expect(readFileSync(join(logs, 'shard-1.log'), 'utf8')).toMatch(
      /dc-ablation shard 1\/4: 3 unit\(s\) — 2 computed, 1 already present/,
    );
    expect(existsSync(join(out, 'result.json'))).toBe(true);
    expect(readFileSync(join(out, 'result.json'), 'utf8')).toBe(expected);
  }, 300_000);
});
