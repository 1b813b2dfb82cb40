/**
 * Fuzz suite (issue 17, "a fuzz suite … over the WAV, CSV … readers") for `decodeWav`,
 * `decodeCsv` and `decodeRecording`: valid files written by `encodeWav` (every encoding, 1–3
 * channels) and valid CSV text are truncated, bit-flipped, partly replaced by random bytes or given
 * extreme header numbers; random bytes and random text are decoded too. Every case must return a
 * well-formed recording or throw a `DecodeError` (never another error), within a per-case time
 * limit, with a message on one line, free of control characters and of bounded length (a
 * hostile file must not write a megabyte or terminal escapes into an error line).
 *
 * The seed: fast-check prints it with the shrunk case on failure; `RECTIFY_FUZZ_SEED=<seed>`
 * replays a run and `RECTIFY_FUZZ_RUNS=<n>` runs more cases.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecodeError } from './decode-error';
import { decodeCsv, decodeRecording } from './recording';
import { decodeWav, encodeWav } from './wav';

const SEED =
  process.env.RECTIFY_FUZZ_SEED === undefined ? undefined : Number(process.env.RECTIFY_FUZZ_SEED);
const RUNS =
  process.env.RECTIFY_FUZZ_RUNS === undefined ? 1 : Number(process.env.RECTIFY_FUZZ_RUNS) / 100;
/** Wall-clock limit of one case (ms): generous for a loaded 2-core machine, far below a hang. */
const CASE_MS = 2_000;
/** The longest error message accepted (characters): a file name, a rule and a short excerpt. */
const MAX_MESSAGE = 400;
const NAME = 'hostile.wav';
if (SEED !== undefined) console.log(`recording fuzz: RECTIFY_FUZZ_SEED=${SEED}`);

const params = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns: Math.max(1, Math.round(numRuns * RUNS)),
  ...(SEED === undefined ? {} : { seed: SEED }),
});

/** Decodes and reports what came out: a value, or the DecodeError (anything else is rethrown). */
function settle<T>(decode: () => T): { value: T } | { error: DecodeError } {
  const started = performance.now();
  try {
    return { value: decode() };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return { error };
  } finally {
    expect(performance.now() - started).toBeLessThan(CASE_MS);
  }
}

/** A message fit for one stderr line: no control characters, bounded length. */
function expectOneLine(message: string): void {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is checked
  expect(message).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
  expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE);
}

const ENCODINGS = ['pcm16', 'pcm24', 'pcm32', 'float32'] as const;

/** A valid WAV file: 1–3 channels of 1–40 samples in [−1, 1], any encoding and rate. */
const validWav = fc
  .record({
    channels: fc.integer({ min: 1, max: 3 }),
    length: fc.integer({ min: 1, max: 40 }),
    rate: fc.integer({ min: 1, max: 192_000 }),
    encoding: fc.constantFrom(...ENCODINGS),
    seed: fc.integer(),
  })
  .map(({ channels, length, rate, encoding, seed }) => {
    const samples = Array.from({ length: channels }, (_, c) =>
      Array.from({ length }, (_, i) => Math.sin(seed + 0.7 * i + c)),
    );
    return encodeWav(samples, rate, encoding);
  });

/** Header numbers that sit at the edges of their fields. */
const EXTREME_U32 = [
  0, 1, 2, 3, 7, 8, 15, 16, 40, 0x7fff, 0xffff, 0x7fffffff, 0xfffffffe, 0xffffffff,
];

