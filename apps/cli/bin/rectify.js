#!/usr/bin/env node
// The `rectify` bin. It is committed (not built) so that `npm ci` can link it into
// node_modules/.bin before anything is built; it runs the built CLI, or says how to build it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/bin.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write(
    `rectify: the command is not built (${fileURLToPath(entry)} is missing); build it first: npx nx build cli\n`,
  );
  process.exit(1);
}
await import(entry.href);
