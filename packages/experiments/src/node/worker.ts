/**
 * The bundled worker (`dist/worker.js`): every dependency except tfjs, zod and h5wasm is bundled
 * into it, so Node runs it without a TypeScript loader and without prior builds of the other
 * Rectify packages.
 *
 * - As a worker thread: receives `{ type: 'run', taskId, task }`, runs the unit with its own
 *   tfjs backend, posts step events and the finished record.
 * - As a process (`node dist/worker.js run <experiment> <options.json>`, options
 *   `{ preset?, config?, seed, checkpointDir, out, workers?, backend?, checkpointEvery?, progressFile? }`,
 *   `config` overriding the preset's fields): runs a whole experiment with checkpoints and writes
 *   the result JSON to `out` — used to test a real SIGKILL and usable by any scheduler.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread, parentPort } from 'node:worker_threads';
import { sendError } from '../core/errors';
import { useRunPlatform, type WorkerMessage, type WorkerTask } from '../core/platform';
import { executeUnit, prepareRun } from '../core/runner';
import type { BackendRequest } from '../core/types';
import { experiments } from '../registry';
import { nodePlatform } from './platform';

// Units in this thread store partial state as files and record Node's versions, as the main
// thread that started it does.
useRunPlatform(nodePlatform);

function definition(name: string) {
  const def = (experiments as Record<string, (typeof experiments)[keyof typeof experiments]>)[name];
  if (!def)
    throw new RangeError(
      `experiment must be one of ${Object.keys(experiments).join(', ')}, got ${JSON.stringify(name)}`,
    );
  return def;
}

async function runTask(taskId: number, task: WorkerTask): Promise<void> {
  const port = parentPort;
  if (!port) return;
  try {
    const def = definition(task.experiment);
    const prepared = prepareRun(def as never, task.config, {
      seed: task.seed,
      backend: task.backend,
    });
    if (prepared.configHash !== task.configHash) {
      throw new Error(
        `worker derived config hash ${prepared.configHash} but the run has ${task.configHash}`,
      );
    }
    const record = await executeUnit(def as never, prepared, task.unitId, {
      checkpointDir: task.checkpointDir,
      checkpointEvery: task.checkpointEvery,
      backend: task.backend,
      onStep: (step, steps, metrics) =>
        port.postMessage({ type: 'step', taskId, step, steps, metrics } satisfies WorkerMessage),
    });
    port.postMessage({ type: 'done', taskId, record } satisfies WorkerMessage);
  } catch (error) {
    port.postMessage({ type: 'error', taskId, ...sendError(error) } satisfies WorkerMessage);
  }
}

if (!isMainThread && parentPort) {
  let chain = Promise.resolve();
  parentPort.on('message', (m: { type: 'run'; taskId: number; task: WorkerTask }) => {
    if (m.type === 'run') chain = chain.then(() => runTask(m.taskId, m.task));
  });
} else if (isMainThread && process.argv[2] === 'run') {
  const name = process.argv[3] ?? '';
  const options = JSON.parse(readFileSync(process.argv[4] ?? '', 'utf8')) as {
    preset?: 'paper' | 'quick';
    config?: Record<string, unknown>;
    seed: number;
    checkpointDir: string;
    out: string;
    workers?: number;
    backend?: BackendRequest;
    checkpointEvery?: number;
    progressFile?: string;
  };
  const def = definition(name);
  const base = options.preset ? (def.presets[options.preset] as Record<string, unknown>) : {};
  def
    .run({ ...base, ...options.config } as never, {
      seed: options.seed,
      checkpointDir: options.checkpointDir,
      workers: options.workers ?? 1,
      backend: options.backend,
      checkpointEvery: options.checkpointEvery,
      onProgress: (p) => {
        if (options.progressFile)
          writeFileSync(options.progressFile, `${JSON.stringify(p)}\n`, { flag: 'a' });
      },
    })
    .then((result) => writeFileSync(options.out, JSON.stringify(result)))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
      process.exitCode = 1;
    });
}
