/**
 * @microwasm/webassembly: the standard WebAssembly JS API over microwasm, for JS engines
 * without WebAssembly (or to run modules under microwasm's limits and diagnostics).
 *
 * - `WebAssembly`: the namespace object (`Module`, `Instance`, `Memory`, `Table`, `Global`,
 *   `Tag`, `Exception`, `JSTag`, `validate`, `compile`, `instantiate`, `compileStreaming`,
 *   `instantiateStreaming`, `CompileError`, `LinkError`, `RuntimeError`), usable wherever `globalThis.WebAssembly` is.
 * - The same classes and functions as named exports.
 * - `createWebAssembly({ engine, features })`: a namespace whose modules run in the chosen tier
 *   ("interpreter", "aot", or "auto": the AOT tier where the host allows code generation, else
 *   the interpreter) and accept the given features (default WebAssembly 3.0 with threads, e.g.
 *   `wasm2Features` to accept exactly what a 2.0 engine does). `WebAssembly` is "auto" with
 *   the default features.
 * - `aotTier`: the AOT tier itself (from `@microwasm/aot`).
 *
 * `@microwasm/webassembly/interpreter` is the same API without the AOT tier (a bundle that uses
 * it carries none of the tier's code): there `WebAssembly` runs modules in the interpreter, and
 * `createWebAssembly({ engine: "auto", aot: aotTier })` adds the tier back.
 * - `invokeRaw(fn, args)`: a microwasm extension that calls an exported function with v128
 *   values as 16-byte Uint8Arrays (the JS API throws a TypeError for those).
 *
 * Errors: `CompileError` (malformed or invalid module), `LinkError` (import missing or of the
 * wrong kind or type), `RuntimeError` (a trap), `TypeError` / `RangeError` where the JS API
 * says. `instanceof` holds for the errors any microwasm layer throws.
 */

import { aotTier } from "@microwasm/aot";
import { wasm3Features } from "@microwasm/core";
import {
  configuredNamespace,
  moduleClassWith,
  namespaceOf,
  type WebAssemblyNamespace,
  type WebAssemblyOptions,
} from "./create-webassembly.js";
import { Module as InterpreterModule } from "./module.js";

export * from "./shared-exports.js";
export { aotTier };

/** `WebAssembly.Module`: compiled for the AOT tier where the host allows code generation. */
export const Module = moduleClassWith(InterpreterModule, {
  features: wasm3Features,
  engine: "auto",
  aot: aotTier,
});
export type Module = InterpreterModule;

export const WebAssembly = namespaceOf(Module);
export const { validate, compile, instantiate, compileStreaming, instantiateStreaming } = WebAssembly;

/** A namespace with its own tier and features; its `Module` is a subclass of this entry's. */
export function createWebAssembly(options: WebAssemblyOptions = {}): WebAssemblyNamespace {
  return configuredNamespace(Module, options);
}
