/**
 * The paper's V.C model and data, for the training benchmark: three classes of single tones at
 * 3, 5 and 10 Hz (σ = 0.1 Hz), 256 samples at 32 Hz; two causal Conv1D(32, 3, no bias, ReLU) →
 * GlobalAveragePooling1D → Dense(32, ReLU) → Dense(3).
 */
import { createRng } from '@rectify/signal';
import * as tf from '@tensorflow/tfjs';
import { fusedAdam } from '../src/backend/fused-adam';
import { vcModel } from '../src/backend/test-support';

/** Samples per signal. */
export const STEPS = 256;
/** Sampling rate in Hz. */
export const FS = 32;
/** Signals per epoch (3 classes × 1024). */
export const SAMPLES = 3072;
/** Batch size. */
export const BATCH = 64;
const CLASS_FREQS_HZ = [3, 5, 10];

/** The V.C data set: x [n, 256, 1] (cos(2π f t)), y one-hot [n, 3]; classes interleaved. */
export function makeData(n: number, seed = 1): { x: tf.Tensor3D; y: tf.Tensor2D } {
  const rng = createRng(seed);
  const values = new Float32Array(n * STEPS);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const label = i % 3;
    const freq = rng.normal(CLASS_FREQS_HZ[label]!, 0.1);
    for (let t = 0; t < STEPS; t++) values[i * STEPS + t] = Math.cos((2 * Math.PI * freq * t) / FS);
    labels[i] = label;
  }
  return tf.tidy(() => ({
    x: tf.tensor3d(values, [n, STEPS, 1]),
    y: tf.oneHot(tf.tensor1d(labels, 'int32'), 3).toFloat() as tf.Tensor2D,
  }));
}

/**
 * Builds and compiles the V.C model on the active backend with `fusedAdam` (what
 * `trainClassifier` trains with; tf.train.adam's numbers). The loss is softmax cross-entropy on
 * one-hot labels, which equals Keras's sparse categorical cross-entropy from logits.
 */
export function buildModel(): tf.Sequential {
  const model = vcModel(STEPS);
  model.compile({
    optimizer: fusedAdam(1e-3),
    loss: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.losses.softmaxCrossEntropy(yTrue, yPred),
  });
  return model;
}
