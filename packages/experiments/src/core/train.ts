import { fusedAdam } from '@rectify/layers';
import { createRng } from '@rectify/signal';
import * as tf from '@tensorflow/tfjs';
import { throwIfAborted } from './errors';
import type { PartialStore } from './types';

/**
 * Longest stretch of batches (ms) between two turns of the event loop. Ctrl-C must end training
 * within 1 s even on a loaded machine; a turn costs microseconds through Node's `setImmediate`,
 * but a browser clamps a nested zero timeout to 4 ms, so there a turn every 200 ms (2 %) keeps
 * the page responsive without slowing training much.
 */
const YIELD_AFTER_MS = typeof setImmediate === 'function' ? 50 : 200;

/** Resolves on the next macrotask (setImmediate in Node, a zero timeout in browsers). */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) =>
    typeof setImmediate === 'function' ? setImmediate(resolve) : setTimeout(resolve, 0),
  );
}

/**
 * Float32 values as base64 (RFC 4648, padded) of their little-endian bytes: exact and compact in
 * JSON. Uses `btoa`, which browsers and Node ≥ 16 both provide.
 */
export function encodeFloat32(values: Float32Array): string {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  let binary = '';
  // String.fromCharCode takes its bytes as arguments; 8192 at a time stays far below any engine's limit.
  for (let at = 0; at < bytes.length; at += 8192)
    binary += String.fromCharCode(...bytes.subarray(at, at + 8192));
  return btoa(binary);
}

/** Inverse of {@link encodeFloat32}. */
export function decodeFloat32(text: string): Float32Array {
  const binary = atob(text);
  const out = new Float32Array(binary.length / 4);
  const bytes = new Uint8Array(out.buffer);
  for (let i = 0; i < bytes.length; i++) bytes[i] = binary.charCodeAt(i);
  return out;
}

/** One epoch of training figures. */
export interface EpochRecord {
  /** Mean of the batch losses (sparse categorical cross-entropy from logits), as Keras reports. */
  loss: number;
  /** Fraction of training signals classified correctly during the epoch's batches. */
  accuracy: number;
  /** L2 norm ‖W − W₀‖ of each tracked kernel against its initial value, after the epoch. */
  kernelDistance: number[];
}

/** Options of {@link trainClassifier}. */
export interface TrainOptions {
  /** Inputs `[N, ...inputShape]` values, row-major. */
  x: Float32Array;
  /** Labels `[N]`. */
  labels: Int32Array;
  /** Shape of one example, e.g. `[T, 1]` for signals of T samples. */
  inputShape: readonly number[];
  /** Number of classes. */
  classes: number;
  /** Epochs (≥ 1). */
  epochs: number;
  /** Batch size (≥ 1). */
  batchSize: number;
  /** Adam learning rate. */
  learningRate: number;
  /** Seed of the per-epoch shuffles: epoch e uses createRng(shuffleSeeds(e)). */
  shuffleSeed: (epoch: number) => number;
  /** Weights whose distance from their initial value is tracked (e.g. the conv kernels). */
  trackedKernels: readonly tf.LayerVariable[];
  /** Persistent state for epoch blocks; absent → no checkpoints. */
  partial?: PartialStore;
  /** Save state every this many epochs (default 5). */
  checkpointEvery?: number;
  /** Stops training at the next batch. */
  signal?: AbortSignal;
  /** Called after every epoch. */
  onEpoch?: (epoch: number, epochs: number, record: EpochRecord) => void;
}

interface TrainState {
  epoch: number;
  history: EpochRecord[];
  weights: string[];
  optimizer: string[];
  iterations: number;
  accBeta: [number, number];
}

/** Adam's running bias-correction products β₁ᵗ, β₂ᵗ (private fields in tfjs 4.22). */
function biasCorrection(optimizer: tf.AdamOptimizer): {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
} {
  return optimizer as unknown as { accBeta1: tf.Variable; accBeta2: tf.Variable };
}

