/** The AssemblyScript source file, relative to packages/layers. */
export const SOURCE: string;
/** The generated TypeScript file, relative to packages/layers. */
export const TARGET: string;
/** The asc flags. */
export const FLAGS: string[];
/** The module's bytes, compiled now from `assembly/`. */
export function compile(): Promise<Uint8Array>;
/** The TypeScript file that carries `bytes`. */
export function moduleSource(bytes: Uint8Array): string;
