import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The built executable under test. */
export const BIN = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'dist', 'bin.js');

/** What a finished child process left. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Run the built CLI to completion.
 *
 * @param args - command-line arguments.
 * @param options - working directory and extra environment.
 * @returns exit code, stdout and stderr.
 */
export function rectify(
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {},
): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 240_000,
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Start the built CLI without waiting (for interrupt tests).
 *
 * @param args - command-line arguments.
 * @returns the child and a promise of its result.
 */
export function startRectify(args: readonly string[]): {
  child: ChildProcess;
  done: Promise<CliResult>;
  output: () => string;
} {
  const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => {
    stdout += d;
  });
  child.stderr!.on('data', (d) => {
    stderr += d;
  });
  const done = new Promise<CliResult>((res) => {
    child.on('close', (code, signal) => res({ code, signal, stdout, stderr }));
  });
  return { child, done, output: () => stderr };
}

/**
 * Start the built CLI, send it `signal` `afterMs` after its stderr matches `pattern` (polled every
 * 20 ms; `null`: after start), and wait for it to end.
 *
 * @param args - command-line arguments.
 * @param pattern - what the progress output must show first, e.g. `/ 1\/3 units, done /`, or null.
 * @param signal - the signal to send, e.g. `'SIGINT'` or `'SIGKILL'`.
 * @param afterMs - how long to wait after the pattern shows before sending (default 0).
 * @returns the result of the signalled process, with `exitMs`, the time from the signal to its
 *   end; rejects when it ends before the signal is sent.
 */
export async function signalWhenOutput(
  args: readonly string[],
  pattern: RegExp | null,
  signal: NodeJS.Signals,
  afterMs = 0,
): Promise<CliResult & { exitMs: number }> {
  const run = startRectify(args);
  let timer: NodeJS.Timeout | undefined;
  const sentAt = await new Promise<number>((resolve, reject) => {
    const send = () => {
      timer = setTimeout(() => {
        run.child.kill(signal);
        resolve(performance.now());
      }, afterMs);
    };
    if (pattern === null) send();
    else
      timer = setInterval(() => {
        if (pattern.test(run.output())) {
          clearInterval(timer);
          send();
        }
      }, 20);
    run.done.then((r) => {
      clearInterval(timer);
      clearTimeout(timer);
      reject(new Error(`rectify ended before it could be sent ${signal}: ${r.code} ${r.stderr}`));
    }, reject);
  });
  const r = await run.done;
  return { ...r, exitMs: performance.now() - sentAt };
}

/**
 * The dc-ablation configuration of the multi-process tests: its quick preset (2 repetitions × 5
 * variants = 10 units) with fewer epochs and signals, so that ten CLI processes fit in well under
 * a minute on two cores.
 *
 * @param seed - the run's seed.
 * @returns the flags, to follow `run dc-ablation` or `slurm dc-ablation`.
 */
export function quickAblationConfig(seed: number): string[] {
  return [
    '--preset',
    'quick',
    '--set',
    'epochs=2',
    '--set',
    'signalsPerClass=64',
    '--set',
    'testSignalsPerClass=32',
    '--seed',
    String(seed),
  ];
}

/** A fresh temporary directory. */
export function tempDir(prefix = 'rectify-cli-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
