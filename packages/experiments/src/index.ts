export type { ApproximationConfig } from './approximation/config';
export { approximationConfigSchema, approximationPresets } from './approximation/config';
export type {
  ApproximationDc,
  ConvergenceLaw,
  LocalSlope,
  ApproximationResult,
  ApproximationSpectra,
  LineComparison,
} from './approximation/run';
export { approximation } from './approximation/run';
export type { RunManifest, UnitRecord } from './core/checkpoint';
export type { PairedEvidence, PairedRule } from './core/claims';
export {
  minimumRepetitions,
  pairedEvidence,
  pairedEvidenceText,
  pairedRuleText,
  pairedVerdict,
} from './core/claims';
export { parseConfig } from './core/config';
export type { EtaClock } from './core/eta';
export { createEtaClock } from './core/eta';
export type { Experiment } from './core/define';
export { defineExperiment } from './core/define';
export {
  CheckpointCorruptError,
  CheckpointMismatchError,
  ConfigError,
  PlatformError,
  RunAbortedError,
  reviveError,
  type SentError,
  sendError,
} from './core/errors';
export { canonicalJson, configHash, deriveSeed, hashJson } from './core/hash';
export type {
  RunPlatform,
  UnitPool,
  UnitStore,
  WorkerMessage,
  WorkerTask,
} from './core/platform';
export {
  portablePlatform,
  runPlatform,
  useRunPlatform,
  VERSIONED_PACKAGES,
} from './core/platform';
export type {
  ForeignUnitFile,
  RunIdentity,
  RunRecord,
  ShardMarker,
  UnitCheck,
} from './core/run-directory';
export {
  checkUnitFiles,
  shardMarkerName,
  shardOwners,
  shardsOwning,
} from './core/run-directory';
export type {
  ShardEnvironment,
  ShardSpec,
  ShardSpecErrorCode,
} from './core/shard-spec';
export { parseShard, ShardSpecError, shardWorkers } from './core/shard-spec';
export type { PreparedRun, RunOptions } from './core/runner';
export {
  executeUnit,
  mergeRecords,
  prepareRun,
  runExperiment,
  runUnits,
  seedRange,
  shardUnits,
} from './core/runner';
export type {
  Alternative,
  BootstrapInterval,
  BootstrapOptions,
  ExactTest,
  LineFit,
  PearsonResult,
} from './core/inference';
export {
  bootstrapIndices,
  lineFit,
  normalQuantile,
  pairedBootstrap,
  pearsonr,
  signTest,
  studentTQuantile,
  wilcoxonSignedRank,
} from './core/inference';
export { claimContextLines } from './core/claim-context';
export type { ResultFile, SkippedResultFile } from './core/result-file';
export { jsonSyntaxErrorPlace } from './core/json-place';
export { isResultFile, parseResultText } from './core/result-file';
export type { ValidatedResult } from './core/result-schema';
export {
  OLDEST_RESULT_SCHEMA_VERSION,
  RESULT_SCHEMA_VERSION,
  ResultSchemaError,
  resultSchema,
  validateResult,
} from './core/result-schema';
export type { PowerBreakdown, SpectrumData } from './core/spectral';
export type { MeanStd } from './core/stats';
export type { ToneClasses, ToneClassesOptions } from './core/tone-classes';
export { toneClasses } from './core/tone-classes';
export type { EpochRecord } from './core/train';
export type {
  BackendRequest,
  Claim,
  ClaimVariant,
  MergeContext,
  ExperimentDefinition,
  ExperimentName,
  PartialStore,
  Progress,
  Provenance,
  ResultMeta,
  UnitContext,
  Versions,
} from './core/types';
export { experimentNames } from './core/types';
export { sha256, sha256Hex } from './core/sha256';
export { collectVersions } from './core/versions';
export type { DcAblationConfig, DcAblationVariant } from './dc-ablation/config';
export {
  DC_ABLATION_FORMULATIONS,
  DC_ABLATION_VARIANTS,
  dcAblationConfigSchema,
  dcAblationPresets,
} from './dc-ablation/config';
export type { DcAblationResult, DcAblationUnit, DcAblationVariantResult } from './dc-ablation/run';
export { dcAblation, parseDcAblationUnitId } from './dc-ablation/run';
export type { DcInTrainedModelsConfig } from './dc-in-trained-models/config';
export {
  dcInTrainedModelsConfigSchema,
  dcInTrainedModelsPresets,
} from './dc-in-trained-models/config';
export type {
  DcInTrainedModelsModel,
  DcInTrainedModelsResult,
  DcInTrainedModelsUnit,
} from './dc-in-trained-models/run';
export { dcInTrainedModels } from './dc-in-trained-models/run';
export type {
  AblationReport,
  AblationRun,
  AblationStudy,
  AblationStudyOptions,
  AblationSummary,
  GroupInterval,
  LayerRank,
  ProbeSignal,
  SyntheticPpgProbeOptions,
} from './dc-in-trained-models/study';
export {
  ablationStudy,
  groupInterval,
  rankLayers,
  summarizeAblation,
  syntheticPpgProbe,
} from './dc-in-trained-models/study';
export type { ExampleNetworksConfig } from './example-networks/config';
export { exampleNetworksConfigSchema, exampleNetworksPresets } from './example-networks/config';
export type {
  ExampleNetworksResult,
  ExampleStage,
  ExampleStageResult,
} from './example-networks/run';
export { EXAMPLE_STAGES, exampleNetworks } from './example-networks/run';
export type { MinimalDcConfig } from './minimal-dc/config';
export { minimalDcConfigSchema, minimalDcPresets } from './minimal-dc/config';
export type {
  MinimalDcCorrelation,
  MinimalDcMode,
  MinimalDcResult,
  MinimalDcUnit,
} from './minimal-dc/run';
export { minimalDc } from './minimal-dc/run';
export type { RealWorldConfig } from './real-world/config';
export { realWorldConfigSchema, realWorldPresets } from './real-world/config';
export type {
  RealWorldChannel,
  RealWorldLayer,
  RealWorldResult,
  RealWorldUnit,
} from './real-world/run';
export { realWorld } from './real-world/run';
export type { ChartSpec } from './report/charts';
export type { PlainProgress, PlainProgressOptions } from './report/progress';
export {
  createPlainProgress,
  formatDuration,
  formatEta,
  PLAIN_PROGRESS_INTERVAL_MS,
  progressMetricsText,
  progressPosition,
  progressText,
  progressUnitText,
} from './report/progress';
export { ablationRankingChart, resultCharts } from './report/charts';
export type { ExperimentResults } from './registry';
export type { AssignmentErrorCode, ConfigLayers } from './resolve-config';
export {
  AssignmentError,
  applyAssignments,
  parseAssignment,
  resolveConfig,
} from './resolve-config';
export { experiments } from './registry';
export type {
  RunWorkerClient,
  RunWorkerClientOptions,
  RunWorkerEndpoint,
  RunWorkerErrorCode,
  RunWorkerHandlers,
  RunWorkerReply,
  RunWorkerRequest,
  RunWorkerRunRequest,
  RunWorkerScope,
  ServeRunWorkerOptions,
} from './run-worker';
export {
  createRunWorkerClient,
  RUN_WORKER_STOP_GRACE_MS,
  RunWorkerError,
  serveRunWorker,
} from './run-worker';
