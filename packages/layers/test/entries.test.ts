import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '../src');
const IMPORT =
  /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every bare module an entry reaches through its relative imports (static and dynamic). */
function reachedModules(entry: string): Set<string> {
  const seen = new Set<string>();
  const modules = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|^\s*\/\/.*$/gm, '');
    for (const match of text.matchAll(IMPORT)) {
      const spec = (match[1] ?? match[2]) as string;
      if (spec.startsWith('.')) {
        const base = resolve(dirname(file), spec);
        const candidates = [`${base}.ts`, join(base, 'index.ts')];
        const next = candidates.find((c) => {
          try {
            readFileSync(c);
            return true;
          } catch {
            return false;
          }
        });
        if (next === undefined) throw new Error(`${file}: cannot resolve ${spec}`);
        visit(next);
      } else {
        modules.add(spec);
      }
    }
  };
  visit(join(SRC, entry));
  return modules;
}

const builtins = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

describe('package entries', () => {
  it("'.' reaches no Node built-in, no HDF5 and no zip reader (it must run in a browser)", () => {
    const modules = [...reachedModules('index.ts')];
    expect(modules.filter((m) => builtins.has(m))).toEqual([]);
    expect(modules.filter((m) => m === 'h5wasm' || m === 'fflate')).toEqual([]);
  });

  it("'./keras' holds the HDF5 and zip readers; './node' the file system", () => {
    const keras = reachedModules('keras/index.ts');
    expect(keras.has('h5wasm')).toBe(true);
    expect(keras.has('fflate')).toBe(true);
    expect([...reachedModules('node.ts')].some((m) => builtins.has(m))).toBe(true);
  });

  it('each entry names what it exports', async () => {
    const root = await import('../src/index');
    const keras = await import('../src/keras/index');
    const node = await import('../src/node');
    expect(Object.keys(root)).not.toContain('loadKerasH5');
    expect(Object.keys(root)).not.toContain('fileSystemIO');
    expect(Object.keys(keras)).toEqual(
      expect.arrayContaining(['loadKeras', 'loadKerasH5', 'analyzeKerasModel', 'KerasImportError']),
    );
    expect(Object.keys(node).sort()).toEqual(
      [
        'MAX_MODEL_JSON_BYTES',
        'MODEL_FILE_EXTENSIONS',
        'MODEL_JSON',
        'ModelFileError',
        'ModelIOError',
        'WEIGHTS_BIN',
        'checkModelFile',
        'fileSystemIO',
        'loadModelFile',
      ].sort(),
    );
  });
});
