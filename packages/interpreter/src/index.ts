/**
 * @microwasm/interpreter: compiles validated modules to internal code and runs them.
 *
 * - `compileModule(validated)` → `CompiledModule`: translates every body once to register-form
 *   internal code (no decoding at run time). Never throws for a validated module.
 * - `instantiateModule(compiled, imports, options)` → `ModuleInstance`: checks the imports
 *   (throws `LinkError` "incompatible import type"), builds the store objects, applies
 *   segments in order and runs the start function (throws `RuntimeError` on a trap).
 * - `invoke(fn, args)` → results: calls a function; throws `RuntimeError` on a trap, with
 *   `wasmStack` set; exceptions thrown by host functions propagate unchanged.
 * - Store objects, usable without any module: `MemoryInstance`, `TableInstance`,
 *   `GlobalInstance`, and `createHostFunction` for functions written in JS
 *   (`createRawHostFunction` for ones that read and write the interpreter's cells directly).
 * - Exceptions: `TagInstance` (a tag, matched by identity) and `ExceptionInstance` (what wasm
 *   throws; it propagates out of `invoke` as a JS exception when nothing catches it, and a host
 *   function may throw one into wasm; `createException` makes one). Nothing else a host
 *   function throws is catchable by wasm.
 * - `MemoryBudget`: memories and tables can draw their bytes from one (`InstantiateOptions`).
 * - For another execution tier (`@microwasm/aot`) over the same store: `CompiledModule`'s
 *   `functionFactory`, `createTierFunction`, `createInterpretedFunction`, `reserveCallSlots`,
 *   `callOnStack` (tier.ts); `executeSimd`, `createLaneViews` and `simdImmediates`:
 *   the AOT tier runs the SIMD ops it does not inline with the interpreter's own code, on its
 *   scratch cells.
 * - `disassemble(compiled.functions[i])` → text: a compiled function's internal code, one
 *   instruction per line (`disassembleModule` for all of them); for performance work.
 */

export { type CompiledModule, compileModule } from "./compile-module.js";
export type { CompiledFunction } from "./compiled-function.js";
export { disassemble, disassembleModule } from "./disassemble.js";
export { createException, ExceptionInstance } from "./exception-instance.js";
export { defaultExecStack, ExecStack, type ExecStackOptions, type ExecutionLimits } from "./exec-stack.js";
export type { ExternalValue } from "./external-value.js";
export {
  createHostFunction,
  createRawHostFunction,
  FunctionInstance,
  type HostFunction,
  type RawHostFunction,
} from "./function-instance.js";
export { GlobalInstance } from "./global-instance.js";
export type { InstanceContext } from "./instance-context.js";
export { type InstantiateOptions, instantiateModule, type ModuleInstance } from "./instantiate.js";
export { invoke } from "./invoke.js";
export type { MemoryBudget } from "./memory-budget.js";
export { MemoryInstance } from "./memory-instance.js";
/** For the AOT tier: one SIMD instruction of internal code over any lane views. */
export { executeSimd } from "./simd/execute-simd.js";
/** For the AOT tier: typed views of the scratch cells it hands `executeSimd`. */
export { createLaneViews, type LaneViews } from "./simd/lane-views.js";
/** For the AOT tier: the immediates a SIMD op keeps in internal code. */
export { simdImmediates } from "./simd/simd-code.js";
export { TableInstance } from "./table-instance.js";
export { TagInstance } from "./tag-instance.js";
export {
  callDepth,
  callOnStack,
  checkTerminate,
  createInterpretedFunction,
  createTierFunction,
  type FunctionFactory,
  frameOverheadCells,
  isMetered,
  maxCallDepth,
  reserveCallSlots,
} from "./tier.js";
export type { ExternValue, Reference, Value } from "./values.js";
