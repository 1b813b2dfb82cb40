/**
 * Fuzz suite (issue 17, "a fuzz suite … over … the unit-file reader") for checkpoint unit files
 * (`CheckpointStore.loadUnit`, `readUnitRecords`) and the run directory's `run.json`
 * (`readRunRecord`). A unit written by the store is truncated, bit-flipped, overwritten with
 * random bytes or edited into other valid JSON; every case must either read back exactly the
 * record that was written (a change JSON does not see, such as `e` → `E` in an exponent) or be
 * refused with `CheckpointCorruptError` naming the file, whose message is one of the known
 * problems and quotes none of the file's bytes. Never another error, never a hang.
 *
 * The seed: fast-check prints it with the shrunk case on failure; `RECTIFY_FUZZ_SEED=<seed>`
 * replays a run and `RECTIFY_FUZZ_RUNS=<n>` scales the number of cases (100 = the default).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { RunManifest, UnitRecord } from '../core/checkpoint';
import { CheckpointCorruptError } from '../core/errors';
import { CheckpointStore, readUnitRecords } from './checkpoint';
import { mergeRunDirectory, RunDirectoryError, readRunRecord } from './run-directory';

const SEED =
  process.env.RECTIFY_FUZZ_SEED === undefined ? undefined : Number(process.env.RECTIFY_FUZZ_SEED);
const RUNS =
  process.env.RECTIFY_FUZZ_RUNS === undefined ? 1 : Number(process.env.RECTIFY_FUZZ_RUNS) / 100;
/** Wall-clock limit of one case (ms): generous for a loaded 2-core machine, far below a hang. */
const CASE_MS = 2_000;
if (SEED !== undefined) console.log(`checkpoint fuzz: RECTIFY_FUZZ_SEED=${SEED}`);

const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.max(1, Math.round(numRuns * RUNS)),
  ...(SEED === undefined ? {} : { seed: SEED }),
});

/** Marks put into the written content: none may appear in an error message. */
const SECRET = 'SECRET-UNIT-CONTENT';
const PROBLEMS = [
  'is not valid JSON (truncated or overwritten)',
  'is not a unit record (not a JSON object)',
  'carries no content hash (written by an older rectify, or edited)',
  'does not match its content hash (edited after it was written)',
  'is nested too deeply to be a unit record',
];

const manifest = {
  format: 1,
  experiment: 'demo',
  configHash: 'a'.repeat(64),
  seed: 0,
  backend: 'none',
} as unknown as RunManifest;

