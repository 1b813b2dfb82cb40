import { type ApproximationResult, approximation } from './approximation/run';
import { type DcAblationResult, dcAblation } from './dc-ablation/run';
import { type DcInTrainedModelsResult, dcInTrainedModels } from './dc-in-trained-models/run';
import { type ExampleNetworksResult, exampleNetworks } from './example-networks/run';
import { type MinimalDcResult, minimalDc } from './minimal-dc/run';
import { type RealWorldResult, realWorld } from './real-world/run';

/**
 * Every experiment by its CLI name, each `{ configSchema, presets, usesTf, parseConfig, run,
 * listUnits, runUnit, mergeUnits }`.
 *
 * @example
 * ```ts
 * const result = await experiments['minimal-dc'].run(experiments['minimal-dc'].presets.quick, { seed: 1 });
 * ```
 */
export const experiments = {
  approximation,
  'example-networks': exampleNetworks,
  'real-world': realWorld,
  'dc-ablation': dcAblation,
  'minimal-dc': minimalDc,
  'dc-in-trained-models': dcInTrainedModels,
} as const;

/** The result type of each experiment by CLI name. */
export interface ExperimentResults {
  approximation: ApproximationResult;
  'example-networks': ExampleNetworksResult;
  'real-world': RealWorldResult;
  'dc-ablation': DcAblationResult;
  'minimal-dc': MinimalDcResult;
  'dc-in-trained-models': DcInTrainedModelsResult;
}
