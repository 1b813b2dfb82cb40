/**
 * The `./node` entry of @rectify/layers: what needs Node's file system. Saving and loading tfjs
 * models as `model.json` + `weights.bin` in a folder, and loading a model file of any format.
 */
export {
  fileSystemIO,
  MAX_MODEL_JSON_BYTES,
  MODEL_JSON,
  ModelIOError,
  type ModelIOErrorCode,
  WEIGHTS_BIN,
} from './io/file-system-io';
export {
  checkModelFile,
  type LoadedModelFile,
  loadModelFile,
  MODEL_FILE_EXTENSIONS,
  ModelFileError,
  type ModelFileErrorCode,
} from './io/model-file';
