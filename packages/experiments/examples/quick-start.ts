/**
 * Runs the minimal network of paper V.D at a small scale and prints its claims: the pooled value
 * of conv → ReLU → global average pooling is the ReLU's DC, amp·|H(f)|/π, and separates the
 * three frequency classes; without the ReLU it does not.
 *
 * `runQuickStart()` is also run by `test/examples.test.ts`. Run it (from packages/experiments):
 *   npx esbuild examples/quick-start.ts --bundle --platform=node --format=esm \
 *     --conditions=@rectify/source --packages=external --log-level=warning > /tmp/qs.mjs && node /tmp/qs.mjs
 */
import { pathToFileURL } from 'node:url';
import { experiments, type MinimalDcResult } from '@rectify/experiments';

/** Runs `minimal-dc` on 64 signals per class and returns the result. */
export async function runQuickStart(
  log: (line: string) => void = console.log,
): Promise<MinimalDcResult> {
  const e = experiments['minimal-dc'];
  const result = await e.run({ ...e.presets.quick, signalsPerClass: 64 }, { seed: 1, workers: 1 });
  for (const k of result.kernels) {
    log(
      `${k.mode} kernel [${k.kernel.map((w) => w.toFixed(3)).join(', ')}]: accuracy ${(100 * k.accuracyRelu).toFixed(1)} % with ReLU, ${(100 * k.accuracyLinear).toFixed(1)} % without`,
    );
  }
  for (const c of result.claims) log(`[${c.verdict}] ${c.statement}`);
  return result;
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) await runQuickStart();
