/**
 * The `./node` entry of @rectify/layers: what needs Node's file system. Saving and loading tfjs
 * models as `model.json` + `weights.bin` in a folder.
 */
export { fileSystemIO, MODEL_JSON, ModelIOError, WEIGHTS_BIN } from './io/file-system-io';
