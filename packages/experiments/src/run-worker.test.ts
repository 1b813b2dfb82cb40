import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendRequest, Progress } from './core/types';
import type { MinimalDcResult } from './minimal-dc/run';
import { minimalDc } from './minimal-dc/run';
import {
  createRunWorkerClient,
  type RunWorkerEndpoint,
  RunWorkerError,
  type RunWorkerHandlers,
  type RunWorkerReply,
  serveRunWorker,
  type ServeRunWorkerOptions,
} from './run-worker';

// Both ends of the lab's protocol in one Node process: the worker side serves one port of a
// MessageChannel, the page side drives the other, so every message is structured-cloned as
// between a page and its Web Worker.
const open: MessagePort[] = [];
afterEach(() => {
  for (const port of open.splice(0)) port.close();
});

/** The page's side of a channel whose other port runs `serveRunWorker`; terminate closes it. */
function channel(options: ServeRunWorkerOptions = {}): RunWorkerEndpoint & { closed: boolean } {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  serveRunWorker(
    {
      postMessage: (reply) => port2.postMessage(reply),
      addEventListener: (_type, listener) => port2.on('message', (data) => listener({ data })),
    },
    options,
  );
  const endpoint = {
    closed: false,
    postMessage: (request: unknown) => port1.postMessage(request),
    addEventListener: (
      type: 'message' | 'error',
      listener: (event: { data?: unknown }) => void,
    ) => {
      if (type === 'message') port1.on('message', (data) => listener({ data }));
    },
    terminate: () => {
      endpoint.closed = true;
      port1.close();
      port2.close();
    },
  };
  return endpoint;
}

/** Handlers that record every call, and a promise of the call that ends the run. */
function recorder() {
  const calls: { backend: string[]; progress: Progress[] } = { backend: [], progress: [] };
  let finish: (value: { kind: string; value?: unknown; elapsedMs?: number }) => void = () => {};
  const ended = new Promise<{ kind: string; value?: unknown; elapsedMs?: number }>((resolve) => {
    finish = resolve;
  });
  const handlers: RunWorkerHandlers = {
    onBackend: (name) => calls.backend.push(name),
    onProgress: (p) => calls.progress.push(p),
    onDone: (value, elapsedMs) => finish({ kind: 'done', value, elapsedMs }),
    onAborted: (elapsedMs) => finish({ kind: 'aborted', elapsedMs }),
    onError: (value) => finish({ kind: 'error', value }),
    onEnded: (value, message) => finish({ kind: 'ended', value: [value, message] }),
  };
  return { calls, handlers, ended };
}

const quick = minimalDc.presets.quick as unknown as Record<string, unknown>;

