/**
 * @microwasm/parser: the WebAssembly binary format.
 * - `parseModule(bytes, features?)` → `Module`; throws `CompileError` (kind "malformed") with
 *   the spec's reason and the byte offset where decoding failed.
 */
export { parseModule } from "./parse-module.js";
