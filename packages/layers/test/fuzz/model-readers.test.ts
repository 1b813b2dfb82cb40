/**
 * Fuzz suite (issue 17) over the model readers: Keras `.h5` and `.keras` (loadKeras on bytes)
 * and tfjs model folders (fileSystemIO(dir).load(): model.json + weights.bin). Fixture files —
 * two written by real Keras (../shared/real-models) and three written here — are truncated,
 * bit-flipped, replaced by random bytes or overwritten with extreme numbers. Every case must end
 * in a result or one of the package's typed errors (KerasImportError / ModelIOError, with a
 * `code`), within a per-case time limit. fast-check prints the seed and the shrunk case on
 * failure; FUZZ_SEED=<seed> replays a run.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadFixture } from '@rectify/test-utils';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileSystemIO, ModelIOError } from '../../src/io/file-system-io';
import { KerasImportError, loadKeras } from '../../src/keras/index';
import { type ArchiveArray, writeKerasArchive } from '../keras/keras-archive-writer';
import { type WeightGroupSpec, writeKerasH5 } from '../keras/keras-h5-writer';

const REAL = join(dirname(fileURLToPath(import.meta.url)), '../../../../../shared/real-models');
/** Wall-clock limit of one case (ms): generous for a loaded 2-core machine, far below a hang. */
const CASE_MS = 5_000;
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);
const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  timeout: CASE_MS,
  ...(SEED === undefined ? {} : { seed: SEED }),
});

interface Model {
  name: string;
  modelConfig: unknown;
  weights: WeightGroupSpec[];
  keras3: { config: unknown; metadata: unknown; vars: { path: string; arrays: ArchiveArray[] }[] };
}

const EXTREMES = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MIN_VALUE,
  2 ** 31,
  2 ** 32 - 1,
  2 ** 53,
];

/** One way of spoiling a file's bytes. */
type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; bits: [number, number][] }
  | { kind: 'random'; keepHead: number; bytes: Uint8Array }
  | { kind: 'extreme'; writes: [number, number, 'f32' | 'f64' | 'u32' | 'u64'][] };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    bits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 16 }),
  }),
  fc.record({
    kind: fc.constant('random' as const),
    keepHead: fc.constantFrom(0, 8, 64, 512),
    bytes: fc.uint8Array({ maxLength: 2048 }),
  }),
  fc.record({
    kind: fc.constant('extreme' as const),
    writes: fc.array(
      fc.tuple(
        fc.nat(),
        fc.nat({ max: EXTREMES.length - 1 }),
        fc.constantFrom('f32' as const, 'f64' as const, 'u32' as const, 'u64' as const),
      ),
      { minLength: 1, maxLength: 8 },
    ),
  }),
);

function mutate(original: Uint8Array, m: Mutation): Uint8Array {
  if (original.length === 0) return original;
  switch (m.kind) {
    case 'truncate':
      return original.slice(0, m.at % original.length);
    case 'flip': {
      const out = original.slice();
      for (const [at, bit] of m.bits) {
        const i = at % out.length;
        out[i] = (out[i] as number) ^ (1 << bit);
      }
      return out;
    }
    case 'random': {
      const out = new Uint8Array(m.keepHead + m.bytes.length);
      out.set(original.subarray(0, Math.min(m.keepHead, original.length)));
      out.set(m.bytes, m.keepHead);
      return out;
    }
    case 'extreme': {
      const out = original.slice();
      const view = new DataView(out.buffer);
      for (const [at, which, as] of m.writes) {
        const value = EXTREMES[which] as number;
        const width = as === 'f32' || as === 'u32' ? 4 : 8;
        if (out.length < width) continue;
        const i = at % (out.length - width + 1);
        if (as === 'f32') view.setFloat32(i, value, true);
        else if (as === 'f64') view.setFloat64(i, value, true);
        else if (as === 'u32')
          view.setUint32(i, Number.isFinite(value) ? Math.abs(value) % 2 ** 32 : 0xffffffff, true);
        else
          view.setBigUint64(
            i,
            Number.isFinite(value)
              ? BigInt(Math.floor(Math.abs(value) % 2 ** 64))
              : 0xffffffffffffffffn,
            true,
          );
      }
      return out;
    }
  }
}

/** How many cases ended in each outcome (`'loaded'` or an error code), per reader. */
const outcomes = { keras: new Map<string, number>(), folder: new Map<string, number>() };

