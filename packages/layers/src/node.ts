/**
 * The `./node` entry of @rectify/layers: what needs Node's file system. Saving and loading tfjs
 * models as `model.json` + `weights.bin` in a folder.
 */
export {
  fileSystemIO,
  MAX_MODEL_JSON_BYTES,
  MODEL_JSON,
  ModelIOError,
  type ModelIOErrorCode,
  WEIGHTS_BIN,
} from './io/file-system-io';
