import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDirs } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { approximation } from '../approximation/run';
import { exampleNetworks } from '../example-networks/run';
import type { ExperimentName } from '../core/types';
import { RunDirectoryError, type ReproEvent, reproIntoDirectory, runIntoDirectory } from './index';

const tempDir = useTempDirs('rectify-repro-');

const experiments = [
  { name: 'approximation' as const, config: approximation.presets.quick },
  { name: 'example-networks' as const, config: exampleNetworks.presets.quick },
];

/** Runs the reproduction, recording its events and the experiments it actually ran. */
async function repro(out: string, extra: { resume?: boolean } = {}) {
  const events: ReproEvent[] = [];
  const ran: ExperimentName[] = [];
  const outputs = await reproIntoDirectory(out, {
    experiments,
    seed: 2,
    preset: 'quick',
    workers: 1,
    cliVersion: 'test',
    ...extra,
    runOne: (name, options) => {
      ran.push(name);
      return runIntoDirectory(name, options);
    },
    onEvent: (event) => {
      events.push(event);
    },
  });
  return { outputs, events, ran };
}

describe('reproIntoDirectory', () => {
  it('runs each experiment into <out>/<experiment>/ and writes report.html over them', async () => {
    const out = tempDir();
    const { outputs, events, ran } = await repro(out);
    expect(ran).toEqual(['approximation', 'example-networks']);
    expect(events.map((e) => `${e.type} ${e.experiment}`)).toEqual([
      'start approximation',
      'finished approximation',
      'start example-networks',
      'finished example-networks',
    ]);
    expect(outputs.failures).toEqual([]);
    expect(outputs.reportPath).toBe(join(out, 'report.html'));
    const html = readFileSync(outputs.reportPath, 'utf8');
    for (const { name } of experiments) {
      const result = JSON.parse(readFileSync(join(out, name, 'result.json'), 'utf8'));
      expect(result.seed).toBe(2);
      expect(existsSync(join(out, name, 'summary.md'))).toBe(true);
      expect(existsSync(join(out, name, 'checkpoint'))).toBe(false);
      expect(html).toContain(name);
      // Every claim of the result, tagged with its experiment, in the same order.
      expect(outputs.claims.filter((c) => c.experiment === name).map((c) => c.id)).toEqual(
        result.claims.map((c: { id: string }) => c.id),
      );
    }
    expect(outputs.sections.map((s) => s.experiment)).toEqual([
      'approximation',
      'example-networks',
    ]);
  }, 300_000);

  it('on resume reuses each finished result of the same config and seed instead of running it', async () => {
    const out = tempDir();
    await repro(out);
    const first = readFileSync(join(out, 'approximation', 'result.json'), 'utf8');
    // A result of another format (format 1 has no schemaVersion) is not reused: it is said, and the experiment runs again.
    const stale = JSON.parse(readFileSync(join(out, 'example-networks', 'result.json'), 'utf8'));
    delete stale.schemaVersion;
    writeFileSync(join(out, 'example-networks', 'result.json'), JSON.stringify(stale));
    const { events, ran } = await repro(out, { resume: true });
    expect(ran).toEqual(['example-networks']);
    const finished = events.filter((e) => e.type === 'finished');
    expect(finished.map((e) => [e.experiment, e.type === 'finished' && e.reused])).toEqual([
      ['approximation', true],
      ['example-networks', false],
    ]);
    expect(events.find((e) => e.type === 'not-reused')?.experiment).toBe('example-networks');
    expect(readFileSync(join(out, 'approximation', 'result.json'), 'utf8')).toBe(first);
  }, 300_000);

  it("records one experiment's failure, runs the others and reports on those", async () => {
    const out = tempDir();
    mkdirSync(out, { recursive: true });
    // The run directory of approximation is a file: it cannot be made a directory.
    writeFileSync(join(out, 'approximation'), 'not a directory');
    const { outputs, events, ran } = await repro(out);
    expect(ran).toEqual(['example-networks']);
    expect(outputs.failures.map((f) => f.experiment)).toEqual(['approximation']);
    expect(outputs.failures[0]?.error).toBeInstanceOf(RunDirectoryError);
    expect(events.map((e) => e.type)).toEqual(['start', 'failed', 'start', 'finished']);
    expect(outputs.sections.map((s) => s.experiment)).toEqual(['example-networks']);
    expect(existsSync(join(out, 'report.html'))).toBe(true);
  }, 300_000);

  it('a cancelled run ends the reproduction: no further experiment, no report', async () => {
    const out = tempDir();
    const controller = new AbortController();
    controller.abort();
    const error = await reproIntoDirectory(out, {
      experiments,
      seed: 0,
      preset: 'quick',
      workers: 1,
      cliVersion: 'test',
      runOne: (name, options) => runIntoDirectory(name, { ...options, signal: controller.signal }),
    }).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('aborted');
    expect(existsSync(join(out, 'example-networks'))).toBe(false);
    expect(existsSync(join(out, 'report.html'))).toBe(false);
  }, 300_000);
});
