import { describe, expect, it } from 'vitest';
import { isResultFile, parseResultText } from './result-file';
import { experimentNames } from './types';
import { experiments } from '../registry';

describe('parseResultText', () => {
  it('accepts a result object naming a known experiment', () => {
    const entry = parseResultText(
      'minimal-dc/result.json',
      JSON.stringify({ experiment: 'minimal-dc', seed: 3, claims: [] }),
    );
    expect(isResultFile(entry)).toBe(true);
    if (isResultFile(entry))
      expect([entry.experiment, entry.result.seed]).toEqual(['minimal-dc', 3]);
  });

  it('names the file and the problem for anything else', () => {
    expect(parseResultText('a.json', '{oops')).toMatchObject({
      reason: expect.stringMatching(/^a\.json is not valid JSON: /),
    });
    expect(parseResultText('b.json', '[1]')).toEqual({
      source: 'b.json',
      reason: 'b.json must hold a JSON object (a result), got an array',
    });
    expect(parseResultText('c.json', '{"experiment":"mnist"}')).toEqual({
      source: 'c.json',
      reason:
        'c.json: experiment must be one of approximation, example-networks, real-world, dc-ablation, minimal-dc, dc-in-trained-models, got "mnist"',
    });
    expect(parseResultText('d.json', '{}')).toMatchObject({
      reason: expect.stringContaining('got no experiment field'),
    });
    expect(
      parseResultText('e.json', '{"experiment":"minimal-dc","unitId":"fixed","output":{}}'),
    ).toEqual({
      source: 'e.json',
      reason: 'e.json: a result must hold a claims array, got a checkpoint unit record',
    });
  });

  it('validates against result.schema.json: format 1 opens with a note, format 3 names both versions', () => {
    const old = parseResultText(
      'old.json',
      JSON.stringify({ experiment: 'minimal-dc', claims: [] }),
    );
    expect(isResultFile(old) && old.version).toBe(1);
    expect(isResultFile(old) && old.notes[0]).toMatch(
      /^result format 1 \(written before format 2\)/,
    );
    expect(
      parseResultText(
        'new.json',
        JSON.stringify({ experiment: 'minimal-dc', schemaVersion: 3, claims: [] }),
      ),
    ).toMatchObject({
      reason: expect.stringContaining(
        'new.json: result format 3 is newer than format 2, the newest this build of @rectify/experiments reads',
      ),
    });
    expect(
      parseResultText(
        'bad.json',
        JSON.stringify({ experiment: 'minimal-dc', schemaVersion: 2, claims: [] }),
      ),
    ).toMatchObject({
      reason: expect.stringContaining('bad.json: result format 2: $.config: is required'),
    });
  });
});

describe('experimentNames', () => {
  it('lists every experiment of the registry, in its order', () => {
    expect(experimentNames).toEqual(Object.keys(experiments));
  });

  it('parseResultText refuses a source or text that is not a string', () => {
    expect(() => parseResultText('a.json', undefined as unknown as string)).toThrow(
      new TypeError('text must be a string, got undefined'),
    );
  });
});
