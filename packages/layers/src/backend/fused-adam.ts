import {
  AdamOptimizer,
  engine,
  getBackend,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  scalar,
  type Tensor,
  type TensorInfo,
  tidy,
  type Variable,
  zerosLike,
} from '@tensorflow/tfjs';
import { floatView, type WasmBackend } from './wasm-access';

/** Name of the one-kernel Adam update (wasm backend) that {@link FusedAdamOptimizer} runs. */
export const ADAM_UPDATE_KERNEL = 'RectifyAdamUpdate';

/** Attributes of the {@link ADAM_UPDATE_KERNEL} kernel (all plain numbers). */
interface AdamUpdateAttrs {
  beta1: number;
  beta2: number;
  epsilon: number;
  learningRate: number;
  /** 1 − β₁ᵗ as tfjs holds it (a float32 computed from the float32 running product). */
  oneMinusAccBeta1: number;
  /** 1 − β₂ᵗ, likewise. */
  oneMinusAccBeta2: number;
}

const f32 = Math.fround;

/**
 * One Adam step of one variable in a single pass over the wasm heap, with tfjs's
 * `AdamOptimizer.applyGradients` arithmetic, operation by operation, each rounded to float32 as
 * the wasm backend's elementwise kernels round it (`Math.fround` of the double result is the
 * correctly rounded float32 result for +, −, ×, ÷ and √ of float32 operands):
 *   m ← β₁·m + (1 − β₁)·g,  v ← β₂·v + (1 − β₂)·g²,
 *   x ← x + (−lr)·(m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε).
 * Outputs new buffers `[x, m, v]` (tensors are immutable; the variables are assigned them).
 */
const adamUpdateKernel: KernelFunc = ({ inputs, backend, attrs }) => {
  const { x, m, v, dy } = inputs as { x: TensorInfo; m: TensorInfo; v: TensorInfo; dy: TensorInfo };
  const wasm = backend as WasmBackend;
  const a = attrs as unknown as AdamUpdateAttrs;
  const outX = wasm.makeOutput(x.shape, 'float32');
  const outM = wasm.makeOutput(x.shape, 'float32');
  const outV = wasm.makeOutput(x.shape, 'float32');
  // Views taken after the allocations: a growing heap detaches earlier views.
  const values = floatView(wasm, x);
  const first = floatView(wasm, m);
  const second = floatView(wasm, v);
  const gradient = floatView(wasm, dy);
  const newValues = floatView(wasm, outX);
  const newFirst = floatView(wasm, outM);
  const newSecond = floatView(wasm, outV);
  // tfjs turns each JS number into a float32 scalar tensor; 1 − β is computed in double first.
  const beta1 = f32(a.beta1);
  const beta2 = f32(a.beta2);
  const oneMinusBeta1 = f32(1 - a.beta1);
  const oneMinusBeta2 = f32(1 - a.beta2);
  const epsilon = f32(a.epsilon);
  const minusRate = f32(-a.learningRate);
  const correction1 = f32(a.oneMinusAccBeta1);
  const correction2 = f32(a.oneMinusAccBeta2);
  for (let i = 0; i < values.length; i++) {
    const g = gradient[i]!;
    const mi = f32(f32(first[i]! * beta1) + f32(g * oneMinusBeta1));
    const vi = f32(f32(second[i]! * beta2) + f32(f32(g * g) * oneMinusBeta2));
    const mHat = f32(mi / correction1);
    const vHat = f32(vi / correction2);
    const step = f32(f32(mHat / f32(f32(Math.sqrt(vHat)) + epsilon)) * minusRate);
    newFirst[i] = mi;
    newSecond[i] = vi;
    newValues[i] = f32(step + values[i]!);
  }
  return [outX, outM, outV];
};

/** The wasm kernel {@link FusedAdamOptimizer} runs; installed by `registerTrainingKernels`. */
export const adamUpdateWasmConfig: KernelConfig = {
  kernelName: ADAM_UPDATE_KERNEL,
  backendName: 'wasm',
  kernelFunc: adamUpdateKernel,
};

/** The fields of tfjs 4.22's `AdamOptimizer` that this subclass reads (private there). */
interface AdamInternals {
  accBeta1: Variable;
  accBeta2: Variable;
  accumulatedFirstMoment: { originalName: string; variable: Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: Variable }[];
  incrementIterations(): void;
}

/**
 * tfjs's Adam (`tf.train.adam`), the same numbers to the last bit, with each variable's update
 * as one kernel over the wasm heap instead of tfjs's ≈ 14 elementwise kernels per variable
 * (≈ 90 kernel dispatches a step for a six-variable model, ≈ 2 ms of CPU for the V.C model).
 * It is an `AdamOptimizer`: `getWeights`/`setWeights`, `getConfig` and serialization are
 * tfjs's. On a backend other than wasm, or before `registerTrainingKernels` has installed the
 * kernel, it runs tfjs's own update.
 *
 * @example
 * ```ts
 * import { fusedAdam, setupBackend } from '@rectify/layers';
 * await setupBackend({ backend: 'wasm' });
 * const optimizer = fusedAdam(1e-3);
 * optimizer.minimize(() => loss(), false, variables);
 * ```
 */
