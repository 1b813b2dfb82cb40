import { basename } from 'node:path';
import {
  formatHz,
  layerSpectraChart,
  layerSpectraRecord,
  layerSpectraText,
} from '@rectify/experiments/report';
import type { CliContext } from '../context';
import type { InspectOptions } from '../program';
import { RuntimeError, UsageError } from '../errors';
import { parseList, parseNumberOption, parseTones } from '../parse';
import { checkModel, loadModel } from '../model';
import { writePlot } from '../plot/render';

/**
 * `rectify inspect <model>`: feed a saved model synthetic PPG at a heart rate (or a tone sum) and
 * report, per activation layer, the DC and the heart-rate harmonics before and after the
 * activation, the share of energy at new frequencies, the dead channels (no positive output on
 * the probe) and a live representative channel, and the model's own output (from
 * @rectify/layers/keras' analyzeKerasModel). The whole model is built unless `--up-to` is given.
 *
 * @param model - a Keras `.keras` or `.h5` file, or a tfjs `model.json` (its directory holds
 *   the weights).
 * @param options - the parsed flags.
 * @param context - streams.
 */
export async function inspectCommand(
  model: string,
  options: InspectOptions,
  context: CliContext,
): Promise<void> {
  if (options.heartRate !== undefined && options.tones !== undefined) {
    throw new UsageError('inspect takes either --heart-rate or --tones, not both');
  }
  const heartRateBpm =
    options.heartRate !== undefined
      ? parseNumberOption('--heart-rate', options.heartRate, 'positive')
      : undefined;
  const tones = options.tones !== undefined ? parseTones(options.tones) : undefined;
  const fs = parseNumberOption('--fs', options.fs, 'positive');
  const n = parseNumberOption('--samples', options.samples, 'integer≥1');
  if (n < 2) throw new UsageError(`--samples must be an integer ≥ 2, got '${options.samples}'`);
  const seed = parseNumberOption('--seed', options.seed, 'integer≥0');
  const channelsShown = parseNumberOption('--channels', options.channels, 'integer≥0');
  const wanted = options.layers !== undefined ? parseList('--layers', options.layers) : undefined;
  for (const t of tones ?? []) {
    if (t.freq >= fs / 2)
      throw new UsageError(
        `--tones frequency must be below fs/2 = ${fs / 2} Hz (Nyquist), got ${t.freq} Hz`,
      );
  }
  const nodePkg = await import('@rectify/layers/node');
  checkModel(nodePkg, model);
  const kerasPkg = await import('@rectify/layers/keras');
  const signalPkg = await import('@rectify/signal');
  const backend = await (await import('@rectify/layers')).setupBackend({});
  const { model: loaded, skipped } = await loadModel(nodePkg, model, options.upTo);
  const inputLength = loaded.inputs.length === 1 ? loaded.inputs[0]?.shape[1] : undefined;
  if (typeof inputLength === 'number' && inputLength !== n) {
    loaded.dispose();
    throw new UsageError(
      `--samples must be the model's input length ${inputLength} for '${basename(model)}', got ${n}`,
    );
  }
  const available = kerasPkg.activationLayerNames(loaded);
  const layers = wanted ?? available;
  if (layers.length === 0) {
    loaded.dispose();
    throw new RuntimeError(`model '${model}' has no layer with a non-linear activation to inspect`);
  }
  const probeHz = tones ? tones[0]!.freq : (heartRateBpm ?? 72) / 60;
  let analysis: Awaited<ReturnType<typeof kerasPkg.analyzeKerasModel>>;
  try {
    analysis = await kerasPkg.analyzeKerasModel(loaded, {
      heartRate: probeHz * 60,
      layers,
      fs,
      n,
      seed,
      ...(tones ? { input: signalPkg.tones(tones, { fs, n }) } : {}),
    });
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      const hint = wanted ? ` (layers with an activation: ${available.join(', ') || 'none'})` : '';
      throw new UsageError(`${error.message}${hint}`);
    }
    throw error;
  } finally {
    loaded.dispose();
  }

  const probe = tones
    ? `tones ${tones.map((t) => `${t.freq} Hz × ${t.amp}`).join(' + ')} (harmonics of f1 = ${tones[0]!.freq} Hz)`
    : `synthetic PPG at ${formatHz(analysis.heartRate.bpm)} bpm (${formatHz(analysis.heartRate.hz)} Hz), seed ${seed}`;
  if (options.json) {
    context.stdout(
      `${JSON.stringify({ model, backend, probe, fs: analysis.fs, n: analysis.n, heartRate: analysis.heartRate, output: analysis.output, skipped, layers: layerSpectraRecord(analysis) }, null, 2)}\n`,
    );
  }
  if (options.plot !== undefined) {
    await writePlot(options.plot, layerSpectraChart(model, probe, analysis));
  }
  if (options.json) return;
  const text = layerSpectraText(analysis, {
    model,
    probe,
    backend,
    skipped,
    channels: channelsShown,
  });
  context.stdout(options.plot !== undefined ? `${text}wrote ${options.plot}\n` : text);
}
