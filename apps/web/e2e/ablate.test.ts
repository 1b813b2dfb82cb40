import { ablateActivations } from '@rectify/layers';
import { loadKeras } from '@rectify/layers/keras';
import { syntheticPpg } from '@rectify/signal';
import { expectClose } from '@rectify/test-utils';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, collectErrors, useSiteAndBrowser } from './harness';
import { kerasH5Fixture } from './keras-fixture';

const e2e = useSiteAndBrowser('site-ablate');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('The model page’s ablate control, in Chromium', () => {
  it('gives the output of ablateActivations in Node, for every mode, on the same bytes and input', async () => {
    const bytes = await kerasH5Fixture('ppg_attention');
    const page = await e2e.browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${e2e.server.url}#/model`);
    await page.getByTestId('model-file').setInputFiles({
      name: 'ppg_attention.h5',
      mimeType: 'application/x-hdf5',
      buffer: Buffer.from(bytes),
    });
    await expect.poll(() => page.getByTestId('page-model').getAttribute('data-state')).toBe('open');
    await page.getByTestId('model-heart-rate').fill('240');
    const { model } = await loadKeras(bytes);
    const n = model.inputs[0]?.shape[1] as number;
    const x = tf.tensor3d(Float32Array.from(syntheticPpg({ heartRate: 240, fs: 32, n, seed: 0 })), [
      1,
      n,
      1,
    ]);
    const baseline = (model.predict(x) as tf.Tensor).dataSync()[0] as number;
    for (const [option, mode] of [
      ['remove-dc', 'remove-dc'],
      ['remove-harmonics', 'remove-harmonics'],
      ['dc-only', 'dc-only'],
      ['scale-dc', 'scale-dc:2'],
    ] as const) {
      await page.getByTestId('model-ablate-mode').selectOption(option);
      if (option === 'scale-dc') await page.getByTestId('model-ablate-k').fill('2');
      await page.getByTestId('model-ablate').click();
      await expect
        .poll(() => page.getByTestId('page-model').getAttribute('data-state'))
        .toBe('ablated');
      const shown = page.getByTestId('model-ablated');
      const ablated = ablateActivations(model, { mode });
      const expected = (ablated.predict(x) as tf.Tensor).dataSync()[0] as number;
      ablated.dispose();
      expectClose(Number(await shown.getAttribute('data-value')), expected, {
        rtol: 1e-5,
        atol: 1e-6,
        label: mode,
      });
      expectClose(Number(await shown.getAttribute('data-baseline')), baseline, {
        rtol: 1e-5,
        atol: 1e-6,
      });
      expect(Math.abs(expected - baseline), mode).toBeGreaterThan(1e-6);
      expect(await shown.textContent()).toContain(mode);
      await page.getByTestId('page-model').evaluate((el) => {
        el.dataset.state = 'open';
      });
    }
    await page.screenshot({ path: `${ARTIFACTS_DIR}/model-ablate.png`, fullPage: true });
    model.dispose();
    expect(errors).toEqual([]);
    await page.close();
  });
});
