import { describe, expect, it } from 'vitest';
import cliProgress from 'cli-progress';
import { barFormat, etaText } from '../src/progress';

describe('etaText (the ETA as the progress display shows it)', () => {
  it('says when it will know, then seconds, minutes and hours', () => {
    expect(etaText(undefined)).toBe('after the first unit');
    expect(etaText(36)).toBe('36s');
    expect(etaText(125)).toBe('2m05s');
    expect(etaText(3 * 3600 + 7 * 60)).toBe('3h07m');
  });

  it('rounds to whole seconds before splitting, so a minute never shows 60 seconds', () => {
    expect(etaText(659.7)).toBe('11m00s'); // printed 10m60s before
    expect(etaText(59.6)).toBe('1m00s');
    expect(etaText(3599.7)).toBe('1h00m');
    expect(etaText(0.4)).toBe('0s');
  });
});

describe('the terminal bar', () => {
  it("shows the package's ETA, not cli-progress's own bare seconds", () => {
    const options = {
      format: barFormat('minimal-dc'),
      barsize: 4,
      barCompleteString: '####',
      barIncompleteString: '....',
      barGlue: '',
      etaBuffer: 10,
      formatValue: cliProgress.Format.ValueFormat,
      formatBar: cliProgress.Format.BarFormat,
      formatTime: cliProgress.Format.TimeFormat,
      autopaddingChar: ' ',
    };
    const line = cliProgress.Format.Formatter(
      options,
      {
        progress: 0.5,
        eta: 999,
        startTime: Date.now(),
        stopTime: null,
        total: 2,
        value: 1,
        maxWidth: 200,
      },
      { units: '1/2 units', current: 'u1', metrics: 'loss 0.5', timeLeft: etaText(125) },
    );
    expect(line).toBe('minimal-dc [##..] 50% | 1/2 units | u1 | loss 0.5 | ETA 2m05s');
  });
});
