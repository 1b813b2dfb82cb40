/**
 * The paper's V.C model and data, for the training benchmark: three classes of single tones at
 * 3, 5 and 10 Hz (σ = 0.1 Hz), 256 samples at 32 Hz; two causal Conv1D(32, 3, no bias, ReLU) →
 * GlobalAveragePooling1D → Dense(32, ReLU) → Dense(3).
 */
import * as tf from '@tensorflow/tfjs';
import { causalConv1d } from '../src/layers/causal-conv1d';

/** Samples per signal. */
export const STEPS = 256;
/** Sampling rate in Hz. */
export const FS = 32;
/** Signals per epoch (3 classes × 1024). */
export const SAMPLES = 3072;
/** Batch size. */
export const BATCH = 64;
const CLASS_FREQS_HZ = [3, 5, 10];

function seededUniform(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The V.C data set: x [n, 256, 1] (cos(2π f t)), y one-hot [n, 3]; classes interleaved. */
export function makeData(n: number, seed = 1): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const uniform = seededUniform(seed);
  const values = new Float32Array(n * STEPS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 3;
    const normal = Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
    const freq = CLASS_FREQS_HZ[label]! + 0.1 * normal;
    for (let t = 0; t < STEPS; t++) values[i * STEPS + t] = Math.cos((2 * Math.PI * freq * t) / FS);
    labels[i] = label;
  }
  return tf.tidy(() => ({
    x: tf.tensor3d(values, [n, STEPS, 1]),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat() as tf.Tensor2D,
  }));
}

/**
 * Builds and compiles the V.C model on the active backend. The loss is softmax cross-entropy on
 * one-hot labels, which equals Keras's sparse categorical cross-entropy from logits.
 */
export function buildModel(): tf.Sequential {
  const model = tf.sequential();
  model.add(
    causalConv1d({
      filters: 32,
      kernelSize: 3,
      useBias: false,
      activation: 'relu',
      inputShape: [STEPS, 1],
    }),
  );
  model.add(causalConv1d({ filters: 32, kernelSize: 3, useBias: false, activation: 'relu' }));
  model.add(tf.layers.globalAveragePooling1d());
  model.add(tf.layers.dense({ units: 32, activation: 'relu' }));
  model.add(tf.layers.dense({ units: 3 }));
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  return model;
}

/**
 * Multiply-accumulates of one forward pass per sample, the way the FLOP figures count:
 * conv1 256·3·1·32 + conv2 256·3·32·32 + dense 32·32 + 32·3 = 812 128 (pooling, ReLU, bias and
 * the loss are left out). One FLOP per add and one per multiply: forward = 2·MACs; a training
 * step = 3 × forward (forward, input gradient, weight gradient).
 */
export const FORWARD_MACS_PER_SAMPLE = STEPS * 3 * 1 * 32 + STEPS * 3 * 32 * 32 + 32 * 32 + 32 * 3;

/** FLOPs of one training epoch (≈14.97 GFLOP). */
export const TRAIN_FLOPS_PER_EPOCH = 3 * 2 * FORWARD_MACS_PER_SAMPLE * SAMPLES;

/** FLOPs of one forward pass over the epoch's samples (≈4.99 GFLOP). */
export const FORWARD_FLOPS_PER_EPOCH = 2 * FORWARD_MACS_PER_SAMPLE * SAMPLES;
