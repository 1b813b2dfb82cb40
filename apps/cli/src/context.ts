/** Where a command writes, and how it learns it should stop. */
export interface CliContext {
  /** Writes to standard output (text is written as given; add `\n` yourself). */
  stdout: (text: string) => void;
  /** Writes to standard error (progress and notes; errors are written by `main`). */
  stderr: (text: string) => void;
  /** True when standard error is a terminal: progress bars redraw; otherwise plain lines. */
  stderrIsTTY: boolean;
  /** Aborted on SIGINT (Ctrl-C). */
  signal: AbortSignal;
}
