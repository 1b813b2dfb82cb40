// The lab's worker protocol: a run in a Web Worker (or any message port) and the page that drives
// it. Browser-safe: it needs only `postMessage`/`addEventListener`, so the web lab, another
// front-end or a Node test over a MessageChannel speak the same messages.
import { setupBackend as setupLayersBackend } from '@rectify/layers';
import { RunAbortedError } from './core/errors';
import type { BackendRequest, ExperimentName, Progress } from './core/types';
import { experimentNames } from './core/types';
import { experiments } from './registry';

/** What a {@link createRunWorkerClient} asks of the worker: start one run. */
export interface RunWorkerRunRequest {
  /** The experiment, by registry name. */
  experiment: ExperimentName;
  /** Its config (validated by the experiment's schema in the worker). */
  config: Record<string, unknown>;
  /** Seed of every random draw (integer in [0, 2³²)). */
  seed: number;
  /** tfjs backend of the run (a worker sets its backend up once, with its first run). */
  backend: BackendRequest;
}

/** Page → worker: start a run, or stop the current one at its next step (epoch). */
export type RunWorkerRequest = ({ type: 'run' } & RunWorkerRunRequest) | { type: 'stop' };

/** Worker → page. Times are wall-clock milliseconds since the run's request arrived. */
export type RunWorkerReply =
  | { type: 'backend'; name: string }
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: unknown; elapsedMs: number }
  | { type: 'aborted'; elapsedMs: number }
  | { type: 'error'; name: string; message: string };

/** Why {@link RunWorkerError} was thrown or sent. */
export type RunWorkerErrorCode = 'busy' | 'ended';

/**
 * A {@link RunWorkerClient} call out of turn: `busy` (a run while one is in progress) or `ended`
 * (the worker was terminated). The worker answers a request it cannot serve (an unknown message
 * or experiment, a second run) with an `error` reply named `RunWorkerError`.
 */
