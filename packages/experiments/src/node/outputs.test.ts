import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { useTempDirs } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import { exampleNetworks } from '../example-networks/run';
import {
  PlotError,
  RunDirectoryError,
  readRunRecord,
  reportSection,
  runIntoDirectory,
  startRunDirectory,
  writePlot,
  writeRunOutputs,
} from './index';

const tempDir = useTempDirs('rectify-outputs-');

const config = exampleNetworks.presets.quick;
const spec = {
  data: {
    values: [
      { x: 0, y: 1 },
      { x: 1, y: 3 },
    ],
  },
  mark: 'line',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
};

describe('runIntoDirectory', () => {
  it('writes result.json, summary.md and every chart as SVG and PNG, records run.json and removes the checkpoint', async () => {
    const dir = join(tempDir(), 'nested', 'run');
    let checkpointSeen = '';
    const out = await runIntoDirectory('example-networks', {
      dir,
      config,
      seed: 3,
      preset: 'quick',
      workers: 1,
      onStart: (c) => {
        checkpointSeen = c;
      },
    });
    expect(checkpointSeen).toBe(join(dir, 'checkpoint'));
    expect(existsSync(checkpointSeen)).toBe(false);
    // The same result as a run without a directory: the directory changes nothing.
    const direct = await exampleNetworks.run(config, { seed: 3, workers: 1 });
    const written = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    expect(written).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(out.result).toEqual(written);
    expect(out.files.slice(0, 2)).toEqual(['result.json', 'summary.md']);
    expect(out.charts.length).toBeGreaterThan(0);
    for (const c of out.charts) {
      expect(c.files).toEqual([join('plots', `${c.name}.svg`), join('plots', `${c.name}.png`)]);
      expect(readFileSync(join(dir, c.files[0]!), 'utf8')).toBe(c.svg);
      // PNG signature.
      expect([...readFileSync(join(dir, c.files[1]!)).subarray(0, 4)]).toEqual([
        0x89, 0x50, 0x4e, 0x47,
      ]);
    }
    expect(out.files).toEqual(['result.json', 'summary.md', ...out.charts.flatMap((c) => c.files)]);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    for (const c of out.claims) expect(summary).toContain(c.statement);
    expect(readRunRecord(dir)).toMatchObject({
      experiment: 'example-networks',
      seed: 3,
      preset: 'quick',
    });
    const section = reportSection(out, 'run', 2.5);
    expect(section).toMatchObject({ experiment: 'example-networks', folder: 'run', seconds: 2.5 });
    expect(section.meta).toEqual({
      seed: 3,
      backend: written.backend,
      configHash: written.configHash,
      units: written.units,
    });
  }, 120_000);

  it('refuses a directory holding an unfinished run unless resume is set', async () => {
    const dir = tempDir();
    startRunDirectory(
      dir,
      { experiment: 'example-networks', preset: 'quick', config, seed: 1 },
      { resume: false },
    );
    mkdirSync(join(dir, 'checkpoint'), { recursive: true });
    writeFileSync(join(dir, 'checkpoint', 'manifest.json'), '{}');
    const options = { dir, config, seed: 1, preset: 'quick' as const, workers: 1 };
    const refusal = await runIntoDirectory('example-networks', options).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(RunDirectoryError);
    expect((refusal as RunDirectoryError).code).toBe('unfinished-run');
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
  });

  it('an interrupted run keeps its checkpoint; resumed, it writes the uninterrupted result and removes it', async () => {
    const dir = tempDir();
    const controller = new AbortController();
    const options = { dir, config, seed: 5, preset: 'quick' as const, workers: 1 };
    const interrupted = await runIntoDirectory('example-networks', {
      ...options,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.kind === 'unit-done') controller.abort();
      },
    }).catch((e: unknown) => e);
    expect(interrupted).toBeInstanceOf(Error);
    expect(existsSync(join(dir, 'checkpoint', 'units'))).toBe(true);
    expect(existsSync(join(dir, 'result.json'))).toBe(false);
    const kinds: string[] = [];
    const out = await runIntoDirectory('example-networks', {
      ...options,
      resume: true,
      onProgress: (p) => kinds.push(p.kind),
    });
    expect(kinds).toContain('unit-resumed');
    const direct = await exampleNetworks.run(config, { seed: 5, workers: 1 });
    expect(out.result).toEqual(JSON.parse(JSON.stringify(direct)));
    expect(existsSync(join(dir, 'checkpoint'))).toBe(false);
  }, 120_000);

  it('writeRunOutputs writes the outputs of a given result again, byte for byte', async () => {
    const dir = tempDir();
    const result = (await exampleNetworks.run(config, {
      seed: 2,
      workers: 1,
    })) as unknown as Record<string, unknown>;
    const first = await writeRunOutputs('example-networks', dir, result);
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8');
    const again = await writeRunOutputs('example-networks', dir, result);
    expect(again.files).toEqual(first.files);
    expect(readFileSync(join(dir, 'summary.md'), 'utf8')).toBe(summary);
  }, 60_000);
});

describe('writePlot', () => {
  it('writes .svg and .png (any case) into missing parent folders and leaves no partial file', async () => {
    const dir = tempDir();
    await writePlot(join(dir, 'a', 'b', 'p.svg'), spec);
    expect(readFileSync(join(dir, 'a', 'b', 'p.svg'), 'utf8')).toMatch(/^<svg/);
    await writePlot(join(dir, 'p.PNG'), spec);
    expect([...readFileSync(join(dir, 'p.PNG')).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    expect(readFileSync(join(dir, 'a', 'b', 'p.svg'), 'utf8')).toContain('</svg>');
  });

  it.each([
    ['p.jpg', 'extension', undefined],
    ['p.svg', 'aborted', AbortSignal.abort()],
  ] as const)('%s: PlotError %s and nothing written', async (file, code, signal) => {
    const path = join(tempDir(), file);
    const error = await writePlot(path, spec, signal).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlotError);
    expect((error as PlotError).code).toBe(code);
    expect(existsSync(path)).toBe(false);
  });

  it('unwritable: a parent that is a file gives PlotError unwritable naming the path and errno', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file'), 'x');
    const path = join(dir, 'file', 'p.svg');
    const error = await writePlot(path, spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlotError);
    expect((error as PlotError).code).toBe('unwritable');
    // mkdir of a path through a file: EEXIST on Linux, ENOTDIR elsewhere.
    expect((error as Error).message).toMatch(/^cannot write plot '.*p\.svg': E(EXIST|NOTDIR)$/);
  });
});
