import type { WasmApi } from "./engines.js";

/** Node's own `WebAssembly`, as it was when this module was first evaluated. */
export const nativeWebAssembly = (
  globalThis as unknown as { WebAssembly: WasmApi & { validate(bytes: Uint8Array): boolean } }
).WebAssembly;