const root = mkdtempSync(join(tmpdir(), 'rectify-ckpt-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const store = new CheckpointStore(join(root, 'checkpoint'), manifest);
const unitPath = join(root, 'checkpoint', 'units', 'u-1.json');
const record = {
  format: 1,
  experiment: 'demo',
  unitId: 'u-1',
  configHash: manifest.configHash,
  backend: 'none',
  versions: { '@rectify/experiments': '0.1.0' },
  output: {
    accuracy: 0.75,
    tiny: 1.5e-7,
    huge: -2.5e300,
    curve: [0.1, 0.25, -3, 1e21],
    note: `${SECRET} ünïcödé ✓`,
    nested: { deep: [[1, 2], { x: null, y: true }] },
  },
} as unknown as UnitRecord;
store.saveUnit(record);
const written = readFileSync(unitPath);

/** Reads the unit back through both readers; the outcome must agree between them. */
function readBack(): { record: UnitRecord } | { error: CheckpointCorruptError } {
  const started = performance.now();
  let outcome: { record: UnitRecord } | { error: CheckpointCorruptError };
  try {
    outcome = { record: store.loadUnit('u-1') as UnitRecord };
  } catch (error) {
    if (!(error instanceof CheckpointCorruptError)) throw error;
    outcome = { error };
  }
  let viaRecords: unknown;
  try {
    viaRecords = readUnitRecords(join(root, 'checkpoint'))[0];
  } catch (error) {
    if (!(error instanceof CheckpointCorruptError)) throw error;
    viaRecords = error;
  }
  if ('record' in outcome) expect(viaRecords).toEqual(outcome.record);
  else expect((viaRecords as CheckpointCorruptError).message).toBe(outcome.error.message);
  expect(performance.now() - started).toBeLessThan(CASE_MS);
  return outcome;
}

function expectRefusedOrIntact(): void {
  const outcome = readBack();
  if ('record' in outcome) {
    expect(outcome.record).toEqual(record);
    return;
  }
  const { error } = outcome;
  expect(error.path).toBe(unitPath);
  expect(PROBLEMS).toContain(error.problem);
  expect(error.message).toBe(
    `checkpoint unit ${unitPath} ${error.problem}; refusing it (its content is not shown): delete the file to recompute the unit`,
  );
}

/** An edit that leaves valid JSON but changes what it says. */
type Unit = Record<string, unknown>;
const edit: fc.Arbitrary<(unit: Unit) => void> = fc.oneof(
  fc
    .tuple(fc.constantFrom('accuracy', 'tiny', 'huge', 'note'), fc.jsonValue())
    .filter(
      ([key, value]) => JSON.stringify(value) !== JSON.stringify((record.output as Unit)[key]),
    )
    .map(([key, value]) => (unit: Unit) => {
      ((unit.output ?? unit) as Record<string, unknown>)[key] = value;
    }),
  fc
    .constantFrom('output', 'unitId', 'configHash', 'versions', 'format')
    .map((key) => (unit: Unit) => {
      delete unit[key];
    }),
  fc
    .tuple(fc.string({ minLength: 1 }), fc.jsonValue())
    .filter(([key]) => !(key in record) && key !== 'contentSha256')
    .map(([key, value]) => (unit: Unit) => {
      unit[key] = value;
    }),
  fc
    .oneof(
      fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
      fc.jsonValue(),
    )
    .map((hash) => (unit: Unit) => {
      unit.contentSha256 = hash;
    }),
  fc.constantFrom('accuracy', 'curve', 'nested').map((key) => (unit: Unit) => {
    ((unit.output ?? unit) as Record<string, unknown>)[key] = DEEP;
  }),
);

/** Stands for an array nested `depth` deep, written as text (JSON.stringify cannot go there). */
const DEEP = '\u0000deep';
const deepText = (json: string, depth: number) =>
  json.replaceAll(JSON.stringify(DEEP), `${'['.repeat(depth)}${']'.repeat(depth)}`);

describe('fuzz (issue 17, finding 5): a checkpoint unit reads back intact or is refused by name', () => {
  it('after truncation at any byte', () => {
    fc.assert(
      fc.property(fc.nat({ max: written.length - 1 }), (at) => {
        writeFileSync(unitPath, written.subarray(0, at));
        expectRefusedOrIntact();
      }),
      params(150),
    );
  });

  it('after bit flips', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: written.length - 1 }), fc.nat({ max: 7 })), {
          minLength: 1,
          maxLength: 8,
        }),
        (flips) => {
          const bytes = Uint8Array.from(written);
          for (const [at, bit] of flips) bytes[at]! ^= 1 << bit;
          writeFileSync(unitPath, bytes);
          expectRefusedOrIntact();
        },
      ),
      params(300),
    );
  });

  it('after random bytes replace its tail (after 0, 1, 16 or 200 bytes of it)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 1, 16, 200),
        fc.uint8Array({ maxLength: 400 }),
        (keep, tail) => {
          writeFileSync(unitPath, Buffer.concat([written.subarray(0, keep), tail]));
          expectRefusedOrIntact();
        },
      ),
      params(150),
    );
  });

  it('after edits into other valid JSON (values, keys, the hash, deep nesting): always refused', () => {
    fc.assert(
      fc.property(
        fc.array(edit, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(10, 5_000, 50_000),
        (edits, depth) => {
          const unit = JSON.parse(written.toString('utf8')) as Record<string, unknown>;
          for (const apply of edits) apply(unit);
          writeFileSync(unitPath, deepText(JSON.stringify(unit), depth));
          const outcome = readBack();
          expect('error' in outcome).toBe(true);
          expectRefusedOrIntact();
        },
      ),
      params(150),
    );
  });

  it('after whitespace is added between tokens: the same record', () => {
    fc.assert(
      fc.property(fc.constantFrom(' ', '\n', '\t', '\r\n'), fc.nat({ max: 4 }), (space, indent) => {
        const unit = JSON.parse(written.toString('utf8'));
        writeFileSync(unitPath, `${space}${JSON.stringify(unit, null, indent)}${space}`);
        expect(readBack()).toEqual({ record });
      }),
      params(20),
    );
  });
});

