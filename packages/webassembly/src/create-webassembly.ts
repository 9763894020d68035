import type { EngineChoice } from "@microwasm/engine";
import { CompileError, LinkError, RuntimeError } from "./errors.js";
import { Global } from "./global.js";
import { Instance } from "./instance.js";
import { Memory } from "./memory.js";
import { Module, setModuleEngine } from "./module.js";
import { namespaceFunctions, validate } from "./namespace.js";
import { Table } from "./table.js";

export interface WebAssemblyOptions {
  /**
   * The tier that runs the modules this namespace compiles: "interpreter", "aot" (JavaScript
   * generated per function on its first call) or "auto" (default: AOT where the host allows code
   * generation from strings, else the interpreter).
   */
  readonly engine?: EngineChoice;
}

/**
 * A `WebAssembly` namespace whose `Module`, `compile` and `instantiate` use the chosen tier.
 * Every other class is shared, so instances made by different namespaces link to each other.
 */
export function createWebAssembly(options: WebAssemblyOptions = {}) {
  class EngineModule extends Module {}
  Object.defineProperty(EngineModule, "name", { value: "Module" });
  setModuleEngine(EngineModule, options.engine ?? "auto");
  return Object.freeze({
    Module: EngineModule as typeof Module,
    Instance,
    Memory,
    Table,
    Global,
    CompileError,
    LinkError,
    RuntimeError,
    validate,
    ...namespaceFunctions(EngineModule),
    [Symbol.toStringTag]: "WebAssembly",
  });
}
