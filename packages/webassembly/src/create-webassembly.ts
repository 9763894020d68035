import type { Features } from "@microwasm/core";
import { CompileError, LinkError, RuntimeError } from "./errors.js";
import { Global } from "./global.js";
import { Instance } from "./instance.js";
import { Memory } from "./memory.js";
import { Module, setModuleFeatures } from "./module.js";
import { compile, compileStreaming, instantiate, instantiateStreaming, validate } from "./namespace.js";
import { Table } from "./table.js";

export interface WebAssemblyOptions {
  /**
   * The features modules may use (default: WebAssembly 3.0 with threads, `wasm3Features`);
   * e.g. `wasm2Features` to accept exactly what a WebAssembly 2.0 engine accepts.
   */
  readonly features?: Features;
}

/**
 * A `WebAssembly` namespace whose `Module`, `validate`, `compile` and `instantiate` accept the
 * given features (its functions stay bound when taken off it). Its `Module` is a subclass of
 * the default one, and its other classes are shared with it: an instance, memory, table or
 * global of one namespace is usable with any other.
 */
export function createWebAssembly(options: WebAssemblyOptions = {}) {
  const ConfiguredModule = class Module_ extends Module {};
  Object.defineProperty(ConfiguredModule, "name", { value: "Module" });
  if (options.features !== undefined) setModuleFeatures(ConfiguredModule, options.features);
  const self = { Module: ConfiguredModule };
  return Object.freeze({
    Module: ConfiguredModule as typeof Module,
    Instance,
    Memory,
    Table,
    Global,
    CompileError,
    LinkError,
    RuntimeError,
    validate: (bytes: Parameters<typeof validate>[0]) => validate.call(self, bytes),
    compile: (bytes: Parameters<typeof compile>[0]) => compile.call(self, bytes),
    instantiate: ((source: Parameters<typeof compile>[0] | Module, importObject?: object) =>
      instantiate.call(self, source as Module, importObject)) as typeof instantiate,
    compileStreaming: (source: Parameters<typeof compileStreaming>[0]) => compileStreaming.call(self, source),
    instantiateStreaming: (source: Parameters<typeof instantiateStreaming>[0], importObject?: object) =>
      instantiateStreaming.call(self, source, importObject),
    [Symbol.toStringTag]: "WebAssembly",
  });
}
