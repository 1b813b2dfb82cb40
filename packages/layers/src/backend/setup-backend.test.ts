import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  registerTrainingKernels,
  TRAINING_GRADIENT_NAMES,
  TRAINING_KERNEL_NAMES,
} from './register';
import { setupBackend } from './setup-backend';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('setupBackend', () => {
  it("picks wasm in Node for 'auto' and for no options, with our kernels installed", async () => {
    expect(await setupBackend()).toBe('wasm');
    expect(await setupBackend({ backend: 'auto' })).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
    for (const name of TRAINING_KERNEL_NAMES) {
      expect(tf.getKernel(name, 'wasm'), name).toBeDefined();
    }
    for (const name of TRAINING_GRADIENT_NAMES) {
      expect(tf.getGradient(name), name).toBeDefined();
    }
    const x = tf.tensor4d([1, 2, 3, 4], [1, 1, 4, 1]);
    const w = tf.tensor4d([1, -1], [1, 2, 1, 1]);
    const dw = tf.grad((f: tf.Tensor) => tf.sum(tf.conv2d(x, f as tf.Tensor4D, 1, 'valid')))(w);
    expect(Array.from(dw.dataSync())).toEqual([6, 9]);
    tf.dispose([x, w, dw]);
  });

  it("switches to 'cpu' and back", async () => {
    expect(await setupBackend({ backend: 'cpu' })).toBe('cpu');
    expect(await setupBackend({ backend: 'wasm' })).toBe('wasm');
  });

  it("throws an Error for 'webgl' in Node (no WebGL here)", async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    await expect(setupBackend({ backend: 'webgl' })).rejects.toThrow(
      /backend 'webgl' could not be initialised/,
    );
    await setupBackend({ backend: 'wasm' });
  });

  it('rejects an unknown backend with a RangeError naming the value', async () => {
    await expect(setupBackend({ backend: 'gpu' as never })).rejects.toThrow(RangeError);
    await expect(setupBackend({ backend: 'gpu' as never })).rejects.toThrow(
      /backend must be one of 'wasm', 'cpu', 'webgl', 'auto', got "gpu"/,
    );
  });

  it('rejects options that are not an object with a TypeError', async () => {
    await expect(setupBackend(null as never)).rejects.toThrow(
      /options must be an object, got null/,
    );
    await expect(setupBackend('wasm' as never)).rejects.toThrow(TypeError);
  });
});

describe('registerTrainingKernels', () => {
  it('is idempotent: a second call changes no kernel and logs nothing', () => {
    registerTrainingKernels();
    const warn = vi.spyOn(console, 'warn');
    const before = TRAINING_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'));
    const gradients = TRAINING_GRADIENT_NAMES.map((name) => tf.getGradient(name));
    registerTrainingKernels();
    registerTrainingKernels();
    expect(TRAINING_KERNEL_NAMES.map((name) => tf.getKernel(name, 'wasm'))).toEqual(before);
    expect(TRAINING_GRADIENT_NAMES.map((name) => tf.getGradient(name))).toEqual(gradients);
    expect(warn).not.toHaveBeenCalled();
  });
});
