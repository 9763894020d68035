import {
  ExternalKind,
  type GlobalType,
  type Import,
  LinkError,
  type Module as ModuleShape,
  ValType,
} from "@microwasm/core";
import {
  type ExternalValue,
  FunctionInstance,
  GlobalInstance,
  instantiateModule,
  MemoryInstance,
  TableInstance,
  TagInstance,
} from "@microwasm/interpreter";
import { exportedFunction, functionInstanceOf, hostFunction, toWasmValue } from "./boundary.js";
import { globalInstanceOf, wrapGlobal } from "./global.js";
import { memoryInstanceOf, wrapMemory } from "./memory.js";
import { compiledOf, type Module } from "./module.js";
import { tableInstanceOf, wrapTable } from "./table.js";
import { tagInstanceOf, wrapTag } from "./tag.js";
import { isObject } from "./webidl.js";

export type Imports = Record<string, Record<string, unknown>>;
export type Exports = Record<string, unknown>;

const instanceExports = new WeakMap<object, Exports>();

/** `WebAssembly.Instance`: a module instantiated with imports; `exports` is frozen. */
export class Instance {
  constructor(module: Module, importObject?: object) {
    const compiled = compiledOf(module);
    if (importObject !== undefined && !isObject(importObject)) {
      throw new TypeError("second argument must be an object");
    }
    const imports = resolveImports(compiled.module, importObject);
    const instance = instantiateModule(compiled, imports);
    const exportIndex = new Map(compiled.module.exports.map((e) => [e.name, e.index]));
    const exports: Exports = Object.create(null);
    for (const [name, value] of instance.exports) exports[name] = toExport(value, exportIndex.get(name));
    instanceExports.set(this, Object.freeze(exports));
  }

  get exports(): Exports {
    const exports = instanceExports.get(this);
    if (!exports) throw new TypeError("receiver is not a WebAssembly.Instance");
    return exports;
  }

  get [Symbol.toStringTag](): string {
    return "WebAssembly.Instance";
  }
}

function toExport(value: ExternalValue, index: number | undefined): unknown {
  if (value instanceof FunctionInstance) return exportedFunction(value, index);
  if (value instanceof MemoryInstance) return wrapMemory(value);
  if (value instanceof TableInstance) return wrapTable(value);
  if (value instanceof TagInstance) return wrapTag(value);
  return wrapGlobal(value);
}

/**
 * Reads every import from `importObject` in order and checks its kind, as the JS API's
 * "read the imports" does: a TypeError when `importObject[module]` is not an object, a
 * LinkError when the value is missing ("unknown import") or of the wrong kind ("incompatible
 * import type"). Type checks of functions, tables, memories and globals are the
 * interpreter's, at instantiation.
 */
export function resolveImports(module: ModuleShape, importObject: object | undefined): ExternalValue[] {
  if (module.imports.length > 0 && importObject === undefined) {
    throw new TypeError("imports argument must be present and must be an object");
  }
  const source = importObject as Imports;
  return module.imports.map((imp) => {
    const namespace: unknown = source[imp.module];
    if (!isObject(namespace)) throw new TypeError(`import module "${imp.module}" must be an object`);
    const value = (namespace as Record<string, unknown>)[imp.name];
    if (value === undefined) throw new LinkError("unknown import", `${describe(imp)} is not provided`);
    return resolveImport(module, imp, value);
  });
}

function resolveImport(module: ModuleShape, imp: Import, value: unknown): ExternalValue {
  const { desc } = imp;
  switch (desc.kind) {
    case ExternalKind.func: {
      if (typeof value !== "function") throw incompatible(imp, "a function");
      const fn = functionInstanceOf(value);
      if (fn) return fn;
      const type = module.types[desc.typeIndex];
      if (!type) throw new LinkError("incompatible import type", `${describe(imp)} has an unknown type`);
      return hostFunction(value as (...args: unknown[]) => unknown, type, `${imp.module}.${imp.name}`);
    }
    case ExternalKind.table:
      return tableInstanceOf(value) ?? throwError(incompatible(imp, "a WebAssembly.Table"));
    case ExternalKind.memory:
      return memoryInstanceOf(value) ?? throwError(incompatible(imp, "a WebAssembly.Memory"));
    case ExternalKind.global:
      return globalInstanceOf(value) ?? globalFromValue(imp, desc.type, value);
    case ExternalKind.tag:
      return tagInstanceOf(value) ?? throwError(incompatible(imp, "a WebAssembly.Tag"));
  }
}

/** A JS value imported as an immutable global (Number or BigInt per the JS API; any value for references). */
function globalFromValue(imp: Import, type: GlobalType, value: unknown): GlobalInstance {
  // The checks in the JS API's order: kind of value, conversion, then mutability.
  const t = type.type;
  if (t === ValType.i64) {
    if (typeof value !== "bigint") throw incompatible(imp, "a BigInt or WebAssembly.Global");
  } else if (t === ValType.i32 || t === ValType.f32 || t === ValType.f64) {
    if (typeof value !== "number") throw incompatible(imp, "a Number or WebAssembly.Global");
  } else if (t === ValType.v128) {
    throw incompatible(imp, "a WebAssembly.Global (v128 values cannot come from JS)");
  }
  const converted = toWasmValue(value, t);
  if (type.mutable) throw incompatible(imp, "a WebAssembly.Global (the import is mutable)");
  return new GlobalInstance({ type: t, mutable: false }, converted);
}

function describe(imp: Import): string {
  return `import "${imp.module}"."${imp.name}"`;
}

function incompatible(imp: Import, wanted: string): LinkError {
  return new LinkError("incompatible import type", `${describe(imp)} must be ${wanted}`);
}

function throwError(error: Error): never {
  throw error;
}
