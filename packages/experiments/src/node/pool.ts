import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { UnitRecord } from '../core/checkpoint';
import { reviveError } from '../core/errors';
import type { UnitPool, WorkerMessage, WorkerTask } from '../core/platform';

/**
 * Where the bundled worker lives: `dist/worker.js` next to the built entry, or the package's
 * `dist/` when this module runs from `src/` (tests). Build with `npx tsup` first.
 *
 * @returns a file URL.
 * @throws {Error} when no built worker exists.
 */
export function defaultWorkerUrl(): URL {
  const candidates = [
    new URL('./worker.js', import.meta.url),
    new URL('../../dist/worker.js', import.meta.url),
  ];
  for (const url of candidates) if (existsSync(fileURLToPath(url))) return url;
  throw new Error(
    `no built worker found (looked for ${candidates.map((u) => fileURLToPath(u)).join(', ')}); run \`npx tsup\` in packages/experiments, or pass workers: 1`,
  );
}

/** The number of worker threads a run uses by default: the machine's available parallelism. */
export function defaultWorkerCount(): number {
  return Math.max(1, availableParallelism());
}

interface Pending {
  task: WorkerTask;
  resolve: (r: UnitRecord) => void;
  reject: (e: Error) => void;
  onStep?: (step: number, steps: number, metrics?: Record<string, number>) => void;
}

/**
 * A fixed pool of worker threads, each with its own tfjs backend, running one unit at a time.
 */
export class WorkerPool implements UnitPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  private readonly queue: Pending[] = [];
  private readonly running = new Map<Worker, { id: number; job: Pending }>();
  private nextId = 0;
  private closed = false;

  /**
   * @param size - number of threads (≥ 1).
   * @param workerUrl - the bundled worker script.
   */
  constructor(size: number, workerUrl: URL) {
    for (let i = 0; i < size; i++) {
      const worker = new Worker(workerUrl);
      worker.on('message', (m: WorkerMessage) => this.onMessage(worker, m));
      worker.on('error', (e) => this.onCrash(worker, e));
      worker.on('exit', (code) => {
        if (!this.closed) this.onCrash(worker, new Error(`worker thread exited with code ${code}`));
      });
      this.all.push(worker);
      this.idle.push(worker);
    }
  }

  /** Runs `task` on the next free worker. */
  run(task: WorkerTask, onStep?: Pending['onStep']): Promise<UnitRecord> {
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject, onStep });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (!this.closed && this.idle.length && this.queue.length) {
      const worker = this.idle.pop() as Worker;
      const job = this.queue.shift() as Pending;
      const id = this.nextId++;
      this.running.set(worker, { id, job });
      worker.postMessage({ type: 'run', taskId: id, task: job.task });
    }
  }

  private onMessage(worker: Worker, m: WorkerMessage): void {
    const current = this.running.get(worker);
    if (!current || current.id !== m.taskId) return;
    if (m.type === 'step') {
      current.job.onStep?.(m.step, m.steps, m.metrics);
      return;
    }
    this.running.delete(worker);
    this.idle.push(worker);
    if (m.type === 'done') current.job.resolve(m.record);
    else {
      current.job.reject(reviveError(m));
    }
    this.dispatch();
  }

  private onCrash(worker: Worker, error: Error): void {
    const current = this.running.get(worker);
    this.running.delete(worker);
    current?.job.reject(error);
    // A thread that died (out of memory, a crash in wasm) takes the pool with it, so queued units
    // fail at once instead of waiting for a thread that will never come back.
    void this.terminate(new Error(`a worker thread failed: ${error.message}`));
  }

  /** Stops every thread at once; queued and running units are rejected with `reason`. */
  async terminate(reason: Error = new Error('worker pool terminated')): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(reason);
    for (const { job } of this.running.values()) job.reject(reason);
    this.running.clear();
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}
