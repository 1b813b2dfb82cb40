import { describe, expect, it } from 'vitest';
import * as signal from '../src/index';

describe('package entry point', () => {
  it('exports exactly the contract names (plus getWindow / windowNames)', () => {
    expect(Object.keys(signal).sort()).toEqual(
      [
        'amplitudeSpectrum',
        'bandEnergy',
        'chirp',
        'complexAbs',
        'conv1d',
        'conv1dMulti',
        'createFft',
        'createRng',
        'dcFraction',
        'diff',
        'fft',
        'findPeaks',
        'freqz',
        'getWindow',
        'ifft',
        'irfft',
        'lfilter',
        'magnitudeDb',
        'maxAbsError',
        'movingAverage',
        'relativeRmse',
        'rfft',
        'rmse',
        'snrDb',
        'syntheticPpg',
        'thd',
        'timeAxis',
        'tones',
        'valueAt',
        'whiteNoise',
        'windowNames',
      ].sort(),
    );
  });
});
