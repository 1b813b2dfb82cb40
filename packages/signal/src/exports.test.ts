import { describe, expect, it } from 'vitest';
import * as signal from './index';

describe('package entry point', () => {
  it('exports exactly the contract names (plus getWindow / windowNames and the shared checks)', () => {
    expect(Object.keys(signal).sort()).toEqual(
      [
        'amplitudeSpectrum',
        'bandEnergy',
        'checkFinite',
        'checkInteger',
        'checkOutBuffer',
        'chirp',
        'complexAbs',
        'conv1d',
        'conv1dMulti',
        'createFft',
        'createRng',
        'dcFraction',
        'decodeCsv',
        'DecodeError',
        'decodeRecording',
        'decodeWav',
        'describeValue',
        'diff',
        'encodeWav',
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
        'parseNumberListText',
        'parseNumberText',
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
