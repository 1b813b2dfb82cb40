// The `@rectify/experiments/report` entry: how results are shown (claims tables, summary.md,
// report.html, chart names, plain-text tables for a terminal). Pure functions with no tfjs and no Node built-ins, so the CLI loads it
// without starting tfjs and the web app renders the same report.
export type { ExperimentName } from '../core/types';
// The experiments' names in `repro`'s order: a constant of the type-only module, so this entry
// still loads without tfjs.
export { experimentNames } from '../core/types';
// The sentences beside a claim's figure and each result's named charts, for the web's report
// figures (@rectify/ui), which load no tfjs either.
export { claimContextLines } from '../core/claim-context';
export type { SpectrumChartAnalysis } from './analysis-charts';
export { activationSpectrumChart, layerSpectraChart } from './analysis-charts';
export type { ChartSpec } from './charts';
export { resultCharts } from './charts';
export type { NamedChart } from './chart-files';
export { namedCharts } from './chart-files';
export type { ReportInput, ReportSection } from './html';
export type { PlainProgress, PlainProgressOptions } from './progress';
export {
  createPlainProgress,
  formatDuration,
  formatEta,
  PLAIN_PROGRESS_INTERVAL_MS,
  progressMetricsText,
  progressPosition,
  progressText,
  progressUnitText,
} from './progress';
export type { ChosenFile, ResultFiles } from './result-files';
export { readResultFiles } from './result-files';
export { buildReportHtml, reportBanners } from './html';
export type {
  AblationTextOptions,
  Align,
  AnalysisRecord,
  LayerSpectraTextOptions,
} from './terminal';
export {
  ablationText,
  analysisText,
  claimsText,
  formatHz,
  formatNumber,
  layerSpectraRecord,
  layerSpectraText,
  provenanceText,
  textTable,
} from './terminal';
export type { ClaimRow, ProvenanceRow, SummaryChart } from './text';
export {
  claimsHtml,
  claimsMarkdown,
  escapeHtml,
  markdownTable,
  measuredWithContext,
  plainVerdictMark,
  provenanceNotes,
  splitFindings,
  summaryMarkdown,
  verdictMark,
} from './text';
