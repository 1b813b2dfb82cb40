import { strFromU8, unzipSync } from 'fflate';
import h5wasm, { type Dataset, type Group } from 'h5wasm';
import { KerasImportError } from './errors';
import { type KerasH5Contents, type StoredWeight, toFloat32, withH5File } from './h5';

/** The first bytes of a zip file (local file header) and of an empty zip (end of directory). */
const ZIP_SIGNATURES = [
  [0x50, 0x4b, 0x03, 0x04],
  [0x50, 0x4b, 0x05, 0x06],
];

/** Whether `bytes` start like a zip archive (a Keras 3 `.keras` file). */
export function isZip(bytes: Uint8Array): boolean {
  return ZIP_SIGNATURES.some((signature) => signature.every((b, i) => bytes[i] === b));
}

const ARCHIVE_FILES = ['config.json', 'metadata.json', 'model.weights.h5'];
/**
 * Largest ratio of unpacked to packed bytes that deflate can reach (each 258-byte match costs at
 * least 2 bits, RFC 1951 §3.2.5), rounded up: an entry whose recorded size exceeds it lies, and
 * unpacking it would reserve that many bytes.
 */
const DEFLATE_MAX_RATIO = 1032;

/** Refuses an archive entry whose recorded unpacked size no honest zip could hold (a zip bomb header). */
function checkEntrySize(
  file: { name: string; size: number; originalSize: number; compression: number },
  label: string,
): void {
  const limit = file.compression === 0 ? file.size : DEFLATE_MAX_RATIO * file.size + 1024;
  if (file.originalSize > limit) {
    throw new KerasImportError(
      'not-keras-archive',
      `${label}: zip entry '${file.name}' records ${file.originalSize} unpacked bytes from ${file.size} packed bytes, more than ${file.compression === 0 ? 'a stored entry' : 'deflate'} can hold (at most ${limit}); the archive is corrupt or hostile`,
    );
  }
}

/**
 * Keras's `naming.to_snake_case` (keras/src/utils/naming.py): drop non-word characters, then
 * `_` before each capitalised word and between a lower-case letter and a capital.
 */
export function toSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** The variables of each Keras layer class, in the order Keras creates (and saves) them. */
function variableNames(className: string, config: Record<string, unknown>): string[] | undefined {
  const bias = config.use_bias !== false;
  switch (className) {
    case 'Conv1D':
    case 'Dense':
      return bias ? ['kernel', 'bias'] : ['kernel'];
    case 'BatchNormalization':
      return [
        ...(config.scale !== false ? ['gamma'] : []),
        ...(config.center !== false ? ['beta'] : []),
        'moving_mean',
        'moving_variance',
      ];
    case 'LayerNormalization':
      return [
        ...(config.scale !== false ? ['gamma'] : []),
        ...(config.center !== false ? ['beta'] : []),
      ];
    default:
      return undefined;
  }
}

/** Reads every `…/vars` group of a `model.weights.h5`, by normalised path (`layers/conv1d`). */
function readVarGroups(root: Group): VarGroups {
  const out = new Map<string, Float32ArrayWithShape[]>();
  const ignored = new Set<string>();
  const walk = (group: Group, path: string[]) => {
    for (const key of group.keys()) {
      // tf-keras 2.15 on Windows wrote group names with backslashes: `layers\conv1d/vars/0`.
      const parts = [...path, ...key.split('\\')];
      // Optimizer and metric state (`optimizer/vars/…`, `metrics/…`) is not part of the model.
      if (parts[0] !== 'layers' && parts[0] !== 'vars') {
        ignored.add(parts[0] as string);
        continue;
      }
      const entity = group.get(key);
      if (!(entity instanceof h5wasm.Group)) continue;
      if (parts.at(-1) === 'vars') {
        const arrays = entity
          .keys()
          .filter((k) => /^\d+$/.test(k))
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => {
            const dataset = entity.get(k) as Dataset;
            const where = `model.weights.h5 ${parts.join('/')}/${k}`;
            return { shape: dataset.shape ?? [], values: toFloat32(dataset.value, where) };
          });
        out.set(parts.slice(0, -1).join('/'), arrays);
      } else {
        walk(entity, parts);
      }
    }
  };
  walk(root, []);
  return { vars: out, ignored: [...ignored] };
}

interface VarGroups {
  vars: Map<string, Float32ArrayWithShape[]>;
  ignored: string[];
}

interface Float32ArrayWithShape {
  shape: number[];
  values: Float32Array;
}

