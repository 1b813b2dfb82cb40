/** One module: AssemblyScript source, generated file, exported constant, exported functions. */
export interface WasmModuleSpec {
  source: string;
  target: string;
  constant: string;
  what: string;
  exports: string[];
}
/** The modules built from assembly/. */
export const MODULES: WasmModuleSpec[];
/** The asc flags. */
export const FLAGS: string[];
/** The bytes of the module compiled now from `source`. */
export function compile(source: string): Promise<Uint8Array>;
/** The TypeScript file that carries a module's `bytes`. */
export function moduleSource(module: WasmModuleSpec, bytes: Uint8Array): string;
