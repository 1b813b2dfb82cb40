// The `@rectify/experiments/node` entry: what a run needs from Node (files, worker threads,
// package versions) and the run-directory contract on disk. Importing it makes Node's platform
// the one every run uses, so `checkpointDir`, `workers > 1` and model files work.
import { useRunPlatform } from '../core/platform';
import { nodePlatform } from './platform';

useRunPlatform(nodePlatform);

export {
  CheckpointStore,
  partialStore,
  readUnitRecords,
  writeJsonAtomic,
  writeTextAtomic,
} from './checkpoint';
export {
  ensureWritableDir,
  lockRunDirectory,
  RUN_LOCK_FILE,
  RUN_OUTPUT_SUBFOLDERS,
  refuseSymlinkedFolders,
  writeFileAtomic,
} from './out-dir';
export type { RenderedChart, RunIntoOptions, RunOutputs, ConfigFileErrorCode } from './outputs';
export {
  ConfigFileError,
  readConfigFile,
  reportSection,
  runIntoDirectory,
  writeRunCharts,
  writeRunOutputs,
} from './outputs';
export type { PlotErrorCode, VegaLiteSpec } from './plot';
export { PlotError, renderSvg, svgToPng, writePlot } from './plot';
export { nodePlatform } from './platform';
export { defaultWorkerCount, defaultWorkerUrl, WorkerPool } from './pool';
export type {
  OpenShard,
  RunDirectoryErrorCode,
  RunDirectoryErrorDetails,
  ResultReuse,
  RunDirectoryMerge,
  RunDirectoryPaths,
} from './run-directory';
export {
  hasUnfinishedRun,
  mergeRunDirectory,
  openShard,
  RunDirectoryError,
  readRunRecord,
  readShardMarkers,
  runDirectoryPaths,
  reusableResult,
  runShard,
  startRunDirectory,
  writeRunRecord,
  writeShardMarker,
} from './run-directory';
export type { ReproEvent, ReproIntoOptions, ReproOutputs } from './repro';
export { reproIntoDirectory } from './repro';
export { probeNodeVersions } from './versions';
