#!/usr/bin/env node
// Writes the README's picture of `rectify repro`'s report: the top of report.html (the claims
// table, with each claim's n, effect, interval, rule and verdict) as seen in Debian's Chromium.
//
//   node tools/scripts/report-screenshot.mjs [report.html] [--out apps/cli/docs/report.png]
//
// Without a report.html argument it uses out/repro/report.html, running
// `rectify repro --preset quick --out out/repro` first when that file is missing (needs
// `npx nx build cli`). Chromium comes from /usr/bin/chromium (or CHROMIUM_PATH); no browser is
// ever downloaded. The picture is tracked, so only this script rewrites it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
let out = join(root, 'apps', 'cli', 'docs', 'report.png');
let report;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--out') out = resolve(args[++i] ?? '');
  else if (args[i].startsWith('-')) fail(`unknown flag '${args[i]}' (only --out PATH)`);
  else if (report === undefined) report = resolve(args[i]);
  else fail(`one report.html at most, got a second: '${args[i]}'`);
}

function fail(message) {
  console.error(`report-screenshot: ${message}`);
  process.exit(2);
}

if (report === undefined) {
  report = join(root, 'out', 'repro', 'report.html');
  if (!existsSync(report)) {
    console.log(
      'report-screenshot: no out/repro/report.html; running rectify repro --preset quick',
    );
    execFileSync(
      process.execPath,
      [
        join(root, 'apps', 'cli', 'dist', 'bin.js'),
        'repro',
        '--preset',
        'quick',
        '--out',
        'out/repro',
      ],
      { cwd: root, stdio: 'inherit' },
    );
  }
}
if (!existsSync(report)) fail(`report '${report}' does not exist`);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(executablePath)) {
  fail(`no Chromium at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH`);
}

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox'] });
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(pathToFileURL(report).href);
  await page.waitForLoadState('load');
  mkdirSync(dirname(out), { recursive: true });
  // The first screen: title, provenance and the claims table, which is what a reader looks at.
  await page.screenshot({ path: out, fullPage: false });
  console.log(`report-screenshot: wrote ${out} from ${report}`);
} finally {
  await browser.close();
}