function count(reader: keyof typeof outcomes, outcome: string): void {
  outcomes[reader].set(outcome, (outcomes[reader].get(outcome) ?? 0) + 1);
}

/** The outcome of one case: passes for a result or a typed error with a code; throws otherwise. */
function expectTyped(error: unknown, label: string, reader: keyof typeof outcomes): void {
  if (
    (error instanceof KerasImportError || error instanceof ModelIOError) &&
    typeof error.code === 'string'
  ) {
    count(reader, error.code);
    return;
  }
  const text =
    error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
  throw new Error(`${label}: untyped failure ${text.slice(0, 400)}`);
}

async function timed<T>(
  label: string,
  reader: keyof typeof outcomes,
  work: () => Promise<T>,
): Promise<void> {
  const start = performance.now();
  try {
    const result = await work();
    const model = (result as { model?: tf.LayersModel } | undefined)?.model;
    model?.dispose();
    count(reader, 'loaded');
  } catch (error) {
    expectTyped(error, label, reader);
  }
  const elapsed = performance.now() - start;
  if (elapsed > CASE_MS)
    throw new Error(`${label}: took ${Math.round(elapsed)} ms (limit ${CASE_MS} ms)`);
}

const keras: { label: string; bytes: Uint8Array }[] = [];
let modelDir = '';
let modelJson = new Uint8Array();
let weightsBin = new Uint8Array();

beforeAll(async () => {
  await tf.setBackend('cpu');
  const fixture = loadFixture<{ models: Model[] }>('layers-keras/keras_models.json');
  const byName = (name: string) => fixture.models.find((m) => m.name === name) as Model;
  const sequential = byName('sequential');
  keras.push(
    {
      label: 'sequential.h5',
      bytes: await writeKerasH5({
        modelConfig: sequential.modelConfig,
        weights: sequential.weights,
      }),
    },
    {
      label: 'k3_sequential.keras',
      bytes: await writeKerasArchive(byName('k3_sequential').keras3),
    },
    {
      label: 'nids_conv1d_k2.h5 (real Keras)',
      bytes: new Uint8Array(await readFile(join(REAL, 'nids_conv1d_k2.h5'))),
    },
    {
      label: 'har_cnn_sequential.keras (real Keras)',
      bytes: new Uint8Array(await readFile(join(REAL, 'har_cnn_sequential.keras'))),
    },
  );
  modelDir = await mkdtemp(join(tmpdir(), 'rectify-fuzz-'));
  const model = tf.sequential({
    layers: [
      tf.layers.conv1d({ filters: 2, kernelSize: 3, inputShape: [8, 1], name: 'conv' }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 1, name: 'out' }),
    ],
  });
  await model.save(fileSystemIO(modelDir));
  model.dispose();
  modelJson = new Uint8Array(await readFile(join(modelDir, 'model.json')));
  weightsBin = new Uint8Array(await readFile(join(modelDir, 'weights.bin')));
});

afterAll(async () => {
  console.log(
    `fuzz outcomes: keras ${JSON.stringify(Object.fromEntries(outcomes.keras))}, model folder ${JSON.stringify(Object.fromEntries(outcomes.folder))}`,
  );
  if (modelDir) await rm(modelDir, { recursive: true, force: true });
});

describe('fuzz: Keras readers end in a result or a KerasImportError', () => {
  it('sanity: every unspoilt fixture loads', async () => {
    for (const { bytes } of keras) (await loadKeras(bytes)).model.dispose();
  });

  it('truncations, bit flips, random bytes and extreme numbers in .h5 and .keras files', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 3 }), mutation, async (which, m) => {
        const file = keras[which] as { label: string; bytes: Uint8Array };
        await timed(`${file.label} ${m.kind}`, 'keras', () => loadKeras(mutate(file.bytes, m)));
      }),
      params(Number(process.env.FUZZ_RUNS ?? 150)),
    );
  }, 60_000);
});

/** The model.json reader itself: what `tf.loadLayersModel` calls before it builds the model. */
function readFolder(dir: string): Promise<tf.io.ModelArtifacts> {
  const { load } = fileSystemIO(dir);
  if (load === undefined) throw new Error('fileSystemIO has no load');
  return load();
}

