export { analyzeCommand, type AnalyzeOptions } from './commands/analyze';
export { inspectCommand, type InspectOptions } from './commands/inspect';
export { reproCommand, type ReproOptions } from './commands/repro';
export { parseExperimentName, runCommand, type RunOptions } from './commands/run';
export type { CliContext } from './context';
export { type CliError, InterruptedError, RuntimeError, UsageError } from './errors';
export {
  parseActivation,
  parseNumberOption,
  parseTones,
  type ActivationSpec,
} from './parse';
export { createProgram, main } from './program';
