import type { z } from 'zod';
import type { PairedEvidence } from './claims';

/** The CLI names of the paper's experiments (Section V). */
export type ExperimentName =
  | 'approximation'
  | 'example-networks'
  | 'real-world'
  | 'dc-ablation'
  | 'minimal-dc'
  | 'dc-in-trained-models';

/**
 * The paper's experiments by CLI name, in the order of the `experiments` registry: the one list
 * that result readers and the apps check names against.
 *
 * @example
 * ```ts
 * experimentNames.includes(name as ExperimentName);
 * ```
 */
export const experimentNames: readonly ExperimentName[] = [
  'approximation',
  'example-networks',
  'real-world',
  'dc-ablation',
  'minimal-dc',
  'dc-in-trained-models',
];

/** tfjs backend a run asks for; `'auto'` is wasm in Node. */
export type BackendRequest = 'auto' | 'wasm' | 'cpu';

/** The accuracy of one variant a claim names, so the row shows what its verdict compares. */
export interface ClaimVariant {
  /** Variant name as the experiment calls it, e.g. `'relu'`. */
  name: string;
  /** Held-out (or nearest-centroid) accuracy, a fraction in [0, 1]; mean over repetitions. */
  accuracy: number;
  /** Standard deviation over repetitions (ddof 0), when there are repetitions. */
  std?: number;
}

/**
 * A paper statement tested by a run, with the figures measured, the rule in words and a verdict
 * computed from numbers the row itself shows.
 */
export interface Claim {
  /** Stable identifier, e.g. `'dc-separates-classes'`. */
  id: string;
  /** The statement as the paper (or our notes) makes it. */
  statement: string;
  /** The measured figure(s) in words, e.g. `'accuracy 100.0 % with ReLU, 34.1 % without'`. */
  measured: string;
  /** Computed from the numbers by `rule`. */
  verdict: 'holds' | 'does not hold' | 'inconclusive';
  /** The rule that turns the numbers into the verdict, in words. */
  rule: string;
  /** What the paper reports, with its section or figure, e.g. `'§V.C: kernels end closer …'`. */
  paper: string;
  /**
   * `'reproduction'`: whether this software reproduces a statement of the paper (a failure is a
   * reproduction failure); `'finding'`: a test of one of the paper's own approximations, whose
   * failure is a result about the approximation (with its size in `error`), not a bug.
   */
  kind: 'reproduction' | 'finding';
  /** Every variant the claim names, with its accuracy. */
  variants?: ClaimVariant[];
  /** Paired statistics over repetitions, for comparative claims. */
  evidence?: PairedEvidence;
  /** For a finding: the approximation's relative error (0.1 = 10 %) and what it approximates. */
  error?: { relative: number; of: string };
  /** Why the verdict is inconclusive or does not hold, when it is not evident from `measured`. */
  reason?: string;
}

/**
 * Where a result's inputs differ from the paper's: a random-weight stand-in for a trained model,
 * synthetic signals where the paper used recordings. Reports show it as a banner.
 */
export interface Provenance {
  /** True when any input is a stand-in for what the paper used. */
  standIn: boolean;
  /** One line per stand-in, e.g. `'model: random-weight stand-in, not a trained model'`. */
  notes: string[];
}

/** Versions of the code that produced a result. */
export type Versions = Record<string, string>;

/** What every result records besides its numbers. */
export interface ResultMeta {
  /** Registry name of the experiment. */
  experiment: ExperimentName;
  /** The validated config the run used. */
  config: unknown;
  /** The run's seed. */
  seed: number;
  /** tfjs backend the units ran on, `'none'` when the experiment uses no tfjs. */
  backend: string;
  /** Package versions (Rectify packages, tfjs, Node). */
  versions: Versions;
  /** SHA-256 of experiment, config, seed and backend; checkpoints carry the same hash. */
  configHash: string;
  /** Number of independent units merged into the result. */
  units: number;
  /** Version of the result.json format (see `RESULT_SCHEMA_VERSION` and `result.schema.json`). */
  schemaVersion: number;
  /** Stand-ins among the inputs; `{ standIn: false, notes: [] }` when there are none. */
  provenance: Provenance;
}

/** A progress event: which unit, how far, and the latest figure worth showing. */
export interface Progress {
  /** Registry name of the experiment. */
  experiment: ExperimentName;
  /** `'unit-start'`, `'unit-step'` (e.g. one epoch), `'unit-done'` or `'unit-resumed'` (loaded from a checkpoint). */
  kind: 'unit-start' | 'unit-step' | 'unit-done' | 'unit-resumed';
  /** The unit the event is about. */
  unitId: string;
  /** Units finished so far (including resumed ones). */
  unitsDone: number;
  /** Units in the run (or shard). */
  unitsTotal: number;
  /** Steps done within the unit (epochs for training units). */
  step?: number;
  /** Steps in the unit. */
  steps?: number;
  /** Latest figures, e.g. `{ loss: 0.42, accuracy: 0.9 }`. */
  metrics?: Record<string, number>;
}

/** Small persistent key → JSON store for state within one unit (epoch blocks). */
export interface PartialStore {
  /** The stored value, or `undefined`. */
  load(key: string): unknown;
  /** Stores `value` atomically (write temp, rename). */
  save(key: string, value: unknown): void;
  /** Deletes the value, if any. */
  remove(key: string): void;
}

/** What a unit receives besides its config and id. */
export interface UnitContext {
  /** The run's seed; derive the unit's own seeds with `deriveSeed(seed, key)`. */
  seed: number;
  /** tfjs backend set up for this unit (`'none'` if the experiment needs no tfjs). */
  backend: string;
  /** Cancels the unit at its next step boundary. */
  signal?: AbortSignal;
  /** Step-level progress within the unit. */
  onStep?: (step: number, steps: number, metrics?: Record<string, number>) => void;
  /** Persistent state within the unit (present when the run has a checkpoint directory). */
  partial?: PartialStore;
  /** Save partial state every this many steps (epochs); default 5. */
  checkpointEvery?: number;
}

/** What `merge` receives besides the config and the units. */
export interface MergeContext {
  /** The run's seed; claims derive their bootstrap seeds from it (`deriveSeed(seed, 'claims/<id>')`). */
  seed: number;
}

/** One experiment: schema, presets and the unit contract that serial, parallel and sharded runs share. */
export interface ExperimentDefinition<C, U, R> {
  /** Registry name. */
  name: ExperimentName;
  /** Validates a user config; defaults are the paper's parameters. Unknown keys are rejected. */
  configSchema: z.ZodType<C>;
  /** Named presets: `paper` (the schema defaults) and `quick` (CI/README scale). */
  presets: { paper: C; quick: C };
  /** Whether the units need tfjs (and a backend). */
  usesTf: boolean;
  /**
   * The independent units of a config, in a fixed order that depends only on the config.
   * Ids match `[a-z0-9._-]+`.
   */
  listUnits(config: C): string[];
  /** Computes one unit. Depends only on (config, unitId, seed, backend); idempotent. */
  computeUnit(config: C, unitId: string, context: UnitContext): Promise<U>;
  /**
   * Combines every unit's output (keyed by unit id) into the result's body, claims included,
   * and the result's provenance when an input is a stand-in.
   */
  merge(
    config: C,
    units: Readonly<Record<string, U>>,
    context: MergeContext,
  ): Omit<R, keyof ResultMeta> & { provenance?: Provenance };
}