export class RunWorkerError extends Error {
  override readonly name = 'RunWorkerError';
  /**
   * @param code - `busy` or `ended`.
   * @param message - says what was asked and why it cannot be done.
   */
  constructor(
    readonly code: RunWorkerErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The worker's side of a channel: a `DedicatedWorkerGlobalScope`, or a `MessagePort` in Node. */
export interface RunWorkerScope {
  /** Sends a reply to the page. */
  postMessage(message: RunWorkerReply): void;
  /** Receives the page's requests. */
  addEventListener(type: 'message', listener: (event: { readonly data: unknown }) => void): void;
}

/** Options of {@link serveRunWorker}. */
export interface ServeRunWorkerOptions {
  /**
   * Where the wasm backend's binaries are (file name → URL), as layers' `setupBackend` takes
   * them; a bundler's URLs in a browser (Vite: `?url` imports).
   */
  wasmPaths?: Record<string, string>;
  /**
   * Sets the backend up once per worker and resolves to its name (default layers'
   * `setupBackend({ backend, wasmPaths })`).
   */
  setupBackend?: (backend: BackendRequest) => Promise<string>;
}

function describeValue(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/**
 * Serves runs in a worker: a `run` request sets the tfjs backend up (once per worker), replies
 * `backend` with its name, runs the experiment on one thread (`workers: 1`) with a `progress` reply
 * per event, then `done` with the result, `aborted` when a `stop` request ended it at its next
 * step, or `error` with the error's name and message (a bad config, a second run while one is in
 * progress, an unknown message).
 *
 * @param scope - the worker's global scope, or a message port.
 * @param options - `wasmPaths` for the wasm backend, or a `setupBackend` of the caller's own.
 * @returns nothing; it listens until the worker ends.
 * @example
 * ```ts
 * // worker.ts, bundled as a module worker
 * serveRunWorker(self as unknown as DedicatedWorkerGlobalScope, { wasmPaths: { 'tfjs-backend-wasm.wasm': wasmUrl } });
 * ```
 */
export function serveRunWorker(scope: RunWorkerScope, options: ServeRunWorkerOptions = {}): void {
  const setup =
    options.setupBackend ??
    ((backend: BackendRequest) =>
      setupLayersBackend({
        backend,
        ...(options.wasmPaths !== undefined ? { wasmPaths: options.wasmPaths } : {}),
      }));
  let controller: AbortController | null = null;
  let backendReady: Promise<string> | null = null;
  const post = (reply: RunWorkerReply) => scope.postMessage(reply);
  // A request the worker cannot serve is answered as an error reply, never dropped.
  const refuse = (message: string) => post({ type: 'error', name: 'RunWorkerError', message });

  async function run(request: RunWorkerRunRequest): Promise<void> {
    const current = new AbortController();
    controller = current;
    const started = performance.now();
    try {
      backendReady ??= setup(request.backend);
      post({ type: 'backend', name: await backendReady });
      const result = await experiments[request.experiment].run(request.config, {
        seed: request.seed,
        backend: request.backend,
        workers: 1,
        signal: current.signal,
        onProgress: (progress) => post({ type: 'progress', progress }),
      });
      post({ type: 'done', result, elapsedMs: performance.now() - started });
    } catch (error) {
      if (error instanceof RunAbortedError || current.signal.aborted) {
        post({ type: 'aborted', elapsedMs: performance.now() - started });
      } else {
        post({
          type: 'error',
          name: error instanceof Error ? error.name : 'Error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    } finally {
      controller = null;
    }
  }

  scope.addEventListener('message', (event) => {
    const request = event.data as Partial<RunWorkerRequest> | null;
    const type = typeof request === 'object' && request !== null ? request.type : undefined;
    if (type === 'stop') {
      controller?.abort(new Error('stopped by the user'));
      return;
    }
    if (type !== 'run') {
      refuse(`message type must be one of run, stop, got ${describeValue(type)}`);
      return;
    }
    const runRequest = request as RunWorkerRunRequest;
    if (!(experimentNames as readonly string[]).includes(runRequest.experiment)) {
      refuse(
        `experiment must be one of ${experimentNames.join(', ')}, got ${describeValue(runRequest.experiment)}`,
      );
      return;
    }
    if (controller !== null) {
      refuse('run asked while a run is in progress in this worker; stop it first');
      return;
    }
    void run(runRequest);
  });
}

/** The page's side of a worker: a `Worker`, or a wrapped `MessagePort` in Node. */
export interface RunWorkerEndpoint {
  /** Sends a request to the worker. */
  postMessage(message: RunWorkerRequest): void;
  /**
   * Receives the worker's replies (`message`) and its uncaught failures (`error`, an `ErrorEvent`
   * in a browser; endpoints that have none never fire it).
   */
  addEventListener(
    type: 'message' | 'error',
    listener: (event: { data?: unknown; message?: string; preventDefault?(): void }) => void,
  ): void;
  /** Ends the worker at once. */
  terminate(): void;
}

/** What a {@link createRunWorkerClient} reports; every handler is optional. */
export interface RunWorkerHandlers {
  /** The worker's tfjs backend, once set up (e.g. `wasm`). */
  onBackend?(name: string): void;
  /** One progress event of the run. */
  onProgress?(progress: Progress): void;
  /** The run finished: its result and wall time (ms). */
  onDone?(result: unknown, elapsedMs: number): void;
  /** The run stopped at its next step after {@link RunWorkerClient.stop} (wall time, ms). */
  onAborted?(elapsedMs: number): void;
  /** The run failed in the worker (a bad config, …): the error's name and message. */
  onError?(error: { name: string; message: string }): void;
  /**
   * The worker was terminated: `stop-grace` (a stopped run did not end within the grace time) or
   * `worker-error` (the worker itself failed; `message` says how, `unknown error` when it does
   * not). The client is ended; make a new worker for the next run.
   */
  onEnded?(reason: 'stop-grace' | 'worker-error', message?: string): void;
}

/** Options of {@link createRunWorkerClient}. */
export interface RunWorkerClientOptions {
  /**
   * How long a stopped run may take to reach its next step before the worker is terminated
   * (ms, ≥ 0; default {@link RUN_WORKER_STOP_GRACE_MS}).
   */
  stopGraceMs?: number;
}

/** The stop grace time of {@link createRunWorkerClient} by default (ms): 5 s. */
export const RUN_WORKER_STOP_GRACE_MS = 5000;

/** Drives runs in one worker: {@link createRunWorkerClient}. */
export interface RunWorkerClient {
  /**
   * Starts a run in the worker.
   *
   * @throws {RunWorkerError} `busy` while a run is in progress, `ended` once the worker was
   *   terminated.
   */
  run(request: RunWorkerRunRequest): void;
  /**
   * Asks the run to stop at its next step; if it has not ended within the grace time, the worker
   * is terminated (`onEnded('stop-grace')`).
   *
   * @returns false when no run is in progress (nothing is sent).
   */
  stop(): boolean;
  /** Terminates the worker now (no handler is called). */
  terminate(): void;
  /** True from {@link RunWorkerClient.run} until the run's `done`, `aborted` or `error`. */
  readonly running: boolean;
  /** True once the worker was terminated. */
  readonly ended: boolean;
}

/**
 * The page's side of {@link serveRunWorker}: posts `run` and `stop`, routes the replies to
 * handlers, and ends a worker whose stopped run does not end within the grace time.
 *
 * @param worker - the worker (or an endpoint wrapping a message port).
 * @param handlers - what to call for each reply (see {@link RunWorkerHandlers}).
 * @param options - `stopGraceMs` (ms, ≥ 0; default 5000).
 * @returns the client.
 * @throws RangeError for a `stopGraceMs` that is not a finite number ≥ 0.
 * @example
 * ```ts
 * const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
 * const client = createRunWorkerClient(worker, { onProgress: (p) => show(progressText(p)), onDone: (result) => render(result) });
 * client.run({ experiment: 'minimal-dc', config: minimalDcPresets.quick, seed: 0, backend: 'wasm' });
 * ```
 */
export function createRunWorkerClient(
  worker: RunWorkerEndpoint,
  handlers: RunWorkerHandlers,
  options: RunWorkerClientOptions = {},
): RunWorkerClient {
  const graceMs = options.stopGraceMs ?? RUN_WORKER_STOP_GRACE_MS;
  if (typeof graceMs !== 'number' || !Number.isFinite(graceMs) || graceMs < 0)
    throw new RangeError(
      `stopGraceMs must be a finite number ≥ 0 (ms), got ${describeValue(graceMs)}`,
    );
  let running = false;
  let ended = false;
  let stopTimer: ReturnType<typeof setTimeout> | undefined;

  const settle = () => {
    clearTimeout(stopTimer);
    running = false;
  };
  const end = () => {
    settle();
    ended = true;
    worker.terminate();
  };

  worker.addEventListener('message', (event) => {
    if (ended) return;
    const reply = event.data as RunWorkerReply;
    switch (reply.type) {
      case 'backend':
        handlers.onBackend?.(reply.name);
        return;
      case 'progress':
        handlers.onProgress?.(reply.progress);
        return;
      case 'done':
        settle();
        handlers.onDone?.(reply.result, reply.elapsedMs);
        return;
      case 'aborted':
        settle();
        handlers.onAborted?.(reply.elapsedMs);
        return;
      case 'error':
        settle();
        handlers.onError?.({ name: reply.name, message: reply.message });
        return;
    }
  });
  worker.addEventListener('error', (event) => {
    event.preventDefault?.();
    if (ended) return;
    end();
    handlers.onEnded?.('worker-error', event.message || 'unknown error');
  });

  return {
    run(request) {
      if (ended) throw new RunWorkerError('ended', 'run asked of a worker that was terminated');
      if (running)
        throw new RunWorkerError('busy', 'run asked while a run is in progress; stop it first');
      running = true;
      worker.postMessage({ type: 'run', ...request });
    },
    stop() {
      if (!running || ended) return false;
      worker.postMessage({ type: 'stop' });
      clearTimeout(stopTimer);
      stopTimer = setTimeout(() => {
        end();
        handlers.onEnded?.('stop-grace');
      }, graceMs);
      return true;
    },
    terminate() {
      if (!ended) end();
    },
    get running() {
      return running;
    },
    get ended() {
      return ended;
    },
  };
}
