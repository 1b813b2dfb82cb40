import * as tf from '@tensorflow/tfjs';
import '../layers/causal-conv1d';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

function isObject(value: unknown): value is Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function rewrite(value: Json): Json {
  if (Array.isArray(value)) return value.map(rewrite);
  if (!isObject(value)) return value;
  const out: Record<string, Json> = {};
  for (const [k, v] of Object.entries(value)) out[k] = rewrite(v);
  const config = out.config;
  const causal = isObject(config) && config.padding === 'causal';
  if (causal && out.class_name === 'Conv1D') out.class_name = 'CausalConv1D';
  if (causal && out.className === 'Conv1D') out.className = 'CausalConv1D';
  return out;
}

/**
 * Rewrites a Keras/tfjs model topology so that every `Conv1D` with `padding: 'causal'` becomes a
 * {@link CausalConv1D} (same config keys, same weight names `kernel`/`bias`); nested models are
 * handled. Works on Keras's snake_case JSON (`class_name`) and on tfjs's camelCase form. The input
 * is not modified.
 *
 * @param topology - a model topology (`model.to_json()` parsed, or `modelTopology` of a model.json).
 * @returns the rewritten copy.
 * @example
 * ```ts
 * const model = await tf.models.modelFromJSON({ modelTopology: mapCausalConv1D(kerasJson) });
 * ```
 */
export function mapCausalConv1D<T>(topology: T): T {
  return rewrite(topology as Json) as T;
}

/**
 * Builds a model from Keras-style JSON (`model.to_json()` of Keras 2, snake_case) that may contain
 * `Conv1D` layers with `padding: 'causal'`, which tfjs alone refuses; weights are freshly initialized.
 *
 * @param json - the JSON text or its parsed object.
 * @returns the model.
 * @throws TypeError when `json` is neither a string nor an object; SyntaxError for malformed text.
 * @example
 * ```ts
 * const model = await modelFromKerasJson(fs.readFileSync('model.json', 'utf8'));
 * ```
 */
export async function modelFromKerasJson(json: string | object): Promise<tf.LayersModel> {
  if (typeof json !== 'string' && !isObject(json)) {
    throw new TypeError(`json must be a JSON string or object, got ${String(json)}`);
  }
  const parsed = typeof json === 'string' ? (JSON.parse(json) as object) : json;
  const topology =
    isObject(parsed) && isObject(parsed.modelTopology) ? parsed.modelTopology : parsed;
  return tf.models.modelFromJSON({
    modelTopology: mapCausalConv1D(topology) as tf.io.ModelJSON['modelTopology'],
  } as never);
}

/**
 * Loads a layers model whose topology may contain Keras `Conv1D` layers with `padding: 'causal'`,
 * mapping them onto {@link CausalConv1D}, weights included.
 *
 * @param source - any tfjs `IOHandler`: `tf.io.fromMemory(...)`, `tf.io.http(...)`,
 *   `tf.io.browserFiles([...])`, or, in Node, `fileSystemIO(dir)` from `@rectify/layers/node`.
 * @param options - tfjs load options.
 * @returns the model.
 * @throws TypeError when `source` is not an IOHandler with `load`.
 * @example
 * ```ts
 * import { fileSystemIO } from '@rectify/layers/node';
 * const model = await loadLayersModelWithCausal(fileSystemIO('/models/ppg'));
 * ```
 */
export async function loadLayersModelWithCausal(
  source: tf.io.IOHandler,
  options?: tf.io.LoadOptions,
): Promise<tf.LayersModel> {
  const load = (source as tf.io.IOHandler | null)?.load?.bind(source);
  if (!load) {
    const hint =
      typeof source === 'string'
        ? " (for a folder in Node: fileSystemIO(dir) from '@rectify/layers/node')"
        : '';
    throw new TypeError(`source must be an IOHandler with load()${hint}, got ${String(source)}`);
  }
  return tf.loadLayersModel(
    {
      load: async () => {
        const artifacts = await load();
        return { ...artifacts, modelTopology: mapCausalConv1D(artifacts.modelTopology) };
      },
    },
    options,
  );
}
