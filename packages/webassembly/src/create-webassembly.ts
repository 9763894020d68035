import type { Features } from "@microwasm/core";
import { type AotTier, type EngineChoice, MissingAotTierError } from "@microwasm/engine";
import { CompileError, LinkError, RuntimeError } from "./errors.js";
import { Exception } from "./exception.js";
import { Global } from "./global.js";
import { Instance } from "./instance.js";
import { Memory } from "./memory.js";
import { type CompileSettings, compileSettingsOf, type Module } from "./module.js";
import { compile, compileStreaming, instantiate, instantiateStreaming, validate } from "./namespace.js";
import { Table } from "./table.js";
import { JSTag, Tag } from "./tag.js";
import type { BufferSource } from "./webidl.js";

export interface WebAssemblyOptions {
  /**
   * The tier that runs the modules this namespace compiles: "interpreter", "aot" (JavaScript
   * generated per function on its first call) or "auto" (default: AOT where the host allows code
   * generation from strings, else the interpreter).
   */
  readonly engine?: EngineChoice;
  /**
   * The features modules may use (default: WebAssembly 3.0 with threads, `wasm3Features`);
   * e.g. `wasm2Features` to accept exactly what a WebAssembly 2.0 engine accepts.
   */
  readonly features?: Features;
  /**
   * The AOT tier (`aotTier`). `@microwasm/webassembly` passes it; `@microwasm/webassembly/interpreter`
   * does not, and there "auto" is the interpreter and "aot" a TypeError.
   */
  readonly aot?: AotTier;
}

/** A `Module` subclass of `parent` that compiles with `settings`; `length` 1 like the standard's. */
export function moduleClassWith(parent: typeof Module, settings: CompileSettings): typeof Module {
  return class Module extends parent {
    static override [compileSettingsOf](): CompileSettings {
      return settings;
    }
    // biome-ignore lint/complexity/noUselessConstructor: gives the class the standard's `length` of 1.
    constructor(bytes: BufferSource) {
      super(bytes);
    }
  };
}

/**
 * The `WebAssembly` namespace of a `Module` class: its `validate`, `compile` and `instantiate`
 * use that class (and stay bound when taken off it); the other classes are shared by every
 * namespace, so an instance, memory, table or global of one is usable with any other.
 */
export function namespaceOf(ModuleClass: typeof Module) {
  const self = { Module: ModuleClass };
  return Object.freeze({
    Module: ModuleClass,
    Instance,
    Memory,
    Table,
    Global,
    Tag,
    Exception,
    JSTag,
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

/** The namespace `createWebAssembly(options)` returns. */
export type WebAssemblyNamespace = ReturnType<typeof namespaceOf>;

/**
 * A `WebAssembly` namespace whose modules use the chosen tier and accept the given features.
 * Its `Module` is a subclass of `parent` (the entry point's `Module`), so `instanceof` the
 * entry's `WebAssembly.Module` holds for the modules of every namespace it made.
 */
export function configuredNamespace(
  parent: typeof Module,
  options: WebAssemblyOptions,
): WebAssemblyNamespace {
  const inherited = parent[compileSettingsOf]();
  const aot = options.aot ?? inherited.aot;
  if (options.engine === "aot" && aot === undefined) throw new MissingAotTierError('engine "aot"');
  const settings: CompileSettings = {
    features: options.features ?? inherited.features,
    engine: options.engine ?? "auto",
    ...(aot === undefined ? {} : { aot }),
  };
  return namespaceOf(moduleClassWith(parent, settings));
}
