import { describe, expect, it } from 'vitest';
import { ConfigError } from './core/errors';
import { experiments } from './registry';
import {
  AssignmentError,
  applyAssignments,
  parseAssignment,
  resolveConfig,
} from './resolve-config';

describe('parseAssignment and applyAssignments', () => {
  it('applies assignments with JSON values and dotted keys, later ones winning', () => {
    const base = { a: 1, b: { c: 2 } };
    expect(
      applyAssignments(base, ['a=3', 'b.c=[1,2]', 'd=text', 'e=true', 'a=4', 'f.g=1']),
    ).toEqual({ a: 4, b: { c: [1, 2] }, d: 'text', e: true, f: { g: 1 } });
    expect(base).toEqual({ a: 1, b: { c: 2 } });
    expect(parseAssignment(' k = "quoted" ')).toEqual({ path: ['k'], value: 'quoted' });
    expect(parseAssignment('x=1=2')).toEqual({ path: ['x'], value: '1=2' });
  });

  it('refuses text without key=value and empty key segments, with a code and the text', () => {
    for (const [text, code, got] of [
      ['novalue', 'not-key-value', 'novalue'],
      ['=3', 'not-key-value', '=3'],
      ['a..b=1', 'bad-key', 'a..b'],
    ] as const) {
      let error: unknown;
      try {
        parseAssignment(text);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AssignmentError);
      expect((error as AssignmentError).code).toBe(code);
      expect((error as AssignmentError).text).toBe(got);
      expect((error as Error).message).toContain(`got '${got}'`);
    }
  });

  it('refuses key segments that reach Object.prototype (issue 17, found by the fuzz suite)', () => {
    for (const [text, segment] of [
      ['__proto__.polluted=1', '__proto__'],
      ['constructor.prototype.polluted=1', 'constructor'],
      ['a.prototype=1', 'prototype'],
    ] as const) {
      expect(() => applyAssignments({}, [text])).toThrow(
        expect.objectContaining({ code: 'reserved-key', segment }),
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // An inherited name is not a field on the way: `toString.x` makes a fresh object.
    expect(applyAssignments({}, ['toString.x=1'])).toEqual({ toString: { x: 1 } });
  });
});

describe('resolveConfig', () => {
  it('the preset alone equals the experiment’s own parse of it', () => {
    const exp = experiments['minimal-dc'];
    expect(resolveConfig('minimal-dc', { preset: 'paper' })).toEqual(
      exp.parseConfig(exp.presets.paper),
    );
    expect(resolveConfig('minimal-dc')).toEqual(exp.parseConfig(exp.presets.quick));
  });

  it('layers: overrides merge deeply over the preset, assignments win over both', () => {
    const config = resolveConfig('minimal-dc', {
      overrides: { trainEpochs: 3, signalsPerClass: 20 },
      assignments: ['trainEpochs=5'],
    }) as { trainEpochs: number; signalsPerClass: number };
    expect(config.trainEpochs).toBe(5);
    expect(config.signalsPerClass).toBe(20);
  });

  it('a saved config is used as it is, and an invalid one is a ConfigError naming the field', () => {
    const saved = resolveConfig('minimal-dc', { assignments: ['trainEpochs=2'] }) as Record<
      string,
      unknown
    >;
    expect(resolveConfig('minimal-dc', { assignments: ['trainEpochs=9'] }, saved)).toEqual(saved);
    expect(() => resolveConfig('minimal-dc', { assignments: ['trainEpochs=-1'] })).toThrow(
      ConfigError,
    );
    expect(() => resolveConfig('minimal-dc', { assignments: ['nope=1'] })).toThrow(/"nope"/);
  });
});