interface LayerEntry {
  class_name?: unknown;
  config?: unknown;
  name?: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Matches the archive's unnamed variables to the config's layers the way Keras 3's
 * `saving_lib._save_state` walks a model: each container (`layers` list of a model) names its
 * children `<snake_case(class)>`, then `_1`, `_2`, … for later ones of the same class, in layer
 * order; a Sequential model's list leaves out its InputLayer, a Functional model's keeps it;
 * a nested model's children sit under `layers/<its name>/layers/…`.
 */
function groupWeights(
  modelConfig: unknown,
  vars: Map<string, Float32ArrayWithShape[]>,
  label: string,
): { groups: Map<string, StoredWeight[]>; used: Set<string> } {
  const groups = new Map<string, StoredWeight[]>();
  const used = new Set<string>();
  const visit = (model: LayerEntry, path: string, group: string | null) => {
    const config = isRecord(model.config) ? model.config : {};
    const layers = Array.isArray(config.layers) ? (config.layers as LayerEntry[]) : [];
    const counters = new Map<string, number>();
    for (const layer of layers) {
      const className = typeof layer.class_name === 'string' ? layer.class_name : '';
      if (model.class_name === 'Sequential' && className === 'InputLayer') continue;
      const layerConfig = isRecord(layer.config) ? layer.config : {};
      const own = typeof layer.name === 'string' ? layer.name : String(layerConfig.name ?? '');
      const snake = toSnakeCase(className);
      const seen = counters.get(snake);
      counters.set(snake, seen === undefined ? 0 : seen + 1);
      const key = seen === undefined ? snake : `${snake}_${seen + 1}`;
      const here = `${path}/layers/${key}`.replace(/^\//, '');
      const target = group ?? own;
      if (['Functional', 'Sequential', 'Model'].includes(className)) {
        visit(layer, here, target);
        continue;
      }
      const arrays = vars.get(here) ?? [];
      used.add(here);
      const names = variableNames(className, layerConfig) ?? arrays.map((_, i) => `var_${i}`);
      if (arrays.length > 0 && names.length !== arrays.length) {
        throw new KerasImportError(
          'weights-mismatch',
          `${label}: layer '${own}' (${className}) has ${arrays.length} variables at ${here}/vars, expected ${names.length} (${names.join(', ')})`,
          { name: own, className },
        );
      }
      const list = groups.get(target) ?? [];
      arrays.forEach((array, i) => {
        list.push({ name: `${own}/${names[i]}`, shape: array.shape, values: array.values });
      });
      groups.set(target, list);
    }
  };
  visit(modelConfig as LayerEntry, '', null);
  return { groups, used };
}

/**
 * Reads a Keras 3 `.keras` archive (`model.save('m.keras')`): a zip of `config.json` (the model
 * config, Keras 3 layout), `metadata.json` (`keras_version`) and `model.weights.h5` (variables
 * at `layers/<snake_case class>[_k]/vars/<i>`; `optimizer/…` and `metrics/…` are skipped).
 * The layout is Keras's `saving/saving_lib.py` (`save_model`, `_save_state`,
 * `_save_container_state`).
 *
 * @throws {KerasImportError} `not-keras-archive` for a zip that is not a Keras archive (naming
 *   what it holds) or that cannot be unpacked; the HDF5 errors of the weights file.
 */
export async function readKerasArchive(bytes: Uint8Array, label: string): Promise<KerasH5Contents> {
  let files: Record<string, Uint8Array>;
  const names: string[] = [];
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        names.push(file.name);
        if (!ARCHIVE_FILES.includes(file.name)) return false;
        checkEntrySize(file, label);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof KerasImportError) throw error;
    throw new KerasImportError(
      'not-keras-archive',
      `${label} is a zip file that cannot be unpacked (${(error as Error).message}); a Keras .keras archive is a valid zip`,
    );
  }
  const configBytes = files['config.json'];
  const weightBytes = files['model.weights.h5'];
  if (configBytes === undefined || weightBytes === undefined) {
    const found = names.slice(0, 12).join(', ') + (names.length > 12 ? ', …' : '');
    throw new KerasImportError(
      'not-keras-archive',
      `${label} is a zip file but not a Keras archive: it lacks ${[configBytes ? '' : 'config.json', weightBytes ? '' : 'model.weights.h5'].filter(Boolean).join(' and ')} (found: ${found || 'no files'})`,
    );
  }
  let modelConfig: unknown;
  let metadata: Record<string, unknown> = {};
  try {
    modelConfig = JSON.parse(strFromU8(configBytes));
    const metaBytes = files['metadata.json'];
    if (metaBytes) metadata = JSON.parse(strFromU8(metaBytes)) as Record<string, unknown>;
  } catch (error) {
    throw new KerasImportError(
      'bad-config',
      `${label}: config.json or metadata.json is not valid JSON (${(error as Error).message})`,
    );
  }
  const { vars, ignored } = await withH5File(
    weightBytes,
    `${label} (model.weights.h5)`,
    readVarGroups,
  );
  const { groups, used } = groupWeights(modelConfig, vars, label);
  const stray = [...vars].filter(([path, arrays]) => arrays.length > 0 && !used.has(path));
  if (stray.length > 0) {
    throw new KerasImportError(
      'weights-mismatch',
      `${label}: model.weights.h5 holds variables at ${stray.map(([p]) => p).join(', ')}, which no layer of config.json maps to (Keras 3 names them layers/<snake_case class>[_k] in layer order)`,
    );
  }
  return {
    layout: 'model',
    modelConfig,
    kerasVersion: typeof metadata.keras_version === 'string' ? metadata.keras_version : undefined,
    backend: undefined,
    ignored,
    weightGroups: groups,
  };
}
