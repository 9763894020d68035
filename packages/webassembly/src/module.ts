import { externalKindNames, type Features, wasm3Features } from "@microwasm/core";
import { type AotTier, compileWasm, type EngineChoice } from "@microwasm/engine";
import type { CompiledModule } from "@microwasm/interpreter";
import { type BufferSource, copyBufferSource } from "./webidl.js";

/**
 * How a `Module` class compiles: the features it accepts and the tier that runs its code (with
 * the AOT tier itself where the class may use it: the engine does not import it).
 */
export interface CompileSettings {
  readonly features: Features;
  readonly engine: EngineChoice;
  readonly aot?: AotTier;
}

/** `Module` itself: every feature of WebAssembly 3.0 with threads, in the interpreter. */
export const interpreterSettings: CompileSettings = { features: wasm3Features, engine: "interpreter" };

/**
 * The static method through which a `Module` class says how it compiles: subclasses made by an
 * entry point or by `createWebAssembly` override it. Symbol-keyed, so the JS API's classes show
 * no member the standard lacks.
 */
export const compileSettingsOf: unique symbol = Symbol("microwasm.compileSettings");

export type ImportExportKind = "function" | "table" | "memory" | "global" | "tag";

export interface ModuleImportDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: ImportExportKind;
}

export interface ModuleExportDescriptor {
  readonly name: string;
  readonly kind: ImportExportKind;
}

/** The engine's pipeline with a class's settings: malformed or invalid → CompileError. */
function compileBytes(bytes: Uint8Array, settings: CompileSettings): CompiledModule {
  return compileWasm(bytes, {
    features: settings.features,
    engine: settings.engine,
    ...(settings.aot === undefined ? {} : { aot: settings.aot }),
  });
}

const compiledModules = new WeakMap<object, CompiledModule>();

/** `WebAssembly.Module`: a compiled, stateless module, instantiable any number of times. */
export class Module {
  /** @internal How this class compiles (see `compileSettingsOf`). */
  static [compileSettingsOf](): CompileSettings {
    return interpreterSettings;
  }

  constructor(bytes: BufferSource) {
    const settings = (new.target as typeof Module)[compileSettingsOf]();
    compiledModules.set(this, compileBytes(copyBufferSource(bytes), settings));
  }

  static imports(module: Module): ModuleImportDescriptor[] {
    return compiledOf(module).module.imports.map((i) => ({
      module: i.module,
      name: i.name,
      kind: externalKindNames[i.desc.kind],
    }));
  }

  static exports(module: Module): ModuleExportDescriptor[] {
    return compiledOf(module).module.exports.map((e) => ({ name: e.name, kind: externalKindNames[e.kind] }));
  }

  /** Copies of the contents of the custom sections called `sectionName`, in order. */
  static customSections(module: Module, sectionName: string): ArrayBuffer[] {
    const compiled = compiledOf(module);
    if (sectionName === undefined) throw new TypeError("customSections needs a section name");
    const name = String(sectionName);
    return compiled.module.customSections
      .filter((s) => s.name === name)
      .map((s) => s.bytes.slice().buffer as ArrayBuffer);
  }

  get [Symbol.toStringTag](): string {
    return "WebAssembly.Module";
  }
}

/** The compiled module behind a `Module`; TypeError for any other value. */
export function compiledOf(value: unknown): CompiledModule {
  const compiled = compiledModuleOf(value);
  if (!compiled) throw new TypeError("argument must be a WebAssembly.Module");
  return compiled;
}

export function compiledModuleOf(value: unknown): CompiledModule | undefined {
  return typeof value === "object" && value !== null ? compiledModules.get(value) : undefined;
}
