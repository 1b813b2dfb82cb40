export type { Conv1dMultiOptions, Conv1dOptions, Padding } from './conv';
export { conv1d, conv1dMulti, diff, movingAverage } from './conv';
export type { FftPlan } from './fft';
export { createFft, fft, ifft, irfft, rfft } from './fft';
export type { AbortSignalLike, RfftAsyncOptions } from './fft-async';
export { FftAbortedError, rfftAsync } from './fft-async';
export type { FreqzOptions, FrequencyResponse } from './filter';
export { complexAbs, freqz, lfilter, magnitudeDb } from './filter';
export type { ChirpOptions, Grid, SyntheticPpgOptions, Tone } from './generators';
export { chirp, syntheticPpg, timeAxis, tones, whiteNoise } from './generators';
export type { BandEnergyOptions, ThdOptions } from './metrics';
export { bandEnergy, dcFraction, maxAbsError, relativeRmse, rmse, snrDb, thd } from './metrics';
export type { MutableArrayLike, Rng } from './rng';
export { createRng } from './rng';
export type {
  AmplitudeSpectrumAsyncOptions,
  AmplitudeSpectrumOptions,
  FindPeaksOptions,
  Peak,
  Spectrum,
} from './spectrum';
export { amplitudeSpectrum, amplitudeSpectrumAsync, findPeaks, valueAt } from './spectrum';
export type { WindowName } from './window';
export { getWindow, windowNames } from './window';
export { checkFinite, checkInteger, checkOutBuffer, describeValue } from './validate';
export type { DecodeErrorCode } from './decode-error';
export { DecodeError } from './decode-error';
export type { CsvColumn, DecodeCsvOptions, DecodeRecordingOptions, Recording } from './recording';
export { decodeCsv, decodeRecording } from './recording';
export type { NumberListTextOptions, NumberTextRule, ParsedText } from './text';
export { parseNumberListText, parseNumberText } from './text';
export type { WavData } from './wav';
export { decodeWav, encodeWav } from './wav';
