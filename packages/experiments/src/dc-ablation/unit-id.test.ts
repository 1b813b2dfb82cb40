import { describe, expect, it } from 'vitest';
import { DC_ABLATION_VARIANTS } from './config';
import { dcAblation, parseDcAblationUnitId } from './run';

describe('parseDcAblationUnitId', () => {
  it('reads back every unit id the experiment lists', () => {
    const config = { ...dcAblation.presets.quick, repetitions: 3 };
    const ids = dcAblation.listUnits(config);
    expect(ids.length).toBe(3 * config.variants.length);
    for (const id of ids) {
      const { repetition, variant } = parseDcAblationUnitId(id);
      expect(DC_ABLATION_VARIANTS).toContain(variant);
      expect(id).toBe(`rep-${String(repetition).padStart(4, '0')}.${variant}`);
    }
  });

  it('names the id that is not a dcAblation unit', () => {
    expect(() => parseDcAblationUnitId('rep-0001.sigmoid')).toThrow(
      new RangeError('unitId must look like rep-0001.relu, got "rep-0001.sigmoid"'),
    );
    expect(() => parseDcAblationUnitId('unit')).toThrow(RangeError);
  });
});
