// Shared by the packages' WebAssembly builds (packages/signal/wasm/build.mjs,
// packages/layers/scripts/build-wasm.mjs): compile one AssemblyScript source with asc's API, in
// memory, and carry the bytes as base64 in a generated TypeScript file, so that a package builds
// and tests with plain tsup/vitest and its browser entry reads no file at run time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import asc from 'assemblyscript/asc';

/** The version of the compiler (`assemblyscript` is pinned to an exact version). */
export const ascVersion = asc.version;

/**
 * Compiles `source` (relative to `root`) with asc and the given flags.
 *
 * @param {string} root - the folder sources are read from.
 * @param {string} source - the entry file, relative to `root`.
 * @param {readonly string[]} flags - asc's flags (optimisation, runtime, features, memory).
 * @returns {Promise<Uint8Array>} the module's bytes.
 */
export async function compileAssemblyScript(root, source, flags) {
  let binary;
  const errors = [];
  const { error } = await asc.main([source, ...flags, '--outFile', 'out.wasm'], {
    // Files asc asks for that are not in `root` come from its own standard library.
    readFile: (name, baseDir) => {
      try {
        return readFileSync(join(root, baseDir, name), 'utf8');
      } catch {
        return null;
      }
    },
    writeFile: (name, contents) => {
      if (name.endsWith('.wasm')) binary = contents;
    },
    listFiles: () => [],
    stderr: { write: (text) => errors.push(String(text)) },
    stdout: { write: () => {} },
  });
  if (error || binary === undefined)
    throw new Error(
      `asc failed to compile ${join(root, source)}: ${error?.message ?? ''}\n${errors.join('')}`,
    );
  return binary;
}

/**
 * The generated TypeScript file carrying a module's bytes as one base64 string constant.
 *
 * @param {{ header: string, doc: string, constant: string, bytes: Uint8Array }} module - the
 *   file's first comment line, the constant's TSDoc text, its name and the bytes.
 * @returns {string} the file's text.
 */
export function base64ModuleText({ header, doc, constant, bytes }) {
  const lines =
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,96}/g) ?? [];
  return [
    `// ${header}`,
    '',
    `/** ${doc} */`,
    `export const ${constant} =`,
    ...lines.map((line, i) => `  '${line}'${i === lines.length - 1 ? ';' : ' +'}`),
    '',
  ].join('\n');
}