type Mutation =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; bits: [number, number][] }
  | { kind: 'random'; keepHead: number; bytes: Uint8Array }
  | { kind: 'header'; writes: [number, number, 'u16' | 'u32'][] }
  | { kind: 'chunks'; extra: Uint8Array; size: number; id: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    bits: fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { minLength: 1, maxLength: 12 }),
  }),
  fc.record({
    kind: fc.constant('random' as const),
    keepHead: fc.constantFrom(0, 4, 12, 20, 36, 44),
    bytes: fc.uint8Array({ maxLength: 256 }),
  }),
  // The header's numeric fields: RIFF size (4), fmt size (16), format code (20), channels (22),
  // rate (24), byte rate (28), block align (32), bits (34), data size (40).
  fc.record({
    kind: fc.constant('header' as const),
    writes: fc.array(
      fc.tuple(
        fc.constantFrom(4, 16, 20, 22, 24, 28, 32, 34, 40),
        fc.constantFrom(...EXTREME_U32),
        fc.constantFrom('u16' as const, 'u32' as const),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  }),
  // An extra chunk before `fmt `: another id, or a second fmt/data, with an extreme size.
  fc.record({
    kind: fc.constant('chunks' as const),
    extra: fc.uint8Array({ maxLength: 64 }),
    size: fc.constantFrom(...EXTREME_U32),
    id: fc.constantFrom('LIST', 'fmt ', 'data', 'JUNK', '\u0000\u0000\u0000\u0000'),
  }),
);

function mutate(original: Uint8Array, m: Mutation): Uint8Array {
  const bytes = original.slice();
  const view = new DataView(bytes.buffer);
  switch (m.kind) {
    case 'truncate':
      return bytes.subarray(0, m.at % (bytes.length + 1));
    case 'flip':
      for (const [at, bit] of m.bits) bytes[at % bytes.length]! ^= 1 << bit;
      return bytes;
    case 'random': {
      const out = new Uint8Array(m.keepHead + m.bytes.length);
      out.set(bytes.subarray(0, m.keepHead));
      out.set(m.bytes, Math.min(m.keepHead, bytes.length));
      return out.subarray(0, Math.min(m.keepHead, bytes.length) + m.bytes.length);
    }
    case 'header':
      for (const [at, value, width] of m.writes) {
        if (width === 'u16') view.setUint16(at, value & 0xffff, true);
        else view.setUint32(at, value, true);
      }
      return bytes;
    case 'chunks': {
      const chunk = new Uint8Array(8 + m.extra.length);
      for (let i = 0; i < 4; i++) chunk[i] = m.id.charCodeAt(i);
      new DataView(chunk.buffer).setUint32(4, m.size, true);
      chunk.set(m.extra, 8);
      const out = new Uint8Array(bytes.length + chunk.length);
      out.set(bytes.subarray(0, 12));
      out.set(chunk, 12);
      out.set(bytes.subarray(12), 12 + chunk.length);
      return out;
    }
  }
}

describe('fuzz (issue 17): decodeWav returns a recording or throws DecodeError', () => {
  it('on spoilt WAV files (truncations, bit flips, random tails, extreme header numbers, odd chunks)', () => {
    fc.assert(
      fc.property(validWav, mutation, (original, m) => {
        const outcome = settle(() => decodeWav(mutate(original, m), NAME));
        if ('error' in outcome) {
          expect(outcome.error.message.startsWith(`${NAME}: `)).toBe(true);
          expect(['malformed-wav', 'unsupported-wav']).toContain(outcome.error.code);
          expectOneLine(outcome.error.message);
          return;
        }
        const { sampleRate, channels, encoding } = outcome.value;
        expect(Number.isInteger(sampleRate) && sampleRate >= 1).toBe(true);
        expect(channels.length).toBeGreaterThanOrEqual(1);
        const frames = channels[0]!.length;
        expect(frames).toBeGreaterThanOrEqual(1);
        for (const channel of channels) {
          expect(channel.length).toBe(frames);
          if (encoding.startsWith('pcm'))
            for (const v of channel) expect(v >= -1 && v <= 1).toBe(true);
        }
      }),
      params(400),
    );
  });

  it('on random bytes, with and without a RIFF/WAVE head', () => {
    const head = new Uint8Array([82, 73, 70, 70, 0, 0, 0, 0, 87, 65, 86, 69]);
    fc.assert(
      fc.property(fc.boolean(), fc.uint8Array({ maxLength: 512 }), (withHead, tail) => {
        const bytes = new Uint8Array((withHead ? 12 : 0) + tail.length);
        if (withHead) bytes.set(head);
        bytes.set(tail, withHead ? 12 : 0);
        const outcome = settle(() => decodeWav(bytes, NAME));
        if ('error' in outcome) expectOneLine(outcome.error.message);
      }),
      params(300),
    );
  });
});

/** Valid CSV text: a header or not, 1–4 columns, any of the delimiters, 1–20 rows. */
const validCsv = fc
  .record({
    columns: fc.integer({ min: 1, max: 4 }),
    rows: fc.array(
      fc.array(fc.double({ noNaN: true, noDefaultInfinity: true }), { minLength: 4, maxLength: 4 }),
      {
        minLength: 1,
        maxLength: 20,
      },
    ),
    header: fc.boolean(),
    delimiter: fc.constantFrom(',', '\t', ';', ' '),
    newline: fc.constantFrom('\n', '\r\n'),
  })
  .map(({ columns, rows, header, delimiter, newline }) => {
    const lines = rows.map((r) => r.slice(0, columns).join(delimiter));
    if (header) lines.unshift(Array.from({ length: columns }, (_, c) => `c${c}`).join(delimiter));
    return lines.join(newline);
  });

/** Text a hostile CSV might hold: control characters, escapes, quotes, long runs. */
const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({
    unit: fc.constantFrom(
      '\r',
      '\n',
      '\u001b',
      '[',
      '"',
      ',',
      ';',
      '\t',
      ' ',
      '1',
      'e',
      '#',
      '\u2028',
      '\u0085',
    ),
    maxLength: 200,
  }),
  fc.integer({ min: 1, max: 20_000 }).map((n) => `${'9'.repeat(n)}x`),
  fc.integer({ min: 1, max: 5_000 }).map((n) => `h${'\u001b[31m'.repeat(n)}`),
);

