import * as tf from '@tensorflow/tfjs';

/** A tfjs initialiser instance, e.g. `tf.initializers.glorotUniform({ seed })`. */
type Initializer = ReturnType<typeof tf.initializers.glorotUniform>;

/** The single input shape of a layer called with one input. */
function singleShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
}

/**
 * The V.C model's two causal, bias-free, *linear* Conv1D layers followed by global average
 * pooling — optionally with a `LinearDC` after each conv — computed through the composition of
 * the two kernels instead of layer by layer. The layer holds the two kernels exactly as the two
 * `CausalConv1D` layers would (`kernel0` `[k, 1, F]`, `kernel1` `[k, F, F]`, same initialisers),
 * so training it is training the same function of the same weights; only the arithmetic differs.
 *
 * Causal convs without bias compose: conv(conv(x, w₀), w₁) = conv(x, K) with the (2k − 1)-tap
 * kernel K[m] = Σ_{i+j=m} w₀[i]·w₁[j] (zero padding of the intermediate signal equals the
 * intermediate of the zero-padded input). Then
 *
 * - without LinearDC, GAP(conv(x, K)) = Σ_m K[m]·S_m with S_m = (1/T)·Σ_{u ≤ T−1−(2k−2)+m} x[u]:
 *   a `[B, T] × [T, 2k−1]` product with a constant mask and a `[B, 2k−1] × [2k−1, F]` one, where
 *   the layers compute a `[B·T, k·F] × [k·F, F]` conv and its two gradients;
 * - with LinearDC (y = h + mean_t|h|/2 after each conv), h₁ = conv(x, w₀), c = mean_t|h₁|/2, and the
 *   second conv of h₁ + c is conv(x, K) + E with E[t] = c·Σ_{j ≥ k−1−t} w₁[j] (the constant c
 *   enters only from where the causal padding ends); the output is mean_t h₂ + mean_t|h₂|/2.
 *
 * For the V.C sizes (k = 3, F = 32, T = 256) the layers cost ≈ 15 GFLOP per training epoch, almost
 * all of it the 32 → 32 conv; this costs < 1 GFLOP.
 *
 * @example
 * ```ts
 * const pair = new LinearConvPairPooled({
 *   filters: 32, kernelSize: 3, linearDc: false,
 *   kernelInitializers: [tf.initializers.glorotUniform({ seed: 1 }), tf.initializers.glorotUniform({ seed: 2 })],
 * });
 * const pooled = pair.apply(tf.input({ shape: [256, 1] })) as tf.SymbolicTensor; // [batch, 32]
 * ```
 */
export class LinearConvPairPooled extends tf.layers.Layer {
  /** @inheritDoc */
  static className = 'RectifyLinearConvPairPooled';
  /** Filters per conv layer (F). */
  readonly filters: number;
  /** Taps per conv kernel (k). */
  readonly kernelSize: number;
  /** Whether a LinearDC follows each conv. */
  readonly linearDc: boolean;
  private readonly initializers: [Initializer, Initializer];
  private kernels: [tf.LayerVariable, tf.LayerVariable] | undefined;
  private mask: tf.Tensor2D | undefined;

  /**
   * @param args - filters F, kernelSize k, whether a LinearDC follows each conv, and the two
   *   kernels' initialisers (those of the first and the second `CausalConv1D`).
   * @throws RangeError when filters or kernelSize is not an integer ≥ 1.
   */
  constructor(args: {
    filters: number;
    kernelSize: number;
    linearDc: boolean;
    kernelInitializers: [Initializer, Initializer];
    name?: string;
  }) {
    super({ name: args.name });
    for (const key of ['filters', 'kernelSize'] as const) {
      const value = args[key];
      if (!Number.isInteger(value) || value < 1) {
        throw new RangeError(`${key} must be an integer ≥ 1, got ${JSON.stringify(value)}`);
      }
    }
    this.filters = args.filters;
    this.kernelSize = args.kernelSize;
    this.linearDc = args.linearDc;
    this.initializers = args.kernelInitializers;
  }