export class FusedAdamOptimizer extends AdamOptimizer {
  /**
   * One Adam step for each named variable with its gradient (tfjs's contract: a variable without
   * gradient keeps its value; its moments are still created).
   *
   * @param variableGradients - gradients by variable name, or `{ name, tensor }` pairs.
   * @throws TypeError naming the variable when it or its gradient is not float32 (on wasm,
   *   before any variable changes).
   */
  override applyGradients(variableGradients: Parameters<AdamOptimizer['applyGradients']>[0]): void {
    if (getBackend() !== 'wasm' || getKernel(ADAM_UPDATE_KERNEL, 'wasm') === undefined) {
      super.applyGradients(variableGradients);
      return;
    }
    const self = this as unknown as AdamInternals;
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((v) => v.name)
      : Object.keys(variableGradients);
    const registered = engine().registeredVariables;
    names.forEach((name, i) => {
      const gradient = Array.isArray(variableGradients)
        ? variableGradients[i]?.tensor
        : variableGradients[name];
      const dtype = registered[name]?.dtype;
      if (dtype !== 'float32' || (gradient != null && gradient.dtype !== 'float32')) {
        throw new TypeError(
          `FusedAdamOptimizer: variable '${name}' and its gradient must be float32, got ${dtype} and ${gradient?.dtype}`,
        );
      }
    });
    tidy(() => {
      const accBeta1 = self.accBeta1.dataSync()[0]!;
      const accBeta2 = self.accBeta2.dataSync()[0]!;
      const attrs: AdamUpdateAttrs = {
        beta1: this.beta1,
        beta2: this.beta2,
        epsilon: this.epsilon,
        learningRate: this.learningRate,
        oneMinusAccBeta1: f32(1 - accBeta1),
        oneMinusAccBeta2: f32(1 - accBeta2),
      };
      names.forEach((name, i) => {
        const value = registered[name] as Variable;
        self.accumulatedFirstMoment[i] ??= {
          originalName: `${name}/m`,
          variable: tidy(() => zerosLike(value).variable(false)),
        };
        self.accumulatedSecondMoment[i] ??= {
          originalName: `${name}/v`,
          variable: tidy(() => zerosLike(value).variable(false)),
        };
        const gradient = Array.isArray(variableGradients)
          ? variableGradients[i]?.tensor
          : variableGradients[name];
        if (gradient == null) return;
        const first = self.accumulatedFirstMoment[i].variable;
        const second = self.accumulatedSecondMoment[i].variable;
        const [newValue, newFirst, newSecond] = engine().runKernel(
          ADAM_UPDATE_KERNEL,
          { x: value, m: first, v: second, dy: gradient },
          attrs as unknown as NamedAttrMap,
        ) as Tensor[];
        first.assign(newFirst as Tensor);
        second.assign(newSecond as Tensor);
        value.assign(newValue as Tensor);
      });
      self.accBeta1.assign(scalar(f32(accBeta1 * f32(this.beta1))));
      self.accBeta2.assign(scalar(f32(accBeta2 * f32(this.beta2))));
    });
    self.incrementIterations();
  }
}

/**
 * Creates a {@link FusedAdamOptimizer}: `tf.train.adam` with a one-kernel update per variable on
 * wasm, the same results to the last bit.
 *
 * @param learningRate - step size (dimensionless, > 0). Default 0.001, as `tf.train.adam`.
 * @param beta1 - decay of the first-moment average, in [0, 1). Default 0.9.
 * @param beta2 - decay of the second-moment average, in [0, 1). Default 0.999.
 * @param epsilon - added to √v̂ to avoid division by 0. Default: the backend's epsilon (1e-7
 *   for float32), as `tf.train.adam`.
 * @returns the optimizer; dispose it when done.
 * @throws RangeError naming the parameter when learningRate is not a positive finite number,
 *   beta1 or beta2 is not in [0, 1), or epsilon is given and not a positive finite number.
 * @example
 * ```ts
 * const optimizer = fusedAdam(1e-3);
 * ```
 */
export function fusedAdam(
  learningRate = 0.001,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon?: number,
): FusedAdamOptimizer {
  const positive = (name: string, x: unknown) => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x <= 0)
      throw new RangeError(`${name} must be a positive finite number, got ${String(x)}`);
  };
  const decay = (name: string, x: unknown) => {
    if (typeof x !== 'number' || !(x >= 0 && x < 1))
      throw new RangeError(`${name} must be a number in [0, 1), got ${String(x)}`);
  };
  positive('learningRate', learningRate);
  decay('beta1', beta1);
  decay('beta2', beta2);
  if (epsilon !== undefined) positive('epsilon', epsilon);
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
