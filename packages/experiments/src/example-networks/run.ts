import { conv1d, diff, tones } from '@rectify/signal';
import { defineExperiment } from '../core/define';
import {
  type PowerBreakdown,
  powerBreakdown,
  type SpectrumData,
  truncateSpectrum,
} from '../core/spectral';
import { percent, sig } from '../core/stats';
import type { Claim, ResultMeta, UnitContext } from '../core/types';
import {
  type ExampleNetworksConfig,
  exampleNetworksConfigSchema,
  exampleNetworksPresets,
} from './config';

/** The signals analysed: the input, ReLU(x) alone, and the two example networks' outputs. */
export const EXAMPLE_STAGES = ['input', 'relu', 'relu-avg', 'relu-diff'] as const;

/** One of {@link EXAMPLE_STAGES}. */
export type ExampleStage = (typeof EXAMPLE_STAGES)[number];

/** Analysis of one signal. */
export interface ExampleStageResult {
  /** Which signal. */
  stage: ExampleStage;
  /** Output length in samples (valid convolutions and differences shorten it). */
  samples: number;
  /** Samples analysed: the output's last whole seconds (all of it when fs is not an integer). */
  analysedSamples: number;
  /** Where the power went. */
  breakdown: PowerBreakdown;
  /** Amplitude at each input tone's bin (same order as config.tones). */
  amplitudeAtInputTones: number[];
  /** Single-sided amplitude spectrum up to config.spectrumMaxFreq. */
  spectrum: SpectrumData;
}

/** Result of `exampleNetworks`. */
export interface ExampleNetworksResult extends ResultMeta {
  /** One entry per stage, in {@link EXAMPLE_STAGES} order. */
  stages: ExampleStageResult[];
  /** Statements tested and their verdicts. */
  claims: Claim[];
}

const relu = (x: Float64Array) => x.map((v) => Math.max(v, 0));

function stageSignal(config: ExampleNetworksConfig, stage: ExampleStage): Float64Array {
  const n = Math.round(config.fs * config.duration);
  const x = tones(config.tones, { fs: config.fs, n });
  if (stage === 'input') return x;
  let y = relu(x);
  if (stage === 'relu-avg') {
    const kernel = new Float64Array(config.avgKernelSize).fill(1 / config.avgKernelSize);
    for (let l = 0; l < config.avgLayers; l++) y = relu(conv1d(y, kernel, { padding: 'valid' }));
  } else if (stage === 'relu-diff') {
    for (let l = 0; l < config.diffLayers; l++) y = relu(diff(y, { scale: config.fs }));
  }
  return y;
}

async function computeUnit(
  config: ExampleNetworksConfig,
  id: string,
  context: UnitContext,
): Promise<ExampleStageResult> {
  const stage = id as ExampleStage;
  if (!EXAMPLE_STAGES.includes(stage))
    throw new RangeError(
      `unitId must be one of ${EXAMPLE_STAGES.join(', ')}, got ${JSON.stringify(id)}`,
    );
  const full = stageSignal(config, stage);
  // Valid convolutions and differences shorten the output; analyse its last whole seconds so
  // integer-Hz tones sit on bins (no leakage counted as "new frequencies") and the start-up
  // samples are left out.
  const second = Math.round(config.fs);
  const keep =
    Number.isInteger(config.fs) && full.length >= second
      ? full.length - (full.length % second)
      : full.length;
  const y = full.subarray(full.length - keep);
  const inputFreqs = config.tones.map((t) => t.freq);
  const { breakdown, spectrum } = powerBreakdown(y, config.fs, inputFreqs, config.toneToleranceHz);
  const amplitudeAtInputTones = inputFreqs.map((f) => {
    let best = 0;
    for (let k = 0; k < spectrum.freqs.length; k++) {
      if (Math.abs((spectrum.freqs[k] as number) - f) <= config.toneToleranceHz)
        best = Math.max(best, spectrum.amplitude[k] as number);
    }
    return best;
  });
  context.onStep?.(1, 1);
  return {
    stage,
    samples: full.length,
    analysedSamples: y.length,
    breakdown,
    amplitudeAtInputTones,
    spectrum: truncateSpectrum(spectrum, config.spectrumMaxFreq),
  };
}

