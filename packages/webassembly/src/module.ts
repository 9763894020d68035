import { externalKindNames, type Features, wasm3Features } from "@microwasm/core";
import { compileWasm } from "@microwasm/engine";
import type { CompiledModule } from "@microwasm/interpreter";
import { type BufferSource, copyBufferSource } from "./webidl.js";

/** The features the JS API engine accepts by default: WebAssembly 3.0 with threads. */
export const features: Features = wasm3Features;

/** Features of `Module` subclasses made by `createWebAssembly` (`Module` itself: `features`). */
const featuresByClass = new WeakMap<object, Features>();

/** Makes `moduleClass` (a subclass of `Module`) compile with `classFeatures`. */
export function setModuleFeatures(moduleClass: object, classFeatures: Features): void {
  featuresByClass.set(moduleClass, classFeatures);
}

/** The features a `Module` class compiles with. */
export function moduleFeatures(moduleClass: object): Features {
  return featuresByClass.get(moduleClass) ?? features;
}

export type ImportExportKind = "function" | "table" | "memory" | "global";

export interface ModuleImportDescriptor {
  readonly module: string;
  readonly name: string;
  readonly kind: ImportExportKind;
}

export interface ModuleExportDescriptor {
  readonly name: string;
  readonly kind: ImportExportKind;
}

/** The engine's pipeline with the JS API's features: malformed or invalid → CompileError. */
export function compileBytes(bytes: Uint8Array, withFeatures: Features = features): CompiledModule {
  return compileWasm(bytes, { features: withFeatures });
}

const compiledModules = new WeakMap<object, CompiledModule>();

/** `WebAssembly.Module`: a compiled, stateless module, instantiable any number of times. */
export class Module {
  constructor(bytes: BufferSource) {
    compiledModules.set(this, compileBytes(copyBufferSource(bytes), moduleFeatures(new.target)));
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
