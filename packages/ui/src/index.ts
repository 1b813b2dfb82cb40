// The `@rectify/ui` entry: browser widgets for Rectify's views (DOM code; no Node built-ins).
// Every widget keeps its state in the closure it returns: nothing is cached at module level.
export type { Chart, ChartData, ChartSpec, SeriesSpec } from './chart';
export { createChart, joinSeries } from './chart';
export type { Attrs, Child, MessageBox } from './dom';
export {
  append,
  controlsForm,
  dropZone,
  errorBox,
  errorLine,
  errorMessage,
  fieldset,
  h,
  replaceChildren,
} from './dom';
export type { Field, FieldGroup, FieldSpec } from './field';
export { createFields, fileField, labelled } from './field';
export { formatHz, formatNumber, formatPercent } from './format';
export type { LiveChart } from './live-chart';
export { createLiveChart } from './live-chart';
export type { Readout } from './readout';
export { createReadout, createReadouts } from './readout';
export {
  claimsTable,
  renderCharts,
  resultBanners,
  resultSection,
  skippedFilesList,
} from './report';
export type { Page, PageEntry, PageFactory, Router, RouterOptions } from './router';
export { parseHash, showUncaughtErrors, startRouter } from './router';
export type { RowColumn, RowEditor, RowEditorSpec } from './row-editor';
export { createRowEditor } from './row-editor';
export type { Cell, CellContent, Column } from './table';
export { dataTable, fillTable, valueCell } from './table';
