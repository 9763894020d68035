/**
 * @microwasm/parser: the WebAssembly 2.0 binary format.
 * - `parseModule(bytes, features?)` → `Module` (core's shape; bodies and constant expressions
 *   decoded into `Code`). Default features: `wasm3Features`. Data segment and custom section
 *   bytes are views into `bytes`: do not modify the input while the module is in use. A
 *   `Code`'s arrays and a data segment's `offset` and `bytes` are made when first read, some
 *   at each read (see `chunk-code.ts` and `data-section.ts`).
 * - Throws `CompileError` (kind "malformed") whose `reason` is one of `MalformedReason`, worded as
 *   the spec's reference interpreter words it, and whose `offset` is the byte where decoding
 *   failed. It throws nothing else, for any input. A malformed `name` section is not an error
 *   (`Module.names` is then partial or null).
 */
export { parseModule } from "./parse-module.js";
export { Reason as MalformedReason } from "./reasons.js";