async function captureState(
  model: tf.LayersModel,
  optimizer: tf.AdamOptimizer,
  epoch: number,
  history: EpochRecord[],
): Promise<TrainState> {
  const weights = model.getWeights().map((w) => encodeFloat32(w.dataSync() as Float32Array));
  const named = await optimizer.getWeights();
  const iterations = (named[0]?.tensor.dataSync()[0] ?? 0) as number;
  const state: TrainState = {
    epoch,
    history,
    weights,
    optimizer: named.slice(1).map((n) => encodeFloat32(n.tensor.dataSync() as Float32Array)),
    iterations,
    accBeta: [
      biasCorrection(optimizer).accBeta1.dataSync()[0] as number,
      biasCorrection(optimizer).accBeta2.dataSync()[0] as number,
    ],
  };
  // Only the iteration scalar is a new tensor; the moments are Adam's own variables.
  named[0]?.tensor.dispose();
  return state;
}

async function restoreState(
  model: tf.LayersModel,
  optimizer: tf.AdamOptimizer,
  state: TrainState,
): Promise<void> {
  const weights = model
    .getWeights()
    .map((w, i) => tf.tensor(decodeFloat32(state.weights[i] as string), w.shape));
  model.setWeights(weights);
  const variables = model.trainableWeights;
  const half = state.optimizer.length / 2;
  const named = [
    { name: 'iter', tensor: tf.scalar(state.iterations, 'int32') },
    ...state.optimizer.map((text, i) => ({
      name: `restored_${i}`,
      tensor: tf.tensor(
        decodeFloat32(text),
        (variables[i % half] as tf.LayerVariable).shape as number[],
      ),
    })),
  ];
  await optimizer.setWeights(named);
  // setWeights recomputes accBeta as pow(β, t+1), which differs in the last bits from the running
  // product an uninterrupted run holds; restore the exact values so resumed runs match.
  const exact = [tf.scalar(state.accBeta[0]), tf.scalar(state.accBeta[1])] as const;
  biasCorrection(optimizer).accBeta1.assign(exact[0]);
  biasCorrection(optimizer).accBeta2.assign(exact[1]);
  tf.dispose([...weights, ...named.map((n) => n.tensor), ...exact]);
}

/**
 * How many rows of a batch's logits `[rows, classes]` have their largest value (the first one
 * on ties, as tfjs's `argMax`; a NaN never counts as larger) at the row's label, the label of
 * row r being `labels[order[from + r]]`. Read in JS from the logits the step reads back anyway,
 * instead of five more kernels (argMax, argMax, equal, cast, sum) and a readback per batch.
 */
function countHits(
  logits: ArrayLike<number>,
  labels: Int32Array,
  order: readonly number[],
  from: number,
  classes: number,
): number {
  let hits = 0;
  for (let r = 0; r * classes < logits.length; r++) {
    let best = 0;
    let max = logits[r * classes] as number;
    for (let c = 1; c < classes; c++) {
      const value = logits[r * classes + c] as number;
      if (value > max) {
        max = value;
        best = c;
      }
    }
    if (best === labels[order[from + r] as number]) hits += 1;
  }
  return hits;
}

function l2Distance(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += ((a[i] as number) - (b[i] as number)) ** 2;
  return Math.sqrt(s);
}

/**
 * Trains a compiled-free classifier (logits output) with Adam and sparse categorical
 * cross-entropy, in fixed batches of a seeded shuffle per epoch, recording loss, accuracy and
 * kernel distances per epoch. With `partial`, the state after every `checkpointEvery` epochs
 * (weights, Adam moments and step, exact bias-correction products) is stored, and a stored state
 * is resumed from, so an interrupted and resumed training equals an uninterrupted one.
 *
 * @param model - a model mapping `[B, ...inputShape]` to logits `[B, classes]`, freshly initialised.
 * @param options - data, schedule and checkpoints.
 * @returns one {@link EpochRecord} per epoch.
 */
