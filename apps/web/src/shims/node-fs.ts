import { unavailable } from './unavailable';

/** No file system in the browser: nothing exists. */
export const existsSync = (): boolean => false;
export const mkdirSync = (): never => unavailable('node:fs mkdirSync');
export const readdirSync = (): never => unavailable('node:fs readdirSync');
export const readFileSync = (): never => unavailable('node:fs readFileSync');
export const renameSync = (): never => unavailable('node:fs renameSync');
export const rmSync = (): never => unavailable('node:fs rmSync');
export const writeFileSync = (): never => unavailable('node:fs writeFileSync');
export const readFile = async (): Promise<never> => unavailable('node:fs/promises readFile');
export const writeFile = async (): Promise<never> => unavailable('node:fs/promises writeFile');
export const mkdir = async (): Promise<never> => unavailable('node:fs/promises mkdir');
export const rename = async (): Promise<never> => unavailable('node:fs/promises rename');
export const rm = async (): Promise<never> => unavailable('node:fs/promises rm');
export const stat = async (): Promise<never> => unavailable('node:fs/promises stat');
export default {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
};
