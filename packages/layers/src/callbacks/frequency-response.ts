import * as tf from '@tensorflow/tfjs';
import {
  type ConvFrequencyResponseOptions,
  type ConvLayerResponse,
  convFrequencyResponse,
} from '../probes/frequency-response';

/** Options of {@link frequencyResponseCallback}: those of {@link convFrequencyResponse}, plus: */
export interface FrequencyResponseCallbackOptions
  extends Omit<ConvFrequencyResponseOptions, 'layers'> {
  /**
   * Names of the conv layers to report (names, not indices: during `fit` a Sequential model's
   * callbacks see its inner model, whose layer list starts with the InputLayer). Default: all.
   */
  layers?: string[];
  /** Record every `every` epochs (integer ≥ 1). Default 1. */
  every?: number;
  /** Called with each record. */
  onRecord?: (record: FrequencyResponseRecord) => void;
}

/** The composite responses at one moment of training. */
export interface FrequencyResponseRecord {
  /** 0 = before training, then the epoch number counted from 1 across every `fit`. */
  epoch: number;
  /** One entry per reported conv layer (see {@link convFrequencyResponse}). */
  responses: ConvLayerResponse[];
}

/**
 * A `fit` callback that records the composite frequency response of the conv layers
 * ({@link convFrequencyResponse}) before training and after every `every` epochs, to watch the
 * filters move towards the frequencies that separate the classes.
 *
 * @example
 * ```ts
 * const cb = frequencyResponseCallback({ fs: 32, worN: 128, every: 10 });
 * await model.fit(x, y, { epochs: 60, callbacks: [cb] });
 * cb.history.map((r) => r.responses[0].magnitude[0]);
 * ```
 */
export class FrequencyResponseCallback extends tf.Callback {
  /** Records: epoch 0 (before training), then every `every` epochs. */
  readonly history: FrequencyResponseRecord[] = [];
  private readonly options: FrequencyResponseCallbackOptions;
  private readonly every: number;
  private epochs = 0;

  /**
   * @param options - see {@link FrequencyResponseCallbackOptions}.
   * @throws RangeError when `every` is not an integer ≥ 1.
   */
  constructor(options: FrequencyResponseCallbackOptions = {}) {
    super();
    if (
      options.layers !== undefined &&
      (!Array.isArray(options.layers) || options.layers.some((l) => typeof l !== 'string'))
    ) {
      throw new TypeError(`layers must be an array of layer names, got ${String(options.layers)}`);
    }
    const every = options.every ?? 1;
    if (!Number.isInteger(every) || every < 1) {
      throw new RangeError(`every must be an integer >= 1, got ${String(every)}`);
    }
    this.every = every;
    this.options = options;
  }

  private record(epoch: number): void {
    const { every: _every, onRecord, ...probe } = this.options;
    const record = { epoch, responses: convFrequencyResponse(this.model, probe) };
    this.history.push(record);
    onRecord?.(record);
  }

  /** Records the response before the first epoch (once). */
  override async onTrainBegin(): Promise<void> {
    if (this.history.length === 0) this.record(0);
  }

  /** Records the response every `every` epochs. */
  override async onEpochEnd(): Promise<void> {
    this.epochs += 1;
    if (this.epochs % this.every === 0) this.record(this.epochs);
  }
}

/**
 * Creates a {@link FrequencyResponseCallback}.
 *
 * @param options - see {@link FrequencyResponseCallbackOptions}.
 * @returns the callback; read `.history` after `fit`.
 * @throws RangeError for a bad `every`; probe errors (see {@link convFrequencyResponse}) surface
 *   at the start of `fit`.
 * @example
 * ```ts
 * const cb = frequencyResponseCallback({ fs: 32 });
 * ```
 */
export function frequencyResponseCallback(
  options: FrequencyResponseCallbackOptions = {},
): FrequencyResponseCallback {
  return new FrequencyResponseCallback(options);
}
