import { readFileSync } from 'node:fs';
import { loadFixture } from '@rectify/test-utils';
import { describe, expect, it } from 'vitest';
import {
  RESULT_SCHEMA_VERSION,
  ResultSchemaError,
  resultSchema,
  validateResult,
} from './result-schema';

const cases = loadFixture('experiments/result_schema.json') as {
  name: string;
  document: Record<string, unknown>;
  valid: boolean;
  paths: string[];
}[];

/** The JSON path python-jsonschema reports for one of our problems (a missing key: its parent). */
function reportedPath(problem: string): string {
  const [path = '', rule = ''] = problem.split(': ');
  return rule.startsWith('is required') ? path.replace(/\.[^.[\]]+$/, '') : path;
}

describe('validateResult against python-jsonschema (Draft 2020-12) on result.schema.json', () => {
  it.each(cases)('$name', (c) => {
    if (c.valid) {
      expect(validateResult(c.document)).toEqual({ version: 2, result: c.document, notes: [] });
      return;
    }
    let error: unknown;
    try {
      validateResult(c.document, 'out/x/result.json');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ResultSchemaError);
    const problems = (error as ResultSchemaError).problems;
    expect([...new Set(problems.map(reportedPath))].sort()).toEqual(c.paths);
    expect((error as Error).message).toMatch(/^out\/x\/result\.json: result format 2:/);
  });

  it('names the path, the rule and the value received', () => {
    const doc = structuredClone(cases[0]?.document) as { claims: { verdict: string }[] };
    (doc.claims[0] as { verdict: string }).verdict = 'probably';
    expect(() => validateResult(doc)).toThrow(
      '$.claims[0].verdict: must be one of "holds", "does not hold", "inconclusive", got "probably"',
    );
  });
});

describe('result formats', () => {
  const current = cases[0]?.document as Record<string, unknown>;

  it('opens format 1 (no schemaVersion) with a note naming both formats', () => {
    const { schemaVersion: _, provenance: __, ...old } = current;
    const claims = [{ id: 'a', statement: 's', measured: 'm', verdict: 'holds' }];
    const v = validateResult({ ...old, claims });
    expect(v.version).toBe(1);
    expect(v.notes[0]).toMatch(/^result format 1 \(written before format 2\)/);
    expect(() => validateResult({ ...old, claims: [{ verdict: 'maybe' }] })).toThrow(
      /result\.json: result format 1: \$\.claims\[0\]\.statement: is required/,
    );
  });

  it('refuses a newer format, naming both versions', () => {
    expect(() => validateResult({ ...current, schemaVersion: 3 }, 'r.json')).toThrow(
      'r.json: result format 3 is newer than format 2, the newest this build of @rectify/experiments reads',
    );
    expect(() => validateResult({ ...current, schemaVersion: 'two' })).toThrow(
      '$.schemaVersion: must be an integer ≥ 1, got "two"',
    );
    expect(() => validateResult([1])).toThrow('$: must be an object (a result), got an array');
  });

  it('ships the schema with the package, at the version results are written with', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(pkg.exports['./result.schema.json']).toBe('./src/result.schema.json');
    const file = JSON.parse(
      readFileSync(new URL('../result.schema.json', import.meta.url), 'utf8'),
    );
    expect(file).toEqual(resultSchema);
    expect((file.properties.schemaVersion as { const: number }).const).toBe(RESULT_SCHEMA_VERSION);
  });
});
