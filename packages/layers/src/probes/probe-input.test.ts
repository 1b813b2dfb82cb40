import { syntheticPpg, tones } from '@rectify/signal';
import { describe, expect, it } from 'vitest';
import { parseProbeFields, probeInput } from './probe-input';

describe('probeInput', () => {
  it('is the synthetic PPG at the heart rate, seeded', () => {
    const probe = probeInput({ heartRate: 72, fs: 32, n: 256, seed: 3 });
    expect(probe.kind).toBe('ppg');
    expect(probe.heartRate).toBe(72);
    expect(probe.x).toEqual(syntheticPpg({ heartRate: 72, fs: 32, n: 256, seed: 3 }));
    expect(probeInput({ heartRate: 72, fs: 32, n: 256 }).x).toEqual(
      syntheticPpg({ heartRate: 72, fs: 32, n: 256, seed: 0 }),
    );
  });

  it('is the tone sum, with the first tone standing for the heart rate (60·f bpm)', () => {
    const list = [
      { freq: 1.2, amp: 1 },
      { freq: 2.4, amp: 0.5, phase: 1 },
    ];
    const probe = probeInput({ tones: list, fs: 32, n: 256 });
    expect(probe.kind).toBe('tones');
    expect(probe.heartRate).toBeCloseTo(72, 12);
    expect(probe.x).toEqual(tones(list, { fs: 32, n: 256 }));
  });

  it('takes a tone just below fs/2 and refuses one at fs/2, naming the tone', () => {
    expect(probeInput({ tones: [{ freq: 15.99, amp: 1 }], fs: 32, n: 8 }).x.length).toBe(8);
    expect(() =>
      probeInput({
        tones: [
          { freq: 1, amp: 1 },
          { freq: 16, amp: 1 },
        ],
        fs: 32,
        n: 8,
      }),
    ).toThrow(new RangeError('tones[1].freq must lie in (0, fs/2) = (0, 16) Hz, got 16'));
  });

  it('names every other bad option', () => {
    expect(() => probeInput({ fs: 32, n: 8 })).toThrow(
      'options must give exactly one of heartRate and tones, got neither',
    );
    expect(() => probeInput({ heartRate: 60, tones: [{ freq: 1, amp: 1 }], fs: 32, n: 8 })).toThrow(
      /got both/,
    );
    expect(() => probeInput({ tones: [], fs: 32, n: 8 })).toThrow(
      'tones must be a non-empty array',
    );
    expect(() => probeInput({ heartRate: 0, fs: 32, n: 8 })).toThrow(
      'heartRate must be a finite number of beats per minute > 0, got 0',
    );
    expect(() => probeInput({ heartRate: 60, fs: 0, n: 8 })).toThrow(
      'fs must be a finite number > 0 (Hz), got 0',
    );
    expect(() => probeInput({ heartRate: 60, fs: 32, n: 1 })).toThrow(
      'n must be an integer ≥ 2 (samples), got 1',
    );
  });
});

describe('parseProbeFields', () => {
  const fields = { probe: 'ppg' as const, heartRate: '72', tones: '1.2, 2.4', fs: '32' };

  it('builds the probe the form describes, at the model’s length', () => {
    const ppg = parseProbeFields(fields, { n: 256 });
    expect(ppg).toEqual({
      ok: true,
      errors: {},
      value: { ...probeInput({ heartRate: 72, fs: 32, n: 256 }), fs: 32 },
    });
    const toned = parseProbeFields({ ...fields, probe: 'tones' }, { n: 64 });
    expect(toned.ok && toned.value.x).toEqual(
      tones(
        [
          { freq: 1.2, amp: 1 },
          { freq: 2.4, amp: 1 },
        ],
        { fs: 32, n: 64 },
      ),
    );
    expect(toned.ok && toned.value.heartRate).toBeCloseTo(72, 12);
  });

  it('reports each problem against its field, fs first', () => {
    expect(parseProbeFields({ ...fields, fs: '0', heartRate: 'x' }, { n: 8 })).toEqual({
      ok: false,
      error: 'fs must be a number > 0 Hz, got "0"',
      errors: { fs: 'fs must be a number > 0 Hz, got "0"' },
    });
    const rate = parseProbeFields({ ...fields, heartRate: '-5' }, { n: 8 });
    expect(rate.ok).toBe(false);
    expect(rate.errors).toEqual({ heartRate: 'heart rate must be a number > 0 bpm, got "-5"' });
    // The tone list is not read for a PPG probe, and the heart rate not for tones.
    expect(parseProbeFields({ ...fields, tones: 'x' }, { n: 8 }).ok).toBe(true);
    expect(parseProbeFields({ ...fields, probe: 'tones', heartRate: 'x' }, { n: 8 }).ok).toBe(true);
    expect(
      parseProbeFields({ ...fields, probe: 'tones', tones: '1, 16' }, { n: 8 }).errors,
    ).toEqual({
      tones: 'tones[1].freq must lie in (0, fs/2) = (0, 16) Hz, got 16',
    });
    expect(
      parseProbeFields({ ...fields, probe: 'tones', tones: '1, y' }, { n: 8 }).errors.tones,
    ).toBe('tones[1] must be a finite number, got "y"');
    expect(() => parseProbeFields(fields, { n: 1 })).toThrow(
      new RangeError('n must be an integer ≥ 2 (samples), got 1'),
    );
  });
});
