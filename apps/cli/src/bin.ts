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
process.exit(code);
