/**
 * Class names of the Keras/tfjs layers that only apply an activation (plus this package's
 * {@link DCReLU}): the one list the probes read (and the Keras analysis should).
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
