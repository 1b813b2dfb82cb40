import { describe, expect, it } from 'vitest';
import { activationLayerClassNames, isActivationLayerClass } from './activation-layers';

describe('activation layers', () => {
  it('lists every activation-only class once, PReLU and Softmax included', () => {
    expect(new Set(activationLayerClassNames).size).toBe(activationLayerClassNames.length);
    for (const name of ['PReLU', 'Softmax', 'ReLU', 'DCReLU'])
      expect(isActivationLayerClass(name)).toBe(true);
    expect(isActivationLayerClass('Conv1D')).toBe(false);
  });
});
