/**
 * @microwasm/webassembly/interpreter: the standard WebAssembly JS API with the interpreter
 * alone, for bundles that must stay small (engines without a JIT gain nothing from the AOT
 * tier). The same exports as `@microwasm/webassembly`, except `aotTier`:
 *
 * - `WebAssembly`, `Module`, `validate`, `compile`, `instantiate`, ...: modules run in the
 *   interpreter.
 * - `createWebAssembly({ engine, features, aot })`: without `aot`, "auto" is the interpreter and
 *   "aot" a TypeError; with `aot: aotTier` (from `@microwasm/aot` or `@microwasm/webassembly`),
 *   the same namespaces as the main entry's.
 */
import {
  configuredNamespace,
  namespaceOf,
  type WebAssemblyNamespace,
  type WebAssemblyOptions,
} from "./create-webassembly.js";
import { Module } from "./module.js";

export { Module } from "./module.js";
export { compile, compileStreaming, instantiate, instantiateStreaming, validate } from "./namespace.js";
export * from "./shared-exports.js";

export const WebAssembly = namespaceOf(Module);

/** A namespace with its own tier and features; its `Module` is a subclass of this entry's. */
export function createWebAssembly(options: WebAssemblyOptions = {}): WebAssemblyNamespace {
  return configuredNamespace(Module, options);
}
