import type { BackendRequest, ExperimentName, Progress } from '@rectify/experiments';

/** The experiments the lab runs in the browser. */
export type LabExperiment = Extract<ExperimentName, 'minimal-dc' | 'dc-ablation'>;

/** tfjs backends a lab run can use: the ones `@rectify/experiments` accepts, chosen (not `auto`). */
export type LabBackend = Exclude<BackendRequest, 'auto'>;

/** Page → worker. */
export type LabRequest =
  | {
      type: 'run';
      experiment: LabExperiment;
      config: Record<string, unknown>;
      seed: number;
      backend: LabBackend;
    }
  | { type: 'stop' };

/** Worker → page. */
export type LabReply =
  | { type: 'backend'; name: string }
  | { type: 'progress'; progress: Progress }
  | { type: 'done'; result: unknown; elapsedMs: number }
  | { type: 'aborted'; elapsedMs: number }
  | { type: 'error'; name: string; message: string };

/** Session-storage key under which the lab hands its last result to the report viewer. */
export const HANDOFF_KEY = 'rectify:lab-result';
