#!/usr/bin/env node
import { main } from './program';

// First Ctrl-C asks the running command to stop at its next checkpoint; a second one exits now.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\nrectify: stopping after the current step (Ctrl-C again to quit now)…\n');
  interrupt.abort(new Error('interrupted by SIGINT'));
});

const code = await main(process.argv.slice(2), { signal: interrupt.signal });
// A pipe may still hold output: exiting at once cuts a large --json at the pipe's 64 KiB, so exit
// only once stdout and stderr have flushed everything written before (writes are in order).
await Promise.all(
  [process.stdout, process.stderr].map(
    (stream) => new Promise<void>((resolve) => stream.write('', () => resolve())),
  ),
);
process.exit(code);
