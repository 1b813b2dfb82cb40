/**
 * Writes the example data that the READMEs' commands use (run from the repository root with
 * `npm run examples:data`; the output is deterministic, so running it again changes nothing):
 *
 * - `ppg.wav`: 60 s of synthetic PPG at 72 bpm (`syntheticPpg`, seed 1), 32 Hz, mono, 16-bit PCM.
 *   The WAV layout is the canonical RIFF/WAVE PCM file (Microsoft's "Multimedia Programming
 *   Interface and Data Specifications 1.0", 1991: a `RIFF` chunk of form `WAVE` holding a 16-byte
 *   `fmt ` chunk, format tag 1 = PCM, then a `data` chunk of little-endian signed 16-bit samples).
 *   scipy.io.wavfile reads it back in apps/cli/test/examples-data.test.ts.
 * - `tones.csv`: 8 s of the paper's V.A tone sum (5, 10, 20, 40 Hz, unit amplitudes) at 128 Hz, a
 *   header row `t,x` and one sample a line.
 * - `ppg-model.h5`: the paper's V.B heart-rate network (three nested conv blocks, then
 *   MultiHeadAttention and a dense head) in the Keras 2.x `model.save('…h5')` layout, with seeded random weights
 *   (the trained ones are not public). The layout and its sources in Keras's own code are
 *   described in packages/layers/test/keras/keras-h5-writer.ts, which writes it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { syntheticPpg, tones } from '@rectify/signal';
import { writeKerasH5 } from '../../packages/layers/test/keras/keras-h5-writer';
import { vbArchitecture } from '../../packages/layers/test/keras/vb-architecture';

const out = process.argv[2] ?? join('examples', 'data');

/** Mono 16-bit PCM WAV bytes; samples are scaled by `scale` and must fit in [−1, 1] after it. */
function wav16(samples: Float64Array, fs: number, scale: number): Uint8Array {
  const bytes = new Uint8Array(44 + 2 * samples.length);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + 2 * samples.length, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, fs, true); // sample rate (Hz)
  view.setUint32(28, fs * 2, true); // byte rate
  view.setUint16(32, 2, true); // block align
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, 2 * samples.length, true);
  samples.forEach((x, i) => {
    const v = Math.round(x * scale * 32767);
    if (v < -32768 || v > 32767) throw new RangeError(`sample ${i} = ${x} does not fit 16 bits`);
    view.setInt16(44 + 2 * i, v, true);
  });
  return bytes;
}

const fsPpg = 32;
const ppg = syntheticPpg({ heartRate: 72, fs: fsPpg, n: 60 * fsPpg, seed: 1 });
writeFileSync(join(out, 'ppg.wav'), wav16(ppg, fsPpg, 0.4));

const fsTones = 128;
const x = tones(
  [10, 5, 20, 40].map((freq) => ({ freq, amp: 1 })),
  { fs: fsTones, n: 8 * fsTones },
);
const rows = Array.from(x, (v, i) => `${(i / fsTones).toFixed(7)},${v.toFixed(9)}`);
writeFileSync(join(out, 'tones.csv'), `t,x\n${rows.join('\n')}\n`);

writeFileSync(join(out, 'ppg-model.h5'), await writeKerasH5(vbArchitecture(7)));
console.log(`wrote ppg.wav, tones.csv and ppg-model.h5 in ${out}`);
