import { DecodeError } from './decode-error';

/** A decoded WAV file: one Float64Array per channel, samples scaled to [−1, 1]. */
export interface WavData {
  /** Sample rate, Hz. */
  sampleRate: number;
  /** Samples per channel. */
  channels: Float64Array[];
  /** Encoding read, e.g. `pcm16`, `pcm24`, `pcm32`, `float32`, `float64`. */
  encoding: string;
}

const WAVE_FORMAT_PCM = 1;
const WAVE_FORMAT_IEEE_FLOAT = 3;
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

/**
 * Decodes a RIFF/WAVE file: PCM 8/16/24/32-bit integer or IEEE float 32/64-bit, any number of
 * channels, including WAVE_FORMAT_EXTENSIBLE headers. Integer samples are scaled by 1/2^(bits−1)
 * (8-bit: unsigned, centred at 128). Conventions from the format's definition (Microsoft
 * "Multimedia Programming Interface and Data Specifications 1.0", RIFF chunks `fmt ` and `data`,
 * little-endian, word-aligned chunks; WAVE_FORMAT_EXTENSIBLE's sub-format code at byte 24 of
 * `fmt `), as Python's `wave` and scipy.io.wavfile read them.
 *
 * @param bytes - the file's contents.
 * @param name - the file name, for messages.
 * @returns the sample rate (Hz) and the channels (samples in [−1, 1] for integer encodings).
 * @throws {@link DecodeError} (`malformed-wav`, `unsupported-wav`) naming the file and what is wrong.
 * @example
 * ```ts
 * const { sampleRate, channels } = decodeWav(new Uint8Array(await file.arrayBuffer()), file.name);
 * ```
 */
export function decodeWav(bytes: Uint8Array, name = 'WAV file'): WavData {
  const fail = (
    what: string,
    code: 'malformed-wav' | 'unsupported-wav' = 'malformed-wav',
  ): never => {
    throw new DecodeError(code, `${name}: not a readable WAV file: ${what}`);
  };
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tag = (at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.byteLength < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WAVE') {
    fail('missing RIFF/WAVE header');
  }
  let format:
    | { code: number; channels: number; sampleRate: number; bits: number; blockAlign: number }
    | undefined;
  let data: Uint8Array | undefined;
  let at = 12;
  while (at + 8 <= bytes.byteLength) {
    const id = tag(at);
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'fmt ') {
      if (size < 16 || body + size > bytes.byteLength)
        fail(`fmt chunk of ${size} bytes is truncated`);
      let code = view.getUint16(body, true);
      if (code === WAVE_FORMAT_EXTENSIBLE) {
        if (size < 40) fail('extensible fmt chunk is shorter than 40 bytes');
        code = view.getUint16(body + 24, true);
      }
      format = {
        code,
        channels: view.getUint16(body + 2, true),
        sampleRate: view.getUint32(body + 4, true),
        blockAlign: view.getUint16(body + 12, true),
        bits: view.getUint16(body + 14, true),
      };
    } else if (id === 'data') {
      // Streaming writers leave the size at 0 or 0xFFFFFFFF; take what is there.
      const end =
        size === 0 || size === 0xffffffff
          ? bytes.byteLength
          : Math.min(body + size, bytes.byteLength);
      data = bytes.subarray(body, end);
    }
    at = body + size + (size % 2);
  }
  if (!format) return fail('no fmt chunk');
  if (!data) return fail('no data chunk');
  const { code, channels, sampleRate, bits, blockAlign } = format;
  if (channels < 1) fail('0 channels');
  if (sampleRate < 1) fail(`sample rate ${sampleRate} Hz`);
  const bytesPerSample = bits / 8;
  if (!Number.isInteger(bytesPerSample) || blockAlign !== bytesPerSample * channels) {
    fail(`inconsistent block align ${blockAlign} for ${channels} channel(s) of ${bits} bits`);
  }
  let encoding: string;
  let read: (offset: number) => number;
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (code === WAVE_FORMAT_PCM) {
    encoding = `pcm${bits}`;
    if (bits === 8) read = (o) => (dv.getUint8(o) - 128) / 128;
    else if (bits === 16) read = (o) => dv.getInt16(o, true) / 32768;
    else if (bits === 24) {
      read = (o) => {
        const v = dv.getUint8(o) | (dv.getUint8(o + 1) << 8) | (dv.getInt8(o + 2) << 16);
        return v / 8388608;
      };
    } else if (bits === 32) read = (o) => dv.getInt32(o, true) / 2147483648;
    else return fail(`unsupported PCM bit depth ${bits} (8, 16, 24 or 32)`, 'unsupported-wav');
  } else if (code === WAVE_FORMAT_IEEE_FLOAT) {
    encoding = `float${bits}`;
    if (bits === 32) read = (o) => dv.getFloat32(o, true);
    else if (bits === 64) read = (o) => dv.getFloat64(o, true);
    else return fail(`unsupported float bit depth ${bits} (32 or 64)`, 'unsupported-wav');
  } else {
    return fail(`unsupported format code ${code} (PCM = 1, IEEE float = 3)`, 'unsupported-wav');
  }
  const frames = Math.floor(data.byteLength / blockAlign);
  if (frames === 0) fail('the data chunk holds no samples');
  const out = Array.from({ length: channels }, () => new Float64Array(frames));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) out[c]![i] = read(i * blockAlign + c * bytesPerSample);
  }
  return { sampleRate, channels: out, encoding };
}