describe('serveRunWorker + createRunWorkerClient over a MessageChannel', () => {
  it('runs the quick minimalDc in the "worker" and gives the same result as a run in this thread', async () => {
    const { calls, handlers, ended } = recorder();
    const client = createRunWorkerClient(channel(), handlers);
    client.run({ experiment: 'minimal-dc', config: quick, seed: 0, backend: 'wasm' });
    expect(client.running).toBe(true);
    const outcome = await ended;
    expect(outcome.kind).toBe('done');
    expect(outcome.elapsedMs).toBeGreaterThan(0);
    expect(client.running).toBe(false);
    expect(calls.backend).toEqual(['wasm']);
    const last = calls.progress.at(-1)!;
    expect([last.kind, last.unitsDone]).toEqual(['unit-done', last.unitsTotal]);
    expect(
      calls.progress.some((p) => p.kind === 'unit-step' && p.metrics?.loss !== undefined),
    ).toBe(true);
    const here = await minimalDc.run(minimalDc.presets.quick, {
      seed: 0,
      backend: 'wasm',
      workers: 1,
    });
    const there = outcome.value as MinimalDcResult;
    expect(there.configHash).toBe(here.configHash);
    expect(there.kernels).toEqual(here.kernels);
    expect(there.claims).toEqual(here.claims);
  }, 120_000);

  it('stops a run at its next epoch: aborted, never done, and the worker takes the next run', async () => {
    const { calls, handlers, ended } = recorder();
    const endpoint = channel();
    let stopped = false;
    const client = createRunWorkerClient(endpoint, {
      ...handlers,
      onProgress(p) {
        handlers.onProgress?.(p);
        if (!stopped && p.kind === 'unit-step') stopped = client.stop();
      },
    });
    const config = { ...quick, trainEpochs: 200 };
    client.run({ experiment: 'minimal-dc', config, seed: 0, backend: 'wasm' });
    const outcome = await ended;
    expect(stopped).toBe(true);
    expect(outcome.kind).toBe('aborted');
    expect(client.running).toBe(false);
    expect(client.stop()).toBe(false);
    const steps = calls.progress.filter((p) => p.kind === 'unit-step');
    expect(steps.at(-1)!.step!).toBeLessThan(200);
    // The grace timer was cleared: the worker lives on and serves another run.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect([client.ended, endpoint.closed]).toEqual([false, false]);
    const next = recorder();
    const second = createRunWorkerClient(endpoint, next.handlers);
    second.run({
      experiment: 'minimal-dc',
      config: { ...quick, trainEpochs: 1 },
      seed: 1,
      backend: 'wasm',
    });
    expect((await next.ended).kind).toBe('done');
  }, 120_000);

  it('ends a worker whose stopped run does not end within the grace time', async () => {
    const { handlers, ended } = recorder();
    // A backend that never comes up: the run cannot reach a step, so stop cannot be honoured.
    const endpoint = channel({ setupBackend: () => new Promise<string>(() => {}) });
    const client = createRunWorkerClient(endpoint, handlers, { stopGraceMs: 20 });
    client.run({ experiment: 'minimal-dc', config: quick, seed: 0, backend: 'wasm' });
    expect(client.stop()).toBe(true);
    expect(await ended).toEqual({ kind: 'ended', value: ['stop-grace', undefined] });
    expect([client.ended, client.running, endpoint.closed]).toEqual([true, false, true]);
    const error = (() => {
      try {
        client.run({ experiment: 'minimal-dc', config: quick, seed: 0, backend: 'wasm' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(RunWorkerError);
    expect((error as RunWorkerError).code).toBe('ended');
  });

  it('reports a config the experiment refuses as an error reply with its name and message', async () => {
    const { handlers, ended } = recorder();
    const client = createRunWorkerClient(channel(), handlers);
    client.run({
      experiment: 'minimal-dc',
      config: { ...quick, trainEpochs: -1 },
      seed: 0,
      backend: 'wasm',
    });
    const outcome = await ended;
    expect(outcome.kind).toBe('error');
    const { name, message } = outcome.value as { name: string; message: string };
    expect(name).toBe('ConfigError');
    expect(message).toContain('trainEpochs');
    expect(message).toContain('-1');
  });

  it('refuses a second run on the page side while one is in progress', () => {
    const client = createRunWorkerClient(
      channel({ setupBackend: () => new Promise(() => {}) }),
      {},
    );
    client.run({ experiment: 'minimal-dc', config: quick, seed: 0, backend: 'wasm' });
    expect(() =>
      client.run({ experiment: 'minimal-dc', config: quick, seed: 0, backend: 'wasm' }),
    ).toThrow(new RunWorkerError('busy', 'run asked while a run is in progress; stop it first'));
    client.terminate();
    expect(client.ended).toBe(true);
  });

  it('refuses a stop grace that is not a finite number ≥ 0', () => {
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY])
      expect(() => createRunWorkerClient(channel(), {}, { stopGraceMs: bad })).toThrow(
        `stopGraceMs must be a finite number ≥ 0 (ms), got ${bad}`,
      );
  });
});

describe('serveRunWorker answers what it cannot serve with an error reply', () => {
  /** Posts raw requests to a served port and collects the replies until `count` arrived. */
  async function replies(requests: unknown[], count: number): Promise<RunWorkerReply[]> {
    const { port1, port2 } = new MessageChannel();
    open.push(port1, port2);
    const setupBackend = (_: BackendRequest) => new Promise<string>(() => {});
    serveRunWorker(
      {
        postMessage: (reply) => port2.postMessage(reply),
        addEventListener: (_type, listener) => port2.on('message', (data) => listener({ data })),
      },
      { setupBackend },
    );
    const got: RunWorkerReply[] = [];
    const done = new Promise<void>((resolve) =>
      port1.on('message', (reply: RunWorkerReply) => {
        got.push(reply);
        if (got.length === count) resolve();
      }),
    );
    for (const request of requests) port1.postMessage(request);
    await done;
    return got;
  }

  it('an unknown message, an unknown experiment, and a second run while one is in progress', async () => {
    const run = { type: 'run', experiment: 'minimal-dc', config: quick, seed: 0, backend: 'wasm' };
    expect(
      await replies([{ type: 'train' }, null, { ...run, experiment: 'mnist' }, run, run], 4),
    ).toEqual([
      {
        type: 'error',
        name: 'RunWorkerError',
        message: 'message type must be one of run, stop, got "train"',
      },
      {
        type: 'error',
        name: 'RunWorkerError',
        message: 'message type must be one of run, stop, got undefined',
      },
      {
        type: 'error',
        name: 'RunWorkerError',
        message:
          'experiment must be one of approximation, example-networks, real-world, dc-ablation, minimal-dc, dc-in-trained-models, got "mnist"',
      },
      {
        type: 'error',
        name: 'RunWorkerError',
        message: 'run asked while a run is in progress in this worker; stop it first',
      },
    ]);
  });
});