  /**
   * Creates the two kernels and the constant pooling mask.
   *
   * @throws RangeError when the input is not `[batch, time, 1]` with a known time ≥ 1.
   */
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = singleShape(inputShape);
    const [, time, channels] = shape;
    const { kernelSize: k, filters: f } = this;
    const taps = 2 * k - 1;
    if (shape.length !== 3 || channels !== 1 || typeof time !== 'number' || time < 1) {
      throw new RangeError(
        `${this.name}: input must be [batch, time, 1] with a known time ≥ 1, got ${JSON.stringify(shape)}`,
      );
    }
    this.kernels = [
      this.addWeight('kernel0', [k, 1, f], 'float32', this.initializers[0]),
      this.addWeight('kernel1', [k, f, f], 'float32', this.initializers[1]),
    ];
    {
      const m = new Float32Array(time * taps);
      for (let tap = 0; tap < taps; tap++) {
        for (let u = 0; u <= time - 1 - (taps - 1) + tap; u++) m[u * taps + tap] = 1 / time;
      }
      this.mask = tf.keep(tf.tensor2d(m, [time, taps]));
    }
    this.built = true;
  }

  /** `[batch, F]`. */
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = singleShape(inputShape);
    return [shape[0] ?? null, this.filters];
  }

  /** The pooled output of conv → (LinearDC) → conv → (LinearDC) → GAP. */
  override call(inputs: tf.Tensor | tf.Tensor[], _kwargs: Record<string, unknown>): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [w0v, w1v] = this.kernels as [tf.LayerVariable, tf.LayerVariable];
      const w0 = w0v.read() as tf.Tensor3D;
      const w1 = w1v.read() as tf.Tensor3D;
      const { kernelSize: k, filters: f } = this;
      const [batch, time] = x.shape;
      // P[i, j] = w₀[i]ᵀ·w₁[j] ([k, k, F]) as one plain matMul, then K[m] = Σ_{i+j=m} P[i, j].
      const p = tf.reshape(
        tf.matMul(tf.reshape(w0, [k, f]), tf.reshape(tf.transpose(w1, [1, 0, 2]), [f, k * f])),
        [k, k, f],
      );
      const parts: tf.Tensor2D[] = [];
      for (let i = 0; i < k; i++) {
        const row = tf.reshape(tf.slice(p, [i, 0, 0], [1, k, f]), [k, f]) as tf.Tensor2D;
        parts.push(
          tf.pad(row, [
            [i, k - 1 - i],
            [0, 0],
          ]),
        );
      }
      const kernel = tf.addN(parts) as tf.Tensor2D; // [2k − 1, F]
      // S[b, m] = mean_t x[t + m − 2k + 2]: GAP(conv(x, K)) = S·K.
      const x2 = tf.reshape(x, [batch, time]) as tf.Tensor2D;
      const s = tf.matMul(x2, this.mask as tf.Tensor2D) as tf.Tensor2D;
      const pooled = tf.matMul(s, kernel);
      if (!this.linearDc) return pooled;
      return tf.transpose(this.linearDcPooled(x2, s, w0, w1, kernel));
    });
  }

  /**
   * The LinearDC path, filter-major: every `[F, B, T]` tensor reduces over its innermost axis, and
   * both convs are `[F, 2k − 1] × [2k − 1, B·T]` products with the causal windows Xᵀ whose kernel
   * gradient dYᵀ·X is a plain matMul with the small X as right operand (wasm's matMul repacks its
   * right operand on every call; transposing a `[B·T, F]` gradient costs more than the product).
   *
   * @returns the pooled output transposed, `[F, B]`.
   */
  private linearDcPooled(
    x2: tf.Tensor2D,
    s: tf.Tensor2D,
    w0: tf.Tensor3D,
    w1: tf.Tensor3D,
    kernel: tf.Tensor2D,
  ): tf.Tensor2D {
    const { kernelSize: k, filters: f } = this;
    const taps = 2 * k - 1;
    const [batch, time] = x2.shape;
    // Xᵀ[m, b·T + t] = x[b, t + m − 2k + 2] (0 before t = 0), and X = (Xᵀ)ᵀ.
    const padded = tf.pad(x2, [
      [0, 0],
      [taps - 1, 0],
    ]);
    const windowsT = tf.reshape(
      tf.concat(
        Array.from({ length: taps }, (_, m) => tf.slice(padded, [0, m], [batch, time])),
        0,
      ),
      [taps, batch * time],
    ) as tf.Tensor2D;
    const windows = tf.transpose(windowsT) as tf.Tensor2D;
    // Σ_t |Wᵀ·Xᵀ (+ bias)| ([F, B]) with its gradient from the saved signs: the full-length work
    // is one product, (one add,) abs, sign and a sum forward; a multiply and a product backward.
    const absSum = (withBias: boolean) =>
      tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
        const wT = args[0] as tf.Tensor2D; // [F, 2k − 1]
        const product = tf.reshape(tf.matMul(wT, windowsT), [f, batch, time]);
        const v = withBias
          ? tf.add(product, tf.reshape(args[1] as tf.Tensor2D, [f, batch, 1])) // bias [F, B]
          : product;
        const sign = tf.step(v, -1); // ±1 (−1 at 0, as tfjs's abs gradient)
        // Saved tensors outlive the layer's tidy until the backward pass has run.
        (args[args.length - 1] as tf.GradSaveFunc)([windows, sign]);
        return {
          value: tf.sum(tf.abs(v), 2),
          gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
            const [x, sg] = saved as [tf.Tensor2D, tf.Tensor3D];
            const weighted = tf.mul(sg, tf.reshape(dy, [f, batch, 1]));
            const dW = tf.matMul(tf.reshape(weighted, [f, batch * time]) as tf.Tensor2D, x);
            return withBias ? [dW, tf.mul(tf.sum(sg, 2), dy)] : [dW];
          },
        };
      });
    // First conv (w₀ on the last k taps of the window) and the first LinearDC's DC, cᵀ [F, B].
    const w0T = tf.pad(tf.transpose(tf.reshape(w0, [k, f])), [
      [0, 0],
      [k - 1, 0],
    ]) as tf.Tensor2D;
    const c = tf.div(absSum(false)(w0T), 2 * time) as tf.Tensor2D;
    // Q_t = Σ_{j ≥ k−1−t} w₁[j] ([F_in, F_out]) for t = 0 … k − 1; Rᵀ_t = Q_tᵀ·cᵀ ([F, B]).
    const q: tf.Tensor2D[] = [];
    let acc: tf.Tensor2D | undefined;
    for (let j = k - 1; j >= 0; j--) {
      const wj = tf.reshape(tf.slice(w1, [j, 0, 0], [1, f, f]), [f, f]) as tf.Tensor2D;
      const sum: tf.Tensor2D = acc ? tf.add(acc, wj) : wj;
      acc = sum;
      q.push(sum);
    }
    const r = tf.reshape(tf.matMul(tf.transpose(tf.concat(q, 1)), c), [k, f, batch]);
    // h₂ = conv(x, K) + E with E[t] = R[min(t, k − 1)]: full length only Σ_t |conv(x, K) + R[k − 1]|;
    // the first k − 1 steps are corrected on their own.
    const kT = tf.transpose(kernel) as tf.Tensor2D; // [F, 2k − 1]
    const last = tf.reshape(tf.slice(r, [k - 1, 0, 0], [1, f, batch]), [f, batch]) as tf.Tensor2D;
    // Σ_t h₂ = T·(S·K + R[k − 1])ᵀ + Σ_{t < k−1} (R[t] − R[k − 1]); Σ_t |h₂| likewise corrected.
    let sum: tf.Tensor = tf.mul(tf.add(tf.matMul(kT, tf.transpose(s)), last), time);
    let sumAbs: tf.Tensor = absSum(true)(kT, last);
    const lead = Math.min(k - 1, time);
    if (lead > 0) {
      const rHead = tf.transpose(tf.slice(r, [0, 0, 0], [lead, f, batch]), [1, 2, 0]); // [F, B, lead]
      const headWindows = tf.reshape(
        tf.slice(tf.reshape(windowsT, [taps, batch, time]), [0, 0, 0], [taps, batch, lead]),
        [taps, batch * lead],
      ) as tf.Tensor2D;
      const gHead = tf.reshape(tf.matMul(kT, headWindows), [f, batch, lead]);
      const wrong = tf.add(gHead, tf.reshape(last, [f, batch, 1]));
      const right = tf.add(gHead, rHead);
      sum = tf.add(sum, tf.sum(tf.sub(rHead, tf.reshape(last, [f, batch, 1])), 2));
      sumAbs = tf.add(sumAbs, tf.sub(tf.sum(tf.abs(right), 2), tf.sum(tf.abs(wrong), 2)));
    }
    // mean_t h₂ + mean_t|h₂|/2
    return tf.div(tf.add(sum, tf.div(sumAbs, 2)), time) as tf.Tensor2D;
  }

  /** The two kernels, `[kernel0, kernel1]`. */
  get convKernels(): [tf.LayerVariable, tf.LayerVariable] {
    if (!this.kernels) throw new Error(`${this.name}: not built yet (apply it to an input first)`);
    return this.kernels;
  }

  /** Frees the pooling mask with the layer's weights. */
  override dispose(): tf.serialization.ConfigDict & {
    refCountAfterDispose: number;
    numDisposedVariables: number;
  } {
    const out = super.dispose();
    if (out.refCountAfterDispose === 0) this.mask?.dispose();
    return out as ReturnType<LinearConvPairPooled['dispose']>;
  }

  /** The layer's config (filters, kernelSize, linearDc) plus the base layer's. */
  override getConfig(): tf.serialization.ConfigDict {
    return {
      filters: this.filters,
      kernelSize: this.kernelSize,
      linearDc: this.linearDc,
      ...super.getConfig(),
    };
  }
}
