export { analyzeCommand } from './commands/analyze';
export { inspectCommand } from './commands/inspect';
export { reproCommand } from './commands/repro';
export { parseExperimentName, runCommand } from './commands/run';
export type { CliContext } from './context';
export { type CliError, InterruptedError, RuntimeError, UsageError } from './errors';
export {
  parseActivation,
  parseNumberOption,
  parseTones,
  type ActivationSpec,
} from './parse';
export {
  type AnalyzeOptions,
  createProgram,
  type InspectOptions,
  main,
  type ReproOptions,
  type RunOptions,
} from './program';