function claims(
  config: ExampleNetworksConfig,
  stages: Record<ExampleStage, ExampleStageResult>,
): Claim[] {
  const { input, relu: r, 'relu-avg': avg, 'relu-diff': dif } = stages;
  const kept = r.amplitudeAtInputTones.map(
    (a, i) => a / Math.max(1e-300, (config.tones[i]?.amp ?? 1) / 2),
  );
  const minKept = Math.min(...kept);
  return [
    {
      id: 'relu-keeps-every-input-frequency',
      statement:
        'ReLU never removes a frequency: every input tone is still present after ReLU (the x/2 term).',
      measured: `amplitude after ReLU at the input tones relative to a/2: ${kept.map((k) => sig(k)).join(', ')}`,
      verdict: minKept >= 0.5 ? 'holds' : 'does not hold',
      rule: 'holds if every input tone keeps at least 0.5 of a/2 after ReLU',
      paper: '§V.A (spectra figure): the input tones pass ReLU at half amplitude (the x/2 term).',
      kind: 'reproduction',
    },
    {
      id: 'relu-adds-dc-and-new-frequencies',
      statement: 'ReLU adds a DC and new frequencies (harmonics, intermodulation) to the input.',
      measured: `power after ReLU: DC ${percent(r.breakdown.dc)}, new frequencies ${percent(r.breakdown.newFrequencies)}; input: DC ${percent(input.breakdown.dc)}, new ${percent(input.breakdown.newFrequencies)}`,
      verdict:
        r.breakdown.dc >= 0.01 && r.breakdown.newFrequencies >= 0.01 ? 'holds' : 'does not hold',
      rule: 'holds if both the DC and the new frequencies carry ≥ 1 % of the power after ReLU',
      paper: '§V.A (spectra figure): ReLU adds a DC, even harmonics and intermodulation products.',
      kind: 'reproduction',
    },
    {
      id: 'avg-keeps-low-band-and-dc',
      statement:
        'relu(avg) keeps the low band plus the DC: its spectral centroid falls below the input’s and the DC’s share of the power grows.',
      measured: `relu(avg): DC ${percent(avg.breakdown.dc)} of power (ReLU alone ${percent(r.breakdown.dc)}), centroid ${sig(avg.breakdown.centroidHz)} Hz vs input ${sig(input.breakdown.centroidHz)} Hz`,
      verdict:
        avg.breakdown.dc > r.breakdown.dc && avg.breakdown.centroidHz < input.breakdown.centroidHz
          ? 'holds'
          : 'does not hold',
      rule: 'holds if the DC share grows (relu(avg) vs ReLU alone) and the spectral centroid falls below the input’s',
      paper: '§V.A, example network (a) relu(avg): averaging keeps the low band plus the DC.',
      kind: 'reproduction',
    },
    {
      id: 'diff-emphasises-high-band',
      statement:
        'relu(diff) emphasises the high band and its new harmonics: its spectral centroid rises above the input’s.',
      measured: `relu(diff): centroid ${sig(dif.breakdown.centroidHz)} Hz vs input ${sig(input.breakdown.centroidHz)} Hz, new frequencies ${percent(dif.breakdown.newFrequencies)} of power`,
      verdict: dif.breakdown.centroidHz > input.breakdown.centroidHz ? 'holds' : 'does not hold',
      rule: 'holds if the spectral centroid of relu(diff) is above the input’s',
      paper:
        '§V.A, example network (b) relu(diff): differencing emphasises the high band and its new harmonics.',
      kind: 'reproduction',
    },
  ];
}

/**
 * Paper V.A's example networks relu(avg) and relu(diff); units are the four stages.
 *
 * @example
 * ```ts
 * const r = await exampleNetworks.run({}, { seed: 0 });
 * r.stages.map((s) => [s.stage, s.breakdown.dc, s.breakdown.centroidHz]);
 * ```
 */
export const exampleNetworks = defineExperiment<
  ExampleNetworksConfig,
  ExampleStageResult,
  ExampleNetworksResult
>({
  name: 'example-networks',
  configSchema: exampleNetworksConfigSchema,
  presets: exampleNetworksPresets,
  usesTf: false,
  listUnits: () => [...EXAMPLE_STAGES],
  computeUnit,
  merge(config, units) {
    const stages = EXAMPLE_STAGES.map((s) => units[s] as ExampleStageResult);
    return { stages, claims: claims(config, units as Record<ExampleStage, ExampleStageResult>) };
  },
});