export async function trainClassifier(
  model: tf.LayersModel,
  options: TrainOptions,
): Promise<EpochRecord[]> {
  const { x, labels, inputShape, classes, epochs, batchSize, learningRate, partial, signal } =
    options;
  const every = options.checkpointEvery ?? 5;
  const n = labels.length;
  const initial = options.trackedKernels.map((k) => k.read().dataSync().slice() as Float32Array);
  // tf.train.adam's numbers to the last bit, one kernel per variable on wasm.
  const optimizer = fusedAdam(learningRate);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const xAll = tf.tensor(x, [n, ...inputShape]);
  const yAll = tf.tidy(() => tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat());
  let history: EpochRecord[] = [];
  let start = 0;
  let lastYield = Number.NEGATIVE_INFINITY;
  try {
    const saved = partial?.load('train') as TrainState | undefined;
    if (saved) {
      await restoreState(model, optimizer, saved);
      history = saved.history;
      start = saved.epoch;
    }
    for (let epoch = start; epoch < epochs; epoch++) {
      const order = Array.from({ length: n }, (_, i) => i);
      createRng(options.shuffleSeed(epoch)).shuffle(order);
      let lossSum = 0;
      let correct = 0;
      let batches = 0;
      for (let b = 0; b < n; b += batchSize) {
        // The batch loop is synchronous (dataSync); let signal handlers (Ctrl-C) and the abort
        // signal's listeners run between batches, also on the serial, single-worker path.
        if (performance.now() - lastYield >= YIELD_AFTER_MS) {
          await yieldToEventLoop();
          lastYield = performance.now();
        }
        throwIfAborted(signal);
        const index = tf.tensor1d(order.slice(b, b + batchSize), 'int32');
        const xb = tf.gather(xAll, index);
        const yb = tf.gather(yAll, index);
        let logits: tf.Tensor2D | undefined;
        const loss = optimizer.minimize(
          () => {
            logits = tf.keep(model.apply(xb, { training: true }) as tf.Tensor2D);
            return tf.losses.softmaxCrossEntropy(yb, logits) as tf.Scalar;
          },
          true,
          variables,
        ) as tf.Scalar;
        lossSum += loss.dataSync()[0] as number;
        correct += countHits((logits as tf.Tensor2D).dataSync(), labels, order, b, classes);
        batches += 1;
        tf.dispose([loss, logits as tf.Tensor2D, index, xb, yb]);
      }
      const record: EpochRecord = {
        loss: lossSum / batches,
        accuracy: correct / n,
        kernelDistance: options.trackedKernels.map((k, i) =>
          l2Distance(k.read().dataSync() as Float32Array, initial[i] as Float32Array),
        ),
      };
      history.push(record);
      options.onEpoch?.(epoch + 1, epochs, record);
      if (partial && (epoch + 1) % every === 0 && epoch + 1 < epochs) {
        partial.save('train', await captureState(model, optimizer, epoch + 1, history));
      }
    }
    return history;
  } finally {
    tf.dispose([xAll, yAll]);
    optimizer.dispose();
  }
}

/**
 * `map(model(x))` for `count` examples, predicted in batches and concatenated.
 *
 * @param model - any model taking `[B, ...inputShape]`.
 * @param x - inputs `[count, ...inputShape]`, row-major.
 * @param count - number of examples.
 * @param inputShape - shape of one example.
 * @param map - applied to each batch's prediction inside its tidy (default: identity).
 * @param batchSize - examples per batch (default 256).
 * @returns the mapped predictions of every batch, in order, as one typed array.
 */
export function predictBatched(
  model: tf.LayersModel,
  x: Float32Array,
  count: number,
  inputShape: readonly number[],
  map: (y: tf.Tensor) => tf.Tensor = (y) => y,
  batchSize = 256,
): Float32Array | Int32Array {
  const size = inputShape.reduce((a, b) => a * b, 1);
  const parts: (Float32Array | Int32Array)[] = [];
  for (let b = 0; b < count; b += batchSize) {
    const m = Math.min(batchSize, count - b);
    const y = tf.tidy(() =>
      map(
        model.predict(
          tf.tensor(x.subarray(b * size, (b + m) * size), [m, ...inputShape]),
        ) as tf.Tensor,
      ),
    );
    parts.push(y.dataSync() as Float32Array | Int32Array);
    y.dispose();
  }
  if (parts.length === 1) return parts[0] as Float32Array | Int32Array;
  const total = parts.reduce((a, p) => a + p.length, 0);
  const out = parts[0] instanceof Int32Array ? new Int32Array(total) : new Float32Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Accuracy of a logits model on a labelled set (batched inference).
 *
 * @returns fraction correct in [0, 1].
 */
export function evaluateAccuracy(
  model: tf.LayersModel,
  x: Float32Array,
  labels: Int32Array,
  inputShape: readonly number[],
  batchSize = 256,
): number {
  const n = labels.length;
  const predicted = predictBatched(model, x, n, inputShape, (y) => tf.argMax(y, 1), batchSize);
  let correct = 0;
  for (let i = 0; i < n; i++) if (predicted[i] === labels[i]) correct += 1;
  return correct / n;
}