const column = fc.oneof(
  fc.constant(undefined),
  fc.nat({ max: 6 }),
  fc.constantFrom('c0', 'c3', '0', '99', 'x\u001b[2J', ''),
);

describe('fuzz (issue 17): decodeCsv returns a column or throws DecodeError', () => {
  it('on spoilt CSV text (truncations, bit flips, inserted hostile text), as bytes and as text', () => {
    fc.assert(
      fc.property(
        validCsv,
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 7 })), { maxLength: 6 }),
        fc.nat(),
        hostileText,
        column,
        fc.boolean(),
        (text, cut, flips, insertAt, inserted, col, asText) => {
          const encoded = new TextEncoder().encode(text);
          const bytes = encoded.subarray(0, Math.max(1, cut % (encoded.length + 1))).slice();
          for (const [at, bit] of flips) bytes[at % bytes.length]! ^= 1 << bit;
          const decoded = new TextDecoder().decode(bytes);
          const at = insertAt % (decoded.length + 1);
          const spoilt = `${decoded.slice(0, at)}${inserted}${decoded.slice(at)}`;
          const input = asText ? spoilt : new TextEncoder().encode(spoilt);
          const outcome = settle(() =>
            decodeCsv(input, {
              name: 'hostile.csv',
              ...(col === undefined ? {} : { column: col }),
            }),
          );
          if ('error' in outcome) {
            expect(['malformed-csv', 'no-such-column']).toContain(outcome.error.code);
            expectOneLine(outcome.error.message);
            return;
          }
          expect(outcome.value.values.length).toBeGreaterThanOrEqual(1);
          for (const v of outcome.value.values) expect(Number.isFinite(v)).toBe(true);
        },
      ),
      params(400),
    );
  });

  it('on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 512 }), column, (bytes, col) => {
        const outcome = settle(() =>
          decodeCsv(bytes, { name: 'hostile.csv', ...(col === undefined ? {} : { column: col }) }),
        );
        if ('error' in outcome) expectOneLine(outcome.error.message);
      }),
      params(300),
    );
  });
});

describe('fuzz (issue 17): decodeRecording picks the decoder by name and keeps to DecodeError', () => {
  it('on spoilt WAV files read as .wav and random channel choices', () => {
    fc.assert(
      fc.property(
        validWav,
        mutation,
        fc.oneof(
          fc.constant(undefined),
          fc.integer({ min: -2, max: 4 }),
          fc.constantFrom('1.5', 'x', ''),
        ),
        (original, m, col) => {
          const outcome = settle(() =>
            decodeRecording(mutate(original, m), {
              name: 'hostile.WAV',
              ...(col === undefined ? {} : { column: col }),
            }),
          );
          if ('error' in outcome) expectOneLine(outcome.error.message);
          else expect(outcome.value.fs).toBeGreaterThanOrEqual(1);
        },
      ),
      params(200),
    );
  });
});
