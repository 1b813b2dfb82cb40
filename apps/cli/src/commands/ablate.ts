import { basename } from 'node:path';
import { ablationText } from '@rectify/experiments/report';
import type { CliContext } from '../context';
import type { AblateOptions } from '../program';
import { UsageError } from '../errors';
import { checkModel, loadModel } from '../model';
import { writePlot } from '../plot/render';
import { parseList, parseNumberOption } from '../parse';
import { readRecording } from './analyze';

/** `50:180:10` (start:stop:step, stop included) or a comma list `60,72,90`. */
function parseHeartRates(text: string): number[] {
  const range = /^\s*([^:]+):([^:]+):([^:]+)\s*$/.exec(text);
  if (range) {
    const [start, stop, step] = [range[1], range[2], range[3]].map((t) =>
      parseNumberOption('--heart-rates', t as string, 'positive'),
    ) as [number, number, number];
    if (stop < start)
      throw new UsageError(`--heart-rates start:stop:step needs stop ≥ start, got '${text}'`);
    const count = Math.floor((stop - start) / step + 1e-9) + 1;
    if (count > 1000)
      throw new UsageError(
        `--heart-rates must list at most 1000 rates, got ${count} from '${text}'`,
      );
    return Array.from({ length: count }, (_, i) => Number((start + i * step).toFixed(9)));
  }
  return parseList('--heart-rates', text).map((t) =>
    parseNumberOption('--heart-rates', t, 'positive'),
  );
}

/**
 * `rectify ablate <model>`: replace a saved model's ReLUs (remove the DC, remove the harmonics,
 * keep only the DC, scale the DC; every layer at once and, with `--per-layer`, one at a time) and
 * report the output change against the unablated model and, for a heart-rate model, the error
 * against the true rate, on synthetic PPG over heart rates × noise seeds or on `--input`
 * recordings (from @rectify/experiments' ablationStudy).
 *
 * @param model - a Keras `.keras` or `.h5` file, or a tfjs `model.json` (its directory holds the weights).
 * @param options - the parsed flags.
 * @param context - streams.
 */
export async function ablateCommand(
  model: string,
  options: AblateOptions,
  context: CliContext,
): Promise<void> {
  const layersPkg = await import('@rectify/layers');
  const modes = parseList('--mode', options.mode).map((m) => {
    try {
      return layersPkg.parseAblationMode(m, '--mode').mode;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  });
  const layers = options.layers.trim() === 'all' ? 'all' : parseList('--layers', options.layers);
  const seed = parseNumberOption('--seed', options.seed, 'integer≥0');
  const confidence = parseNumberOption('--confidence', options.confidence, 'positive');
  if (!(confidence < 1))
    throw new UsageError(`--confidence must be in (0, 1), got '${options.confidence}'`);
  const inputs = options.input;
  const trueRate =
    options.heartRate !== undefined
      ? parseNumberOption('--heart-rate', options.heartRate, 'positive')
      : null;
  if (inputs.length === 0 && options.heartRate !== undefined)
    throw new UsageError(
      '--heart-rate gives the true rate of --input recordings; use --heart-rates for synthetic PPG',
    );
  if (options.plot !== undefined && !options.perLayer)
    throw new UsageError('--plot draws the per-layer ranking; add --per-layer');
  const nodePkg = await import('@rectify/layers/node');
  checkModel(nodePkg, model);
  const experimentsPkg = await import('@rectify/experiments');
  type Probe = ReturnType<typeof experimentsPkg.syntheticPpgProbe>;
  let probe: Probe;
  let probeText: string;
  if (inputs.length > 0) {
    probe = [];
    for (const [i, path] of inputs.entries()) {
      const rec = await readRecording(path, options.column, options.fs);
      probe.push({ x: rec.samples, heartRate: trueRate, group: i, label: basename(path) });
    }
    probeText = `${inputs.length} recording(s) ${inputs.map((p) => basename(p)).join(', ')}${trueRate !== null ? `, true heart rate ${trueRate} bpm` : ''}`;
  } else {
    const heartRates = parseHeartRates(options.heartRates);
    const seeds = parseNumberOption('--seeds', options.seeds, 'integer≥1');
    const fs = parseNumberOption('--fs', options.fs ?? '32', 'positive');
    const noiseStd = parseNumberOption('--noise-std', options.noiseStd, 'nonNegative');
    probe = experimentsPkg.syntheticPpgProbe({ heartRates, seeds, fs, noiseStd, seed });
    probeText = `synthetic PPG at ${heartRates.length} heart rate(s) ${heartRates[0]}–${heartRates.at(-1)} bpm × ${seeds} noise seed(s), fs ${fs} Hz`;
  }

  const backend = await layersPkg.setupBackend({});
  const loaded = (await loadModel(nodePkg, model)).model;
  let report: ReturnType<typeof experimentsPkg.summarizeAblation>;
  let chosen: string[];
  try {
    const study = experimentsPkg.ablationStudy(loaded, probe, {
      modes,
      layers,
      perLayer: options.perLayer === true,
    });
    chosen = study.chosen;
    report = experimentsPkg.summarizeAblation(study, probe, { confidence, seed });
  } catch (error) {
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new UsageError(error.message.replace(/^layers:/, '--layers:'));
    }
    throw error;
  } finally {
    loaded.dispose();
  }
  const ranking = experimentsPkg.rankLayers(report);
  if (options.plot !== undefined) {
    await writePlot(
      options.plot,
      experimentsPkg.ablationRankingChart(ranking, report.heartRateModel).spec,
    );
  }
  if (options.json) {
    context.stdout(
      `${JSON.stringify({ model, backend, probe: probeText, signals: probe.length, layers: chosen, ...report, ranking }, null, 2)}\n`,
    );
    return;
  }
  const text = ablationText(report, ranking, {
    model,
    probe: probeText,
    backend,
    layers: chosen,
    allLayers: layers === 'all',
    signals: probe.length,
    groups: `${new Set(probe.map((p) => p.group)).size} ${inputs.length > 0 ? 'recordings' : 'noise seeds'}`,
    confidence,
    unscoredNote:
      trueRate === null && inputs.length > 0
        ? ' (pass --heart-rate to score a heart-rate model)'
        : '',
  });
  context.stdout(`${text}${options.plot !== undefined ? `\n\nwrote ${options.plot}` : ''}\n`);
}