describe('fuzz: the model.json reader ends in a result or a ModelIOError', () => {
  async function loadWith(json: Uint8Array | string, weights: Uint8Array): Promise<void> {
    await writeFile(join(modelDir, 'model.json'), json);
    await writeFile(join(modelDir, 'weights.bin'), weights);
    await timed('model folder', 'folder', () => readFolder(modelDir));
  }

  it('sanity: the unspoilt folder loads', async () => {
    await loadWith(modelJson, weightsBin);
    expect((await readFolder(modelDir)).weightSpecs?.length).toBe(4);
  });

  it('spoilt model.json bytes and spoilt weights.bin bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), mutation, async (spoilJson, m) => {
        await loadWith(
          spoilJson ? mutate(modelJson, m) : modelJson,
          spoilJson ? weightsBin : mutate(weightsBin, m),
        );
      }),
      params(Number(process.env.FUZZ_RUNS ?? 100)),
    );
  }, 60_000);

  it('hostile manifests: any JSON value, extreme shapes, odd dtypes and paths', async () => {
    const base = JSON.parse(new TextDecoder().decode(modelJson)) as Record<string, unknown>;
    const [group] = base.weightsManifest as { weights: Record<string, unknown>[] }[];
    const realEntries = group?.weights ?? [];
    const dimension = fc.oneof(
      { arbitrary: fc.nat({ max: 8 }), weight: 3 },
      fc.constantFrom(...EXTREMES, -1, 0.5, 1e300),
      fc.jsonValue(),
    );
    const quantization = fc.oneof(
      fc.record({
        dtype: fc.constantFrom('uint8', 'uint16', 'float16', 'float32'),
        scale: fc.double(),
        min: fc.double(),
      }),
      fc.jsonValue(),
    );
    const spoiltEntry = fc.record(
      {
        name: fc.oneof(fc.constantFrom('conv/kernel', 'out/bias'), fc.jsonValue()),
        shape: fc.oneof(
          { arbitrary: fc.array(dimension, { maxLength: 4 }), weight: 3 },
          fc.jsonValue(),
        ),
        dtype: fc.oneof(
          {
            arbitrary: fc.constantFrom('float32', 'int32', 'float16', 'string', 'complex64'),
            weight: 3,
          },
          fc.jsonValue(),
        ),
        quantization,
      },
      { requiredKeys: ['name', 'shape', 'dtype'] },
    );
    // Mostly the model's own entries, so that the path and size rules are reached too.
    const entries = fc.oneof(
      { arbitrary: fc.constant(realEntries), weight: 3 },
      fc.array(fc.oneof(fc.constantFrom(...realEntries), spoiltEntry), { maxLength: 5 }),
      fc.jsonValue(),
    );
    const path = fc.oneof(
      {
        arbitrary: fc.constantFrom(
          'weights.bin',
          './weights.bin',
          '../weights.bin',
          '/etc/passwd',
          '/dev/zero',
          '../../../../dev/zero',
          '.',
          '',
          'missing.bin',
          'C:\\w.bin',
          'a/../../b',
        ),
        weight: 4,
      },
      fc.string({ maxLength: 12 }),
      fc.jsonValue(),
    );
    const manifest = fc.oneof(
      {
        arbitrary: fc.array(
          fc.oneof(
            {
              arbitrary: fc.record({
                paths: fc.oneof(
                  { arbitrary: fc.array(path, { maxLength: 3 }), weight: 4 },
                  fc.jsonValue(),
                ),
                weights: entries,
              }),
              weight: 6,
            },
            fc.jsonValue(),
          ),
          { minLength: 1, maxLength: 3 },
        ),
        weight: 6,
      },
      fc.jsonValue(),
    );
    await fc.assert(
      fc.asyncProperty(manifest, async (weightsManifest) => {
        await loadWith(JSON.stringify({ ...base, weightsManifest }), weightsBin);
      }),
      params(Number(process.env.FUZZ_RUNS ?? 200)),
    );
  }, 60_000);
});

describe('fuzz: the cases reach past the first checks', () => {
  it('some cases load and several distinct rules refuse the others', () => {
    for (const reader of ['keras', 'folder'] as const) {
      expect(outcomes[reader].get('loaded') ?? 0, reader).toBeGreaterThan(0);
      expect(outcomes[reader].size, reader).toBeGreaterThanOrEqual(5);
    }
  });
});
