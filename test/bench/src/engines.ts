import { WebAssembly as Microwasm } from "@microwasm/webassembly";

/** The part of the standard `WebAssembly` namespace the suite uses; both engines provide it. */
export interface WasmApi {
  readonly Module: new (bytes: Uint8Array) => object;
  readonly Instance: new (module: object, importObject?: object) => { readonly exports: object };
}

export const ENGINE_NAMES = ["native", "microwasm"] as const;
export type EngineName = (typeof ENGINE_NAMES)[number];

/** Node's own `WebAssembly` (typed here: the suite's TypeScript libs have no DOM types). */
export const nativeWebAssembly = (
  globalThis as unknown as { WebAssembly: WasmApi & { validate(bytes: Uint8Array): boolean } }
).WebAssembly;

/** Node's own WebAssembly, and microwasm through its drop-in of the same API. */
export const engines: Readonly<Record<EngineName, WasmApi>> = {
  native: nativeWebAssembly,
  microwasm: Microwasm as unknown as WasmApi,
};
