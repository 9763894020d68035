/**
 * @microwasm/validator: WebAssembly 2.0 validation, and the 3.0 features of `Features`.
 * - `validateModule(module, features?)` → `ValidatedModule`; throws `CompileError` (kind
 *   "invalid") with the spec's message and the byte offset of the offending instruction.
 */

export { validateModule } from "./validate-module.js";
export type { ValidatedFunction, ValidatedModule } from "./validated-module.js";
