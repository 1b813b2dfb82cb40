import type { BackendRequest, ExperimentName } from '@rectify/experiments';

/** The experiments the lab runs in the browser (in a worker, by experiments' `serveRunWorker`). */
export type LabExperiment = Extract<ExperimentName, 'minimal-dc' | 'dc-ablation'>;

/** tfjs backends a lab run can use: the ones `@rectify/experiments` accepts, chosen (not `auto`). */
export type LabBackend = Exclude<BackendRequest, 'auto'>;

/** Session-storage key under which the lab hands its last result to the report viewer. */
export const HANDOFF_KEY = 'rectify:lab-result';
