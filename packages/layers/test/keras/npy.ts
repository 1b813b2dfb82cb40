/**
 * Reads numpy `.npz` archives in tests: a zip (fflate) of `.npy` files. The `.npy` layout is
 * numpy's own (numpy/lib/format.py): the magic `\x93NUMPY`, a major and minor version byte, the
 * header length (uint16 little-endian in version 1, uint32 in versions 2 and 3), then a Python
 * dict literal `{'descr': '<f4', 'fortran_order': False, 'shape': (5, 1, 32), }` padded with
 * spaces, then the data.
 */
import { unzipSync } from 'fflate';

/** One array of an `.npz`: shape and values in C order. */
export interface NpyArray {
  shape: number[];
  data: Float32Array | Float64Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59];

/** Parses one `.npy` file (little-endian float32/float64, C order). */
export function parseNpy(bytes: Uint8Array, label: string): NpyArray {
  if (!MAGIC.every((b, i) => bytes[i] === b)) throw new Error(`${label}: not a .npy file`);
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const headerStart = major === 1 ? 10 : 12;
  const header = new TextDecoder('latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran !== 'False' || shapeText === undefined) {
    throw new Error(`${label}: unsupported .npy header ${header}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map(Number);
  const count = shape.reduce((a, b) => a * b, 1);
  const body = bytes.slice(headerStart + headerLength);
  if (descr === '<f4') return { shape, data: new Float32Array(body.buffer, 0, count) };
  if (descr === '<f8') return { shape, data: new Float64Array(body.buffer, 0, count) };
  throw new Error(`${label}: dtype ${descr} is not read here`);
}

/** Parses an `.npz` (zip of `<key>.npy`) into arrays by key. */
export function parseNpz(bytes: Uint8Array): Map<string, NpyArray> {
  const out = new Map<string, NpyArray>();
  for (const [file, content] of Object.entries(unzipSync(bytes))) {
    const key = file.replace(/\.npy$/, '');
    out.set(key, parseNpy(content, file));
  }
  return out;
}