/**
 * Encodes samples as a WAV file (the inverse of {@link decodeWav}, within one quantisation step):
 * a 44-byte RIFF header with a 16-byte `fmt ` chunk, then interleaved little-endian samples.
 * Integer encodings round v·2^(bits−1) and clip to the representable range.
 *
 * @param channels - samples per channel (all the same length), in [−1, 1] for integer encodings.
 * @param sampleRate - Hz, integer > 0.
 * @param encoding - `pcm16` (default), `pcm24`, `pcm32` or `float32`.
 * @returns the file's bytes.
 * @example
 * ```ts
 * decodeWav(encodeWav([[0, 0.5, -0.5]], 8000)).channels[0]; // [0, 0.5, -0.5]
 * ```
 */
export function encodeWav(
  channels: readonly ArrayLike<number>[],
  sampleRate: number,
  encoding: 'pcm16' | 'pcm24' | 'pcm32' | 'float32' = 'pcm16',
): Uint8Array {
  const bits = Number(encoding.replace(/\D/g, ''));
  const bytesPerSample = bits / 8;
  const nch = channels.length;
  const frames = channels[0]?.length ?? 0;
  const blockAlign = nch * bytesPerSample;
  const buffer = new ArrayBuffer(44 + frames * blockAlign);
  const dv = new DataView(buffer);
  const text = (at: number, s: string) => {
    for (let i = 0; i < 4; i++) dv.setUint8(at + i, s.charCodeAt(i));
  };
  text(0, 'RIFF');
  dv.setUint32(4, 36 + frames * blockAlign, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  dv.setUint32(16, 16, true);
  dv.setUint16(20, encoding === 'float32' ? WAVE_FORMAT_IEEE_FLOAT : WAVE_FORMAT_PCM, true);
  dv.setUint16(22, nch, true);
  dv.setUint32(24, sampleRate, true);
  dv.setUint32(28, sampleRate * blockAlign, true);
  dv.setUint16(32, blockAlign, true);
  dv.setUint16(34, bits, true);
  text(36, 'data');
  dv.setUint32(40, frames * blockAlign, true);
  const quantise = (v: number, full: number) =>
    Math.max(-full, Math.min(full - 1, Math.round(v * full)));
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < nch; c++) {
      const o = 44 + i * blockAlign + c * bytesPerSample;
      const v = channels[c]![i]!;
      if (encoding === 'float32') dv.setFloat32(o, v, true);
      else if (encoding === 'pcm16') dv.setInt16(o, quantise(v, 32768), true);
      else if (encoding === 'pcm32') dv.setInt32(o, quantise(v, 2147483648), true);
      else {
        const s = quantise(v, 8388608);
        dv.setUint8(o, s & 0xff);
        dv.setUint8(o + 1, (s >> 8) & 0xff);
        dv.setInt8(o + 2, s >> 16);
      }
    }
  }
  return new Uint8Array(buffer);
}
