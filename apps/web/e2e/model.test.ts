import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activationLayerNames, analyzeKerasModel } from '@rectify/layers/keras';
import { fileSystemIO } from '@rectify/layers/node';
import { expectClose } from '@rectify/test-utils';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS_DIR, collectErrors, useSiteAndBrowser } from './harness';
import { kerasH5Fixture } from './keras-fixture';

const e2e = useSiteAndBrowser('site-model');

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('Open a model, in Chromium', () => {
  it("a Keras .h5 of the paper's architecture (nested blocks, MultiHeadAttention): every ReLU layer, before and after, as in Node", async () => {
    const bytes = await kerasH5Fixture('ppg_attention');
    const page = await e2e.browser.context.newPage();
    const errors = collectErrors(page);
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(e2e.server.url) || request.method() !== 'GET') {
        foreign.push(`${request.method()} ${request.url()}`);
      }
    });
    await page.goto(`${e2e.server.url}#/model`);
    await page.getByTestId('model-file').setInputFiles({
      name: 'ppg_attention.h5',
      mimeType: 'application/x-hdf5',
      buffer: Buffer.from(bytes),
    });
    await expect.poll(() => page.getByTestId('page-model').getAttribute('data-state')).toBe('open');
    expect(await page.getByTestId('page-model').getAttribute('data-layers')).toBe('4');
    await page.getByTestId('model-heart-rate').fill('240');
    await page.getByTestId('model-run').click();
    await expect.poll(() => page.getByTestId('page-model').getAttribute('data-state')).toBe('done');
    await page.screenshot({ path: join(ARTIFACTS_DIR, 'model.png'), fullPage: true });

    // The same analysis in Node, on the same bytes.
    const node = await analyzeKerasModel(bytes, { heartRate: 240, fs: 32, n: 32 });
    const predicted = Number(await page.getByTestId('model-prediction').getAttribute('data-value'));
    expectClose(predicted, node.output.values[0] as number, { rtol: 1e-5, atol: 1e-6 });
    for (const layer of node.layers) {
      const rows = page.getByTestId(`model-layer-${layer.layer}`).locator('tbody tr');
      expect(await rows.count()).toBe(layer.channels.length);
      for (const channel of layer.channels) {
        const row = rows.nth(channel.channel);
        const pre = Number(await row.getAttribute('data-pre-dc'));
        const post = Number(await row.getAttribute('data-post-dc'));
        const dead = (await row.getAttribute('data-dead')) !== null;
        expectClose(pre, channel.pre.dc, { rtol: 1e-4, atol: 1e-6, label: 'pre DC' });
        expectClose(post, channel.post.dc, { rtol: 1e-4, atol: 1e-6, label: 'post DC' });
        // ReLU(x) ≥ x and ≥ 0 pointwise, so the DC can only grow; a dead channel is all zero.
        expect(post).toBeGreaterThanOrEqual(Math.max(pre, 0) - 1e-6);
        expect(dead).toBe(layer.deadChannels.includes(channel.channel));
        if (dead) expect(post).toBe(0);
      }
    }
    expect(foreign, 'nothing leaves the browser').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a tfjs model.json chosen with its weights opens; without them it is refused naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rectify-web-tfjs-'));
    const model = tf.sequential({
      layers: [
        tf.layers.conv1d({ inputShape: [32, 1], filters: 2, kernelSize: 3, activation: 'relu' }),
        tf.layers.conv1d({ filters: 2, kernelSize: 3, activation: 'relu' }),
        tf.layers.globalAveragePooling1d(),
        tf.layers.dense({ units: 1 }),
      ],
    });
    await model.save(fileSystemIO(dir));
    const expected = activationLayerNames(model).length;
    model.dispose();
    const files = await Promise.all(
      ['model.json', 'weights.bin'].map(async (name) => ({
        name,
        mimeType: 'application/octet-stream',
        buffer: await readFile(join(dir, name)),
      })),
    );
    await rm(dir, { recursive: true, force: true });
    const page = await e2e.browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${e2e.server.url}#/model`);
    await page.getByTestId('model-file').setInputFiles(files);
    await expect.poll(() => page.getByTestId('page-model').getAttribute('data-state')).toBe('open');
    expect(await page.getByTestId('page-model').getAttribute('data-layers')).toBe(String(expected));
    await page.getByTestId('model-file').setInputFiles(files.slice(0, 1));
    await expect
      .poll(() => page.getByTestId('page-model').getAttribute('data-state'))
      .toBe('error');
    expect(await page.getByTestId('model-error').textContent()).toMatch(
      /"weights\.bin" listed in model\.json is not among the files given/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });

  it('a zip that is not a Keras archive is refused with what it holds', async () => {
    const { strToU8, zipSync } = await import('fflate');
    const page = await e2e.browser.context.newPage();
    const errors = collectErrors(page);
    await page.goto(`${e2e.server.url}#/model`);
    await page.getByTestId('model-file').setInputFiles({
      name: 'model.keras',
      mimeType: 'application/zip',
      buffer: Buffer.from(zipSync({ 'notes.txt': strToU8('not a model') })),
    });
    await expect
      .poll(() => page.getByTestId('page-model').getAttribute('data-state'))
      .toBe('error');
    expect(await page.getByTestId('model-error').textContent()).toMatch(
      /not a Keras archive.*found: notes\.txt/,
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});
