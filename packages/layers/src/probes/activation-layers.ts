/**
 * Class names of the Keras/tfjs layers that only apply an activation (plus this package's
 * {@link DCReLU}): the one list the probes, the CLI's `inspect` and the apps read.
 */
export const activationLayerClassNames = [
  'Activation',
  'DCReLU',
  'ELU',
  'LeakyReLU',
  'PReLU',
  'ReLU',
  'Softmax',
  'ThresholdedReLU',
] as const;

/** The minimal view of a model layer that {@link layersBeforeActivation} reads. */
export interface LayerLike {
  /** The layer's name. */
  name: string;
  /** Its class name, e.g. `Conv1D`, `ReLU`. */
  getClassName(): string;
  /** Its config; `activation` is read. */
  getConfig(): Record<string, unknown>;
  /** The layers that read its output (tfjs `outboundNodes`). */
  outboundNodes?: { outboundLayer?: LayerLike }[];
}

/**
 * Whether a layer class only applies an activation (one of {@link activationLayerClassNames}).
 *
 * @param className - a layer's class name, e.g. `'ReLU'`.
 * @returns true for the activation-only classes.
 * @example
 * ```ts
 * isActivationLayerClass('PReLU'); // true
 * ```
 */
export function isActivationLayerClass(className: string): boolean {
  return (activationLayerClassNames as readonly string[]).includes(className);
}

/**
 * Names of the layers whose output goes through a non-linear activation: layers with a fused
 * activation other than `linear`, and layers read by exactly one activation-only layer. The
 * activation-only layers themselves are not listed.
 *
 * @param layers - the model's layers (`model.layers`).
 * @returns the layer names, in model order.
 * @example
 * ```ts
 * layersBeforeActivation(model.layers); // ['conv1d_1', 'conv1d_2']
 * ```
 */
export function layersBeforeActivation(layers: readonly LayerLike[]): string[] {
  const names: string[] = [];
  for (const layer of layers) {
    if (isActivationLayerClass(layer.getClassName())) continue;
    const fused = layer.getConfig().activation;
    const followers = (layer.outboundNodes ?? [])
      .map((n) => n.outboundLayer)
      .filter((l): l is LayerLike => l !== undefined);
    const followedByActivation =
      followers.length === 1 && isActivationLayerClass(followers[0]!.getClassName());
    if ((typeof fused === 'string' && fused !== 'linear') || followedByActivation)
      names.push(layer.name);
  }
  return names;
}
