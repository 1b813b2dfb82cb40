/**
 * Bundled for the browser by src/fft-wasm.browser.test.ts: runs rfft on a page's main thread
 * through the WebAssembly path and through the JS passes and reports what happened.
 */
import { rfft } from '../src/fft';
import { fftWasmReady, setFftWasmEnabled } from '../src/fft-wasm';
import { signalA } from './inputs';

/** What the page reports for one length n. */
export interface BrowserFftReport {
  /** Whether the module was ready right after the first rfft (compiled synchronously). */
  readyAtOnce: boolean;
  /** Whether it was ready once pending compilations had settled. */
  readyLater: boolean;
  /** Whether the WebAssembly path and the JS passes gave the same bits. */
  sameBits: boolean;
  /** X_0 (the sum of the samples), to check against Node. */
  dc: number;
}

async function check(n: number): Promise<BrowserFftReport> {
  const x = signalA(n);
  const first = rfft(x);
  const readyAtOnce = fftWasmReady();
  for (let i = 0; i < 50 && !fftWasmReady(); i++) await new Promise((r) => setTimeout(r, 20));
  const readyLater = fftWasmReady();
  const wasm = rfft(x);
  setFftWasmEnabled(false);
  const js = rfft(x);
  setFftWasmEnabled(true);
  const same = (a: Float64Array, b: Float64Array) => a.every((v, i) => Object.is(v, b[i]));
  return {
    readyAtOnce,
    readyLater,
    sameBits: same(wasm, js) && same(first, js),
    dc: js[0] as number,
  };
}

(globalThis as { rectifyFftCheck?: typeof check }).rectifyFftCheck = check;
