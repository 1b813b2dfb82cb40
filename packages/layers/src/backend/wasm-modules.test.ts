import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile, MODULES, moduleSource } from '../../scripts/build-wasm.mjs';
import { CONV_WASM_BASE64 } from './conv-module';
import { MEAN_WASM_BASE64 } from './mean-module';

interface ModuleDescriptor {
  module?: string;
  name: string;
  kind: string;
}

/** WebAssembly's reflection API (the package's TS libs declare no WebAssembly values). */
const wasmApi = (
  globalThis as unknown as {
    WebAssembly: {
      Module: {
        new (bytes: Uint8Array): object;
        imports(module: object): ModuleDescriptor[];
        exports(module: object): ModuleDescriptor[];
      };
    };
  }
).WebAssembly;

/** The ids of a module's sections, in order (WebAssembly spec, "Binary Format": Modules). */
function sectionIds(bytes: Uint8Array): number[] {
  const ids: number[] = [];
  let at = 8;
  while (at < bytes.length) {
    ids.push(bytes[at++]!);
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = bytes[at++]!;
      size |= (byte & 0x7f) << shift;
      if (byte < 0x80) break;
    }
    at += size;
  }
  return ids;
}

const COMMITTED: Record<string, string> = { CONV_WASM_BASE64, MEAN_WASM_BASE64 };

describe.each(MODULES.map((m) => [m.source, m] as const))(
  'the committed WebAssembly of %s',
  (_, module) => {
    it('equals a rebuild by scripts/build-wasm.mjs, byte for byte', async () => {
      const bytes = await compile(module.source);
      expect(Buffer.from(bytes).toString('base64')).toBe(COMMITTED[module.constant]);
      const committed = readFileSync(join(import.meta.dirname, '../..', module.target), 'utf8');
      expect(committed).toBe(moduleSource(module, bytes));
    }, 60_000);

    it('imports only the heap (env.memory), owns no memory, data or globals, and is ≤ 4 KB', async () => {
      const bytes = await compile(module.source);
      // type, import, function, export, code (and nothing that writes into the imported heap).
      expect(sectionIds(bytes)).toEqual([1, 2, 3, 7, 10]);
      // Older Chrome releases compiled a module synchronously on the main thread only up to 4 KB
      // (Chromium 150, measured here, allows 8 MB): kept within 4 KB so that those still can.
      expect(bytes.length).toBeLessThanOrEqual(4096);
      const compiled = new wasmApi.Module(bytes);
      expect(wasmApi.Module.imports(compiled)).toEqual([
        { module: 'env', name: 'memory', kind: 'memory' },
      ]);
      expect(wasmApi.Module.exports(compiled)).toEqual(
        module.exports.map((name) => ({ name, kind: 'function' })),
      );
    }, 60_000);
  },
);