describe('fuzz (issue 17, finding 5): run.json is read or refused by name, never echoed', () => {
  const runDir = join(root, 'run');
  const runPath = join(runDir, 'run.json');
  const runRecord = Buffer.from(
    `${JSON.stringify({ experiment: 'minimal-dc', preset: 'quick', config: { note: SECRET }, seed: 3 }, null, 2)}\n`,
  );

  it('after truncations, bit flips and random bytes', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.nat({ max: runRecord.length - 1 }).map((at) => runRecord.subarray(0, at)),
          fc
            .array(fc.tuple(fc.nat({ max: runRecord.length - 1 }), fc.nat({ max: 7 })), {
              minLength: 1,
              maxLength: 8,
            })
            .map((flips) => {
              const bytes = Uint8Array.from(runRecord);
              for (const [at, bit] of flips) bytes[at]! ^= 1 << bit;
              return bytes;
            }),
          fc.uint8Array({ maxLength: 300 }),
          fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
        ),
        (bytes) => {
          mkdirSync(runDir, { recursive: true });
          writeFileSync(runPath, bytes);
          try {
            const read = readRunRecord(runDir);
            expect(typeof read?.experiment).toBe('string');
          } catch (error) {
            if (!(error instanceof RunDirectoryError)) throw error;
            expect(error.path).toBe(runPath);
            // The file, the rule and the kind of value found: nothing quoted from the file.
            const file = runPath.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
            const kind = '(null|an array|an object|a string|a number|a boolean|nothing)';
            expect(error.message).toMatch(
              new RegExp(
                `^run record '${file}' (is not valid JSON \\(truncated or overwritten; its content is not shown\\)|must hold \\{ experiment, seed \\}(, got ${kind}|: (experiment must be a string|seed must be a number), got ${kind}))$`,
              ),
            );
          }
        },
      ),
      params(200),
    );
  });
});

describe('issue 17, finding 7: a hostile checkpoint manifest is refused by merge, naming the file', () => {
  it.each([
    ['null', 'must hold { experiment, configHash, seed }, got null'],
    ['[1,2]', 'must hold { experiment, configHash, seed }, got an array'],
    [`{"experiment":7,"note":"${SECRET}"}`, 'experiment must be a string, got a number'],
    [`{"experiment":"constructor","configHash":"x","seed":0}`, 'experiment in'],
    [`{"experiment":"${'x'.repeat(100)}","configHash":"x","seed":0}`, `got "${'x'.repeat(40)}"…`],
    [
      `{"experiment":"minimal-dc", "${SECRET}`,
      'is not valid JSON (truncated or overwritten; its content is not shown)',
    ],
  ])('manifest %s', (text, rule) => {
    const dir = mkdtempSync(join(root, 'merge-'));
    mkdirSync(join(dir, 'checkpoint'));
    const path = join(dir, 'checkpoint', 'manifest.json');
    writeFileSync(path, text);
    let caught: unknown;
    try {
      mergeRunDirectory(dir);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RunDirectoryError);
    expect((caught as RunDirectoryError).path).toBe(path);
    expect((caught as RunDirectoryError).message).toContain(path);
    expect((caught as RunDirectoryError).message).toContain(rule);
    expect((caught as RunDirectoryError).message).not.toContain(SECRET.slice(0, 12));
  });
});
