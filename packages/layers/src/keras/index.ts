export {
  type AnalyzeKerasModelOptions,
  activationLayerNames,
  analyzeKerasModel,
  type ChannelAnalysis,
  type HarmonicAmplitude,
  type KerasModelAnalysis,
  type LayerAnalysis,
  type SignalSummary,
} from './analyze';
export {
  type KerasLayerFactory,
  type KerasLayerReport,
  SUPPORTED_KERAS_LAYERS,
} from './build';
export { KerasImportError, type KerasImportErrorCode } from './errors';
export type { KerasSource } from './h5';
export {
  type KerasLoadResult,
  type LoadKerasH5Options,
  loadKeras,
  loadKerasH5,
  loadKerasWeightsH5,
} from './load';
export { loadModelFiles } from './model-files';
export { filesIO } from '../io/files-io';
export { ModelIOError, type ModelIOErrorCode } from '../io/model-artifacts';
export type { WeightsReport } from './weights';
export {
  KerasMultiHeadAttention,
  type KerasMultiHeadAttentionArgs,
} from './multi-head-attention';
