import * as tf from '@tensorflow/tfjs';
import { KerasImportError } from './errors';
import type { StoredWeight } from './h5';

/** What a weight assignment did. */
export interface WeightsReport {
  /** Weight groups (Keras layer names) whose arrays were assigned. */
  loaded: string[];
  /** Weight groups of the file that hold arrays but feed no layer of the model. */
  unused: string[];
  /** How groups were matched: by weight name (`<layer>/<weight>`) or by order. */
  matchedBy: Record<string, 'name' | 'order'>;
}

/** `'block1/conv1d_2/kernel:0'` → `'conv1d_2/kernel'`: the layer-local part of a weight name. */
function weightKey(name: string): string {
  const parts = name.replace(/:\d+$/, '').split('/');
  return parts.slice(-2).join('/');
}

function same(a: readonly (number | null)[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * Assigns the arrays of a Keras weight file to a tfjs model, group by group. Inside a group the
 * arrays are matched to the model's variables by their layer-local names (`conv1d_2/kernel`),
 * and when the names do not match (older/newer Keras naming), by order — which is what Keras's
 * own HDF5 loader does. Every pair must have the same shape.
 *
 * @param model - the model to fill.
 * @param groups - file groups in `layer_names` order.
 * @param groupOf - the file group that feeds a model layer, or undefined for none.
 * @param label - the file, for messages.
 * @throws {KerasImportError} `weights-mismatch` for a missing group, a count or a shape mismatch;
 *   `non-finite-weight` for a NaN or ±Infinity in a weight that would be assigned.
 */
export function assignWeights(
  model: tf.LayersModel,
  groups: Map<string, StoredWeight[]>,
  groupOf: (layer: tf.layers.Layer) => string | undefined,
  label: string,
): WeightsReport {
  const targets = new Map<string, tf.LayerVariable[]>();
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const group = groupOf(layer);
    if (group === undefined) {
      throw new KerasImportError(
        'weights-mismatch',
        `${label} has no weights for layer '${layer.name}' (${layer.getClassName()})`,
        { name: layer.name, className: layer.getClassName() },
      );
    }
    targets.set(group, [...(targets.get(group) ?? []), ...layer.weights]);
  }
  const report: WeightsReport = { loaded: [], unused: [], matchedBy: {} };
  const writes: [tf.LayerVariable, StoredWeight][] = [];
  for (const [group, variables] of targets) {
    const stored = groups.get(group);
    if (!stored || stored.length === 0) {
      throw new KerasImportError(
        'weights-mismatch',
        `${label} has no weights for layer '${group}' (the model needs ${variables.length}: ${variables.map((v) => v.originalName).join(', ')})`,
        { name: group },
      );
    }
    const byKey = new Map(stored.map((w) => [weightKey(w.name), w]));
    const named =
      byKey.size === stored.length
        ? variables.map((v) => byKey.get(weightKey(v.originalName)))
        : [];
    let pairs: [tf.LayerVariable, StoredWeight][];
    if (named.length === variables.length && named.every((w) => w !== undefined)) {
      pairs = variables.map((v, i) => [v, named[i] as StoredWeight]);
      report.matchedBy[group] = 'name';
    } else if (stored.length === variables.length) {
      pairs = variables.map((v, i) => [v, stored[i] as StoredWeight]);
      report.matchedBy[group] = 'order';
    } else {
      throw new KerasImportError(
        'weights-mismatch',
        `${label}: layer '${group}' holds ${stored.length} weights (${stored.map((w) => w.name).join(', ')}) but the model expects ${variables.length} (${variables.map((v) => v.originalName).join(', ')})`,
        { name: group },
      );
    }
    for (const [variable, weight] of pairs) {
      if (!same(variable.shape, weight.shape)) {
        throw new KerasImportError(
          'weights-mismatch',
          `${label}: weight '${weight.name}' of layer '${group}' has shape [${weight.shape.join(', ')}] but '${variable.originalName}' expects [${variable.shape.join(', ')}]`,
          { name: group },
        );
      }
      const bad = weight.values.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new KerasImportError(
          'non-finite-weight',
          `${label}: weight '${weight.name}' of layer '${group}' holds ${weight.values[bad]} at index ${bad}; weights must be finite numbers`,
          { name: group, weightName: weight.name },
        );
      }
      writes.push([variable, weight]);
    }
    report.loaded.push(group);
  }
  for (const [variable, weight] of writes) {
    tf.tidy(() => {
      variable.write(tf.tensor(weight.values, weight.shape, 'float32'));
    });
  }
  for (const [group, stored] of groups) {
    if (stored.length > 0 && !targets.has(group)) report.unused.push(group);
  }
  return report;
}
