export type {
  ActivationAnalysis,
  ActivationConvergence,
  AnalysisDc,
  AnalysisSeriesError,
  AnalyzeActivationAsyncOptions,
  AnalyzeActivationOptions,
  AnalyzedLine,
  PredictedLine,
} from './analyze';
export { activationConvergence, analyzeActivation, analyzeActivationAsync } from './analyze';
export type {
  Activation,
  ActivationName,
  ActivationSpectrum,
  ActivationSpectrumOptions,
} from './activations';
export {
  abs,
  activationByName,
  activationNames,
  activationSpectrum,
  erf,
  erfc,
  gelu,
  leakyRelu,
  relu,
  silu,
  softplus,
  tanh,
} from './activations';
export { besselJ0 } from './bessel';
export type { HarmonicLine } from './closed-forms';
export { halfWaveRectifiedCosine } from './closed-forms';
export type {
  ConvergenceFit,
  ConvergenceFits,
  ConvergenceStudy,
  SeriesError,
  SeriesErrorOptions,
} from './convergence';
export { convergenceStudy, seriesError } from './convergence';
export type { DcMethod, ReluDcOptions } from './dc';
export { dcAfterFilter, firstOrderDc, reluDc } from './dc';
export { ExpansionAbortedError, LineBudgetError } from './errors';
export type {
  AnalysisFieldLimits,
  AnalysisFields,
  AnalysisFieldValues,
  FieldErrors,
  ToneFields,
} from './fields';
export { paperVaFields, parseAnalysisFields } from './fields';
export type { QueryParams } from './fields-query';
export {
  analysisFieldsFromQuery,
  analysisFieldsToQuery,
  toneFieldsFromText,
  toneFieldsToText,
} from './fields-query';
export type {
  FilterPoolFields,
  FilterPoolParams,
  FilterPoolResponse,
  PooledTone,
} from './filter-pool';
export { filterReluPool, parseFilterPoolFields } from './filter-pool';
export type { AbortSignalLike, LineCountOptions, TruncationReport } from './expansion';
export { estimateLineCount } from './expansion';
export type { MergedLine, PruneOptions, SpectralLine } from './line-spectrum';
export { LineSpectrum } from './line-spectrum';
export type { NewFrequency, PredictLeakyOptions, PredictOptions } from './predict';
export {
  defaultMaxLines,
  newFrequencies,
  predictAbs,
  predictActivation,
  predictActivationAsync,
  predictLeakyRelu,
  predictRelu,
  predictReluAsync,
} from './predict';
export type { ToneGridErrorCode, ToneListErrorCode } from './rules';
export {
  ANALYSIS_BYTES_PER_SAMPLE,
  checkToneGrid,
  DEFAULT_MAX_ANALYSIS_SAMPLES,
  leakyAlphaRange,
  MAX_AMPLITUDE_SUM,
  MIN_ANALYSIS_SAMPLES,
  nyquistFrequency,
  parseTones,
  splitToneList,
  ToneGridError,
  ToneListError,
  termsRange,
} from './rules';
export type { AChoice, ExactRational, ExpansionMethod, SeriesOptions } from './series';
export {
  absApproximation,
  absSeries,
  chebyshevSqrtCoefficients,
  expansionMethods,
  reluSeries,
  sqrtSeriesCoefficients,
} from './series';
export type { CommonFundamental, Tone } from './tones';
export { commonFundamental, tonesA } from './tones';
export type { ReferenceDc, SummaryLine } from './summary';
export {
  analysisNotes,
  convergenceLaw,
  convergenceTerms,
  originLabel,
  referenceDc,
  summaryLines,
} from './summary';
