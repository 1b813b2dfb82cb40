/** asc's options for wasm/fft.ts. */
export declare const ASC_FLAGS: readonly string[];
/** Compiles wasm/fft.ts (AssemblyScript); resolves to the module's bytes. */
export declare function compileFftWasm(): Promise<Uint8Array>;
/** The text of src/fft-wasm-module.ts for these bytes. */
export declare function moduleText(bytes: Uint8Array): string;
