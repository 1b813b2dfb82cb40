import { unavailable } from './unavailable';

/** node:path — joins with '/', enough for messages. */
export const join = (...parts: string[]): string => parts.join('/');
export const dirname = (path: string): string => path.replace(/\/[^/]*$/, '') || '/';
export const resolve = join;
/** node:url */
export const fileURLToPath = (url: string | URL): string => String(url);
/** node:os — the browser's core count. */
export const availableParallelism = (): number => globalThis.navigator?.hardwareConcurrency ?? 1;
export const cpus = (): unknown[] => new Array(availableParallelism()).fill({});
/** node:worker_threads — the page (or its Web Worker) is the only thread experiments see. */
export const threadId = 0;
export const isMainThread = true;
export const parentPort = null;
export class Worker {
  constructor() {
    unavailable('node:worker_threads Worker');
  }
}
/** node:module — package.json files cannot be resolved; versions read "unresolved". */
export function createRequire(): ((id: string) => never) & { resolve: (id: string) => never } {
  const load = (id: string): never => unavailable(`require('${id}')`);
  return Object.assign(load, {
    resolve: (id: string): never => unavailable(`require.resolve('${id}')`),
  });
}
export default {
  join,
  dirname,
  resolve,
  fileURLToPath,
  availableParallelism,
  cpus,
  threadId,
  isMainThread,
  parentPort,
  Worker,
  createRequire,
};
