import '@tensorflow/tfjs-backend-wasm';
import {
  getGradient,
  getKernel,
  type GradConfig,
  type KernelConfig,
  registerGradient,
  registerKernel,
  unregisterKernel,
} from '@tensorflow/tfjs';
import { makeConv2DWasmConfig, makeFusedConv2DWasmConfig } from './conv2d';
import { conv2DGradConfig } from './conv2d-grad';
import { fusedConv2DGradConfig } from './fused-conv2d-grad';
import { conv2DBackpropFilterWasmConfig } from './conv2d-backprop-filter';
import { conv2DBackpropInputWasmConfig } from './conv2d-backprop-input';
import { adamUpdateWasmConfig } from './fused-adam';
import { makeGatherWasmConfig } from './gather';
import { makeMeanWasmConfig } from './mean';
import { reluGradWasmConfig } from './relu-grad';
import { meanGradConfig } from './mean-grad';
import { makeSliceWasmConfig } from './slice';
import { makeTileWasmConfig } from './tile';
import { makeCastWasmConfig, makeIdentityWasmConfig } from './zero-copy';

/** The kernels (wasm backend) that {@link registerTrainingKernels} installs or replaces. */
export const TRAINING_KERNEL_NAMES = [
  'Conv2D',
  'FusedConv2D',
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'Slice',
  'Identity',
  'Cast',
  'GatherV2',
  'Mean',
  'Tile',
  'RectifyAdamUpdate',
  'RectifyReluGrad',
] as const;

/** The gradients (every backend) that {@link registerTrainingKernels} replaces. */
export const TRAINING_GRADIENT_NAMES = ['Conv2D', 'FusedConv2D', 'Mean'] as const;

const MARK = Symbol.for('@rectify/layers/training-kernel');

interface Marked {
  [MARK]?: true;
}

function mark<T extends object>(config: T): T {
  (config as Marked)[MARK] = true;
  return config;
}

function isOurs(config: object | undefined): boolean {
  return config !== undefined && (config as Marked)[MARK] === true;
}

function install(config: KernelConfig): void {
  const current = getKernel(config.kernelName, config.backendName);
  if (isOurs(current)) return;
  if (current !== undefined) unregisterKernel(config.kernelName, config.backendName);
  const setupFunc = config.setupFunc ?? current?.setupFunc;
  registerKernel(mark({ ...config, ...(setupFunc ? { setupFunc } : {}) }));
}

function installGradient(config: GradConfig): void {
  if (isOurs(getGradient(config.kernelName))) return;
  registerGradient(mark({ ...config }));
}

/**
 * Whether {@link registerTrainingKernels} has installed its `Conv2D` and `FusedConv2D` gradients
 * (all backends) and its wasm `Conv2DBackpropFilter`/`Conv2DBackpropInput` kernels, i.e. whether
 * a dilated `conv2d` (dilations > 1) and a `FusedConv2D` kernel with a ReLU can be
 * differentiated on every backend. Layers use it to pick a direct dilated convolution, and a
 * convolution with its ReLU fused, over formulations that stock tfjs can train.
 *
 * @returns true once `registerTrainingKernels()` has run (and nothing has replaced its parts).
 */
export function trainingKernelsInstalled(): boolean {
  return (
    isOurs(getGradient('Conv2D')) &&
    isOurs(getGradient('FusedConv2D')) &&
    isOurs(getKernel('Conv2DBackpropFilter', 'wasm')) &&
    isOurs(getKernel('Conv2DBackpropInput', 'wasm'))
  );
}

/**
 * Installs what training our layers on the wasm backend needs, built from wasm's fast parts:
 * - `Conv2D` and `FusedConv2D` (bias, linear or ReLU): our WebAssembly SIMD kernel, the stock
 *   kernel's floats bit for bit without its indirection buffer and filter packing;
 * - `Conv2DBackpropFilter` (wasm has none): our WebAssembly SIMD kernel on x and dy in place
 *   (one untransposed batch-1 matMul over shifted views where that module cannot run);
 * - `Conv2DBackpropInput`: one forward XNNPACK `Conv2D` of the spread dy with the flipped filter
 *   (wasm's own is a scalar loop);
 * - `Slice`: copies the largest contiguous blocks straight from the heap;
 * - `Identity` and same-dtype `Cast`: share the buffer instead of copying it (tfjs clones every
 *   tensor it keeps for the backward pass);
 * - `GatherV2` along axis 0 (`model.fit` takes every batch with it): one block copy per index;
 * - `Mean` over consecutive non-innermost axes (global average pooling): summed in place, without
 *   the stock kernel's transposed copy;
 * - `Tile` (and `broadcastTo`): block copies doubled along each axis (the stock kernel copies
 *   element by element);
 * - `RectifyAdamUpdate` (new): one variable's Adam step in one pass, for `fusedAdam`;
 * - `RectifyReluGrad` (new): ReLU's gradient dy·step(y) in one pass, for the `FusedConv2D` gradient;
 * - the `Mean` gradient (all backends): dy·(1/n) broadcast, instead of a ones tensor built in JS;
 * - the `Conv2D` gradient (all backends): adds dilations (`dilationRate` > 1), which tfjs's stock
 *   gradient refuses;
 * - a `FusedConv2D` gradient (all backends; linear or ReLU): lets `CausalConv1D` train with its
 *   ReLU fused into the convolution.
 *
 * Both gradient kernels cover NHWC with strides ≥ 1 or dilations ≥ 1 (not both above 1, like
 * tfjs's forward conv), and 'valid', 'same' or explicit padding; anything else throws an Error
 * naming the attribute and its value. Idempotent: a second call changes nothing and logs nothing.
 *
 * @example
 * ```ts
 * import * as tf from '@tensorflow/tfjs';
 * import { registerTrainingKernels } from '@rectify/layers';
 * registerTrainingKernels();
 * await tf.setBackend('wasm');
 * ```
 */
export function registerTrainingKernels(): void {
  install(conv2DBackpropFilterWasmConfig);
  install(conv2DBackpropInputWasmConfig);
  install(adamUpdateWasmConfig);
  install(reluGradWasmConfig);
  const wrappers: [string, (stock: KernelConfig) => KernelConfig][] = [
    ['Conv2D', makeConv2DWasmConfig],
    ['FusedConv2D', makeFusedConv2DWasmConfig],
    ['Slice', makeSliceWasmConfig],
    ['Identity', makeIdentityWasmConfig],
    ['Cast', makeCastWasmConfig],
    ['GatherV2', makeGatherWasmConfig],
    ['Mean', makeMeanWasmConfig],
    ['Tile', makeTileWasmConfig],
  ];
  for (const [name, wrap] of wrappers) {
    const stock = getKernel(name, 'wasm');
    if (stock !== undefined && !isOurs(stock)) install(wrap(stock));
  }
  installGradient(conv2DGradConfig);
  installGradient(fusedConv2DGradConfig);
  installGradient(meanGradConfig);
}
