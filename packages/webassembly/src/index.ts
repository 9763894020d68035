/**
 * @microwasm/webassembly: the standard WebAssembly JS API over microwasm, for JS engines
 * without WebAssembly (or to run modules under microwasm's limits and diagnostics).
 *
 * - `WebAssembly`: the namespace object (`Module`, `Instance`, `Memory`, `Table`, `Global`,
 *   `validate`, `compile`, `instantiate`, `compileStreaming`, `instantiateStreaming`,
 *   `CompileError`, `LinkError`, `RuntimeError`), usable wherever `globalThis.WebAssembly` is.
 * - The same classes and functions as named exports.
 * - `createWebAssembly({ features })`: a namespace accepting other features than the default
 *   (WebAssembly 3.0 with threads), e.g. `wasm2Features`.
 * - `invokeRaw(fn, args)`: a microwasm extension that calls an exported function with v128
 *   values as 16-byte Uint8Arrays (the JS API throws a TypeError for those).
 *
 * Errors: `CompileError` (malformed or invalid module), `LinkError` (import missing or of the
 * wrong kind or type), `RuntimeError` (a trap), `TypeError` / `RangeError` where the JS API
 * says. `instanceof` holds for the errors any microwasm layer throws.
 */
import { CompileError, LinkError, RuntimeError } from "./errors.js";
import { Global } from "./global.js";
import { Instance } from "./instance.js";
import { Memory } from "./memory.js";
import { Module } from "./module.js";
import { compile, compileStreaming, instantiate, instantiateStreaming, validate } from "./namespace.js";
import { Table } from "./table.js";

export type { ValueTypeName } from "./boundary.js";
export { createWebAssembly, type WebAssemblyOptions } from "./create-webassembly.js";
export { CompileError, LinkError, RuntimeError } from "./errors.js";
export { Global, type GlobalDescriptor } from "./global.js";
export { type Exports, type Imports, Instance } from "./instance.js";
export { invokeRaw } from "./invoke-raw.js";
export { Memory, type MemoryDescriptor } from "./memory.js";
export {
  type ImportExportKind,
  Module,
  type ModuleExportDescriptor,
  type ModuleImportDescriptor,
} from "./module.js";
export {
  compile,
  compileStreaming,
  instantiate,
  instantiateStreaming,
  type ResponseLike,
  validate,
  type WebAssemblyInstantiatedSource,
} from "./namespace.js";
export { Table, type TableDescriptor, type TableKind } from "./table.js";
export type { BufferSource } from "./webidl.js";

export const WebAssembly = Object.freeze({
  Module,
  Instance,
  Memory,
  Table,
  Global,
  CompileError,
  LinkError,
  RuntimeError,
  validate,
  compile,
  instantiate,
  compileStreaming,
  instantiateStreaming,
  [Symbol.toStringTag]: "WebAssembly",
});
